"""The fuzz harness of docs/RELIABILITY.md, S1: mutated wire-format answers fed into the engine's response handling.

Seeds are the answers of the in-memory signed example. (tests/checker/engine/signed.py: their
signatures validate here) and those the DNS lab's own server gives to the queries the walker sends
(apex DNSKEY/SOA/NS/NSEC3PARAM, CDS/CDNSKEY/MX, the NXDOMAIN probe, DS and referrals at the
parent, name-server addresses), for zones signed with NSEC and with NSEC3.  They are mutated field
by field (fuzz_mutations.py).  `feed()` parses a mutated answer as the transport does, then puts it
in every place of an in-memory walk and runs the walker's referral reading, the chain of trust,
groups A/B/C/J and group I, the multi-record rows of group G and the behaviour probes over it, and
renders every finding in both languages.  Used by tests/checker/engine/test_fuzz.py (5,000 inputs)
and bench/fuzz_engine.py (100,000).
"""

from __future__ import annotations

import copy
import dataclasses
import time

import dns.flags
import dns.message
import dns.name
import dns.rdatatype

from checker.engine.cds import cds_findings
from checker.engine.chain import ChainValidator
from checker.engine.denialchecks import denial_findings
from checker.engine.probes import probe_findings
from checker.engine.transport import Answer, _Parsed
from checker.engine.validator import Memo, Verifier
from checker.engine.walker import Walk, Walker, ZoneData, referral_cut
from checker.engine.zonechecks import zone_findings

from .signed import NOW, Hierarchy

SEED_ZONES = ("alg13.test.", "nsec3.test.", "nsec3-optout.test.", "unsigned.test.", "alg8.test.")
APEX_QUERIES = ("DNSKEY", "SOA", "NS", "NSEC3PARAM", "CDS", "CDNSKEY", "MX")
PROBE_KINDS = ("recursion", "axfr", "edns1", "option", "flag", "plain", "case", "cookie", "version", "no_do", "small")
QTYPES = [dns.rdatatype.from_text(t) for t in APEX_QUERIES] + [dns.rdatatype.A, dns.rdatatype.DS]


def lab_seeds(lab) -> list[bytes]:
    """Wire answers of the lab's server (no sockets: its `handle` is called directly)."""
    from checker.lab import LabServer

    server = LabServer(lab, 53)
    seeds = []

    def ask(address: str, name: str, rdtype: str) -> None:
        query = dns.message.make_query(name, rdtype, use_edns=0, payload=1232, want_dnssec=True)
        query.flags = 0
        for transport in ("udp", "tcp"):
            reply = server.handle(query.to_wire(), address, transport)
            if reply is not None and reply not in seeds:
                seeds.append(reply)

    tld = lab.servers["test."][0]
    for zone in SEED_ZONES:
        address = lab.servers[zone][0]
        for rdtype in APEX_QUERIES:
            ask(address, zone, rdtype)
        ask(address, "~nx-dnssec-check." + zone, "A")
        ask(address, "www." + zone, "A")
        ask(address, "ns1." + zone, "AAAA")
        ask(tld, zone, "DS")
        ask(tld, zone, "NS")
    return seeds


def hierarchy_seeds() -> list[bytes]:
    """Wire answers of the in-memory signed example. (signatures that validate in `feed`): a field
    changed in one of these reaches the validator's verdicts, not only its parsing."""
    lab = _template()
    server = Hierarchy.CHILD_SERVERS[0]
    answers = list(lab.child_data.apex[server].values()) + [lab.child_data.ds[Hierarchy.ROOT_SERVERS[0]]]
    return [answer.message.to_wire() for answer in answers]


_TEMPLATE: list[Hierarchy] = []


def _template() -> Hierarchy:
    if not _TEMPLATE:
        _TEMPLATE.append(Hierarchy())
    return _TEMPLATE[0]


def _fresh_hierarchy() -> Hierarchy:
    """A copy of the signed hierarchy that `feed` may fill (signing it anew took 60 % of each input's
    time).  The engine reads answers and never changes them, so they are shared; the dicts and sets
    that `feed` fills are copied."""
    template = _template()
    lab = copy.copy(template)
    lab.root_data = _copy_zone(template.root_data, None)
    lab.child_data = _copy_zone(template.child_data, lab.root_data)
    return lab


def _copy_zone(data: ZoneData, parent: ZoneData | None) -> ZoneData:
    changes = {}
    for item in dataclasses.fields(data):
        value = getattr(data, item.name)
        if isinstance(value, dict):
            changes[item.name] = {k: dict(v) if isinstance(v, dict) else v for k, v in value.items()}
        elif isinstance(value, set):
            changes[item.name] = set(value)
    return dataclasses.replace(data, parent=parent, **changes)


def parse(raw: bytes):
    try:
        return _Parsed().get(raw)
    except Exception:  # the transport turns any parse failure into a "malformed" answer
        return None


def delivered(message) -> bool:
    """What the transport checks before an answer reaches the engine (a response, one question),
    less the question's name and type: here one answer stands for every question."""
    return bool(message.flags & dns.flags.QR) and len(message.question) == 1


def feed(raw: bytes, qtype: int) -> tuple[str, float]:
    """Run the engine's response handling over one answer: how far it got (`malformed`: dnspython
    did not parse it; `refused`: the transport would not deliver it; `engine`) and the
    milliseconds of CPU it took (parsing included, copying the in-memory hierarchy not)."""
    lab = _fresh_hierarchy()
    started = time.thread_time()
    message = parse(raw)
    if message is None or not delivered(message):
        return "malformed" if message is None else "refused", (time.thread_time() - started) * 1000
    name = dns.name.from_text("example.")
    child = lab.child_data
    server, parent_server = Hierarchy.CHILD_SERVERS[0], Hierarchy.ROOT_SERVERS[0]

    def hostile(address, qname, rdtype, transport="udp"):
        return Answer(address, 53, transport, qname, rdtype, message=message, size=len(raw))

    child.apex[server][qtype if qtype in child.apex[server] else dns.rdatatype.SOA] = hostile(server, name, qtype)
    child.ds[parent_server] = hostile(parent_server, name, dns.rdatatype.DS)
    child.probe[server] = hostile(server, child.probe_name(), dns.rdatatype.A)
    child.tcp[server] = hostile(server, name, dns.rdatatype.SOA, "tcp")
    child.extra[server] = {
        t: hostile(server, name, t) for t in (dns.rdatatype.CDS, dns.rdatatype.CDNSKEY, dns.rdatatype.MX)
    }
    ns_name = dns.name.from_text("ns1.example.")
    child.delegated_ns = {ns_name}
    child.apex_ns = {ns_name}
    child.referrals = {parent_server: hostile(parent_server, name, dns.rdatatype.NS)}
    child.delegation_answers = dict(child.referrals)
    child.ns_lookups = {
        (ns_name, dns.rdatatype.A): hostile(server, ns_name, dns.rdatatype.A),
        (ns_name, dns.rdatatype.AAAA): hostile(server, ns_name, dns.rdatatype.AAAA),
    }
    child.probes[server] = {kind: hostile(server, name, dns.rdatatype.SOA) for kind in PROBE_KINDS}
    referral_cut(child.referrals[parent_server], dns.name.root, name)
    Walker._read_referral(None, ZoneData(name), child.referrals[parent_server])
    validator = ChainValidator(lab.anchors, NOW, Verifier(Memo()))
    root = validator.evaluate_zone(lab.root_data, None)
    zone = validator.evaluate_zone(child, root)
    target = dns.name.from_text("www.example.")
    walk = Walk(
        target,
        [lab.root_data, child],
        target_answers={
            server: {
                dns.rdatatype.A: hostile(server, target, dns.rdatatype.A),
                dns.rdatatype.DNSKEY: hostile(server, target, dns.rdatatype.DNSKEY),
            }
        },
        stop_answers={server: hostile(server, target, dns.rdatatype.NS)},
    )
    validator.evaluate_target(walk, zone)
    log = list(child.apex[server].values()) + [child.tcp[server]]
    findings = (
        validator.findings + zone_findings(walk, log, zone.signed, zone.entry_keys) + cds_findings(zone, validator)
    )
    findings += denial_findings(walk, True) + probe_findings(child, True)
    for finding in findings:
        finding.to_dict()
        finding.texts("ja"), finding.texts("en")
    return "engine", (time.thread_time() - started) * 1000
