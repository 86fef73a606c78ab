"""Hostile and broken servers (docs/RELIABILITY.md, R6 and S2): the project's Python stubs
serve a private signed root with one child zone per misbehaviour.  Each check ends with a
finding, never an exception or a hang; each query ends within 5 s and each check within its
deadline.  Assertions are on counts; times are generous bounds only."""

import asyncio
import ipaddress
import time

import pytest

from checker.engine import Limits, check
from checker.engine.cli import EXIT_INDETERMINATE, exit_status
from checker.engine.text import render_report
from checker.engine.transport import SharedCache
from checker.engine.validator import Memo
from checker.lab.stubs import (
    StubWorld,
    from_elsewhere,
    garbage,
    keytrap,
    online_signing,
    oversized,
    referring,
    silence,
    truncating,
)
from tests import slots

from ..conftest import LAB_NOW

NOW = int(LAB_NOW.timestamp())
# The upper half of this process's /20: the DNS lab of conftest.py uses the lower addresses.
NETWORK = ipaddress.ip_network(f"{slots.lab_network().network_address + 2048}/21")
PORT = slots.port_base() + 54
LIMITS = Limits(timeout=1.0, retries=1, deadline=30.0)
MAX_QUERY_MS = 5000


def _world() -> StubWorld:
    world = StubWorld(NETWORK, PORT, NOW)
    world.add("good.")
    world.add("silent.", behaviour=silence)
    world.add("garbage.", behaviour=garbage)
    world.add("oversized.", behaviour=oversized)
    elsewhere = world.add("elsewhere.", behaviour=from_elsewhere)
    for address in elsewhere.nameservers.values():
        world.spare[address] = world.address()
    world.add("tc-no-tcp.", behaviour=truncating, tcp=False)
    world.add("cname-loop.", records=["a 3600 IN CNAME b", "b 3600 IN CNAME c", "c 3600 IN CNAME a"])
    world.add("referral-loop.", behaviour=referring("referral-loop."))
    world.add("upward.", behaviour=referring("."))
    world.add("online.", servers=4, behaviour=online_signing)
    world.add("keytrap.", mutate=keytrap())
    world.add("nsec3-2500.", denial="nsec3", nsec3_iterations=2500)
    world.add("many-ns.", servers=500)
    return world


@pytest.fixture(scope="module")
def stubs():
    world = _world()
    with world.serve() as server:
        yield world, server


def run(world, name, **options):
    options.setdefault("limits", LIMITS)
    started = time.monotonic()
    report = asyncio.run(check(name, options=world.options(cache=SharedCache(), memo=Memo(), **options), now=NOW))
    elapsed = time.monotonic() - started
    assert elapsed < LIMITS.deadline + 10  # docs/RELIABILITY.md, R6: every check ends (generous bound)
    assert all(q["time_ms"] <= MAX_QUERY_MS for q in report.queries)  # each query within 5 s
    report.to_dict()  # serialisable
    for finding in report.findings + report.upstream:
        finding.texts("ja"), finding.texts("en")
    return report


def found(report, zone=None):
    result = {}
    for finding in report.findings:
        if zone is None or finding.zone == zone:
            result.setdefault(finding.id, set()).add(finding.severity)
    return result


def test_a_correct_stub_zone_is_secure_without_errors(stubs):
    world, _ = stubs
    report = run(world, "good.")
    assert report.verdict == "secure"
    assert not [(f.id, f.severity) for f in report.findings if f.severity in ("CRIT", "ERR")]


def test_silence(stubs):
    world, server = stubs
    report = run(world, "silent.")
    ids = found(report, "silent.")
    assert ids["udp_unresponsive"] == {"ERR"} and ids["tcp_unresponsive"] == {"ERR"}
    assert ids["no_working_nameserver"] == {"CRIT"}
    assert report.verdict == "indeterminate"
    # Every UDP question is asked twice (one retry), never more.
    silent = [q for q in report.queries if q["server"] in world.zones[_name("silent.")].nameservers.values()]
    udp = [q for q in silent if q["transport"] == "udp"]
    assert {q["error"] for q in udp} == {"timeout"}
    assert server.queries[(udp[0]["server"], "udp")] <= 2 * len(udp)


def test_a_silent_tld_is_upstream_and_leaves_the_name_indeterminate(stubs):
    """Issue 13, item 5: below a TLD whose servers never answer, the name's own zone is never
    reached: the verdict is indeterminate (exit 3), the check says it stopped and where, and the
    TLD's faults are the TLD's business (upstream), not CRIT findings of the name."""
    world, _ = stubs
    report = run(world, "example.silent.")
    assert report.verdict == "indeterminate"
    assert report.zone is None and report.is_apex is None
    assert [(f.id, f.severity, f.zone) for f in report.findings] == [("walk_incomplete", "WARN", None)]
    assert report.findings[0].evidence == {"zone": "silent.", "name": "example.silent."}
    upstream = {(f.id, f.severity, f.zone) for f in report.upstream}
    assert ("no_working_nameserver", "CRIT", "silent.") in upstream
    assert {f.zone for f in report.upstream} == {"silent."}
    assert exit_status([report]) == EXIT_INDETERMINATE
    for lang, apex_words in (("en", "not a zone apex"), ("ja", "ゾーン頂点ではない")):
        assert apex_words not in render_report(report, lang)


def test_malformed_answers(stubs):
    world, _ = stubs
    report = run(world, "garbage.")
    ids = found(report, "garbage.")
    assert ids["bad_response"] == {"ERR"} and ids["no_working_nameserver"] == {"CRIT"}
    assert any(q["error"] == "malformed" for q in report.queries)


def test_oversized_answers(stubs):
    world, _ = stubs
    report = run(world, "oversized.")
    ids = found(report, "oversized.")
    assert ids["bad_response"] == {"ERR"}
    assert any(q["size"] > 8000 for q in report.queries if q["transport"] == "udp")
    assert report.verdict == "secure"  # the answers themselves are correct


def test_answers_from_the_wrong_address(stubs):
    world, _ = stubs
    report = run(world, "elsewhere.")
    ids = found(report, "elsewhere.")
    assert ids["different_source_address"] == {"WARN"}
    assert ids["udp_unresponsive"] == {"ERR"}
    strays = [q for q in report.queries if q["error"] == "wrong_source"]
    assert strays and all(q["source"] in world.spare.values() for q in strays)


def test_truncation_with_tcp_refused(stubs):
    world, _ = stubs
    report = run(world, "tc-no-tcp.")
    ids = found(report, "tc-no-tcp.")
    assert ids["tc_and_tcp_broken"] == {"CRIT"} and ids["tcp_unresponsive"] == {"ERR"}


def test_cname_loop(stubs):
    world, _ = stubs
    report = run(world, "a.cname-loop.")
    ids = found(report)
    assert ids["cname_loop"] == {"ERR"}
    loop = next(f for f in report.findings if f.id == "cname_loop")
    assert loop.evidence["chain"] == ["a.cname-loop.", "b.cname-loop.", "c.cname-loop.", "a.cname-loop."]
    # The loop is followed once: one A query per name of the chain, per server at most.
    followed = [q for q in report.queries if q["qname"] in ("b.cname-loop.", "c.cname-loop.")]
    assert len(followed) <= 2


def test_referral_to_itself(stubs):
    world, _ = stubs
    report = run(world, "referral-loop.")
    ids = found(report, "referral-loop.")
    assert ids["lame_server"] == {"ERR"} and ids["no_working_nameserver"] == {"CRIT"}


def test_upward_referral(stubs):
    world, _ = stubs
    report = run(world, "upward.")
    ids = found(report, "upward.")
    assert ids["upward_referral"] == {"WARN"} and ids["lame_server"] == {"ERR"}


def test_a_delegation_with_500_name_servers(stubs):
    world, _ = stubs
    report = run(world, "many-ns.")
    ids = found(report)
    assert ids["check_limits_reached"] == {"WARN"}
    assert found(report, "many-ns.")["referral_too_large"] == {"WARN"}
    assert report.query_count <= LIMITS.max_queries
    assert len(report.chain[-1]["servers"]) == 500


def test_keytrap_zone_is_capped(stubs):  # docs/RELIABILITY.md, S2
    world, _ = stubs
    report = run(world, "keytrap.")
    assert found(report)["validation_budget_exceeded"] == {"WARN"}
    assert found(report, "keytrap.")["keytag_collision"] == {"NOTE"}
    # 2 servers: at most 8 verifications per RRset in one server's answer, 64 failures per check.
    keytrap_sigs = [s for z in report.chain if z["zone"] == "keytrap." for s in z["signatures"]]
    assert any(s["status"] == "budget" for s in keytrap_sigs)
    assert report.verifications <= 64 + 8 * len({(s["rrset"], tuple(s["servers"])) for s in keytrap_sigs}) + 40


def test_nsec3_iterations_above_150_are_reported_not_computed(stubs, monkeypatch):  # docs/RELIABILITY.md, S2
    world, _ = stubs
    from checker.engine import denial

    hashed = []
    original = denial._nsec3_hash
    monkeypatch.setattr(denial, "_nsec3_hash", lambda *a: hashed.append(a) or original(*a))
    report = run(world, "nsec3-2500.")
    ids = found(report, "nsec3-2500.")
    assert ids["nsec3_iterations_over_resolver_limit"] == {"CRIT"}
    assert report.chain[-1]["denial"]["iterations"] == 2500
    assert hashed == []  # the engine never hashed with 2,500 iterations (the stub server did)
    run(world, "good.")
    assert hashed == []  # NSEC zones need no hashing either


def test_online_signing_behind_four_addresses_never_trips_the_caps(stubs):  # docs/RELIABILITY.md, S2
    world, _ = stubs
    report = run(world, "online.")
    assert report.verdict == "secure"
    assert "validation_budget_exceeded" not in found(report)
    zone = next(z for z in report.chain if z["zone"] == "online.")
    assert len(zone["servers"]) == 4
    # Fresh signatures everywhere: nothing is remembered, every signature is verified once.
    online = [s for s in zone["signatures"]]
    assert all(s["status"] == "valid" for s in online)
    assert report.verifications >= len(online)


def _name(text):
    import dns.name

    return dns.name.from_text(text)
