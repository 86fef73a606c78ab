"""Builds the lab: address plan, unsigned zones, keys, signing, DS, and the files in the workdir."""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import dns.dnssec
import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdataset
import dns.rdatatype
import dns.rrset
import dns.zone

from .keys import KeyStore, LabKey
from .signer import SigningKey, SigningPolicy, sign_zone
from .zones import DAY, TLD, ZONE_SPECS, ZoneContext, ZoneSpec, keyset

ROOT = dns.name.root
HINTS_TTL = 3600000
# RFC 9077: NSEC TTL is min(SOA TTL, SOA MINIMUM); RFC 1912-style timers that J4 accepts.
SOA_TIMERS = (14400, 3600, 1209600)
WWW_AAAA = "2001:db8::80"
WWW_A = "192.0.2.80"


@dataclass
class LabZone:
    name: str  # absolute, e.g. "alg13.test."
    file: Path
    nameservers: dict[str, str]  # name-server name -> IPv4 address
    parent: str | None
    signed: bool
    # Addresses that serve another copy of the zone (ZoneSpec.second_server) -> that copy's file.
    other_files: dict[str, Path] = field(default_factory=dict)
    # Addresses that serve the zone under no NS name (ZoneSpec.spare_addresses).
    spare_addresses: tuple[str, ...] = ()
    # Name servers' addresses that answer but serve no copy of the zone (ZoneSpec.lame_second).
    lame_addresses: tuple[str, ...] = ()

    @property
    def addresses(self) -> tuple[str, ...]:
        """Every address that serves the zone, once (name servers may share one)."""
        serving = (a for a in dict.fromkeys(self.nameservers.values()) if a not in self.lame_addresses)
        return tuple(serving) + self.spare_addresses

    def file_for(self, address: str) -> Path:
        return self.other_files.get(address, self.file)


@dataclass(frozen=True)
class Delegation:
    """A zone served outside the lab (the resolver test's zones) that a lab zone delegates, with its DS.

    Its parent is the lab zone that encloses it most closely (``test.`` for ``rt.test.``), which lists
    its name servers, their glue (for names below it) and ``ds``, and signs the DS.
    """

    name: str  # absolute, e.g. "rt.test."
    nameservers: dict[str, str]  # name-server name -> IPv4 address
    ds: tuple[str, ...] = ()  # DS rdata in presentation format

    def to_json(self) -> dict:
        return {"name": self.name, "nameservers": self.nameservers, "ds": list(self.ds)}

    @classmethod
    def from_json(cls, data: dict) -> Delegation:
        return cls(data["name"], dict(data["nameservers"]), tuple(data.get("ds", ())))


def save_delegations(path: Path | str, delegations) -> None:
    """Write ``delegations`` as JSON for ``python -m checker.lab serve --delegations`` (whole, by a rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps([d.to_json() for d in delegations], indent=1))
    temporary.replace(path)


def load_delegations(path: Path | str | None) -> tuple[Delegation, ...]:
    """The delegations kept at ``path``; none while it does not exist (its server has not started yet)."""
    if path is None or not Path(path).exists():
        return ()
    return tuple(Delegation.from_json(item) for item in json.loads(Path(path).read_text()))


def _load(zones: dict[str, LabZone], name: str, address: str | None) -> dns.zone.Zone:
    zone = zones[name]
    path = zone.file if address is None else zone.file_for(address)
    return dns.zone.from_file(str(path), origin=name, relativize=False, check_origin=False)


@dataclass
class Lab:
    network: ipaddress.IPv4Network
    workdir: Path
    now: int  # reference time (POSIX seconds) of every signature
    zones: dict[str, LabZone]  # zone name -> zone; parents before children
    root_hints_file: Path
    trust_anchor_file: Path  # DS of the root KSK
    trust_anchor_files: dict[str, Path]  # "default", "dnskey", "wrong-ds", "revoked-dnskey"
    build_seconds: float = 0.0
    keys_generated: int = 0
    ds: dict[str, list[str]] = field(default_factory=dict)  # zone -> DS records at its parent
    delegations: tuple[Delegation, ...] = ()  # zones served elsewhere that lab zones delegate

    @property
    def servers(self) -> dict[str, tuple[str, ...]]:
        return {name: zone.addresses for name, zone in self.zones.items()}

    @property
    def conditions(self):
        from .zones import CONDITIONS

        return CONDITIONS

    def load_zone(self, name: str, address: str | None = None) -> dns.zone.Zone:
        """The zone as its first name server serves it, or as the server at ``address`` does."""
        return _load(self.zones, name, address)

    def manifest(self) -> dict:
        return {
            "network": str(self.network),
            "now": self.now,
            "root_hints": str(self.root_hints_file),
            "trust_anchors": {k: str(v) for k, v in self.trust_anchor_files.items()},
            "zones": {
                n: {
                    "file": str(z.file),
                    "nameservers": z.nameservers,
                    "parent": z.parent,
                    "signed": z.signed,
                    "other_files": {address: str(path) for address, path in z.other_files.items()},
                    "spare_addresses": list(z.spare_addresses),
                    "lame_addresses": list(z.lame_addresses),
                }
                for n, z in self.zones.items()
            },
            "delegations": [d.to_json() for d in self.delegations],
        }


@dataclass
class ZoneTree:
    """Zones built and signed as the lab's are, apart from it: a zone and the zones below it, for a server
    of their own (the resolver test's). The top zone's parent is elsewhere; ``delegation()`` is what that
    parent must hold."""

    workdir: Path
    now: int
    zones: dict[str, LabZone]  # zone name -> zone; parents before children, the top zone first
    ds: dict[str, list[str]]  # zone -> DS records at its parent

    @property
    def top(self) -> str:
        return next(iter(self.zones))

    @property
    def servers(self) -> dict[str, tuple[str, ...]]:
        return {name: zone.addresses for name, zone in self.zones.items()}

    def load_zone(self, name: str, address: str | None = None) -> dns.zone.Zone:
        return _load(self.zones, name, address)

    def delegation(self) -> Delegation:
        top = self.zones[self.top]
        return Delegation(top.name, dict(top.nameservers), tuple(self.ds[top.name]))


def _infrastructure_specs() -> dict[str, ZoneSpec]:
    return {".": ZoneSpec(name=ROOT, keys=keyset(8, 2048), ttl=86400, soa_minimum=86400), "test.": ZoneSpec(name=TLD)}


def _parent_of(name: dns.name.Name, names: set[dns.name.Name]) -> dns.name.Name | None:
    if name == ROOT:
        return None
    candidate = name.parent()
    while candidate not in names:
        candidate = candidate.parent()
    return candidate


def address_plan(
    network: ipaddress.IPv4Network, zone_names: list[str], specs: dict[str, ZoneSpec] | None = None
) -> tuple[dict[str, dict[str, str]], dict[str, tuple[str, ...]]]:
    """Name servers and their addresses: the root on .1/.2, the TLD on .3/.4, then each zone's own
    from .16 on (ns1 and ns2, or its ZoneSpec's ``ns_names``); and each zone's spare addresses."""
    specs = specs or {}
    base = int(network.network_address)
    plan = {
        ".": {"a.root-servers.test.": base + 1, "b.root-servers.test.": base + 2},
        "test.": {"a.nic.test.": base + 3, "b.nic.test.": base + 4},
    }
    spares: dict[str, tuple[int, ...]] = {}
    following = base + 16
    for name in (n for n in zone_names if n not in plan):
        spec = specs.get(name) or ZoneSpec(name=dns.name.from_text(name))
        plan[name] = {
            f"{label}.{name}": following + (0 if spec.shared_address else index)
            for index, label in enumerate(spec.ns_names)
        }
        following += 1 if spec.shared_address else len(spec.ns_names)
        spares[name] = tuple(range(following, following + spec.spare_addresses))
        following += spec.spare_addresses
    if following - 1 >= int(network.broadcast_address):
        raise ValueError(f"{network} is too small for {len(plan)} zones")

    def text(address: int) -> str:
        return str(ipaddress.IPv4Address(address))

    return (
        {zone: {ns: text(a) for ns, a in servers.items()} for zone, servers in plan.items()},
        {zone: tuple(text(a) for a in addresses) for zone, addresses in spares.items()},
    )


def _rdata(rdtype: str, text: str) -> dns.rdata.Rdata:
    return dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.from_text(rdtype), text)


def _add(zone: dns.zone.Zone, name: str | dns.name.Name, ttl: int, rdtype: str, *texts: str):
    owner = dns.name.from_text(name) if isinstance(name, str) else name
    rdataset = zone.find_node(owner, create=True).find_rdataset(
        dns.rdataclass.IN, dns.rdatatype.from_text(rdtype), create=True
    )
    for text in texts:
        rdataset.add(_rdata(rdtype, text), ttl)


def _listed_nameservers(spec: ZoneSpec, nameservers: dict[str, str], omits: tuple[str, ...] = ()) -> dict[str, str]:
    """The NS names the parent and the apex list, with their glue: ZoneSpec.ns_alias replaces the
    second; ``omits`` (relative names) are left out."""
    if spec.ns_alias is not None:
        (first, first_address), (_, second_address) = list(nameservers.items())[:2]
        nameservers = {first: first_address, dns.name.from_text(spec.ns_alias, spec.name).to_text(): second_address}
    left_out = {dns.name.from_text(label, spec.name).to_text() for label in omits}
    return {ns: address for ns, address in nameservers.items() if ns not in left_out}


def _unsigned_zone(
    spec: ZoneSpec,
    plan,
    spares,
    specs: dict[str, ZoneSpec],
    children: list[str],
    serial: int,
    ds_records: dict[str, list],
) -> dns.zone.Zone:
    origin = spec.name
    name = origin.to_text()
    zone = dns.zone.Zone(origin, relativize=False)
    nameservers = plan[name]
    first_ns = next(iter(nameservers))
    contact = f"hostmaster.{name}" if origin != ROOT else "hostmaster.nic.test."
    refresh, retry, expire = SOA_TIMERS
    _add(zone, origin, spec.ttl, "SOA", f"{first_ns} {contact} {serial} {refresh} {retry} {expire} {spec.soa_minimum}")
    _add(zone, origin, spec.ttl, "NS", *_listed_nameservers(spec, nameservers, spec.apex_omits))
    alias = dns.name.from_text(spec.ns_alias, origin) if spec.ns_alias is not None else None
    if alias is not None and alias.is_subdomain(origin):
        _add(zone, alias, spec.ttl, "CNAME", list(nameservers)[1])
    label = "root" if origin == ROOT else name
    _add(zone, origin, spec.ttl, "TXT", f'"DNSSEC Japan lab zone {label}"')
    for ns, address in nameservers.items():
        _add(zone, ns, spec.ttl, "A", address)
    if origin != ROOT:
        _add(zone, dns.name.from_text("www", origin), spec.ttl, "A", WWW_A)
        _add(zone, dns.name.from_text("www", origin), spec.ttl, "AAAA", WWW_AAAA)
    if origin == TLD:
        # The root's name servers live in the lab TLD (the root zone holds their glue).
        for ns, address in plan["."].items():
            _add(zone, ns, spec.ttl, "A", address)
    for child in children:
        child_name = dns.name.from_text(child)
        child_spec = specs[child]
        listed = _listed_nameservers(child_spec, plan[child], child_spec.parent_omits)
        _add(zone, child_name, spec.ttl, "NS", *listed)
        for ns, address in listed.items():
            if dns.name.from_text(ns).is_subdomain(child_name):  # glue for the child's own names only
                _add(zone, ns, spec.ttl, "A", address)
        if child_spec.glue_hook is not None:
            child_spec.glue_hook(zone, child_name, list(plan[child].values()) + list(spares.get(child, ())))
        for ds in ds_records.get(child, []):
            _add(zone, child_name, spec.ttl, "DS", ds.to_text())
    return zone


def _zone_keys(store: KeyStore, spec: ZoneSpec) -> dict[str, LabKey]:
    keys = {}
    collision = [k for k in spec.keys if k.label.startswith("collide-")]
    if collision:
        pair = store.colliding_pair(spec.name, collision[0].flags)
        keys.update({key.label: key for key in pair})
    for ks in spec.keys:
        if ks.label in keys:
            continue
        if ks.handmade:
            keys[ks.label] = store.handmade(spec.name, ks.label, ks.algorithm, ks.flags, ks.protocol)
        else:
            keys[ks.label] = store.key(spec.name, ks.label, ks.algorithm, ks.flags, ks.bits, ks.protocol)
    return keys


def _ds_for(spec: ZoneSpec, keys: dict[str, LabKey]) -> list:
    records = []
    for ks in spec.keys:
        for digest in ks.ds:
            records.append(
                dns.dnssec.make_ds(spec.name, keys[ks.label].dnskey, digest, policy=dns.dnssec.allow_all_policy)
            )
    return records


def _signed_zone(
    spec: ZoneSpec, plan, spares, specs, children: list[str], serial: int, ds_records: dict, store: KeyStore, now: int
) -> tuple[dns.zone.Zone, dict[str, LabKey], ZoneContext]:
    """One zone file's content: the unsigned zone, its keys, the signatures, the hooks."""
    zone = _unsigned_zone(spec, plan, spares, specs, children, serial, ds_records)
    keys = _zone_keys(store, spec)
    ctx = ZoneContext(
        spec.name,
        zone,
        now,
        keys,
        now + spec.inception,
        now + spec.expiration,
        {k.label: k.role for k in spec.keys},
    )
    for key in (keys[k.label] for k in spec.keys if k.published):
        _add(zone, spec.name, spec.ttl, "DNSKEY", key.dnskey.to_text())
    if spec.prepare:
        spec.prepare(ctx)
    if spec.signed:
        policy = SigningPolicy(
            inception=ctx.inception,
            expiration=ctx.expiration,
            denial=spec.denial,
            nsec3_iterations=spec.nsec3_iterations,
            nsec3_salt=spec.nsec3_salt,
            nsec3_flags=spec.nsec3_flags,
            keys=[SigningKey(keys[k.label], k.role) for k in spec.keys if k.role != "none"],
        )
        if spec.timing_scope == "data":
            policy.key_inception, policy.key_expiration = now - 3600, now + 21 * DAY
        sign_zone(zone, policy)
    if spec.mutate:
        spec.mutate(ctx)
    return zone, keys, ctx


def build_lab(
    network,
    workdir,
    now: int | float | datetime | None = None,
    key_dir: Path | str | None = None,
    delegations=(),
) -> Lab:
    """Build every lab zone on ``network`` into ``workdir``; signatures are relative to ``now``.

    ``key_dir`` (default ``workdir/keys``) caches the generated keys between builds. ``delegations``
    (``Delegation``) are zones served elsewhere that the lab zone above each delegates, with its DS.
    """
    started = time.perf_counter()
    network = ipaddress.ip_network(network)
    workdir = Path(workdir)
    if now is None:
        raise ValueError("build_lab needs an explicit reference time 'now'")
    if isinstance(now, datetime):
        now = now.timestamp()
    now = int(now)
    store = KeyStore(Path(key_dir) if key_dir else workdir / "keys")
    specs = {**_infrastructure_specs(), **ZONE_SPECS}
    names = {spec.name for spec in specs.values()}
    parents = {spec.name: _parent_of(spec.name, names) for spec in specs.values()}
    # Parents first (for the manifest), children first for signing (the parent needs their DS).
    ordered = sorted(specs, key=lambda n: (len(dns.name.from_text(n)), list(specs).index(n)))
    plan, spares = address_plan(network, ordered, specs)
    children_of: dict[str, list[str]] = {n: [] for n in specs}
    for name, parent in parents.items():
        if parent is not None:
            children_of[parent.to_text()].append(name.to_text())
    ds_records: dict[str, list] = {}
    delegations = tuple(delegations)
    taken = {address for servers in plan.values() for address in servers.values()}
    taken |= {address for addresses in spares.values() for address in addresses}
    for delegation in delegations:
        # Listed by its parent as a child zone is (NS, glue, DS), and built by nobody here.
        delegated = dns.name.from_text(delegation.name)
        if delegation.name in specs or taken & set(delegation.nameservers.values()):
            raise ValueError(f"the delegation of {delegation.name} collides with the lab's zones or addresses")
        specs = {**specs, delegation.name: ZoneSpec(name=delegated)}
        plan[delegation.name] = dict(delegation.nameservers)
        ds_records[delegation.name] = [_rdata("DS", text) for text in delegation.ds]
        children_of[_parent_of(delegated, names).to_text()].append(delegation.name)

    zone_dir = workdir / "zones"
    zone_dir.mkdir(parents=True, exist_ok=True)
    serial = int(datetime.fromtimestamp(now, UTC).strftime("%Y%m%d00")) if now > 0 else 1
    lab_zones: dict[str, LabZone] = {}
    root_keys: dict[str, LabKey] = {}
    for name in reversed(ordered):
        spec = specs[name]
        zone, keys, ctx = _signed_zone(spec, plan, spares, specs, children_of[name], serial, ds_records, store, now)
        ds = _ds_for(spec, keys)
        if spec.ds_hook:
            ds = spec.ds_hook(ctx, ds)
        ds_records[name] = ds
        if name == ".":
            root_keys = keys
        path = zone_dir / (f"{name}zone" if name != "." else "root.zone")
        zone.to_file(str(path), sorted=True, relativize=False, want_origin=True)
        other_files = {}
        if spec.second_server is not None:
            # The same zone as its second name server serves it; the DS stays the first copy's.
            copy_spec = dataclasses.replace(spec, **spec.second_server)
            copy, _, _ = _signed_zone(copy_spec, plan, spares, specs, children_of[name], serial, ds_records, store, now)
            second = path.with_name(f"{name}ns2.zone")
            copy.to_file(str(second), sorted=True, relativize=False, want_origin=True)
            other_files[list(plan[name].values())[1]] = second
        served_instead = []
        for child in children_of[name]:
            if specs[child].ns2_serves_parent is not None:
                # The child's ns2 serves this zone (another copy of it) instead of the child.
                copy_spec = dataclasses.replace(spec, **specs[child].ns2_serves_parent)
                copy, _, _ = _signed_zone(
                    copy_spec, plan, spares, specs, children_of[name], serial, ds_records, store, now
                )
                address = list(plan[child].values())[1]
                other_files[address] = path.with_name(f"{name}{child}zone")
                copy.to_file(str(other_files[address]), sorted=True, relativize=False, want_origin=True)
                served_instead.append(address)
        parent = parents[spec.name]
        lab_zones[name] = LabZone(
            name,
            path,
            plan[name],
            parent.to_text() if parent else None,
            spec.signed,
            other_files,
            spares.get(name, ()) + tuple(served_instead),
            (list(plan[name].values())[1],) if spec.lame_second or spec.ns2_serves_parent is not None else (),
        )

    lab = Lab(
        network=network,
        workdir=workdir,
        now=now,
        zones={name: lab_zones[name] for name in ordered},
        root_hints_file=workdir / "root.hints",
        trust_anchor_file=workdir / "trust-anchor.ds",
        trust_anchor_files={},
        keys_generated=store.generated,
        ds={n: [d.to_text() for d in v] for n, v in ds_records.items()},
        delegations=delegations,
    )
    _write_hints_and_anchors(lab, plan, root_keys, ds_records["."], store)
    (workdir / "lab.json").write_text(json.dumps(lab.manifest(), indent=1))
    lab.build_seconds = time.perf_counter() - started
    return lab


def build_zone_tree(
    specs,
    nameservers: dict[str, dict[str, str]],
    workdir,
    now: int | float | datetime,
    key_dir: Path | str | None = None,
) -> ZoneTree:
    """Build and sign ``specs`` (``ZoneSpec``: one zone and zones below it) into ``workdir``, as the lab's.

    ``nameservers`` gives each zone's name servers ({ns name: IPv4 address}), which may share
    addresses: one server can serve the whole tree. Each parent lists its children's name servers
    with glue and DS; every signature is relative to ``now``; keys are cached in ``key_dir`` (default
    ``workdir/keys``), so the top zone's DS stays the same from build to build.
    """
    workdir = Path(workdir)
    now = int(now.timestamp() if isinstance(now, datetime) else now)
    store = KeyStore(Path(key_dir) if key_dir else workdir / "keys")
    by_name = {spec.name.to_text(): spec for spec in specs}
    names = {spec.name for spec in specs}
    top = min(names, key=len)
    if any(not name.is_subdomain(top) for name in names):
        raise ValueError(f"every zone of a tree lies below its top zone {top}")
    ordered = sorted(by_name, key=lambda n: (len(dns.name.from_text(n)), list(by_name).index(n)))
    children_of: dict[str, list[str]] = {name: [] for name in by_name}
    parents: dict[str, str | None] = {top.to_text(): None}
    for spec in specs:
        if spec.name != top:
            parents[spec.name.to_text()] = _parent_of(spec.name, names).to_text()
            children_of[parents[spec.name.to_text()]].append(spec.name.to_text())
    zone_dir = workdir / "zones"
    zone_dir.mkdir(parents=True, exist_ok=True)
    serial = int(datetime.fromtimestamp(now, UTC).strftime("%Y%m%d%H"))
    ds_records: dict[str, list] = {}
    zones: dict[str, LabZone] = {}
    for name in reversed(ordered):
        spec = by_name[name]
        zone, keys, ctx = _signed_zone(
            spec, nameservers, {}, by_name, children_of[name], serial, ds_records, store, now
        )
        ds = _ds_for(spec, keys)
        ds_records[name] = spec.ds_hook(ctx, ds) if spec.ds_hook else ds
        path = zone_dir / f"{name}zone"
        zone.to_file(str(path), sorted=True, relativize=False, want_origin=True)
        zones[name] = LabZone(name, path, dict(nameservers[name]), parents[name], spec.signed)
    return ZoneTree(
        workdir=workdir,
        now=now,
        zones={name: zones[name] for name in ordered},
        ds={name: [d.to_text() for d in records] for name, records in ds_records.items()},
    )


def _write_hints_and_anchors(lab: Lab, plan, root_keys, root_ds, store: KeyStore) -> None:
    hints = [f".\t{HINTS_TTL}\tIN\tNS\t{ns}" for ns in plan["."]]
    hints += [f"{ns}\t{HINTS_TTL}\tIN\tA\t{address}" for ns, address in plan["."].items()]
    lab.root_hints_file.write_text("\n".join(hints) + "\n")
    ksk = root_keys["ksk"].dnskey
    lab.trust_anchor_file.write_text("".join(f".\t86400\tIN\tDS\t{ds.to_text()}\n" for ds in root_ds))
    dnskey_file = lab.workdir / "trust-anchor.dnskey"
    dnskey_file.write_text(f".\t86400\tIN\tDNSKEY\t{ksk.to_text()}\n")
    # A well-formed DS of a key the root never published.
    stranger = store.key(ROOT, "stranger-ksk", 8, 257, 2048)
    wrong = dns.dnssec.make_ds(ROOT, stranger.dnskey, "SHA256")
    wrong_file = lab.workdir / "trust-anchor-wrong.ds"
    wrong_file.write_text(f".\t86400\tIN\tDS\t{wrong.to_text()}\n")
    revoked = ksk.replace(flags=ksk.flags | 0x80)
    revoked_file = lab.workdir / "trust-anchor-revoked.dnskey"
    revoked_file.write_text(f".\t86400\tIN\tDNSKEY\t{revoked.to_text()}\n")
    lab.trust_anchor_files.update(
        {
            "default": lab.trust_anchor_file,
            "dnskey": dnskey_file,
            "wrong-ds": wrong_file,
            "revoked-dnskey": revoked_file,
        }
    )
