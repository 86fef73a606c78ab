"""The chain of trust: from the trust anchors down to the checked name.

Each zone of the walk gets a status, computed top-down as a validating
resolver would (RFC 4035 §5):

* `secure`: on at least one server, the zone's DNSKEY RRset is signed by a key
  that a validated DS (or a trust anchor) designates, and each of its apex
  RRsets has a copy, on some server, that validates with those keys (a
  validator whose answer from one server fails validation asks another; the
  servers that fail are ERR findings);
* `insecure`: the parent is insecure, or proves that no DS exists, or the DS
  RRset uses only algorithms or digests that `policy.py` does not count;
* `bogus`: a validator gets a chain it must reject;
* `indeterminate`: the answers needed to decide were not obtained.

Zones outside the secure part of the chain are still checked against their own
keys, so an island of security or a zone below a broken parent gets its RRSIG,
DNSKEY and algorithm findings too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import dns.name
import dns.rcode
import dns.rdatatype

from . import checks, denial, policy
from .names import name_text
from .report import Finding, iso
from .transport import OWN_LIMITS, message_rcode
from .validator import REVOKE_FLAG, SEP_FLAG, ZONE_FLAG, RRsetCheck, Verifier, ds_digest, key_tag, key_wire
from .walker import Walk, ZoneData, dname_target

CNAME, DNAME = dns.rdatatype.CNAME, dns.rdatatype.DNAME
RRSIG, DS, DNSKEY, SOA, NS, NSEC, NSEC3, NSEC3PARAM, A, AAAA = (
    dns.rdatatype.RRSIG,
    dns.rdatatype.DS,
    dns.rdatatype.DNSKEY,
    dns.rdatatype.SOA,
    dns.rdatatype.NS,
    dns.rdatatype.NSEC,
    dns.rdatatype.NSEC3,
    dns.rdatatype.NSEC3PARAM,
    dns.rdatatype.A,
    dns.rdatatype.AAAA,
)
NOERROR, NXDOMAIN = dns.rcode.NOERROR, dns.rcode.NXDOMAIN


@dataclass
class ZoneResult:
    """One zone of the chain as judged: its status, its keys and DS, and its RRsets checked."""

    data: ZoneData
    status: str = "indeterminate"
    reason: str = ""
    signed: bool = False
    dnskeys: dict[str, list] = field(default_factory=dict)  # server -> its DNSKEY rdatas
    trusted: dict[str, list] = field(default_factory=dict)  # server -> keys validated from DS/anchor
    ds: list[dict] = field(default_factory=list)
    ds_records: list = field(default_factory=list)
    rrsets: list[RRsetCheck] = field(default_factory=list)
    denial: dict | None = None
    dnskey_failed: list = field(default_factory=list)  # (server, transport, reason)
    opt_out: bool = False
    dnskey_empty: list = field(default_factory=list)  # servers that answered with no DNSKEY
    entry_keys: set = field(default_factory=set)  # wire forms of the keys the chain enters by
    anchors: list = field(default_factory=list)  # the trust anchor records, for an anchored zone

    @property
    def name(self) -> dns.name.Name:
        return self.data.name

    def keys_for(self, server: str) -> list:
        """Keys to check a server's signatures with: those its DNSKEY RRset's entry point validates;
        for a server without one, those of the servers with one (what a validator holds after
        validating the DNSKEY RRset from another server); else what it serves, else any."""
        if self.trusted.get(server):
            return self.trusted[server]
        if self.trusted:
            return _distinct(key for keys in self.trusted.values() for key in keys)
        if self.dnskeys.get(server):
            return self.dnskeys[server]
        return [key for keys in self.dnskeys.values() for key in keys]

    def algorithms_for(self, server: str) -> set[int]:
        # int(): masking the flags enum itself builds an enum each time.
        return {k.algorithm for k in self.keys_for(server) if int(k.flags) & (ZONE_FLAG | REVOKE_FLAG) == ZONE_FLAG}

    def worsen(self, status: str, reason: str) -> None:
        order = ["secure", "insecure", "indeterminate", "bogus"]
        if order.index(status) > order.index(self.status):
            self.status, self.reason = status, reason


def _distinct(keys) -> list:
    seen, distinct = set(), []
    for key in keys:
        if key_wire(key) not in seen:
            seen.add(key_wire(key))
            distinct.append(key)
    return distinct


def _rrset_pair(answer, section: str, owner, rdtype):
    rrset = answer.rrset(section, owner, rdtype)
    return rrset, (answer.rrset(section, owner, RRSIG, rdtype) if rrset is not None else None)


def _synthesised(answer, rrset) -> bool:
    """Whether a CNAME is the one a DNAME of the same answer synthesises for its owner."""
    return (
        rrset.rdtype == CNAME
        and len(rrset) == 1
        and any(
            other.rdtype == DNAME and dname_target(rrset.name, other) == rrset[0].target
            for other in answer.message.answer
        )
    )


def _observed_opt_out(zone: ZoneResult) -> bool | None:
    """Whether the zone's NSEC3 records opt out, as far as seen: the checked zone shows it in its
    probe name's proof; an ancestor, which gets no probe name, in the NSEC3 records of its DS
    answers for the next zone of the chain.  None when nothing showed it."""
    if zone.opt_out or zone.data.probe:
        return zone.opt_out
    child = zone.data.child
    flags = [
        rdata.flags
        for answer in (child.ds.values() if child is not None else ())
        if answer.message is not None and (answer.authoritative or answer.in_referral)
        for rrset in answer.message.authority
        if rrset.rdtype == NSEC3
        for rdata in rrset
    ]
    return any(flag & 1 for flag in flags) if flags else None


class ChainValidator:
    def __init__(self, anchors: dict[dns.name.Name, list], now: int, verifier: Verifier):
        self.anchors = anchors
        self.now = now
        self.verifier = verifier
        self.findings: list[Finding] = []
        self.validated: set[tuple[str, str]] = set()  # (zone, owner/TYPE) with a copy that validates
        self.entered: set[str] = set()  # zones with a server whose DNSKEY RRset has a secure entry point

    def _add(
        self,
        fid: str,
        zone: dns.name.Name,
        server: str | None = None,
        transport=None,
        *,
        severity: str | None = None,
        **evidence,
    ):
        self.findings.append(
            Finding(fid, severity, zone=name_text(zone), server=server, transport=transport, evidence=evidence)
        )

    def _check(self, zone: ZoneResult, owner, rrset, rrsigs, server: str, transport: str, keys=None) -> RRsetCheck:
        check = self.verifier.check_rrset(
            zone.name,
            owner,
            rrset,
            rrsigs,
            zone.keys_for(server) if keys is None else keys,
            self.now,
            server,
            transport,
        )
        zone.rrsets.append(check)
        if check.secure:
            self.validated.add((name_text(zone.name), check.label))
        checks.rrsig_findings(check, self.now, zone.algorithms_for(server), zone.signed, self.findings)
        return check

    def grade_by_servers(self) -> None:
        """Once every server's copy is checked, CRIT stays only where no server serves a copy that
        validates; where one does, the finding is ERR (see `_apex_rrsets`): F3, F5, F6 by the
        RRset they are about, D3, D4, D6, D18 by the zone's DNSKEY RRset with a secure entry point
        (`_entry_points`)."""
        for finding in self.findings:
            if finding.severity != "CRIT":
                continue
            if (
                finding.id in checks.SERVER_GRADED
                and (finding.zone, finding.evidence.get("rrset")) in self.validated
                or finding.id in checks.ENTRY_GRADED
                and finding.zone in self.entered
            ):
                finding.severity = "ERR"

    # -- the zone's own DNSKEY RRset ---------------------------------------------------------

    def _read_dnskeys(self, zone: ZoneResult) -> dict[str, tuple]:
        data = zone.data
        served, failed, empty = {}, [], []
        for server, answers in data.apex.items():
            answer = answers.get(DNSKEY)
            if answer is None:
                continue
            if answer.error in OWN_LIMITS:
                continue
            if answer.message is None:
                failed.append((server, answer.transport, answer.error))
            elif answer.rcode != NOERROR:
                failed.append((server, answer.transport, dns.rcode.to_text(answer.rcode)))
            elif not answer.authoritative:
                failed.append((server, answer.transport, "not_authoritative"))
            else:
                rrset, rrsigs = _rrset_pair(answer, "answer", data.name, DNSKEY)
                if rrset is None:
                    empty.append((server, answer.transport, "empty"))
                else:
                    served[server] = (rrset, rrsigs, answer.transport)
        zone.signed = bool(served)
        zone.dnskeys = {server: list(rrset) for server, (rrset, _, _) in served.items()}
        if served:
            for server, transport, reason in failed + empty:
                self._add("dnskey_query_failed", data.name, server, transport, response=reason)
        zone.dnskey_failed = failed
        zone.dnskey_empty = [server for server, _, _ in empty]
        return served

    # -- DS from the parent ------------------------------------------------------------------

    def _read_ds(self, zone: ZoneResult, parent: ZoneResult) -> str:
        """Collect the parent's DS answers; returns present, absent, failed or bogus."""
        data = zone.data
        present, absent, failed = {}, [], []
        denial_bogus = False
        for server, answer in data.ds.items():
            if answer.error in OWN_LIMITS:
                continue
            if answer.message is None:
                failed.append((server, answer.transport, answer.error))
                continue
            rrset, rrsigs = _rrset_pair(answer, answer.ds_section, data.name, DS)
            if answer.rcode == NOERROR and rrset is not None:
                present[server] = self._check(parent, data.name, rrset, rrsigs, server, answer.transport)
            elif answer.rcode in (NOERROR, NXDOMAIN) and (answer.authoritative or answer.in_referral):
                absent.append(server)
                signatures_valid = self._denial_signatures(parent, answer, server)
                if not (self._no_ds_proof(zone, parent, answer) and signatures_valid):
                    denial_bogus = True
            else:
                reason = "referral" if answer.rcode == NOERROR else dns.rcode.to_text(answer.rcode)
                failed.append((server, answer.transport, reason))
        for check in present.values():
            for rdata in check.rdataset:
                if rdata not in zone.ds_records:
                    zone.ds_records.append(rdata)
        parent_secure = parent.status == "secure"
        if failed and (present or absent):
            for server, transport, reason in failed:
                self._add(
                    "ds_lookup_failed",
                    data.name,
                    server,
                    transport,
                    parent=parent.name.to_text(),
                    response=reason,
                    severity="WARN",
                )
        if present and absent:
            self._add(
                "ds_rrset_differs_parent",
                data.name,
                parent=parent.name.to_text(),
                with_ds=sorted(present),
                without_ds=sorted(absent),
                ds_sets=[f"{server}: DS" for server in sorted(present)] + [f"{server}: -" for server in sorted(absent)],
            )
        if not present and not absent:
            if not failed:
                return "failed"
            self._add(
                "ds_lookup_failed",
                data.name,
                parent=parent.name.to_text(),
                servers=sorted(s for s, _, _ in failed),
                response=sorted({reason for _, _, reason in failed}),
                severity="ERR" if parent_secure else "WARN",
            )
            return "failed"
        if parent_secure and present and not all(check.secure for check in present.values()):
            return "bogus"
        if parent_secure and not present and denial_bogus:
            return "bogus"
        return "present" if present else "absent"

    def _denial_signatures(self, parent: ZoneResult, answer, server: str) -> bool:
        """Check the NSEC/NSEC3 records of a negative answer; False if a signed parent's proof is unusable."""
        records = [r for r in answer.message.authority if r.rdtype in (NSEC, NSEC3)]
        if not records:
            if parent.signed:
                self._add(
                    "denial_records_missing",
                    parent.name,
                    server,
                    answer.transport,
                    qname=answer.qname.to_text(),
                    qtype=dns.rdatatype.to_text(answer.qtype),
                    rcode=dns.rcode.to_text(answer.rcode),
                )
                return False
            return True
        usable = True
        for rrset in records:
            rrsigs = answer.rrset("authority", rrset.name, RRSIG, rrset.rdtype)
            if not self._check(parent, rrset.name, rrset, rrsigs, server, answer.transport).secure:
                usable = False
        return usable

    def _no_ds_proof(self, zone: ZoneResult, parent: ZoneResult, answer) -> bool:
        """G7 (G2/G3 for an NXDOMAIN): what the parent's NSEC/NSEC3 records prove about the DS of
        the delegation; False if they do not prove that there is none."""
        records = [r for r in answer.message.authority if r.rdtype in (NSEC, NSEC3)]
        if not records or not parent.signed:
            return True  # no proof at all is G1 (_denial_signatures)
        if answer.rcode == NXDOMAIN:
            return self._nxdomain_proof(records, zone.name, parent.name, zone.name, answer)
        problems = denial.no_ds_problems(records, zone.name, parent.name)
        if problems:
            self._add(
                "insecure_delegation_proof_invalid",
                zone.name,
                answer.server,
                answer.transport,
                problems=problems,
                parent=parent.name.to_text(),
            )
        return not problems

    def _nxdomain_proof(self, records: list, qname, apex, zone_name, answer) -> bool:
        """G2/G3 for an NXDOMAIN of `apex`'s servers for `qname`, reported on `zone_name`; False if
        its NSEC/NSEC3 records do not prove that `qname` does not exist."""
        fid, problems = denial.nxdomain_problems(records, qname, apex)
        if problems:
            self._add(fid, zone_name, answer.server, answer.transport, qname=qname.to_text(), problems=problems)
        return not problems

    # -- DS to DNSKEY ------------------------------------------------------------------------

    def _entry_points(self, zone: ZoneResult, served: dict, ds_set: list, anchor_keys: list) -> None:
        name = zone.name
        anchored = name in self.anchors
        counted_ds = [
            ds
            for ds in ds_set
            if policy.algorithm_counts_for_verdict(ds.algorithm) and policy.digest_counts_for_verdict(ds.digest_type)
        ]
        # RFC 4509 §3: a SHA-1 DS is ignored when the same key also has a SHA-256 or SHA-384 DS.
        strong = {(ds.key_tag, ds.algorithm) for ds in counted_ds if ds.digest_type in (2, 4)}
        effective = [ds for ds in counted_ds if not (ds.digest_type == 1 and (ds.key_tag, ds.algorithm) in strong)]
        counted_anchor_keys = [
            k for k in anchor_keys if policy.algorithm_counts_for_verdict(k.algorithm) and not k.flags & REVOKE_FLAG
        ]
        for key in anchor_keys:
            if key.flags & REVOKE_FLAG:
                self._add("trust_anchor_unusable", name, reason="revoked", **checks.key_evidence(key))
            elif not policy.algorithm_counts_for_verdict(key.algorithm):
                self._add("trust_anchor_unusable", name, reason="algorithm", **checks.key_evidence(key))
        if anchored:
            for ds in ds_set:
                if not policy.algorithm_counts_for_verdict(ds.algorithm) or not policy.digest_counts_for_verdict(
                    ds.digest_type
                ):
                    self._add(
                        "trust_anchor_unusable",
                        name,
                        reason="algorithm",
                        key_tag=ds.key_tag,
                        algorithm=ds.algorithm,
                        digest_type=ds.digest_type,
                    )
        if anchored and not effective and not counted_anchor_keys and any(k.flags & REVOKE_FLAG for k in anchor_keys):
            # Only revoked anchors configured: a resolver fails closed.
            self._add(
                "trust_anchor_not_signing",
                name,
                reason="no_usable_trust_anchor",
                key_tag=sorted(key_tag(k) for k in anchor_keys),
            )
            zone.worsen("bogus", "no_usable_trust_anchor")
            return
        if not effective and not counted_anchor_keys:
            self._add(
                "insecure_by_unsupported_algorithm",
                name,
                algorithm=sorted({ds.algorithm for ds in ds_set} | {k.algorithm for k in anchor_keys}),
                digest_type=sorted({ds.digest_type for ds in ds_set}),
            )
            zone.worsen("insecure", "unsupported_algorithm")
            return
        if not served:
            if not zone.dnskey_empty:
                if zone.dnskey_failed:
                    failed_servers = sorted(s for s, _, _ in zone.dnskey_failed)
                    self.findings.append(
                        Finding(
                            "dnskey_query_failed",
                            zone=name.to_text(),
                            servers=failed_servers,
                            evidence={
                                "response": sorted({r for _, _, r in zone.dnskey_failed}),
                                "server": ", ".join(failed_servers),
                            },
                        )
                    )
                zone.worsen("indeterminate", "dnskey_unavailable")
            else:
                self._add(
                    "ds_but_unsigned",
                    name,
                    parent=zone.data.parent.name.to_text() if zone.data.parent else None,
                    ds=sorted(f"{d.key_tag}/{d.algorithm}/{d.digest_type}" for d in ds_set),
                )
                zone.worsen("bogus", "ds_but_unsigned")
            return
        ds_report: dict[tuple, dict] = {}
        anchor_seen = set()
        for server, (_rrset, _rrsigs, transport) in served.items():
            keys = zone.dnskeys[server]
            dnskey_check = next(c for c in zone.rrsets if c.server == server and c.rdtype == DNSKEY and c.owner == name)
            signers = [sig.key for sig in dnskey_check.signatures if sig.status == "valid"]
            entry_points = []
            statuses = []
            for ds in ds_set:
                matches = [k for k in keys if k.algorithm == ds.algorithm and key_tag(k) == ds.key_tag]
                key, status = None, "no_key"
                if matches:
                    status = "digest_unsupported"
                    for candidate in matches:
                        digest = ds_digest(name, candidate, ds.digest_type)
                        if digest is None:
                            continue
                        if digest == ds.digest:
                            key, status = candidate, "match"
                            break
                        status = "digest_mismatch"
                signs = key is not None and any(signer is key for signer in signers)
                statuses.append((ds, key, status, signs))
                if status == "match" and signs and ds in effective:
                    entry_points.append(key)
                entry = ds_report.setdefault(
                    (ds.key_tag, ds.algorithm, ds.digest_type, ds.digest),
                    {
                        "key_tag": ds.key_tag,
                        "algorithm": ds.algorithm,
                        "digest_type": ds.digest_type,
                        "digest": ds.digest.hex().upper(),
                        "status": status,
                        "signs_dnskey": signs,
                        "counted": ds in effective,
                        "source": "trust_anchor" if anchored else "parent",
                    },
                )
                if status != entry["status"] or signs != entry["signs_dnskey"]:
                    entry["status"] += f"/{server}:{status}"
            for anchor_key in counted_anchor_keys:
                for key in keys:
                    if key_wire(key) == key_wire(anchor_key):
                        anchor_seen.add(id(anchor_key))
                        if any(signer is key for signer in signers):
                            entry_points.append(key)
            ok = bool(entry_points)
            zone.entry_keys.update(key_wire(key) for key in entry_points)
            self._ds_findings(zone, server, transport, statuses, entry_points, effective, anchored)
            if ok:
                zone.trusted[server] = keys
            else:
                if anchored:
                    self._add(
                        "trust_anchor_not_signing",
                        name,
                        server,
                        transport,
                        key_tag=sorted({d.key_tag for d in ds_set} | {key_tag(k) for k in anchor_keys}),
                        dnskeys=sorted(
                            (checks.key_evidence(k) for k in keys), key=lambda e: (e["key_tag"], e["algorithm"])
                        ),
                    )
                else:
                    self._add(
                        "no_secure_entry_point",
                        name,
                        server,
                        transport,
                        ds=sorted(f"{d.key_tag}/{d.algorithm}/{d.digest_type}" for d in ds_set),
                        dnskeys=sorted(
                            (checks.key_evidence(k) for k in keys), key=lambda e: (e["key_tag"], e["algorithm"])
                        ),
                    )
        # Like an apex RRset (`_apex_rrsets`): a validator whose DNSKEY answer from one server
        # fails asks another, so only a zone where no server's DNSKEY RRset has a secure entry
        # point is bogus; the servers without one are ERR findings (`grade_by_servers`).
        if zone.trusted:
            self.entered.add(name.to_text())
        else:
            zone.worsen("bogus", "no_secure_entry_point")
        for anchor_key in counted_anchor_keys:
            if id(anchor_key) not in anchor_seen:
                self._add("trust_anchor_unusable", name, reason="absent", **checks.key_evidence(anchor_key))
        zone.ds = list(ds_report.values())
        self._digest_findings(zone, ds_set)

    def _ds_findings(self, zone, server, transport, statuses, entry_points, effective, anchored) -> None:
        name = zone.name
        have_sep = bool(entry_points)
        # A key that another server publishes (the KSK of another provider of a multi-signer zone,
        # a rollover not yet on every server) is no orphan: zonechecks compares the servers' RRsets.
        published = {(key_tag(key), key.algorithm) for key in self._all_keys(zone)}
        for ds, key, status, signs in statuses:
            evidence = {"key_tag": ds.key_tag, "algorithm": ds.algorithm, "digest_type": ds.digest_type}
            if anchored:
                if status != "match" or not signs:
                    self._add(
                        "trust_anchor_unusable",
                        name,
                        server,
                        transport,
                        reason=status if status != "match" else "not_signing",
                        **evidence,
                    )
                continue
            if status == "no_key":
                if (ds.key_tag, ds.algorithm) not in published:
                    self._add("ds_orphan", name, server, transport, **evidence, severity="WARN" if have_sep else "CRIT")
            elif status == "digest_mismatch":
                self._add("ds_digest_mismatch", name, server, transport, **evidence)
            elif status == "match":
                if not signs:
                    self._add(
                        "ds_key_not_signing_dnskey",
                        name,
                        server,
                        transport,
                        **evidence,
                        severity="WARN" if have_sep else "CRIT",
                    )
                if not int(key.flags) & ZONE_FLAG:
                    self._add("ds_to_non_zone_key", name, server, transport, flags=key.flags, **evidence)
                if not int(key.flags) & SEP_FLAG:
                    self._add("ds_to_non_sep_key", name, server, transport, flags=key.flags, **evidence)
                if int(key.flags) & REVOKE_FLAG:
                    self._add("ds_to_revoked_key", name, server, transport, **evidence)
        if have_sep and not anchored:
            sep_algorithms = {key.algorithm for key in entry_points}
            for algorithm in sorted({ds.algorithm for ds in effective} - sep_algorithms):
                self._add("ds_algorithm_without_sep", name, server, transport, algorithm=algorithm)
        if not anchored:
            by_key: dict[tuple, dict[int, str]] = {}
            for ds, _key, status, _signs in statuses:
                by_key.setdefault((ds.key_tag, ds.algorithm), {})[ds.digest_type] = status
            for (tag, algorithm), digests in by_key.items():
                if set(digests) == {1}:
                    self._add("ds_sha256_missing", name, key_tag=tag, algorithm=algorithm, severity="NOTE")
                elif digests.get(1) == "match" and 2 in digests and digests[2] != "match":
                    self._add(
                        "ds_sha256_missing",
                        name,
                        server,
                        transport,
                        key_tag=tag,
                        algorithm=algorithm,
                        reason="sha1_matches_sha256_does_not",
                        severity="WARN",
                    )

    def _digest_findings(self, zone: ZoneResult, ds_set: list) -> None:
        if zone.name in self.anchors:
            return
        for ds in ds_set:
            problem = policy.digest_problem(ds.digest_type)
            if problem is not None:
                self._add(
                    problem[0],
                    zone.name,
                    key_tag=ds.key_tag,
                    algorithm=ds.algorithm,
                    digest_type=ds.digest_type,
                    severity=problem[1],
                )

    # -- one zone ----------------------------------------------------------------------------

    def evaluate_zone(self, data: ZoneData, parent: ZoneResult | None) -> ZoneResult:
        zone = ZoneResult(data, status="secure")
        name = data.name
        served = self._read_dnskeys(zone)
        for server, (rrset, rrsigs, transport) in served.items():
            self._check(zone, name, rrset, rrsigs, server, transport, keys=zone.dnskeys[server])
        anchor = self.anchors.get(name)
        ds_set: list = []
        anchor_keys: list = []
        if anchor is not None:
            zone.anchors = list(anchor)
            ds_set = [r for r in anchor if r.rdtype == DS]
            anchor_keys = [r for r in anchor if r.rdtype == DNSKEY]
            state = "present"
        elif parent is None:
            state = "no_anchor"
            zone.worsen("insecure", "no_trust_anchor")
        else:
            state = self._read_ds(zone, parent)
            ds_set = list(zone.ds_records)
            if parent.status != "secure":
                zone.worsen("insecure" if parent.status == "insecure" else parent.status, f"parent_{parent.status}")
            elif state == "failed":
                zone.worsen("indeterminate", "ds_lookup_failed")
            elif state == "bogus":
                zone.worsen("bogus", "ds_rrset_bogus")
        if state == "absent" or (state == "present" and not ds_set and not anchor_keys):
            if parent is not None and parent.status == "secure":
                if zone.signed:
                    self._add(
                        "signed_without_ds",
                        name,
                        parent=parent.name.to_text(),
                        key_tags=sorted({key_tag(k) for k in self._all_keys(zone)}),
                        dnskeys=sorted(
                            (checks.key_evidence(k) for k in self._all_keys(zone)),
                            key=lambda e: (e["key_tag"], e["algorithm"]),
                        ),
                    )
                else:
                    self._add("zone_unsigned", name)
            zone.worsen("insecure", "no_ds")
        elif state in ("present", "bogus") and (ds_set or anchor_keys):
            decided = (zone.status, zone.reason)
            self._entry_points(zone, served, ds_set, anchor_keys)
            if parent is not None and anchor is None and parent.status != "secure":
                # Below a chain that is already broken, the DS analysis explains but does not decide.
                zone.status, zone.reason = decided
        algorithms: dict[int, set[str]] = {}
        tags: dict[int, set[int]] = {}
        for key in self._all_keys(zone):
            algorithms.setdefault(int(key.algorithm), set()).add("DNSKEY")
            tags.setdefault(int(key.algorithm), set()).add(key_tag(key))
        for ds in ds_set if anchor is None else ():
            algorithms.setdefault(int(ds.algorithm), set()).add("DS")
            tags.setdefault(int(ds.algorithm), set()).add(ds.key_tag)
        for server in served:
            dnskey_check = next(c for c in zone.rrsets if c.server == server and c.rdtype == DNSKEY and c.owner == name)
            checks.dnskey_findings(name, zone.dnskeys[server], dnskey_check, self.findings)
        self._apex_rrsets(zone)
        for check in zone.rrsets:
            for sig in check.signatures:
                algorithms.setdefault(sig.algorithm, set()).add("RRSIG")
                tags.setdefault(sig.algorithm, set()).add(sig.key_tag)
        checks.algorithm_findings(name, algorithms, tags, self.findings)
        if anchor is None:
            checks.digest_support_findings(name, ds_set, self.findings)
        self._probe_answers(zone)
        checks.denial_parameter_findings(name, zone.denial, _observed_opt_out(zone), self.findings)
        if not served and not zone.signed and state != "present" and zone.status == "secure":
            zone.worsen("insecure", "unsigned")
        return zone

    def _all_keys(self, zone: ZoneResult) -> list:
        return _distinct(key for server_keys in zone.dnskeys.values() for key in server_keys)

    def _apex_rrsets(self, zone: ZoneResult) -> None:
        """The apex RRsets of every server. The zone is bogus when some RRset has no copy, on any
        server, that validates. A copy that fails on some servers only is not a bogus zone: a
        resolver that asked such a server fails validation of that answer and, like Unbound (the
        lab checks it), asks another server, which succeeds; one that does not retry returns
        SERVFAIL to its users until the answer leaves its cache. Those copies are ERR findings
        that name their servers (`grade_by_servers`)."""
        name = zone.name
        copies: dict[str, list[RRsetCheck]] = {}
        for server, answers in zone.data.apex.items():
            for qtype in (SOA, NS, NSEC3PARAM):
                answer = answers.get(qtype)
                if answer is None or answer.message is None or not answer.authoritative or answer.rcode != NOERROR:
                    continue
                rrset, rrsigs = _rrset_pair(answer, "answer", name, qtype)
                if rrset is not None:
                    check = self._check(zone, name, rrset, rrsigs, server, answer.transport)
                    copies.setdefault(check.label, []).append(check)
                    if qtype == NSEC3PARAM and zone.denial is None:
                        param = rrset[0]
                        zone.denial = {
                            "type": "nsec3",
                            "source": "NSEC3PARAM",
                            "algorithm": param.algorithm,
                            "flags": param.flags,
                            "iterations": param.iterations,
                            "salt": param.salt.hex().upper(),
                        }
                elif qtype == NSEC3PARAM:
                    if zone.signed and not any(r.rdtype in (NSEC, NSEC3) for r in answer.message.authority):
                        self._add(
                            "denial_records_missing",
                            name,
                            server,
                            answer.transport,
                            qname=name.to_text(),
                            qtype="NSEC3PARAM",
                            rcode=dns.rcode.to_text(answer.rcode),
                        )
                    self._contradictions(zone, name, answer, self._types_at_apex(zone, server))
                    for record in answer.message.authority:
                        if record.rdtype in (NSEC, NSEC3):
                            rrsigs = answer.rrset("authority", record.name, RRSIG, record.rdtype)
                            check = self._check(zone, record.name, record, rrsigs, server, answer.transport)
                            copies.setdefault(check.label, []).append(check)
                            if record.rdtype == NSEC3 and any(r.flags & 1 for r in record):
                                zone.opt_out = True
                            if zone.denial is None:
                                first = record[0]
                                zone.denial = (
                                    {"type": "nsec"}
                                    if record.rdtype == NSEC
                                    else {
                                        "type": "nsec3",
                                        "source": "NSEC3",
                                        "algorithm": first.algorithm,
                                        "flags": first.flags,
                                        "iterations": first.iterations,
                                        "salt": first.salt.hex().upper(),
                                    }
                                )
        for label, checked in copies.items():
            if zone.status == "secure" and not any(check.secure for check in checked):
                zone.worsen("bogus", f"rrset_bogus:{label}")

    # -- denial of existence (the parts of group G one answer shows) ------------------------

    def _types_at_apex(self, zone: ZoneResult, server: str) -> set[int]:
        present = set()
        for qtype, answer in zone.data.apex.get(server, {}).items():
            if answer.message is not None and answer.rrset("answer", zone.name, qtype) is not None:
                present.add(qtype)
        return present

    def _contradictions(self, zone: ZoneResult, owner, answer, present: set[int]) -> None:
        """G5: an NSEC or NSEC3 at `owner` whose bitmap leaves out types the server does serve."""
        for record in answer.message.authority:
            if record.rdtype == NSEC and record.name == owner:
                missing = sorted(present - denial.bitmap_types(record[0]))
                if missing:
                    self._add(
                        "denial_contradicts_data",
                        zone.name,
                        answer.server,
                        answer.transport,
                        qname=owner.to_text(),
                        qtype=[dns.rdatatype.to_text(t) for t in missing],
                    )

    def _probe_answers(self, zone: ZoneResult) -> None:
        """G1, G2, G3, G12, G17 from the NXDOMAIN answer to the walker's probe name."""
        name = zone.name
        soa_ttl = None
        for answers in zone.data.apex.values():
            answer = answers.get(SOA)
            soa = answer.rrset("answer", name, SOA) if answer is not None and answer.message is not None else None
            if soa is not None:
                soa_ttl = min(soa.ttl, soa[0].minimum)
                break
        for server, answer in zone.data.probe.items():
            if answer.message is None or not answer.authoritative or answer.rcode not in (NOERROR, NXDOMAIN):
                continue
            if answer.message.answer:
                continue  # a wildcard answered: no NXDOMAIN proof to read
            records = [r for r in answer.message.authority if r.rdtype in (NSEC, NSEC3)]
            if not records:
                if zone.signed:
                    self._add(
                        "denial_records_missing",
                        name,
                        server,
                        answer.transport,
                        qname=answer.qname.to_text(),
                        qtype="A",
                        rcode=dns.rcode.to_text(answer.rcode),
                    )
                continue
            for record in records:
                rrsigs = answer.rrset("authority", record.name, RRSIG, record.rdtype)
                self._check(zone, record.name, record, rrsigs, server, answer.transport)
                if soa_ttl is not None and record.ttl != soa_ttl:
                    self._add(
                        "nsec_ttl_wrong",
                        name,
                        server,
                        answer.transport,
                        owner=record.name.to_text(),
                        rrtype=dns.rdatatype.to_text(record.rdtype),
                        ttl=record.ttl,
                        expected_ttl=soa_ttl,
                    )
                if record.rdtype == NSEC3:
                    if any(r.flags & 1 for r in record):
                        zone.opt_out = True
                    if any(r.flags & 0xFE for r in record):
                        self._add(
                            "nsec3_flags_invalid",
                            name,
                            server,
                            answer.transport,
                            owner=record.name.to_text(),
                            nsec3_flags=record[0].flags,
                        )
            if answer.rcode != NXDOMAIN:
                continue
            self._nxdomain_proof(records, answer.qname, name, name, answer)

    # -- the checked name, when it is not a zone apex ----------------------------------------

    def _answer_proof(self, zone: ZoneResult, answer) -> bool:
        """G1, G4, G6, G16 for one NOERROR answer to the checked name: an answer expanded from a
        wildcard must prove that the name itself does not exist (RFC 4035 §5.3.4, RFC 5155 §8.8),
        and a NODATA that the name has no such type (RFC 4035 §5.4, RFC 5155 §8.5–§8.7). False if
        the proof fails."""
        message = answer.message
        if not zone.signed or message_rcode(message) != NOERROR:
            return True
        records = [r for r in message.authority if r.rdtype in (NSEC, NSEC3)]
        if not message.answer:
            if not records:
                return True  # G1, reported with the signatures
            found = denial.nodata_findings(records, answer.qname, answer.qtype, zone.name)
            for fid, details in found:
                self._add(fid, zone.name, answer.server, answer.transport, **details)
            return not any(fid != "denial_unexpected_multiple" for fid, _ in found)
        proven = True
        for rrset in message.answer:
            if rrset.rdtype == RRSIG or not rrset.name.is_subdomain(zone.name):
                continue
            rrsigs = answer.rrset("answer", rrset.name, RRSIG, rrset.rdtype) or ()
            labels = min((sig.labels for sig in rrsigs), default=len(rrset.name) - 1)
            if labels >= len(rrset.name) - 1:
                continue
            # Expanded from the wildcard *.<the owner's last `labels` labels>.
            owner = {"qname": rrset.name.to_text(), "qtype": dns.rdatatype.to_text(rrset.rdtype)}
            problems = denial.wildcard_problems(records, rrset.name, labels, zone.name)
            where = (zone.name, answer.server, answer.transport)
            if problems == ["no_denial_records"]:
                self._add("denial_records_missing", *where, rcode="NOERROR", **owner)
            elif problems:
                self._add("wildcard_proof_invalid", *where, problems=problems, **owner)
            proven = proven and not problems
        return proven

    def _target_nxdomain(self, zone: ZoneResult, answer) -> bool:
        """Whether an NXDOMAIN for the checked name proves that it does not exist (RFC 4035 §5.4):
        the proof of the name asked, not only the one for the walker's probe name (G1, G2, G3)."""
        records = [r for r in answer.message.authority if r.rdtype in (NSEC, NSEC3)]
        if not records:
            return not zone.signed  # a signed zone's missing proof is denial_records_missing
        return self._nxdomain_proof(records, answer.qname, zone.name, zone.name, answer)

    def evaluate_target(self, walk: Walk, zone: ZoneResult) -> tuple[str, list[dict]]:
        """Validate the name's own A/AAAA answers; returns their status and a summary. As for the
        apex RRsets (`_apex_rrsets`), an answer is bogus only when no server's answer to that
        query validates; the servers whose answers fail are ERR findings (`grade_by_servers`)."""
        validates: dict[int, list[bool]] = {}  # qtype -> whether each server's signed answer validates
        summary = []
        target = walk.target
        for server, answers in walk.target_answers.items():
            for qtype, answer in answers.items():
                entry = {
                    "server": server,
                    "qtype": dns.rdatatype.to_text(qtype),
                    "transport": answer.transport,
                    "rcode": dns.rcode.to_text(answer.rcode) if answer.message is not None else None,
                    "error": answer.error,
                    "records": [],
                    "secure": None,
                }
                if answer.message is None or not answer.authoritative:
                    summary.append(entry)
                    continue
                if qtype == DNSKEY:
                    if answer.rrset("answer", target, DNSKEY) is not None:
                        self._add("dnskey_not_at_apex", zone.name, server, answer.transport, owner=target.to_text())
                    else:
                        present = {
                            t
                            for t, a in answers.items()
                            if a.message is not None and a.rrset("answer", target, t) is not None
                        }
                        self._contradictions(zone, target, answer, present)
                        self._answer_proof(zone, answer)
                    continue
                checked = []
                for rrset in answer.message.answer:
                    if rrset.rdtype == RRSIG or not rrset.name.is_subdomain(zone.name):
                        continue  # a CNAME's target in another zone is not this zone's to sign
                    entry["records"] += [
                        f"{rrset.name} {rrset.ttl} {dns.rdatatype.to_text(rrset.rdtype)} {r}" for r in rrset
                    ]
                    if _synthesised(answer, rrset):
                        continue  # unsigned by design (RFC 6672 §5.3.1): its DNAME's signatures count
                    rrsigs = answer.rrset("answer", rrset.name, RRSIG, rrset.rdtype)
                    checked.append(self._check(zone, rrset.name, rrset, rrsigs, server, answer.transport))
                if not answer.message.answer:
                    for record in answer.message.authority:
                        if record.rdtype in (NSEC, NSEC3):
                            rrsigs = answer.rrset("authority", record.name, RRSIG, record.rdtype)
                            checked.append(self._check(zone, record.name, record, rrsigs, server, answer.transport))
                    if zone.signed and not checked:
                        self._add(
                            "denial_records_missing",
                            zone.name,
                            server,
                            answer.transport,
                            qname=target.to_text(),
                            qtype=dns.rdatatype.to_text(qtype),
                            rcode=dns.rcode.to_text(answer.rcode),
                        )
                        validates.setdefault(qtype, []).append(False)
                proven = self._answer_proof(zone, answer) and (
                    answer.rcode != NXDOMAIN or bool(answer.message.answer) or self._target_nxdomain(zone, answer)
                )
                entry["secure"] = all(c.secure for c in checked) and proven if checked else False
                if checked:
                    validates.setdefault(qtype, []).append(entry["secure"])
                summary.append(entry)
        bogus = zone.status == "secure" and any(not any(answers) for answers in validates.values())
        return ("bogus" if bogus else "secure"), summary


def zone_summary(zone: ZoneResult) -> dict:
    """The chain entry of one zone for the report."""
    data = zone.data
    keys: dict[bytes, dict] = {}
    for server, server_keys in zone.dnskeys.items():
        for key in server_keys:
            entry = keys.setdefault(key_wire(key), {**checks.key_summary(key), "signs": [], "servers": []})
            entry["servers"].append(server)
            entry["secure_entry_point"] = key_wire(key) in zone.entry_keys
    signatures: dict[tuple, dict] = {}
    for check in zone.rrsets:
        for sig in check.signatures:
            key_id = (check.label, sig.key_tag, sig.algorithm, sig.status, sig.inception, sig.expiration)
            entry = signatures.setdefault(
                key_id,
                {
                    "rrset": check.label,
                    "key_tag": sig.key_tag,
                    "algorithm": sig.algorithm,
                    "status": sig.status,
                    "inception": iso(sig.inception),
                    "expiration": iso(sig.expiration),
                    "original_ttl": sig.rrsig.original_ttl,
                    "servers": [],
                },
            )
            entry["servers"].append(check.server)
            if sig.status == "valid" and sig.key is not None:
                signer = keys.get(key_wire(sig.key))
                if signer is not None and check.label not in signer["signs"]:
                    signer["signs"].append(check.label)
    valid = [sig.expiration for check in zone.rrsets for sig in check.signatures if sig.status == "valid"]
    every = [sig.expiration for check in zone.rrsets for sig in check.signatures]
    return {
        "zone": data.name.to_text(),
        "parent": data.parent.name.to_text() if data.parent else None,
        "status": zone.status,
        "reason": zone.reason,
        "signed": zone.signed,
        "cached": bool(data.apex)
        and all(answer.cached for answers in data.apex.values() for answer in answers.values()),
        "delegated_ns": sorted(name_text(n) for n in data.delegated_ns),
        "apex_ns": sorted(name_text(n) for n in data.apex_ns),
        "servers": [
            {"address": address, "names": sorted(name_text(n) for n in names), "refused": data.refused.get(address)}
            for address, names in data.servers.items()
        ],
        "ds": zone.ds,
        "trust_anchor": [
            {
                "type": dns.rdatatype.to_text(r.rdtype),
                "key_tag": r.key_tag if r.rdtype == DS else key_tag(r),
                "algorithm": int(r.algorithm),
                "record": f"{data.name} {dns.rdatatype.to_text(r.rdtype)} {r.to_text()}",
            }
            for r in zone.anchors
        ],
        "dnskeys": list(keys.values()),
        "signatures": list(signatures.values()),
        "earliest_expiration": iso(min(valid or every)) if (valid or every) else None,
        "denial": _denial_summary(zone),
    }


def _denial_summary(zone: ZoneResult) -> dict | None:
    """The zone's denial as the report gives it; for NSEC3, whether its NSEC3 records opt out as far as this check
    saw them (`opt_out`: null when it saw none: the NSEC3PARAM's flags never tell, RFC 5155 §4.1.2)."""
    if zone.denial is None or zone.denial["type"] != "nsec3":
        return zone.denial
    return {**zone.denial, "opt_out": _observed_opt_out(zone)}
