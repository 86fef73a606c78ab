"""Probes of each server's behaviour (group B rows that need queries of their own).

Asked of every server of the checked zone in the full profile, one query each:

  recursion   RD=1 for a name under .invalid: an answer with RA set is open recursion (B6)
  axfr        AXFR over TCP: a zone transfer that starts is open to anyone (B7)
  edns1       EDNS version 1: must be answered BADVERS with version 0 (B10)
  option      an unassigned EDNS option: ignored, not echoed (B11)
  flag        an undefined EDNS header flag: ignored, not echoed (B12)
  plain       no EDNS at all: the reply must carry no OPT (B13)
  case        the apex with mixed letter case: the case is preserved (B18)
  cookie      a client cookie (RFC 7873): echoed exactly, or ignored (B21)
  version     CH TXT version.bind: software version disclosed (B23)

and, only when the server failed the walker's DNSKEY query: the same query without DO (B9)
and with a 512-octet EDNS size (B15).

The four SOA probes `option`, `flag`, `case` and `cookie` go first as one query that carries all
four (TOGETHER): a server that gets none of them wrong, as most do, costs one query instead of four.
A reply that shows any fault, or no reply, makes the check ask the four again one by one, so that
each row is judged, as before, on the query that tests it alone.
"""

from __future__ import annotations

import asyncio
import struct
from typing import NamedTuple

import dns.edns
import dns.flags
import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdatatype

from .report import Finding
from .transport import EDNS_PAYLOAD, LIMIT_ERRORS, Answer, Transport, query_wire

SOA, DNSKEY, TXT, AXFR = dns.rdatatype.SOA, dns.rdatatype.DNSKEY, dns.rdatatype.TXT, dns.rdatatype.AXFR
RECURSION_NAME = dns.name.from_text("dnssec-check-recursion.invalid.")
VERSION_NAME = dns.name.from_text("version.bind.")
UNKNOWN_OPTION = 65001  # local/experimental use (RFC 6891 §9): no server implements it
UNKNOWN_FLAG = 0x4000  # an undefined bit of the EDNS flags
CLIENT_COOKIE = bytes.fromhex("24a5ac2b7b1e5d53")
TOGETHER = ("option", "flag", "case", "cookie")
# The catalog row each probe tests; a probe the check's limits withheld tests nothing.
PROBE_ROWS = {
    "recursion": "open_recursion",
    "axfr": "axfr_open",
    "edns1": "edns_version_handling",
    "option": "edns_unknown_option",
    "flag": "edns_unknown_flag",
    "plain": "gratuitous_opt",
    "case": "qname_case_handling",
    "cookie": "dns_cookie_misbehaviour",
    "version": "version_disclosure",
    "no_do": "do_bit_breaks_server",
    "small": "pmtu_fragmentation",
}


class Probe(NamedTuple):
    qname: dns.name.Name
    qtype: int
    wire: bytes
    tcp: bool = False


def _query(
    name: dns.name.Name, rdtype: int, *, options: tuple[tuple[int, bytes], ...] = (), tcp: bool = False, **flags
) -> Probe:
    """A probe query; `options`: EDNS options as (code, data); `flags`: query_wire's."""
    wire = b"".join(struct.pack("!HH", code, len(data)) + data for code, data in options)
    return Probe(name, rdtype, query_wire(name, rdtype, options=wire, **flags), tcp)


def _mixed_case(name: dns.name.Name) -> dns.name.Name:
    labels = []
    for label in name.labels:
        labels.append(
            bytes(c ^ 0x20 if 0x61 <= (c | 0x20) <= 0x7A and index % 2 == 0 else c for index, c in enumerate(label))
        )
    return dns.name.Name(labels)


UNKNOWN_OPTION_RECORD = (UNKNOWN_OPTION, b"\x00\x01")
CLIENT_COOKIE_RECORD = (dns.edns.OptionType.COOKIE, CLIENT_COOKIE)  # a client cookie alone (RFC 7873 §4.1)

_PROBES: dict[tuple, dict[str, Probe]] = {}


def _probes(name: dns.name.Name) -> dict[str, Probe]:
    """The probe queries for a zone, built once per zone name (by its exact labels: the case probe
    mixes the case of the name as given)."""
    known = _PROBES.get(name.labels)
    if known is not None:
        return known
    probes = {
        "recursion": _query(RECURSION_NAME, SOA, rd=True),
        "axfr": _query(name, AXFR, edns=None, tcp=True),
        "edns1": _query(name, SOA, edns=1),
        "plain": _query(name, SOA, edns=None),
        "version": _query(VERSION_NAME, TXT, rdclass=dns.rdataclass.CH, edns=None),
        "together": _query(
            _mixed_case(name), SOA, options=(UNKNOWN_OPTION_RECORD, CLIENT_COOKIE_RECORD), ednsflags=UNKNOWN_FLAG
        ),
        # Asked only when the query with all four together shows a fault:
        "option": _query(name, SOA, options=(UNKNOWN_OPTION_RECORD,)),
        "flag": _query(name, SOA, ednsflags=UNKNOWN_FLAG),
        "case": _query(_mixed_case(name), SOA),
        "cookie": _query(name, SOA, options=(CLIENT_COOKIE_RECORD,)),
    }
    if len(_PROBES) >= 10_000:
        _PROBES.pop(next(iter(_PROBES)))
    _PROBES[name.labels] = probes
    return probes


async def run_probes(transport: Transport, zone) -> None:
    """Fill `zone.probes` (a walker.ZoneData) for every usable server."""
    name = zone.name
    probes = _probes(name)

    def ask(server: str, probe: Probe):
        return transport.probe(server, probe.qname, probe.qtype, probe.wire, tcp=probe.tcp)

    async def one(server: str) -> None:
        kinds = [kind for kind in probes if kind not in TOGETHER]
        answers = await asyncio.gather(*(ask(server, probes[kind]) for kind in kinds))
        results = dict(zip(kinds, answers, strict=True))
        together = results.pop("together")
        dnskey = zone.apex_answer(server, DNSKEY)
        soa = zone.apex_answer(server, SOA)
        if together.error not in LIMIT_ERRORS and _answered(soa) and _any_fault(together, soa):
            alone = await asyncio.gather(*(ask(server, probes[kind]) for kind in TOGETHER))
            results.update(zip(TOGETHER, alone, strict=True))
        else:
            results.update(dict.fromkeys(TOGETHER, together))
        dnskey_failed = dnskey is not None and (
            dnskey.error in ("timeout", "malformed")
            or (dnskey.message is not None and dnskey.rcode in (dns.rcode.FORMERR, dns.rcode.SERVFAIL))
        )
        if dnskey_failed and soa is not None and soa.message is not None:
            results["no_do"] = await ask(server, _query(name, DNSKEY, do=False))
            results["small"] = await ask(server, _query(name, DNSKEY, payload=512))
        zone.probes[server] = results

    await asyncio.gather(*(one(server) for server in zone.usable_servers()))


def _answered(answer: Answer | None) -> bool:
    return answer is not None and answer.message is not None


def _rcode(answer: Answer) -> str:
    return dns.rcode.to_text(answer.rcode) if answer.message is not None else (answer.error or "no answer")


def _fault(kind: str, answer: Answer, soa: Answer) -> dict | None:
    """The fault that a reply to one of the TOGETHER probes shows, as its finding's evidence; None if none."""
    if kind in ("option", "flag"):
        # Compared with the plain SOA query's RCODE: a server that answers NXDOMAIN for the zone
        # it does not hold (B25) answers the probe so too, and that is no EDNS fault.
        if not _answered(answer) or answer.rcode != soa.rcode:
            return {"response": _rcode(answer)}
        if kind == "option" and any(o.otype == UNKNOWN_OPTION for o in answer.message.options):
            return {"response": "option echoed"}
        if kind == "flag" and answer.message.ednsflags & UNKNOWN_FLAG:
            return {"response": "flag echoed"}
    elif kind == "case":
        if _answered(answer) and (
            answer.message.question[0].name.labels != answer.qname.labels or answer.rcode != soa.rcode
        ):
            return {}
    elif not _answered(answer):  # cookie
        return {"response": _rcode(answer)}
    else:
        cookies = [o for o in answer.message.options if o.otype == dns.edns.OptionType.COOKIE]
        if cookies:
            client = getattr(cookies[0], "client", b"")
            server_cookie = getattr(cookies[0], "server", b"")
            if client != CLIENT_COOKIE:
                return {"response": "client cookie not echoed"}
            if server_cookie and not 8 <= len(server_cookie) <= 32:
                return {"response": "server cookie of a bad length"}
    return None


def _any_fault(answer: Answer, soa: Answer) -> bool:
    return not _answered(answer) or any(_fault(kind, answer, soa) is not None for kind in TOGETHER)


def probe_findings(zone, signed: bool) -> list[Finding]:
    found: list[Finding] = []
    name = zone.name.to_text()

    def add(fid: str, server: str, transport: str = "udp", *, severity: str | None = None, **evidence) -> None:
        found.append(Finding(fid, severity, zone=name, server=server, transport=transport, evidence=evidence))

    for server, all_results in sorted(zone.probes.items()):
        soa = zone.apex_answer(server, SOA)
        if not _answered(soa):
            continue  # a server that does not answer at all is reported once, as unresponsive
        withheld = {kind: answer.error for kind, answer in all_results.items() if answer.error in LIMIT_ERRORS}
        if withheld:
            # The checker's limits, not the server: those rows are not tested rather than failed.
            add(
                "probe_not_tested",
                server,
                checks=sorted(PROBE_ROWS[kind] for kind in withheld),
                reason=sorted(set(withheld.values())),
            )
        results = {kind: answer for kind, answer in all_results.items() if kind not in withheld}
        recursion = results.get("recursion")
        if (
            _answered(recursion)
            and recursion.message.flags & dns.flags.RA
            and recursion.rcode in (dns.rcode.NOERROR, dns.rcode.NXDOMAIN)
            and (recursion.message.answer or recursion.rcode == dns.rcode.NXDOMAIN)
        ):
            add("open_recursion", server)
        axfr = results.get("axfr")
        if _answered(axfr) and axfr.rcode == dns.rcode.NOERROR and axfr.rrset("answer", zone.name, SOA) is not None:
            add("axfr_open", server, "tcp")
        if "edns1" in results:
            edns1 = results["edns1"]
            if not _answered(edns1):
                add("edns_version_handling", server, response=_rcode(edns1))
            elif edns1.rcode != dns.rcode.BADVERS or edns1.message.edns != 0:
                add(
                    "edns_version_handling",
                    server,
                    response=f"{_rcode(edns1)}, EDNS version {edns1.message.edns}",
                )
        plain = results.get("plain")
        if _answered(plain) and plain.message.edns >= 0:
            add("gratuitous_opt", server)
        for kind in TOGETHER:
            if kind in results:
                evidence = _fault(kind, results[kind], soa)
                if evidence is not None:
                    add(PROBE_ROWS[kind], server, **evidence)
        version = results.get("version")
        if _answered(version) and version.rcode == dns.rcode.NOERROR:
            texts = [
                b"".join(r.strings).decode("utf-8", "replace")
                for rrset in version.message.answer
                if rrset.rdtype == TXT
                for r in rrset
            ]
            if texts:
                add("version_disclosure", server, version=texts[0][:80])
        if "no_do" in results and "small" in results:
            if _answered(results["no_do"]) and results["no_do"].rcode == dns.rcode.NOERROR:
                add("do_bit_breaks_server", server, response=_rcode(zone.apex_answer(server, DNSKEY)))
            elif _answered(results["small"]):
                add("pmtu_fragmentation", server, qtype="DNSKEY", size=EDNS_PAYLOAD)
    return found
