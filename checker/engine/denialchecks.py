"""The rows of group G that need more than one record and do not decide a verdict: G4 and G16
(the apex's NODATA answer to the NSEC3PARAM query), G14, G15, G18.

Read from the answers the walker collected for the checked zone: the NODATA answer to the
NSEC3PARAM query in an NSEC zone and the NXDOMAIN answer to the probe name. What a proof proves is
`denial.py`'s; the proofs that decide a verdict (the parent's proof that there is no DS, G7, and
the checked name's own answers, G4 and G6) are read by `chain.py`. NSEC3 hashes are computed only
for SHA-1 and at most `denial.MAX_NSEC3_ITERATIONS` iterations (docs/RELIABILITY.md, S2).
"""

from __future__ import annotations

import dns.name
import dns.rcode
import dns.rdatatype

from . import denial
from .report import Finding
from .walker import Walk

NSEC, NSEC3, NSEC3PARAM = dns.rdatatype.NSEC, dns.rdatatype.NSEC3, dns.rdatatype.NSEC3PARAM
NOERROR = dns.rcode.NOERROR


class DenialChecks:
    def __init__(self, walk: Walk, signed: bool):
        self.walk = walk
        self.zone = walk.zone
        self.name = walk.zone.name
        self.signed = signed
        self.findings: list[Finding] = []

    def add(
        self,
        fid: str,
        server: str | None = None,
        transport: str | None = None,
        zone=None,
        *,
        severity: str | None = None,
        **evidence,
    ):
        self.findings.append(
            Finding(
                fid, severity, zone=(zone or self.name).to_text(), server=server, transport=transport, evidence=evidence
            )
        )

    def run(self) -> list[Finding]:
        if not self.signed:
            return self.findings
        self.nsec3_records()
        self.nsec3param()
        self.apex_nodata()
        return self.findings

    def _nsec3_sets(self):
        """(server, transport, NSEC3 RRsets) for every negative answer of the zone's servers."""
        for server, answer in self.zone.probe.items():
            if answer.message is not None and answer.authoritative:
                yield server, answer, [r for r in answer.message.authority if r.rdtype == NSEC3]

    def nsec3_records(self) -> None:
        """G14 (malformed owner or next hash) and G18 (one NSEC3 covers another's owner)."""
        for server, answer, records in self._nsec3_sets():
            hashes = []
            for rrset in records:
                owner_hash = denial.hash_of(rrset.name.labels[0]) if len(rrset.name) > len(self.name) else None
                if (
                    owner_hash is None
                    or rrset.name.parent() != self.name
                    or any(r.algorithm == 1 and len(r.next) != denial.SHA1_LENGTH for r in rrset)
                ):
                    self.add("nsec3_malformed", server, answer.transport, owner=rrset.name.to_text())
                    continue
                hashes += [(owner_hash, r.next) for r in rrset]
            contradicting = any(
                denial.nsec3_covers(owner, following, other)
                for owner, following in hashes
                for other, _ in hashes
                if other != owner
            )
            if contradicting:
                self.add("nsec3_contradicting_records", server, answer.transport)

    def nsec3param(self) -> None:
        """G15: NSEC3PARAM missing in an NSEC3 zone, present in an NSEC zone, or not one record."""
        for server, answers in self.zone.apex.items():
            answer = answers.get(NSEC3PARAM)
            probe = self.zone.probe.get(server)
            if answer is None or answer.message is None or not answer.authoritative:
                continue
            param = answer.rrset("answer", self.name, NSEC3PARAM)
            types = (
                {r.rdtype for r in probe.message.authority}
                if probe is not None and probe.message is not None
                else set()
            )
            if param is not None and len(param) > 1:
                self.add("nsec3param_invalid", server, answer.transport, reason="multiple")
            elif param is not None and param[0].flags != 0:
                self.add("nsec3param_invalid", server, answer.transport, reason="flags")
            elif param is not None and NSEC in types and NSEC3 not in types:
                self.add("nsec3param_invalid", server, answer.transport, reason="nsec_zone")
            elif param is None and answer.rcode == NOERROR and NSEC3 in types:
                self.add("nsec3param_invalid", server, answer.transport, reason="missing")

    def _nodata(self, server, answer, qname: dns.name.Name, qtype: int) -> None:
        """G4, G6 and G16 for one NODATA answer (denial.nodata_findings)."""
        records = [r for r in answer.message.authority if r.rdtype in (NSEC, NSEC3)]
        for fid, evidence in denial.nodata_findings(records, qname, qtype, self.name):
            self.add(fid, server, answer.transport, **evidence)

    def apex_nodata(self) -> None:
        for server, answers in self.zone.apex.items():
            answer = answers.get(NSEC3PARAM)
            if answer is None or answer.message is None or not answer.authoritative:
                continue
            if (
                answer.rcode == NOERROR
                and not answer.message.answer
                and any(r.rdtype in (NSEC, NSEC3) for r in answer.message.authority)
            ):
                self._nodata(server, answer, self.name, NSEC3PARAM)


def denial_findings(walk: Walk, signed: bool) -> list[Finding]:
    return DenialChecks(walk, signed).run()
