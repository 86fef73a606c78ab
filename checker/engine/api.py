"""The engine's entry point: `check()` one name and get a `Report`.

    report = await check("example.jp", options=Options(), now=int(time.time()))

`now` is the reference time every signature is judged against; the engine
never reads the clock for that.  `on_event` is called with a small dict as
each server's answers for a zone are in ({"event": "server", ...}) and as each
zone of the chain is decided ({"event": "zone", ...}), so that a page can
show progress.  The `light` profile asks one server per zone (and the next,
up to `LIGHT_PROFILE_RETRIES`, when that one's answers make the zone bogus, as a
validator asks another server) and skips the TCP, probe and name-server address
queries; it uses the same validator, for measuring many domains.
"""

from __future__ import annotations

import asyncio
import ipaddress
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import dns.name

from . import anchors as anchor_config
from . import cds, checks, denialchecks, probes, zonechecks
from .addresses import AddressGuard
from .chain import ChainValidator, zone_summary
from .names import normalize
from .report import PROFILES, Finding, Report, merge_findings
from .transport import Limits, SharedCache, Transport
from .validator import MEMO, Memo, Verifier
from .walker import Walker

SHARED_CACHE = SharedCache()
LIGHT_PROFILE_RETRIES = 2  # servers of a bogus zone that a light check asks after the first


@dataclass
class Options:
    """Where and how a check asks: root hints, trust anchors, addresses allowed, limits, cache and rate."""

    root_hints: anchor_config.Hints | None = None  # None: the real root servers
    trust_anchors: anchor_config.Anchors | None = None  # None: the root KSKs
    allow_private: bool = False
    lab_range: ipaddress.IPv4Network | ipaddress.IPv6Network | None = None
    port: int = 53
    ipv6: bool = True
    limits: Limits = field(default_factory=Limits)
    cache: SharedCache | None = SHARED_CACHE  # None: nothing kept between checks
    memo: Memo = MEMO
    max_verifications_per_rrset: int = 8
    max_failed_verifications: int = 64
    # Turns to send to a server address: None, the process cap (transport.process_rate); else any object
    # with `async wait(server) -> ticket` (transport.Layered: a budget shared by several processes first).
    rate: object | None = None

    @classmethod
    def from_files(cls, root_hints: str | None = None, trust_anchors: list[str] | None = None, **kwargs) -> Options:
        hints = anchor_config.parse_hints(anchor_config.read_file(root_hints), root_hints) if root_hints else None
        anchors = None
        for path in trust_anchors or ():
            for owner, records in anchor_config.parse_anchors(anchor_config.read_file(path), path).items():
                anchors = anchors or {}
                anchors.setdefault(owner, []).extend(records)
        return cls(root_hints=hints, trust_anchors=anchors, **kwargs)

    def guard(self) -> AddressGuard:
        return AddressGuard(allow_private=self.allow_private or self.lab_range is not None, lab_range=self.lab_range)


def _verdict(results, walk, target_status: str) -> str:
    for zone in results:
        if zone.status != "secure":
            return zone.status
    if not walk.complete:
        return "indeterminate"
    return target_status


@dataclass
class _Validation:
    """What judging a walk gave: the results zone by zone and the verdict."""

    verifier: Verifier
    validator: ChainValidator
    results: list
    zone_times: dict[str, float]
    answers: list
    verdict: str


def _validate(walk, anchors, now: int, options: Options, on_event) -> _Validation:
    """The chain of `walk` judged zone by zone, then the checked name's own answers."""
    verifier = Verifier(options.memo, options.max_verifications_per_rrset, options.max_failed_verifications)
    validator = ChainValidator(anchors, now, verifier)
    results = []
    zone_times = {}
    parent = None
    for data in walk.chain:
        zone_started = time.perf_counter()
        result = validator.evaluate_zone(data, parent)
        zone_times[data.name.to_text()] = round((time.perf_counter() - zone_started) * 1000, 3)
        results.append(result)
        if on_event is not None:
            on_event({"event": "zone", "zone": data.name.to_text(), "status": result.status})
        parent = result
    target_status, answers = "secure", []
    if not walk.is_apex and walk.complete:
        target_status, answers = validator.evaluate_target(walk, results[-1])
    validator.grade_by_servers()
    return _Validation(verifier, validator, results, zone_times, answers, _verdict(results, walk, target_status))


def split_upstream(findings: list[Finding], zone: dns.name.Name | None) -> tuple[list[Finding], list[Finding]]:
    """The checked zone's findings, and those of its ancestors (their owners' business: they count
    neither for the checked name's errors nor for the exit status).  With `zone` None (the walk
    stopped above the name's zone) every zone reached is an ancestor.  `chain_bogus` stays: it is
    what the checked name suffers, wherever the chain broke."""
    own, upstream = [], []
    for finding in findings:
        if finding.zone is None or finding.id == "chain_bogus":
            own.append(finding)
            continue
        finding_zone = dns.name.from_text(finding.zone)
        if zone is None or (zone != finding_zone and zone.is_subdomain(finding_zone)):
            upstream.append(finding)
        else:
            own.append(finding)
    return own, upstream


async def check(
    domain: str | dns.name.Name,
    *,
    options: Options | None = None,
    now: int | float,
    on_event: Callable[[dict], None] | None = None,
    profile: str = "full",
) -> Report:
    """Check one name. Raises `names.InputError` for a name that cannot be checked."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}")
    options = options or Options()
    now = int(now)
    target = domain if isinstance(domain, dns.name.Name) else normalize(domain)
    started = time.perf_counter()
    guard = options.guard()
    transport = Transport(
        guard, options.limits, port=options.port, now=now, shared_cache=options.cache, rate=options.rate
    )
    hints = options.root_hints or anchor_config.builtin_hints(options.ipv6)
    anchors = options.trust_anchors or anchor_config.builtin_anchors()
    walker = Walker(transport, guard, hints, light=profile == "light", on_event=on_event)
    walk = await walker.walk(target)
    walked = time.perf_counter()

    validation = _validate(walk, anchors, now, options, on_event)
    verifications = validation.verifier.verifications
    for _ in range(LIGHT_PROFILE_RETRIES if profile == "light" else 0):
        # A validator whose answers from one server fail asks another (Unbound does); the light profile asked one
        # server a zone, so it asks the next before it calls the zone bogus, as the full profile's verdict reads.
        if validation.verdict != "bogus":
            break
        broken = next((zone for zone in validation.results if zone.status == "bogus"), None)
        if not await walker.ask_another_server(walk, broken.data if broken is not None else walk.zone):
            break
        validation = _validate(walk, anchors, now, options, on_event)
        verifications += validation.verifier.verifications
    verifier, validator, results = validation.verifier, validation.validator, validation.results
    verdict, zone_times, answers = validation.verdict, validation.zone_times, validation.answers
    name_exists = walk.name_exists()

    findings = list(walk.findings) + validator.findings
    if name_exists is False:
        # A state, not a fault: whether resolvers accept the NXDOMAIN is the verdict (its proof, G1-G3).
        findings.append(Finding("name_not_found", zone=walk.zone.name.to_text(), evidence={"name": target.to_text()}))
    if profile == "full":
        zone_result = results[-1]
        findings += zonechecks.zone_findings(
            walk, transport.log, zone_result.signed, zone_result.entry_keys, name_absent=name_exists is False
        )
        findings += cds.cds_findings(zone_result, validator)
        findings += denialchecks.denial_findings(walk, zone_result.signed)
        findings += probes.probe_findings(walk.zone, zone_result.signed)
    broken = next((zone for zone in results if zone.status == "bogus"), None)
    if verdict == "bogus":
        zone_name = broken.name.to_text() if broken else results[-1].name.to_text()
        reason = broken.reason if broken else "answer_bogus"
        causes = sorted({f.id for f in findings if f.severity == "CRIT"}) or sorted(
            {f.id for f in findings if f.severity == "ERR" and f.zone == zone_name}
        )
        findings.append(Finding("chain_bogus", zone=zone_name, evidence={"reason": reason, "causes": causes}))
    if transport.budget_exhausted or transport.deadline_passed:
        findings.append(
            Finding(
                "check_limits_reached",
                evidence={
                    "queries": transport.sent,
                    "max_queries": options.limits.max_queries,
                    "deadline_seconds": options.limits.deadline,
                    "deadline_passed": transport.deadline_passed,
                },
            )
        )
    budget = checks.budget_finding(verifier)
    if budget is not None:
        findings.append(budget)
    if not walk.complete:
        if walk.zone.name == dns.name.root:
            # Not one root server answered: that is the checker's own network, not the root.
            findings = [finding for finding in findings if finding.zone != "."]
        # About the check, not a zone: the zone where the walk stopped is in the evidence.
        findings.append(
            Finding("walk_incomplete", evidence={"zone": walk.zone.name.to_text(), "name": target.to_text()})
        )
    own, upstream = split_upstream(merge_findings(findings), walk.zone.name if walk.complete else None)

    report = Report(
        query=domain if isinstance(domain, str) else domain.to_text(),
        name=target.to_text(),
        profile=profile,
        now=now,
        verdict=verdict,
        zone=walk.zone.name.to_text() if walk.complete else None,
        is_apex=walk.is_apex if walk.complete else None,
        name_exists=name_exists,
        findings=own,
        upstream=upstream,
        chain=[zone_summary(result) for result in results],
        answers=answers,
        queries=transport.log_entries(),
        query_count=transport.sent,
        verifications=verifications,
        memo_hits=verifier.memo_hits,
        timings={
            "total_ms": round((time.perf_counter() - started) * 1000, 3),
            "walk_ms": round((walked - started) * 1000, 3),
            "validation_ms": zone_times,
        },
    )
    return report


def check_sync(domain, *, options: Options | None = None, now, on_event=None, profile: str = "full") -> Report:
    """`check()` for synchronous callers (Celery tasks, scripts).  Where this thread already runs
    an event loop (a synchronous API built on asyncio, such as Playwright's), the check runs on a
    loop of its own in a helper thread, since asyncio.run() refuses to nest."""
    return run_coroutine(check(domain, options=options, now=now, on_event=on_event, profile=profile))


def run_coroutine(coroutine):
    """asyncio.run(), or the same on a helper thread where this thread already runs a loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    import concurrent.futures  # only here: a command-line run never needs it

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def lookup(name: str | dns.name.Name, rdtype: int, *, options: Options | None = None, now: int | float):
    """The authoritative answer for one question, resolved iteratively from the root hints with the check's own
    walker, transport and address rules (lab names in lab mode); None when no server gave one.  For questions a
    check does not ask itself, such as a proof-of-control TXT record; nothing is validated here."""
    options = options or Options()
    target = name if isinstance(name, dns.name.Name) else normalize(name)
    guard = options.guard()
    transport = Transport(guard, options.limits, port=options.port, now=int(now), shared_cache=None)
    hints = options.root_hints or anchor_config.builtin_hints(options.ipv6)
    walker = Walker(transport, guard, hints)
    walker.known_zones[dns.name.root] = [
        address for _ns_name, addresses in hints for address in sorted(addresses) if guard.refusal(address) is None
    ]
    return await walker.iterate(target, rdtype)


def lookup_sync(name, rdtype, *, options: Options | None = None, now):
    return run_coroutine(lookup(name, rdtype, options=options, now=now))
