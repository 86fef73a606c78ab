"""Walking the delegation chain from the root to the zone of the checked name.

For each zone on the chain the walker collects: the NS names the parent
delegates to and their glue, the DS answer of every parent server (the one its
signed referral carries, else asked), the apex
NS names each of the zone's servers gives and every address of every NS name
(glue and authoritative A/AAAA), and from every server its DNSKEY, SOA, NS and
NSEC3PARAM answers (UDP, with a TCP SOA query besides) and, for the checked
zone only, the answer to a name that cannot exist (`probe_name`), whose NXDOMAIN
proof shows the zone's NSEC or NSEC3 chain.  A name below the apex
of its zone also gets its own A, AAAA and DNSKEY answers collected.

NS names outside the zone they serve are resolved iteratively from the zones
already known (at most `MAX_GLUELESS_DEPTH` nested glueless delegations).
"""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.reversename

from . import probes
from .addresses import AddressGuard
from .names import name_key
from .report import Finding
from .transport import LIMIT_ERRORS, Answer, Transport, message_rcode

PTR, NSEC, NSEC3, RRSIG = dns.rdatatype.PTR, dns.rdatatype.NSEC, dns.rdatatype.NSEC3, dns.rdatatype.RRSIG
A, AAAA, NS, DS, SOA, DNSKEY, NSEC3PARAM, CDS, CDNSKEY, MX, CNAME = (
    dns.rdatatype.A,
    dns.rdatatype.AAAA,
    dns.rdatatype.NS,
    dns.rdatatype.DS,
    dns.rdatatype.SOA,
    dns.rdatatype.DNSKEY,
    dns.rdatatype.NSEC3PARAM,
    dns.rdatatype.CDS,
    dns.rdatatype.CDNSKEY,
    dns.rdatatype.MX,
    dns.rdatatype.CNAME,
)
APEX_TYPES = (DNSKEY, SOA, NS, NSEC3PARAM)
# Asked of every server of the checked zone only (full profile): groups I and J.
ZONE_TYPES = (CDS, CDNSKEY, MX)
NOERROR, NXDOMAIN = dns.rcode.NOERROR, dns.rcode.NXDOMAIN
IN = dns.rdataclass.IN
MAX_CNAME_HOPS = 8
MAX_MAIL_HOSTS = 8
MAX_PTR_LOOKUPS = 16
MAX_DEPTH = 40
# A label that sorts after every letter-digit-hyphen label (RFC 4034 §6.1), so the NXDOMAIN
# proof for it shows the last NSEC of the zone's chain.
PROBE_LABEL = b"~nx-dnssec-check"
MAX_GLUELESS_DEPTH = 3
# Longest a check waits for the referral another check is getting from the same server: a live
# server's comes sooner; from a silent one each check then waits for its own timeout at once, as if
# it had asked at first, not after the other's.
REFERRAL_WAIT = 0.5
MAX_RESOLUTION_STEPS = 12
TARGET_TYPES = (A, AAAA, DNSKEY)  # asked about a checked name below its zone's apex


@dataclass
class ZoneData:
    """What the walk learnt about one zone of the chain."""

    name: dns.name.Name
    parent: ZoneData | None = None
    referrals: dict[str, Answer] = field(default_factory=dict)  # parent server -> delegating answer
    delegated_ns: set[dns.name.Name] = field(default_factory=set)
    glue: dict[dns.name.Name, set[str]] = field(default_factory=dict)
    ds: dict[str, Answer] = field(default_factory=dict)  # parent server -> DS answer
    apex_ns: set[dns.name.Name] = field(default_factory=set)
    ns_addresses: dict[dns.name.Name, set[str]] = field(default_factory=dict)  # authoritative
    servers: dict[str, set[dns.name.Name]] = field(default_factory=dict)  # address -> NS names
    refused: dict[str, str] = field(default_factory=dict)  # address -> reason
    apex: dict[str, dict[int, Answer]] = field(default_factory=dict)  # server -> qtype -> answer
    tcp: dict[str, Answer] = field(default_factory=dict)
    probe: dict[str, Answer] = field(default_factory=dict)  # server -> answer for probe_name()
    ancestor: bool = False
    delegation_answers: dict[str, Answer] = field(default_factory=dict)  # every parent server's answer
    ns_lookups: dict[tuple, Answer | None] = field(default_factory=dict)  # (ns name, A/AAAA) -> answer
    extra: dict[str, dict[int, Answer]] = field(default_factory=dict)  # server -> CDS/CDNSKEY/MX answers
    mail_hosts: dict[dns.name.Name, Answer] = field(default_factory=dict)  # in-zone MX exchange -> its A answer
    probes: dict[str, dict[str, Answer]] = field(default_factory=dict)  # server -> probe -> answer (probes.py)
    ptr: dict[str, set] = field(default_factory=dict)  # address -> PTR names (A23)
    from_cache: bool = False  # its delegation or DS answers came from the shared cache
    child: ZoneData | None = None  # the next zone of the chain

    def probe_name(self) -> dns.name.Name:
        return dns.name.Name((PROBE_LABEL,) + self.name.labels)

    def usable_servers(self) -> list[str]:
        return [address for address in self.servers if address not in self.refused]

    def apex_answer(self, server: str, qtype: int) -> Answer | None:
        return self.apex.get(server, {}).get(qtype)


@dataclass
class Walk:
    """What the walk from the root to the checked name found: the chain of zones and their answers."""

    target: dns.name.Name
    chain: list[ZoneData]
    target_answers: dict[str, dict[int, Answer]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    complete: bool = True  # False when the walk stopped before reaching the target's zone
    stop_answers: dict[str, Answer] = field(default_factory=dict)  # last zone's answers to the NS query
    cname_chain: list[dns.name.Name] = field(default_factory=list)  # the target's CNAME chain, followed
    cname_loop: bool = False

    @property
    def zone(self) -> ZoneData:
        return self.chain[-1]

    @property
    def is_apex(self) -> bool:
        return self.zone.name == self.target

    def name_exists(self) -> bool | None:
        """False when the checked name's own servers answer NXDOMAIN with no record for it (a CNAME or
        DNAME chain that ends in NXDOMAIN still exists); None when no authoritative answer decided it."""
        if self.is_apex:
            return True if self.complete else None
        answers = [
            answer
            for by_type in self.target_answers.values()
            for qtype, answer in by_type.items()
            if qtype in (A, AAAA) and answer.authoritative and answer.rcode in (NOERROR, NXDOMAIN)
        ]
        if not answers:
            return None
        return not all(answer.rcode == NXDOMAIN and not answer.message.answer for answer in answers)


def dname_target(name: dns.name.Name, dname) -> dns.name.Name | None:
    """The name a DNAME RRset rewrites `name` to (RFC 6672 §2.2); None when `name` is not below its
    owner or the result would be too long (the server must then answer YXDOMAIN)."""
    if not name.is_subdomain(dname.name) or name == dname.name:
        return None
    try:
        return name.relativize(dname.name).concatenate(dname[0].target)
    except dns.name.NameTooLong:
        return None


def referral_cut(answer: Answer, zone: dns.name.Name, target: dns.name.Name) -> dns.name.Name | None:
    """The zone cut a referral answer delegates to, if it is one toward `target`."""
    message = answer.message
    if message is None or message_rcode(message) != dns.rcode.NOERROR or message.answer:
        return None
    for rrset in message.authority:
        if (
            rrset.rdtype == NS
            and rrset.name != zone
            and rrset.name.is_subdomain(zone)
            and target.is_subdomain(rrset.name)
        ):
            return rrset.name
    return None


def ds_in_referral(referral: Answer, cut: dns.name.Name) -> Answer | None:
    """The DS answer a signed parent's referral carries (RFC 4035 §3.1.4.1, RFC 5155 §7.2.7): the
    signed DS RRset of the delegation, or the signed NSEC/NSEC3 records that prove it has none.
    None when the referral lacks them (an unsigned parent, a server that leaves them out): the DS
    is then asked of that server."""
    message = referral.message
    if referral.rrset("authority", cut, DS) is not None:
        return _carried(referral, cut) if referral.rrset("authority", cut, RRSIG, DS) is not None else None
    denial = [rrset for rrset in message.authority if rrset.rdtype in (NSEC, NSEC3)]
    if not denial or any(referral.rrset("authority", r.name, RRSIG, r.rdtype) is None for r in denial):
        return None
    return _carried(referral, cut)


def _carried(referral: Answer, cut: dns.name.Name) -> Answer:
    return Answer(
        referral.server,
        referral.port,
        referral.transport,
        cut,
        DS,
        referral.message,
        size=referral.size,
        cached=referral.cached,
        in_referral=True,
    )


def server_event(zone: str, server: str, answers) -> dict:
    """The progress event of one server's apex queries: how many it answered, and why the others failed."""
    errors: dict[str, int] = {}
    for answer in answers:
        if answer.message is None:
            kind = answer.error or "network"
            errors[kind] = errors.get(kind, 0) + 1
    answered = sum(1 for answer in answers if answer.message is not None)
    return {
        "event": "server",
        "zone": zone,
        "server": server,
        "queries": len(answers),
        "answered": answered,
        "errors": errors,
    }


def spread(servers: list[str], name: dns.name.Name) -> list[str]:
    """The servers, starting at one chosen by the name: equivalent servers of a zone (the root's, a TLD's) share
    the names that many checks look up (PTR names, name servers' addresses) instead of the first one taking all,
    and held back by the per-address rate cap; the same name always starts at the same server."""
    if len(servers) < 2:
        return servers
    start = zlib.crc32(name.canonicalize().to_wire()) % len(servers)
    return servers[start:] + servers[:start]


class Walker:
    def __init__(
        self,
        transport: Transport,
        guard: AddressGuard,
        hints: list[tuple[dns.name.Name, list[str]]],
        *,
        light: bool = False,
        on_event: Callable[[dict], None] | None = None,
    ):
        self.transport = transport
        self.guard = guard
        self.hints = hints
        self.light = light
        self.on_event = on_event
        self.findings: list[Finding] = []
        self.known_zones: dict[dns.name.Name, list[str]] = {}
        self._resolved: dict[dns.name.Name, asyncio.Future] = {}
        self._name_answers: dict[tuple, Answer | None] = {}  # (name, A/AAAA) -> answer, of each name resolved

    def _emit(self, event: dict) -> None:
        if self.on_event is not None:
            self.on_event(event)

    def _add_server(self, zone: ZoneData, address: str, ns_name: dns.name.Name | None) -> None:
        names = zone.servers.setdefault(address, set())
        if ns_name is not None:
            names.add(ns_name)
        if address in zone.refused:
            return
        reason = self.guard.refusal(address)
        if reason is not None:
            zone.refused[address] = reason
            self.findings.append(
                Finding(
                    "ns_address_not_global",
                    zone=zone.name.to_text(),
                    evidence={"address": address, "ns": ns_name.to_text() if ns_name else None, "reason": reason},
                )
            )

    async def walk(self, target: dns.name.Name) -> Walk:
        root = ZoneData(dns.name.root)
        for ns_name, addresses in self.hints:
            root.delegated_ns.add(ns_name)
            root.glue.setdefault(ns_name, set()).update(addresses)
            for address in addresses:
                self._add_server(root, address, ns_name)
        chain = [root]
        zone = root
        ancestor_tasks = []
        complete = True
        stop_answers: dict[str, Answer] = {}
        fresh = False
        for _ in range(MAX_DEPTH + 1):
            self.known_zones[zone.name] = zone.usable_servers()
            if zone.name != target:
                servers = zone.usable_servers()
                if not servers:
                    complete = False
                    break
                child, answers = await self._delegate(zone, servers, target, fresh=fresh)
                if child is not None:
                    if not zone.ancestor:
                        zone.ancestor = True
                        ancestor_tasks.append(asyncio.ensure_future(self._fetch_apex(zone, shareable=True)))
                    chain.append(child)
                    zone.child, zone = child, child
                    continue
            if zone.from_cache:
                # The name's own zone: its delegation and DS are asked afresh, never taken from
                # what an earlier check kept; the walk goes on from there.
                self.findings = [f for f in self.findings if f.zone != zone.name.to_text()]
                self.transport.forget([*zone.delegation_answers.values(), *zone.ds.values()])
                chain.pop()
                zone, fresh = zone.parent, True
                continue
            if zone.name != target:
                stop_answers = answers
                if not any(answer.message is not None for answer in answers.values()):
                    complete = False
            break
        walk = Walk(target, chain, complete=complete, stop_answers=stop_answers)
        await self._fetch_apex(zone, shareable=False)
        if not self.light:
            await asyncio.gather(
                self._fetch_zone_extra(zone), probes.run_probes(self.transport, zone), self.reverse_names(zone)
            )
        if not walk.is_apex and complete:
            servers = self._serving(zone)
            for server in servers:
                await self._ask_target(walk, server)
            if not self.light:
                await self._follow_cnames(walk, servers)
        await asyncio.gather(*ancestor_tasks)
        walk.findings = self.findings
        return walk

    async def _delegate(
        self, zone: ZoneData, servers: list[str], target: dns.name.Name, *, fresh: bool
    ) -> tuple[ZoneData | None, dict[str, Answer]]:
        """One step down from `zone` toward `target`: the child zone (its delegation, glue and DS
        answers) or None, and the answers of `zone`'s servers to the target's NS query.  Unless
        `fresh`, a referral or DS answer an earlier check kept is used (`ZoneData.from_cache`)."""
        if self.light:
            # One server that answers is enough to follow the delegation; which one the name chooses, so that a
            # batch's referrals spread over a TLD's addresses instead of all waiting on the first one's rate cap.
            servers, answers = await self._first_answering(zone, spread(servers, target), target, fresh)
        else:
            answers = await asyncio.gather(*(self._ask_ns(zone, s, target, fresh) for s in servers))
        by_server = dict(zip(servers, answers, strict=True))
        cuts: dict[dns.name.Name, dict[str, Answer]] = {}
        for server, answer in by_server.items():
            cut = referral_cut(answer, zone.name, target)
            if cut is not None:
                cuts.setdefault(cut, {})[server] = answer
        if cuts:
            cut = max(cuts, key=lambda name: len(cuts[name]))
            child = ZoneData(cut, parent=zone, referrals=cuts[cut], delegation_answers=by_server)
            for answer in cuts[cut].values():
                self._read_referral(child, answer)
        else:
            # A child zone served by the same servers answers its NS query authoritatively.
            child = None
            for answer in answers:
                ns_rrset = answer.rrset("answer", target, NS) if answer.authoritative else None
                if ns_rrset is not None and target != zone.name:
                    child = ZoneData(target, parent=zone)
                    child.delegated_ns.update(rdata.target for rdata in ns_rrset)
                    break
            if child is None:
                return None, by_server
        ds_servers = servers[:1] if self.light else servers
        shareable = not fresh and child.name != target
        # Each parent server is still asked (their answers are compared: A3, A22, C6, D14), but once:
        # its referral already holds the DS answer, unless it lacks one.
        carried = {s: ds_in_referral(child.referrals[s], child.name) for s in ds_servers if s in child.referrals}
        asked = [s for s in ds_servers if carried.get(s) is None]
        ds_answers = asyncio.gather(*(self.transport.query(s, child.name, DS, shareable=shareable) for s in asked))
        await self._resolve_delegation(child)
        answers = dict(zip(asked, await ds_answers, strict=True))
        child.ds = {s: carried.get(s) or answers[s] for s in ds_servers}
        child.from_cache = any(a.cached for a in (*child.delegation_answers.values(), *child.ds.values()))
        return child, by_server

    async def _ask_ns(self, zone: ZoneData, server: str, target: dns.name.Name, fresh: bool) -> Answer:
        """The target's NS query to a server of `zone`, its referral kept for later checks.  Unless
        `fresh`, the referral the server gave an earlier check, or the one it is giving a check
        running at once about a name under the same label below `zone`: checks started together
        would otherwise each ask the root and the TLD, and wait for the rate cap."""
        cache = None if fresh else self.transport.shared_cache
        asking = key = None
        if cache is not None:
            kept = self.transport.kept_referral(server, zone.name, target)
            if kept is not None:
                return kept
            below = len(target.labels) - len(zone.name.labels) - 1
            key = ("ns", server, self.transport.port, name_key(zone.name), target.labels[below].lower())
            other = cache.in_flight(key)
            if other is not None:
                try:
                    async with asyncio.timeout(REFERRAL_WAIT):
                        await asyncio.shield(other)
                except TimeoutError:
                    pass
                # Its referral serves this target if it leads to a zone above it (never to the target's own).
                kept = self.transport.kept_referral(server, zone.name, target)
                if kept is not None:
                    return kept
            else:
                asking = cache.asking(key)
        answer = None
        try:
            answer = await self.transport.query(server, target, NS)
            cut = referral_cut(answer, zone.name, target)
            if cut is not None:
                self.transport.keep_referral(zone.name, cut, answer)
        finally:
            if asking is not None:
                cache.answered(key, asking, answer)
        return answer

    async def _fetch_zone_extra(self, zone: ZoneData) -> None:
        servers = zone.usable_servers()
        results = await asyncio.gather(*(self.transport.query(s, zone.name, t) for s in servers for t in ZONE_TYPES))
        for index, server in enumerate(servers):
            zone.extra[server] = dict(
                zip(ZONE_TYPES, results[index * len(ZONE_TYPES) : (index + 1) * len(ZONE_TYPES)], strict=True)
            )
        await self._fetch_mail_hosts(zone)

    async def _fetch_mail_hosts(self, zone: ZoneData) -> None:
        """J6: the A answer for each MX exchange inside the zone, from a server that gave the MX (an
        alias there shows only in this answer: servers do not put CNAMEs in the additional section)."""
        asked: dict[dns.name.Name, str] = {}
        for server, answers in zone.extra.items():
            rrset = answers[MX].rrset("answer", zone.name, MX) if answers[MX].authoritative else None
            for rdata in rrset or ():
                if rdata.exchange.is_subdomain(zone.name) and len(asked) < MAX_MAIL_HOSTS:
                    asked.setdefault(rdata.exchange, server)
        results = await asyncio.gather(*(self.transport.query(server, name, A) for name, server in asked.items()))
        zone.mail_hosts = dict(zip(asked, results, strict=True))

    async def _follow_cnames(self, walk: Walk, servers: list[str]) -> None:
        """The target's CNAME chain inside its zone, one server asked per hop (J2: loops end here)."""
        chain = [walk.target]
        answers = next((a for a in walk.target_answers.values() if a[A].message is not None), None)
        if answers is None:
            return
        answer = answers[A]
        for _ in range(MAX_CNAME_HOPS):
            name = chain[-1]
            cname = answer.rrset("answer", name, CNAME) if answer.message is not None else None
            if cname is None:
                break
            following = cname[0].target
            if following in chain:
                walk.cname_loop = True
                chain.append(following)
                break
            chain.append(following)
            if answer.rrset("answer", following, CNAME) is not None or answer.rrset("answer", following, A) is not None:
                continue  # the server already gave the next hop in the same answer
            if not following.is_subdomain(walk.zone.name):
                break
            answer = await self.transport.query(answer.server, following, A)
        else:
            walk.cname_loop = True  # longer than any resolver follows
        walk.cname_chain = chain if len(chain) > 1 else []

    def _read_referral(self, child: ZoneData, answer: Answer) -> None:
        message = answer.message
        for rrset in message.authority:
            if rrset.rdtype == NS and rrset.name == child.name:
                child.delegated_ns.update(rdata.target for rdata in rrset)
        for rrset in message.additional:
            if rrset.rdtype in (A, AAAA) and rrset.rdclass == IN and rrset.name in child.delegated_ns:
                child.glue.setdefault(rrset.name, set()).update(rdata.address for rdata in rrset)

    async def _resolve_delegation(self, child: ZoneData) -> None:
        glueless = []
        for ns_name in sorted(child.delegated_ns):
            addresses = child.glue.get(ns_name)
            if addresses:
                for address in sorted(addresses):
                    self._add_server(child, address, ns_name)
            elif not ns_name.is_subdomain(child.name):
                glueless.append(ns_name)
        if glueless:
            resolved = await asyncio.gather(*(self.resolve(ns_name) for ns_name in glueless))
            for ns_name, addresses in zip(glueless, resolved, strict=True):
                child.ns_addresses.setdefault(ns_name, set()).update(addresses)
                for address in sorted(addresses):
                    self._add_server(child, address, ns_name)

    def _serving(self, zone: ZoneData) -> list[str]:
        servers = zone.usable_servers()
        if self.light:
            answered = [
                s for s in servers if zone.apex_answer(s, DNSKEY) is not None and zone.apex_answer(s, DNSKEY).message
            ]
            return answered[:1] or servers[:1]
        return servers

    async def _fetch_apex(self, zone: ZoneData, *, shareable: bool) -> None:
        if self.light:
            for server in spread(zone.usable_servers(), zone.name):
                await self._fetch_server(zone, server, shareable)
                answer = zone.apex_answer(server, DNSKEY)
                if answer is not None and answer.message is not None:
                    break
        else:
            await asyncio.gather(*(self._fetch_server(zone, s, shareable) for s in zone.usable_servers()))
            await self._resolve_apex_ns(zone, shareable)

    async def ask_another_server(self, walk: Walk, zone: ZoneData) -> bool:
        """The light profile: `zone`'s apex, and the checked name's answers where it lies below it, from the next
        server of the zone (in `spread` order) that the walk has not asked and that answers, as a validator asks
        another server when one server's answers fail; False when no server is left."""
        for server in spread(zone.usable_servers(), zone.name):
            if server in zone.apex:
                continue
            await self._fetch_server(zone, server, zone.ancestor)
            answer = zone.apex_answer(server, DNSKEY)
            if answer is None or answer.message is None:
                continue
            if zone is walk.zone and not walk.is_apex and walk.complete:
                await self._ask_target(walk, server)
            return True
        return False

    async def _ask_target(self, walk: Walk, server: str) -> None:
        """The checked name's own answers (below its zone's apex) from one server of its zone."""
        results = await asyncio.gather(*(self.transport.query(server, walk.target, t) for t in TARGET_TYPES))
        walk.target_answers[server] = dict(zip(TARGET_TYPES, results, strict=True))

    async def _fetch_server(self, zone: ZoneData, server: str, shareable: bool) -> None:
        if server in zone.apex:
            return
        zone.apex[server] = {}
        queries = [self.transport.query(server, zone.name, qtype, shareable=shareable) for qtype in APEX_TYPES]
        if not self.light:
            queries.append(self.transport.query(server, zone.name, SOA, tcp=True, shareable=shareable))
            if not zone.ancestor:
                # The probe name goes to the checked zone's servers only: an ancestor's denial
                # chain shows in the answers the walk needs anyway (DS, NSEC3PARAM).
                queries.append(self.transport.query(server, zone.probe_name(), A))
        results = await asyncio.gather(*queries)
        zone.apex[server] = dict(zip(APEX_TYPES, results[: len(APEX_TYPES)], strict=True))
        if not self.light:
            zone.tcp[server] = results[len(APEX_TYPES)]
            if not zone.ancestor:
                zone.probe[server] = results[-1]
        for answer in results[: len(APEX_TYPES)]:
            rrset = answer.rrset("answer", zone.name, NS)
            if rrset is not None:
                zone.apex_ns.update(rdata.target for rdata in rrset)
        self._emit(server_event(zone.name.to_text(), server, results))

    async def _resolve_apex_ns(self, zone: ZoneData, shareable: bool) -> None:
        """Every address of every NS name; new addresses become servers of the zone."""
        inside = sorted(name for name in zone.apex_ns | zone.delegated_ns if name.is_subdomain(zone.name))
        outside = sorted(
            name
            for name in zone.apex_ns - zone.delegated_ns
            if not name.is_subdomain(zone.name) and name not in zone.ns_addresses
        )
        servers = zone.usable_servers()
        lookups = [(name, qtype) for name in inside for qtype in (A, AAAA)]
        results = await asyncio.gather(
            *(self._first_authoritative(servers, name, qtype, shareable) for name, qtype in lookups)
        )
        for (name, qtype), answer in zip(lookups, results, strict=True):
            zone.ns_lookups[(name, qtype)] = answer
            addresses = zone.ns_addresses.setdefault(name, set())
            for rrset in answer.message.answer if answer is not None else ():
                if rrset.name == name and rrset.rdtype in (A, AAAA) and rrset.rdclass == IN:
                    addresses.update(rdata.address for rdata in rrset)
        if outside:
            resolved = await asyncio.gather(*(self.resolve(name) for name in outside))
            for name, addresses in zip(outside, resolved, strict=True):
                zone.ns_addresses.setdefault(name, set()).update(addresses)
        for name in zone.apex_ns | zone.delegated_ns:
            for qtype in (A, AAAA):
                if (name, qtype) in self._name_answers and not name.is_subdomain(zone.name):
                    zone.ns_lookups.setdefault((name, qtype), self._name_answers[(name, qtype)])
        new_servers = []
        for name, addresses in zone.ns_addresses.items():
            if name not in zone.apex_ns and name not in zone.delegated_ns:
                continue
            for address in sorted(addresses):
                if address not in zone.servers:
                    new_servers.append(address)
                self._add_server(zone, address, name)
        fresh = [s for s in new_servers if s not in zone.refused]
        if fresh:
            await asyncio.gather(*(self._fetch_server(zone, s, shareable) for s in fresh))

    async def _first_answering(self, zone: ZoneData, servers: list[str], target, fresh: bool):
        """The first server that answers the target's NS query, and its answer."""
        first = None
        for server in servers:
            answer = await self._ask_ns(zone, server, target, fresh)
            if answer.message is not None:
                return [server], [answer]
            first = first or answer
        return servers[:1], [first]

    async def _first_authoritative(self, servers: list[str], name, qtype, shareable: bool) -> Answer | None:
        """One authoritative answer, asking the servers in turn (a TLD has dozens of addresses)."""
        for server in servers:
            answer = await self.transport.query(server, name, qtype, shareable=shareable)
            if answer.message is not None and answer.authoritative:
                return answer
            if answer.error in LIMIT_ERRORS:
                return None  # the check's limits are reached: asking further servers is pointless
        return None

    def resolve(self, name: dns.name.Name, depth: int = 0) -> asyncio.Future:
        """The addresses of `name`, resolved iteratively once per check."""
        future = self._resolved.get(name)
        if future is not None and not future.done() and depth > 0:
            # A glueless cycle (the name's zone is served by names under itself): give up on it.
            done = asyncio.get_running_loop().create_future()
            done.set_result(set())
            return done
        if future is None:
            future = asyncio.ensure_future(self._resolve(name, depth))
            self._resolved[name] = future
        return future

    async def _resolve(self, name: dns.name.Name, depth: int) -> set[str]:
        answer = await self.iterate(name, A, depth)
        # Kept for the zone checks: an NS name outside the zone may be an alias (A18) or unresolvable (A16).
        self._name_answers[(name, A)] = answer
        if answer is None:
            return set()
        addresses = set()
        aaaa = self._name_answers[(name, AAAA)] = await self.transport.query(answer.server, name, AAAA)
        for reply in (answer, aaaa):
            for rrset in reply.message.answer if reply.message is not None else ():
                if rrset.name == name and rrset.rdtype in (A, AAAA) and rrset.rdclass == IN:
                    addresses.update(rdata.address for rdata in rrset)
        return addresses

    async def iterate(
        self, name: dns.name.Name, qtype: int, depth: int = 0, *, shareable: bool = False
    ) -> Answer | None:
        """The authoritative answer for `name`/`qtype`, following referrals down from the closest
        zone already known; None when no server gives one.  `shareable`: the last step may take an
        answer that another check got (a question about no zone being checked)."""
        if depth > MAX_GLUELESS_DEPTH:
            return None
        zone_name = max((z for z in self.known_zones if name.is_subdomain(z)), key=len, default=None)
        if zone_name is None:
            return None
        servers = list(self.known_zones[zone_name])
        for _ in range(MAX_RESOLUTION_STEPS):
            answer = None
            for server in spread(servers, name):
                # A referral an earlier check kept (a name server's or a PTR name's parent zones)
                # saves asking the root and the TLDs again.
                candidate = self.transport.kept_referral(server, zone_name, name)
                candidate = candidate or await self.transport.query(server, name, qtype, shareable=shareable)
                if candidate.message is not None:
                    answer = candidate
                    break
            if answer is None:
                return None
            cut = referral_cut(answer, zone_name, name)
            if cut is not None:
                self.transport.keep_referral(zone_name, cut, answer)
                child = ZoneData(cut)
                self._read_referral(child, answer)
                addresses = set().union(*child.glue.values()) if child.glue else set()
                if not addresses:
                    for ns_name in sorted(child.delegated_ns)[:2]:
                        addresses |= await self.resolve(ns_name, depth + 1)
                servers = [a for a in sorted(addresses) if self.guard.refusal(a) is None]
                zone_name = cut
                self.known_zones.setdefault(cut, servers)
                continue
            return answer if answer.authoritative else None
        return None

    async def reverse_names(self, zone: ZoneData) -> None:
        """A23: the PTR records of the zone's name-server addresses (the first MAX_PTR_LOOKUPS).
        A PTR name is about an address, not about the checked zone, so checks that share name servers
        (a hosting provider's many zones) ask its reverse zone once a process, unless the checked zone
        is that reverse zone itself."""
        addresses = zone.usable_servers()[:MAX_PTR_LOOKUPS]
        ptr_names = [dns.reversename.from_address(a) for a in addresses]
        answers = await asyncio.gather(
            *(self.iterate(ptr, PTR, shareable=not ptr.is_subdomain(zone.name)) for ptr in ptr_names)
        )
        for address, answer in zip(addresses, answers, strict=True):
            names = set()
            if answer is not None and answer.message is not None:
                for rrset in answer.message.answer:
                    if rrset.rdtype == PTR:
                        names.update(rdata.target for rdata in rrset)
            zone.ptr[address] = names
