"""The catalog rows of groups A (delegation), B (server behaviour), C (consistency) and J (zone
data) that the walk's answers show, as findings.

Each function reads what the walker collected for the checked zone (`ZoneData`), the query log
of the check, and the chain result of the zone, and appends `Finding`s.  Nothing here sends a
packet.  Ancestor zones (the root, the TLD) are not judged: the report is about the checked zone
and its delegation.
"""

from __future__ import annotations

import ipaddress
import re

import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset

from .names import name_text
from .report import Finding
from .transport import EDNS_PAYLOAD, OWN_LIMITS, TC, Answer, message_rcode
from .validator import SEP_FLAG, key_tag
from .walker import Walk, dname_target

A, AAAA, NS, SOA, DNSKEY, DS, CNAME, DNAME, MX, NSEC, NSEC3, RRSIG = (
    dns.rdatatype.A,
    dns.rdatatype.AAAA,
    dns.rdatatype.NS,
    dns.rdatatype.SOA,
    dns.rdatatype.DNSKEY,
    dns.rdatatype.DS,
    dns.rdatatype.CNAME,
    dns.rdatatype.DNAME,
    dns.rdatatype.MX,
    dns.rdatatype.NSEC,
    dns.rdatatype.NSEC3,
    dns.rdatatype.RRSIG,
)
NOERROR, NXDOMAIN = dns.rcode.NOERROR, dns.rcode.NXDOMAIN
BAD_RCODES = {dns.rcode.FORMERR, dns.rcode.SERVFAIL, dns.rcode.NOTIMP}
LAME_RCODES = {dns.rcode.REFUSED, dns.rcode.NOTAUTH}
MINIMUM_NAMESERVERS = 2  # Zonemaster's MINIMUM_NUMBER_OF_NAMESERVERS
REFERRAL_LIMIT = 512  # RFC 1035 §4.2.1: a referral must fit a plain UDP message
# Zonemaster's ZONE02-06 defaults (seconds).
REFRESH_MINIMUM, RETRY_MINIMUM, EXPIRE_MINIMUM = 14400, 3600, 604800
SOA_MINIMUM_LOW, SOA_MINIMUM_HIGH = 300, 86400
LDH_LABEL = re.compile(rb"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", re.IGNORECASE)


def _t(name: dns.name.Name) -> str:
    return name_text(name)


_REFERRAL_SIZES: dict[tuple, int] = {}


def _referral_size(name: dns.name.Name, ns_names: list, glue: list) -> int:
    """The wire size of the smallest legal referral for `name`: NS names in order, and for each
    in-bailiwick one its first glue address (None: no glue counted)."""
    labels = []
    room = 255 - len(name.to_wire())
    while room > 1:
        length = min(63, room - 1)
        labels.append(b"a" * length)
        room -= length + 1
    qname = dns.name.Name(tuple(labels) + name.labels)
    query = dns.message.make_query(qname, A)
    response = dns.message.make_response(query)
    response.authority.append(dns.rrset.from_text_list(name, 3600, "IN", "NS", [_t(n) for n in ns_names]))
    for ns_name, address in zip(ns_names, glue, strict=True):
        if address is not None:
            rdtype = "AAAA" if ":" in address else "A"
            response.additional.append(dns.rrset.from_text(ns_name, 3600, "IN", rdtype, address))
    return len(response.to_wire())


class ZoneChecks:
    """Findings of groups A, B, C and J for the checked zone of one walk."""

    def __init__(self, walk: Walk, log: list[Answer], signed: bool, ds_keys: set[bytes], name_absent: bool = False):
        self.walk = walk
        self.name_absent = name_absent
        self.zone = walk.zone
        self.name = walk.zone.name
        self.log = log
        self.signed = signed
        self.ds_keys = ds_keys  # wire forms of keys a DS or trust anchor designates
        self.findings: list[Finding] = []

    def add(
        self,
        fid: str,
        server: str | None = None,
        transport: str | None = None,
        *,
        severity: str | None = None,
        **evidence,
    ):
        self.findings.append(
            Finding(fid, severity, zone=_t(self.name), server=server, transport=transport, evidence=evidence)
        )

    def run(self) -> list[Finding]:
        self.delegation()
        self.glue()
        self.referral_size()
        self.server_answers()
        self.transport_log()
        self.consistency()
        self.soa_data()
        self.mail()
        self.target_data()
        return self.findings

    # -- helpers ----------------------------------------------------------------------------

    def _apex(self, server: str, qtype: int) -> Answer | None:
        return self.zone.apex_answer(server, qtype)

    def _answering(self) -> dict[str, Answer]:
        """Servers whose SOA answer is authoritative, with that answer."""
        result = {}
        for server in self.zone.usable_servers():
            answer = self._apex(server, SOA)
            if answer is not None and answer.message is not None and answer.authoritative and answer.rcode == NOERROR:
                result[server] = answer
        return result

    @staticmethod
    def _is_referral(answer: Answer) -> bool:
        message = answer.message
        return (
            message is not None
            and message_rcode(message) == NOERROR
            and not message.answer
            and any(r.rdtype == NS for r in message.authority)
        )

    # -- A: delegation ----------------------------------------------------------------------

    def delegation(self) -> None:
        walk, zone, name = self.walk, self.zone, self.name
        if not walk.complete:
            self.add("parent_zone_undetermined")
        if not walk.is_apex and walk.stop_answers and not self.name_absent:
            nxdomain = [
                s
                for s, a in walk.stop_answers.items()
                if a.message is not None and a.authoritative and a.rcode == NXDOMAIN
            ]
            if nxdomain:
                self.findings.append(
                    Finding(
                        "not_delegated",
                        zone=_t(walk.target),
                        server=nxdomain[0],
                        evidence={"zone": _t(walk.target), "parent": _t(name), "response": "NXDOMAIN"},
                    )
                )
        parent = zone.parent
        if parent is not None and zone.delegation_answers:
            referring = sorted(zone.referrals)
            ns_sets = {}
            for server, answer in zone.referrals.items():
                rrset = answer.rrset("authority", name, NS)
                ns_sets[server] = frozenset(r.target for r in rrset) if rrset is not None else frozenset()
            others = sorted(
                s for s, a in zone.delegation_answers.items() if s not in zone.referrals and a.message is not None
            )
            if len(set(ns_sets.values())) > 1:
                common = max(set(ns_sets.values()), key=lambda v: list(ns_sets.values()).count(v))
                others += [s for s, v in ns_sets.items() if v != common]
                referring = [s for s in referring if ns_sets[s] == common]
            if others and referring:
                self.add(
                    "delegation_inconsistent_parent_servers",
                    parent=_t(parent.name),
                    referring_servers=referring,
                    other_servers=sorted(others),
                )
            for server, answer in zone.referrals.items():
                if answer.authoritative:
                    self.add("aa_on_referral", server, answer.transport)
            for server, answer in zone.ds.items():
                if (
                    answer.message is not None
                    and not answer.in_referral
                    and not answer.authoritative
                    and self._is_referral(answer)
                    and answer.rrset("authority", name, NS) is not None
                ):
                    self.add("ds_query_gets_referral", server, answer.transport, parent=_t(parent.name))
        servers = zone.usable_servers()
        if servers:
            answering = self._answering()
            if not answering and any(self._apex(s, SOA) is not None for s in servers):
                if not any(self._apex(s, SOA).error in OWN_LIMITS for s in servers if self._apex(s, SOA) is not None):
                    self.add("no_working_nameserver", servers=sorted(servers))
        delegated, apex = zone.delegated_ns, zone.apex_ns
        if delegated and len(delegated) < MINIMUM_NAMESERVERS or apex and len(apex) < MINIMUM_NAMESERVERS:
            self.add("too_few_nameservers", parent_count=len(delegated), child_count=len(apex))
        if delegated and apex:
            if delegated - apex:
                self.add("ns_parent_not_in_child", ns_names=sorted(_t(n) for n in delegated - apex))
            if apex - delegated:
                self.add("ns_child_not_in_parent", ns_names=sorted(_t(n) for n in apex - delegated))
        by_address: dict[str, set] = {}
        for address, names in zone.servers.items():
            by_address[address] = set(names)
        for address, names in sorted(by_address.items()):
            if len(names) > 1:
                self.findings.append(
                    Finding(
                        "ns_shared_ip",
                        zone=_t(name),
                        evidence={"ns_names": sorted(_t(n) for n in names), "address": address},
                    )
                )
        addresses = [ipaddress.ip_address(a) for a in zone.servers]
        v4 = sum(1 for a in addresses if a.version == 4)
        v6 = sum(1 for a in addresses if a.version == 6)
        if addresses and v4 < 2:
            self.add("ns_address_family_coverage", family="IPv4", count=v4, severity="WARN")
        if addresses and v6 < 2:
            self.add("ns_address_family_coverage", family="IPv6", count=v6, severity="NOTE")
        for ns_name in sorted(delegated | apex):
            known = zone.glue.get(ns_name) or zone.ns_addresses.get(ns_name)
            if not known and ns_name in (delegated | apex):
                lookups = [zone.ns_lookups.get((ns_name, t)) for t in (A, AAAA)]
                responses = (
                    sorted(
                        {
                            dns.rcode.to_text(a.rcode) if a is not None and a.message is not None else "no answer"
                            for a in lookups
                        }
                    )
                    if any(lookup is not None for lookup in lookups)
                    else ["no address found"]
                )
                self.findings.append(
                    Finding(
                        "ns_name_unresolvable",
                        zone=_t(name),
                        evidence={"ns": _t(ns_name), "response": responses},
                    )
                )
        for (ns_name, qtype), answer in sorted(zone.ns_lookups.items()):
            if answer is not None and answer.message is not None:
                cname = answer.rrset("answer", ns_name, CNAME)
                if cname is not None and qtype == A:
                    self.findings.append(
                        Finding(
                            "ns_is_cname",
                            zone=_t(name),
                            evidence={"ns": _t(ns_name), "target": _t(cname[0].target)},
                        )
                    )
        for address, ptr_names in sorted(zone.ptr.items()):
            ns_names = zone.servers.get(address, set())
            if not ptr_names or not ptr_names & ns_names:
                self.findings.append(
                    Finding(
                        "ns_reverse_dns",
                        zone=_t(name),
                        server=address,
                        evidence={
                            "ns": sorted(_t(n) for n in ns_names) or "-",
                            "address": address,
                            "ptr": sorted(_t(n) for n in ptr_names) or "none",
                        },
                    )
                )
        for server in servers:
            for answer in self.zone.apex.get(server, {}).values():
                message = answer.message
                if message is None or answer.authoritative or message.answer or message_rcode(message) != NOERROR:
                    continue
                upward = [
                    r.name for r in message.authority if r.rdtype == NS and name.is_subdomain(r.name) and r.name != name
                ]
                if upward:
                    self.add("upward_referral", server, answer.transport, referral_to=_t(upward[0]))
                    break

    def glue(self) -> None:
        zone = self.zone
        if not zone.referrals:
            return
        for ns_name in sorted(zone.delegated_ns):
            if not ns_name.is_subdomain(self.name):
                continue
            glue = zone.glue.get(ns_name, set())
            if not glue:
                self.findings.append(Finding("glue_required_missing", zone=_t(self.name), evidence={"ns": _t(ns_name)}))
                continue
            for family, qtype in (("IPv4", A), ("IPv6", AAAA)):
                version = 4 if qtype == A else 6
                lookup = zone.ns_lookups.get((ns_name, qtype))
                if lookup is None or lookup.message is None:
                    continue  # the authoritative data is unknown: nothing to compare
                auth = {r.address for r in lookup.rrset("answer", ns_name, qtype) or ()}
                family_glue = {a for a in glue if ipaddress.ip_address(a).version == version}
                evidence = {"ns": _t(ns_name), "family": family, "glue": sorted(family_glue), "addresses": sorted(auth)}
                if auth and not family_glue:
                    self.findings.append(Finding("glue_family_missing", zone=_t(self.name), evidence=evidence))
                elif family_glue and not auth:
                    self.findings.append(Finding("glue_extra", zone=_t(self.name), evidence=evidence))
                elif family_glue != auth:
                    self.findings.append(Finding("glue_mismatch", zone=_t(self.name), evidence=evidence))

    def referral_size(self) -> None:
        """A19: the smallest legal referral (longest name, one address per in-bailiwick NS)."""
        zone = self.zone
        if not zone.referrals or not zone.delegated_ns:
            return
        ns_names = sorted(zone.delegated_ns)
        glue = [min(zone.glue[n]) if n.is_subdomain(self.name) and zone.glue.get(n) else None for n in ns_names]
        # Built once per delegation: the size depends on nothing else.
        key = (self.name.labels, tuple(n.labels for n in ns_names), tuple(glue))
        size = _REFERRAL_SIZES.get(key)
        if size is None:
            size = _referral_size(self.name, ns_names, glue)
            if len(_REFERRAL_SIZES) >= 10_000:
                _REFERRAL_SIZES.pop(next(iter(_REFERRAL_SIZES)))
            _REFERRAL_SIZES[key] = size
        if size > REFERRAL_LIMIT:
            self.add("referral_too_large", size=size)

    # -- B: server behaviour ----------------------------------------------------------------

    def _zone_answers(self):
        for server in self.zone.usable_servers():
            for qtype, answer in self.zone.apex.get(server, {}).items():
                yield server, qtype, answer
            for qtype, answer in self.zone.extra.get(server, {}).items():
                yield server, qtype, answer
            if server in self.zone.probe:
                yield server, A, self.zone.probe[server]

    def server_answers(self) -> None:
        zone, name = self.zone, self.name
        reported_bad: set[tuple] = set()
        for server in zone.usable_servers():
            answers = zone.apex.get(server, {})
            udp = [a for a in answers.values() if a.transport == "udp"]
            if udp and all(a.error in ("timeout", "wrong_source") for a in udp):
                self.add("udp_unresponsive", server, "udp")
            tcp = zone.tcp.get(server)
            if tcp is not None and tcp.error in ("timeout", "network"):
                self.add("tcp_unresponsive", server, "tcp")
            soa = answers.get(SOA)
            if soa is not None and soa.message is not None:
                if soa.rcode in LAME_RCODES or not soa.authoritative:
                    response = (
                        dns.rcode.to_text(soa.rcode)
                        if soa.rcode in LAME_RCODES
                        else ("referral" if self._is_referral(soa) else "AA=0")
                    )
                    self.add("lame_server", server, soa.transport, response=response)
        for server, qtype, answer in self._zone_answers():
            message = answer.message
            key = (server, answer.transport)
            if answer.error == "malformed" or (message is not None and message_rcode(message) in BAD_RCODES):
                if key not in reported_bad:
                    reported_bad.add(key)
                    self.add(
                        "bad_response",
                        server,
                        answer.transport,
                        qname=_t(answer.qname),
                        qtype=dns.rdatatype.to_text(qtype),
                        response="malformed" if message is None else dns.rcode.to_text(message_rcode(message)),
                    )
                continue
            if message is None:
                continue
            if answer.transport == "udp" and message.edns < 0 and not int(message.flags) & TC:
                self.add(
                    "edns_broken", server, "udp", response="no OPT record", severity="ERR" if self.signed else "WARN"
                )
            elif message.edns >= 0 and message.ednsflags & 0xFFFF & ~dns.flags.DO:
                self.add(
                    "edns_unknown_flag",
                    server,
                    answer.transport,
                    response=f"undefined EDNS flags 0x{message.ednsflags & 0xFFFF & ~dns.flags.DO:04x}",
                )
            for section in (message.answer, message.authority, message.additional):
                for rrset in section:
                    if rrset.rdclass != dns.rdataclass.IN:
                        self.add(
                            "foreign_class_data",
                            server,
                            answer.transport,
                            **{"class": dns.rdataclass.to_text(rrset.rdclass)},
                        )
            if not answer.authoritative:
                continue
            if qtype in (SOA, NS) and answer.qname == name and message_rcode(message) == NOERROR:
                rrset = answer.rrset("answer", name, qtype)
                if rrset is None:
                    self.add(
                        "wrong_or_empty_answer",
                        server,
                        answer.transport,
                        qtype=dns.rdatatype.to_text(qtype),
                        response="empty" if not message.answer else "wrong owner or type",
                    )
                if qtype == SOA:
                    count = sum(len(r) for r in message.answer if r.rdtype == SOA)
                    if count > 1:
                        self.add("multiple_soa", server, answer.transport, count=count)
            if message_rcode(message) == NXDOMAIN and answer.qname == name:
                self.add(
                    "nxdomain_inconsistency",
                    server,
                    answer.transport,
                    qname=_t(name),
                    response=f"NXDOMAIN for {dns.rdatatype.to_text(qtype)} at the apex",
                    severity="ERR",
                )
            if message_rcode(message) == NXDOMAIN or (
                message_rcode(message) == NOERROR and not message.answer and not self._is_referral(answer)
            ):
                soas = [r for r in message.authority if r.rdtype == SOA]
                if not soas or soas[0].name != name:
                    rcode = dns.rcode.to_text(message_rcode(message))
                    self.add("negative_answer_soa", server, answer.transport, rcode=rcode)

    def transport_log(self) -> None:
        """B14, B16, B17, B19, B20 from the query log (the UDP answers a TCP retry replaced)."""
        servers = set(self.zone.usable_servers())
        truncated: dict[tuple, Answer] = {}
        for answer in self.log:
            if answer.server not in servers:
                continue
            key = (answer.server, answer.qname, answer.qtype)
            message = answer.message
            if answer.transport == "udp" and answer.size > EDNS_PAYLOAD and answer.qname.is_subdomain(self.name):
                # Larger than the 1232 octets the query offered (RFC 6891 §6.2.5): fragments, or a lie.
                self.add(
                    "bad_response",
                    answer.server,
                    "udp",
                    qname=_t(answer.qname),
                    qtype=dns.rdatatype.to_text(answer.qtype),
                    response=f"oversized ({answer.size} octets)",
                )
            if answer.error == "wrong_source":
                self.add("different_source_address", answer.server, answer.transport, source=answer.source)
            if answer.transport == "udp" and message is not None and int(message.flags) & TC:
                truncated[key] = answer
                if message.edns < 0:
                    self.add("truncated_without_opt", answer.server, "udp")
            if answer.transport == "tcp" and key in truncated:
                if answer.message is None and answer.error not in OWN_LIMITS:
                    self.add("tc_and_tcp_broken", answer.server, "tcp", qtype=dns.rdatatype.to_text(answer.qtype))
            if answer.qtype == AAAA and answer.transport == "udp" and answer.qname.is_subdomain(self.name):
                if answer.error == "timeout" or (
                    message is not None
                    and message_rcode(message) not in (NOERROR, NXDOMAIN)
                    and message_rcode(message) not in LAME_RCODES
                ):
                    a_answer = next(
                        (
                            o
                            for o in self.log
                            if o.server == answer.server
                            and o.qname == answer.qname
                            and o.qtype == A
                            and o.message is not None
                        ),
                        None,
                    )
                    if a_answer is not None:
                        self.add(
                            "aaaa_query_mishandled",
                            answer.server,
                            "udp",
                            response=answer.error or dns.rcode.to_text(message_rcode(message)),
                        )
        for server in sorted(servers):
            answer = self._apex(server, DNSKEY)
            if answer is None or answer.message is None or answer.size <= EDNS_PAYLOAD:
                continue
            tcp = self.zone.tcp.get(server)
            flaky = tcp is not None and tcp.message is None
            self.add(
                "large_dnssec_response",
                server,
                answer.transport,
                rrset=f"{_t(self.name)}/DNSKEY",
                size=answer.size,
                severity="WARN" if flaky else "NOTE",
            )

    # -- C: consistency ---------------------------------------------------------------------

    def consistency(self) -> None:
        answering = self._answering()
        soas = {s: a.rrset("answer", self.name, SOA) for s, a in answering.items()}
        soas = {s: r[0] for s, r in soas.items() if r is not None}
        if len({soa.serial for soa in soas.values()}) > 1:
            self.add("soa_serial_mismatch", serials=sorted(f"{s}: {soa.serial}" for s, soa in soas.items()))
            latest = max(soa.serial for soa in soas.values())  # serial arithmetic is not needed for a lag check
            keys = {s: self._dnskey_set(s) for s in soas}
            latest_keys = {keys[s] for s, soa in soas.items() if soa.serial == latest}
            for server, soa in soas.items():
                if soa.serial != latest and keys[server] not in latest_keys:
                    self.add("secondary_stale", server, serial=soa.serial, latest_serial=latest)
        fields = []
        for label, getter in (
            ("MNAME", lambda s: s.mname),
            ("RNAME", lambda s: s.rname),
            ("timers", lambda s: (s.refresh, s.retry, s.expire, s.minimum)),
        ):
            if len({getter(soa) for soa in soas.values()}) > 1:
                fields.append(label)
        if fields:
            self.add("soa_fields_mismatch", fields=fields)
        ns_sets = {}
        for server in answering:
            answer = self._apex(server, NS)
            rrset = answer.rrset("answer", self.name, NS) if answer is not None else None
            if rrset is not None:
                ns_sets[server] = frozenset(_t(r.target) for r in rrset)
        if len(set(ns_sets.values())) > 1:
            self.add("ns_rrset_mismatch", ns_sets=sorted(f"{s}: {' '.join(sorted(v))}" for s, v in ns_sets.items()))
        dnskey_sets = {s: self._dnskey_set(s) for s in answering}
        with_keys = sorted(s for s, v in dnskey_sets.items() if v)
        without = sorted(s for s, v in dnskey_sets.items() if not v)
        unsigned_soa = sorted(s for s, a in answering.items() if a.rrset("answer", self.name, RRSIG, SOA) is None)
        if with_keys and (without or unsigned_soa):
            self.add("signed_state_inconsistent", servers=sorted(set(without) | set(unsigned_soa)))
        if len(with_keys) > 1:
            self._dnskey_differences({s: dnskey_sets[s] for s in with_keys})
        ds_sets = {}
        for server, answer in self.zone.ds.items():
            rrset = answer.rrset(answer.ds_section, self.name, DS) if answer.message is not None else None
            if rrset is not None:
                ds_sets[server] = frozenset(
                    f"{r.key_tag}/{r.algorithm}/{r.digest_type}/{r.digest.hex()[:8]}" for r in rrset
                )
        if len(set(ds_sets.values())) > 1 and self.zone.parent is not None:
            self.add(
                "ds_rrset_differs_parent",
                parent=_t(self.zone.parent.name),
                ds_sets=sorted(f"{s}: {' '.join(sorted(v))}" for s, v in ds_sets.items()),
            )
        denial_types: dict[str, set] = {}
        params: dict[str, tuple] = {}
        for server, answer in self.zone.probe.items():
            if answer.message is None or not answer.authoritative:
                continue
            for rrset in answer.message.authority:
                if rrset.rdtype in (NSEC, NSEC3):
                    denial_types.setdefault(server, set()).add(rrset.rdtype)
                if rrset.rdtype == NSEC3:
                    first = rrset[0]
                    params[server] = (first.algorithm, first.iterations, first.salt.hex() or "-", first.flags & 0xFE)
        for server in answering:
            answer = self._apex(server, dns.rdatatype.NSEC3PARAM)
            rrset = answer.rrset("answer", self.name, dns.rdatatype.NSEC3PARAM) if answer is not None else None
            if rrset is not None and server not in params:
                first = rrset[0]
                params[server] = (first.algorithm, first.iterations, first.salt.hex() or "-", first.flags & 0xFE)
        nsec_servers = sorted(s for s, t in denial_types.items() if NSEC in t)
        nsec3_servers = sorted(s for s, t in denial_types.items() if NSEC3 in t)
        if nsec_servers and nsec3_servers:
            self.add("denial_type_inconsistent", nsec_servers=nsec_servers, nsec3_servers=nsec3_servers)
        if len(set(params.values())) > 1:
            self.add(
                "nsec3_params_inconsistent",
                nsec3_params=sorted(f"{s}: {a} {i} {salt} flags {f}" for s, (a, i, salt, f) in params.items()),
            )

    def _dnskey_differences(self, dnskey_sets: dict[str, frozenset]) -> None:
        """C5, and K5 with its INFO row K6 for RFC 8901 model 2. Like DNSViz's `--multi-signer`
        (DNSKEY_MISSING_FROM_SERVERS), a key that signs data must be in every server's RRset, and a
        KSK that a DS designates may be missing from some; where DNSViz needs the flag, the model is
        read from the answers: the servers fall into providers by the DNSKEY RRset they serve, and
        each provider's RRset holds a KSK of its own (designated by a DS, signing that RRset) that
        another provider's lacks. Those KSKs are the model; a key that signs data missing from a
        provider's RRset breaks it (K5); any other key missing from some servers is C5."""
        providers: dict[frozenset, list[str]] = {}
        for server, keys in sorted(dnskey_sets.items()):
            providers.setdefault(keys, []).append(server)
        own_ksks = {keys: keys & self.ds_keys for keys in providers}
        multi_signer = len(providers) > 1 and all(
            own and any(not own <= other for other in providers if other != keys) for keys, own in own_ksks.items()
        )
        data_signers = self._data_signers()

        def signs_data(wire: bytes) -> bool:
            key = self._key(wire)
            return not key.flags & SEP_FLAG or (key_tag(key), key.algorithm) in data_signers

        every = set().union(*providers)
        explained = set()
        if multi_signer:
            explained = {wire for own in own_ksks.values() for wire in own if not signs_data(wire)}
            self.add(
                "multi_signer_detected",
                providers=[
                    f"{' '.join(servers)} (KSK {' '.join(str(t) for t in sorted(self._tags(own_ksks[keys])))})"
                    for keys, servers in providers.items()
                ],
            )
            for keys, servers in providers.items():
                lacking = [wire for wire in every - keys if signs_data(wire)]
                if lacking:
                    self.add("multi_signer_consistency", provider=servers, key_tags=sorted(self._tags(lacking)))
        for wire in sorted(every - explained):
            missing = sorted(s for s, keys in dnskey_sets.items() if wire not in keys)
            if not missing or multi_signer and signs_data(wire):
                continue  # the same everywhere, or a provider's missing ZSK (K5 above)
            key = self._key(wire)
            important = not key.flags & SEP_FLAG or wire in self.ds_keys
            self.findings.append(
                Finding(
                    "dnskey_rrset_differs",
                    "ERR" if important else "WARN",
                    zone=_t(self.name),
                    evidence={"key_tag": key_tag(key), "servers": missing},
                )
            )

    def _data_signers(self) -> set[tuple[int, int]]:
        """(key tag, algorithm) of the keys whose RRSIGs cover apex RRsets other than DNSKEY."""
        signers = set()
        for server in self.zone.usable_servers():
            for qtype, answer in self.zone.apex.get(server, {}).items():
                if qtype == DNSKEY or answer.message is None:
                    continue
                for rrset in answer.message.answer:
                    if rrset.rdtype == RRSIG:
                        signers.update((r.key_tag, r.algorithm) for r in rrset)
        return signers

    @staticmethod
    def _key(wire: bytes):
        return dns.rdata.from_wire(dns.rdataclass.IN, DNSKEY, wire, 0, len(wire))

    def _tags(self, wires) -> set[int]:
        return {key_tag(self._key(wire)) for wire in wires}

    def _dnskey_set(self, server: str) -> frozenset:
        answer = self._apex(server, DNSKEY)
        rrset = answer.rrset("answer", self.name, DNSKEY) if answer is not None and answer.message is not None else None
        return frozenset(r.to_digestable() for r in rrset) if rrset is not None else frozenset()

    # -- J: zone data -----------------------------------------------------------------------

    def soa_data(self) -> None:
        answering = self._answering()
        soa = next(
            (
                a.rrset("answer", self.name, SOA)[0]
                for a in answering.values()
                if a.rrset("answer", self.name, SOA) is not None
            ),
            None,
        )
        if soa is None:
            return
        timers = f"refresh {soa.refresh}, retry {soa.retry}, expire {soa.expire}, minimum {soa.minimum}"
        if soa.expire < EXPIRE_MINIMUM or soa.expire < soa.refresh:
            self.add("soa_timers", soa_timers=timers, severity="WARN")
        elif (
            soa.refresh < REFRESH_MINIMUM
            or soa.retry < RETRY_MINIMUM
            or not SOA_MINIMUM_LOW <= soa.minimum <= SOA_MINIMUM_HIGH
        ):
            self.add("soa_timers", soa_timers=timers, severity="NOTE")
        localhost = dns.name.from_text("localhost.")
        if soa.mname in (dns.name.root, localhost) or (self.zone.apex_ns and soa.mname not in self.zone.apex_ns):
            self.add("soa_mname", mname=_t(soa.mname))
        names = [(n, "NS") for n in sorted(self.zone.apex_ns | self.zone.delegated_ns)] + [(soa.mname, "MNAME")]
        for name, usage in names:
            problem = hostname_problem(name)
            if problem is not None:
                self.findings.append(
                    Finding("name_syntax", problem, zone=_t(self.name), evidence={"name": _t(name), "usage": usage})
                )
        if len(soa.rname) > 2:
            domain = dns.name.Name(soa.rname.labels[1:])
            if hostname_problem(domain) == "ERR":
                self.findings.append(
                    Finding(
                        "name_syntax", "WARN", zone=_t(self.name), evidence={"name": _t(soa.rname), "usage": "RNAME"}
                    )
                )

    def mail(self) -> None:
        """J6 (severities as Zonemaster's ZONE08/09): an MX target that is an alias is an error; a null MX
        beside other MX (RFC 7505 §3: MUST NOT) and MX sets that differ between servers are warnings; a null
        MX whose preference is not 0 (RFC 7505 §3: SHOULD be 0) is a note."""
        sets = {}
        for server, extra in self.zone.extra.items():
            answer = extra.get(MX)
            if answer is None or answer.message is None or not answer.authoritative:
                continue
            rrset = answer.rrset("answer", self.name, MX)
            sets[server] = (
                frozenset(f"{r.preference} {r.exchange}" for r in rrset) if rrset is not None else frozenset()
            )
            null = [r for r in rrset or () if r.exchange == dns.name.root]
            if null and len(rrset) > 1:
                self.add("mail_records", mx=sorted(sets[server]), severity="WARN")
            elif null and null[0].preference != 0:
                self.add("mail_records", mx=sorted(sets[server]), severity="NOTE")
        for name, answer in self.zone.mail_hosts.items():
            alias = answer.rrset("answer", name, CNAME) if answer.authoritative else None
            if alias is not None:
                self.add(
                    "mail_records",
                    answer.server,
                    answer.transport,
                    mx=[f"{name} CNAME {alias[0].target}"],
                    severity="ERR",
                )
        if len(set(sets.values())) > 1:
            self.add(
                "mail_records",
                mx=sorted(f"{s}: {' / '.join(sorted(v)) or '-'}" for s, v in sets.items()),
                severity="WARN",
            )

    def target_data(self) -> None:
        walk = self.walk
        if walk.cname_loop:
            self.findings.append(
                Finding("cname_loop", zone=_t(self.name), evidence={"chain": [_t(n) for n in walk.cname_chain]})
            )
        for server, answers in walk.target_answers.items():
            for answer in answers.values():
                message = answer.message
                if message is None or not answer.authoritative:
                    continue
                owners: dict[dns.name.Name, set] = {}
                for rrset in message.answer:
                    if rrset.rdtype != RRSIG:
                        owners.setdefault(rrset.name, set()).add(rrset.rdtype)
                for owner, types in owners.items():
                    if CNAME in types and types - {CNAME, DNAME}:
                        self.findings.append(
                            Finding(
                                "cname_with_other_data",
                                zone=_t(self.name),
                                evidence={
                                    "owner": _t(owner),
                                    "rrtypes": sorted(dns.rdatatype.to_text(t) for t in types),
                                },
                            )
                        )
                for dname in (r for r in message.answer if r.rdtype == DNAME):
                    self._dname(server, answer, dname)

    def _dname(self, server: str, answer: Answer, dname) -> None:
        qname = answer.qname
        expected = dname_target(qname, dname)
        if expected is None:
            return
        cname = answer.rrset("answer", qname, CNAME)
        evidence = {"qname": _t(qname), "owner": _t(dname.name)}
        if cname is None:
            self.add(
                "dname_synthesis", server, answer.transport, response="no synthesised CNAME", **evidence, severity="ERR"
            )
        elif cname[0].target != expected:
            self.add(
                "dname_synthesis",
                server,
                answer.transport,
                response=f"CNAME to {cname[0].target}, expected {expected}",
                **evidence,
                severity="ERR",
            )
        elif cname.ttl == 0 or cname.ttl != dname.ttl:
            self.add(
                "dname_synthesis",
                server,
                answer.transport,
                response=f"CNAME TTL {cname.ttl}, DNAME TTL {dname.ttl}",
                **evidence,
                severity="WARN",
            )


def hostname_problem(name: dns.name.Name) -> str | None:
    """J7 for a host name (NS, MNAME): ERR for illegal characters, hyphens at an end or a numeric
    TLD; WARN for '--' in positions 3-4 of a label that is not an A-label."""
    if name == dns.name.root:
        return None
    labels = [label for label in name.labels if label]
    for label in labels:
        if not LDH_LABEL.match(label):
            return "ERR"
    if labels and labels[-1].isdigit():
        return "ERR"
    for label in labels:
        if label[2:4] == b"--" and not label.lower().startswith(b"xn--"):
            return "WARN"
    return None


def zone_findings(
    walk: Walk, log: list[Answer], signed: bool, ds_keys: set[bytes], *, name_absent: bool = False
) -> list[Finding]:
    """`name_absent`: the checked name's own answers say it does not exist (name_not_found), so
    the NXDOMAIN to its NS query is no missing delegation."""
    return ZoneChecks(walk, log, signed, ds_keys, name_absent).run()
