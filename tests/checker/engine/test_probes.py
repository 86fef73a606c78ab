"""The behaviour probes (group B rows that need queries of their own), against stub servers that
get each thing wrong, and the demo lab's correct server, which gets none wrong."""

import asyncio
import ipaddress
from collections import Counter
from types import SimpleNamespace

import dns.edns
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdatatype
import pytest

from checker import catalog
from checker.engine import Limits, check, probes
from checker.engine.probes import UNKNOWN_FLAG, probe_findings
from checker.engine.report import display_evidence
from checker.engine.transport import Answer
from checker.engine.validator import Memo
from checker.lab.stubs import (
    StubWorld,
    dnskey_do_breaks,
    gets_one_wrong,
    loses_large_dnskey,
    recursive,
    sloppy,
    transfers,
)
from tests import slots

from ..conftest import LAB_NOW

NOW = int(LAB_NOW.timestamp())
# A quarter of this process's /20 that neither the DNS lab nor test_hostile_servers.py uses.
NETWORK = ipaddress.ip_network(f"{slots.lab_network().network_address + 1024}/22")
PORT = slots.port_base() + 55
PROBES = (
    "open_recursion",
    "axfr_open",
    "do_bit_breaks_server",
    "edns_version_handling",
    "edns_unknown_option",
    "edns_unknown_flag",
    "gratuitous_opt",
    "pmtu_fragmentation",
    "qname_case_handling",
    "dns_cookie_misbehaviour",
    "version_disclosure",
)


# Servers that get one of the four probes asked together wrong, and what the check must say of them.
ONE_WRONG = {
    "option": ("edns_unknown_option", {"response": "option echoed"}),
    "option-formerr": ("edns_unknown_option", {"response": "FORMERR"}),
    "flag": ("edns_unknown_flag", {"response": "flag echoed"}),
    "case": ("qname_case_handling", {}),
    "cookie": ("dns_cookie_misbehaviour", {"response": "client cookie not echoed"}),
}


@pytest.fixture(scope="module")
def world():
    world = StubWorld(NETWORK, PORT, NOW)
    world.add("correct.")
    world.add("recursive.", behaviour=recursive)
    world.add("transfers.", behaviour=transfers)
    world.add("sloppy.", behaviour=sloppy)
    world.add("do-breaks.", behaviour=dnskey_do_breaks)
    world.add("fragments.", behaviour=loses_large_dnskey)
    for fault in ONE_WRONG:
        world.add(f"{fault}.", behaviour=gets_one_wrong(fault))
    with world.serve():
        yield world


def run(world, name):
    options = world.options(cache=None, memo=Memo(), limits=Limits(timeout=1.0, retries=1, deadline=30.0))
    report = asyncio.run(check(name, options=options, now=NOW))
    result = {}
    for finding in report.findings:
        if finding.zone == name:
            result.setdefault(finding.id, set()).add(finding.severity)
            shown = display_evidence(finding)
            assert not [n for n in catalog.get(finding.id).placeholders if shown.get(n) in (None, "", [])], finding
    return report, result


def test_a_correct_server_passes_every_probe(world):
    report, found = run(world, "correct.")
    assert not set(found) & set(PROBES), found
    # The stub root has no in-addr.arpa: the reverse lookup of each address ends there (A23).
    assert found["ns_reverse_dns"] == {"NOTE"}
    assert len([q for q in report.queries if q["qtype"] == "PTR"]) == 2


@pytest.mark.parametrize(
    "zone, finding_id, severity",
    [
        ("recursive.", "open_recursion", "ERR"),  # B6
        ("transfers.", "axfr_open", "NOTE"),  # B7
        ("do-breaks.", "do_bit_breaks_server", "ERR"),  # B9
        ("sloppy.", "edns_version_handling", "WARN"),  # B10
        ("sloppy.", "edns_unknown_option", "WARN"),  # B11
        ("sloppy.", "edns_unknown_flag", "WARN"),  # B12
        ("sloppy.", "gratuitous_opt", "WARN"),  # B13
        ("fragments.", "pmtu_fragmentation", "WARN"),  # B15
        ("sloppy.", "qname_case_handling", "WARN"),  # B18
        ("sloppy.", "dns_cookie_misbehaviour", "WARN"),  # B21
        ("sloppy.", "version_disclosure", "NOTE"),  # B23
    ],
)
def test_probe_finds_the_fault(world, zone, finding_id, severity):
    report, found = run(world, zone)
    assert severity in found.get(finding_id, set()), found


def _soa_queries_over_udp(report, zone: str) -> Counter:
    return Counter(
        q["server"]
        for q in report.queries
        if q["qtype"] == "SOA" and q["transport"] == "udp" and q["qname"].lower() == zone
    )


def test_probes_cost_six_queries_per_correct_server(world):
    report, _ = run(world, "correct.")
    probes = [q for q in report.queries if q["qname"] in ("dnssec-check-recursion.invalid.", "version.bind.")]
    assert len(probes) == 2 * 2  # two of the six probes per server ask other names; two servers
    # The walk's SOA, then the probes edns1, plain, and option, flag, case and cookie in one query.
    assert sorted(_soa_queries_over_udp(report, "correct.").values()) == [4, 4]


@pytest.mark.parametrize("fault", ONE_WRONG)
def test_a_fault_in_the_probes_asked_together_is_judged_alone(world, fault):
    """The one query that carries the four probes shows the fault; they are asked again one by
    one, and the server is charged with exactly the fault it has, with the same evidence."""
    report, _ = run(world, f"{fault}.")
    expected_id, expected_evidence = ONE_WRONG[fault]
    probe_rows = [f for f in report.findings if f.id in PROBES]
    assert [(f.id, f.severity, f.evidence) for f in probe_rows] == [(expected_id, "WARN", expected_evidence)]
    assert sorted(probe_rows[0].servers) == sorted(world.zones[dns.name.from_text(f"{fault}.")].nameservers.values())
    assert sorted(_soa_queries_over_udp(report, f"{fault}.").values()) == [8, 8]


def test_probes_the_query_budget_withheld_are_not_tested_not_failed(world):
    """Issue 13, item 5: a budget that runs out before the behaviour probes leaves them "not tested"
    (X4, INFO), never an EDNS or DNS Cookie WARN against servers that were never asked."""
    options = world.options(cache=None, memo=Memo(), limits=Limits(timeout=1.0, retries=1, max_queries=20))
    report = asyncio.run(check("correct.", options=options, now=NOW))
    assert report.verdict == "secure"  # the chain itself was fetched within the budget
    withheld = [q for q in report.queries if q["error"] == "budget"]
    assert {q["qtype"] for q in withheld} >= {"SOA", "AXFR"}
    own = {(f.id, f.severity) for f in report.findings}
    assert not own & {(probe, severity) for probe in PROBES for severity in catalog.SEVERITY_ORDER}
    assert ("check_limits_reached", "WARN") in own
    not_tested = [f for f in report.findings if f.id == "probe_not_tested"]
    assert [(f.severity, f.zone) for f in not_tested] == [("INFO", "correct.")]
    assert sorted(not_tested[0].servers) == sorted(world.zones[dns.name.from_text("correct.")].nameservers.values())
    assert not_tested[0].evidence == {
        "checks": sorted(set(PROBES) - {"do_bit_breaks_server", "pmtu_fragmentation"}),
        "reason": ["budget"],
    }


def _reply(name: dns.name.Name, rcode: int, ednsflags: int = 0) -> Answer:
    query = dns.message.make_query(name, dns.rdatatype.SOA, use_edns=0, ednsflags=ednsflags)
    message = dns.message.make_response(query)
    message.flags |= dns.flags.AA
    message.set_rcode(rcode)
    return Answer("127.0.0.2", 53, "udp", name, dns.rdatatype.SOA, message=message)


@pytest.mark.parametrize("rcode", [dns.rcode.NOERROR, dns.rcode.NXDOMAIN])
def test_an_unknown_edns_option_or_flag_that_changes_nothing_is_no_fault(rcode):
    """A server that does not hold the zone (ns-serves-parent-nx in the lab) answers its SOA with
    NXDOMAIN, and the EDNS probes too: that is B25, not B11 or B12; a probe whose RCODE differs
    from the plain query's is still a fault."""
    name = dns.name.from_text("sub.example.")
    soa = _reply(name, rcode)
    probes = {"option": _reply(name, rcode), "flag": _reply(name, rcode)}
    zone = SimpleNamespace(name=name, probes={"127.0.0.2": probes}, apex_answer=lambda server, qtype: soa)
    assert probe_findings(zone, True) == []
    probes["flag"] = _reply(name, dns.rcode.FORMERR, UNKNOWN_FLAG)
    probes["option"] = _reply(name, dns.rcode.SERVFAIL)
    found = {(f.id, f.evidence["response"]) for f in probe_findings(zone, True)}
    assert found == {("edns_unknown_flag", "FORMERR"), ("edns_unknown_option", "SERVFAIL")}


def _made_by_dnspython(name, rdtype, *, rdclass="IN", edns=0, do=True, payload=1232, options=(), ednsflags=0, rd=False):
    query = dns.message.make_query(
        name,
        rdtype,
        rdclass=rdclass,
        use_edns=edns if edns is not None else False,
        payload=payload,
        want_dnssec=do and edns is not None,
        options=list(options),
    )
    if edns is not None:
        query.ednsflags |= ednsflags
    if not rd:
        query.flags &= ~dns.flags.RD
    query.id = 0
    return query.to_wire()


def test_each_probe_is_sent_as_dnspython_would_write_it():
    zone = dns.name.from_text("probe.test.")
    mixed = dns.name.from_text("PrObE.TeSt.")
    option = dns.edns.GenericOption(65001, b"\x00\x01")
    cookie = dns.edns.CookieOption(bytes.fromhex("24a5ac2b7b1e5d53"), b"")
    expected = {
        "recursion": _made_by_dnspython("dnssec-check-recursion.invalid.", "SOA", rd=True),
        "axfr": _made_by_dnspython(zone, "AXFR", edns=None),
        "edns1": _made_by_dnspython(zone, "SOA", edns=1),
        "plain": _made_by_dnspython(zone, "SOA", edns=None),
        "version": _made_by_dnspython("version.bind.", "TXT", rdclass="CH", edns=None),
        "together": _made_by_dnspython(mixed, "SOA", options=(option, cookie), ednsflags=0x4000),
        "option": _made_by_dnspython(zone, "SOA", options=(option,)),
        "flag": _made_by_dnspython(zone, "SOA", ednsflags=0x4000),
        "case": _made_by_dnspython(mixed, "SOA"),
        "cookie": _made_by_dnspython(zone, "SOA", options=(cookie,)),
    }
    made = probes._probes(zone)
    assert {kind: probe.wire for kind, probe in made.items()} == expected
    assert [kind for kind, probe in made.items() if probe.tcp] == ["axfr"]
    assert made["together"].qname.labels == made["case"].qname.labels == mixed.labels
    assert probes._query(zone, dns.rdatatype.DNSKEY, do=False).wire == _made_by_dnspython(zone, "DNSKEY", do=False)
    assert probes._query(zone, dns.rdatatype.DNSKEY, payload=512).wire == _made_by_dnspython(
        zone, "DNSKEY", payload=512
    )
