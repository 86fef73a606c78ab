"""Cryptographic validation: signatures and DS digests, memoised and capped.

Uses dnspython's DNSSEC primitives only for the arithmetic (signed-data
construction, public-key verification, DS digests); every rule about time,
signer, labels, key flags and which keys count is applied here, against the
reference time `now` handed in by the caller.

Each distinct (signed data, signature, key) triple is verified at most once per
process (`MEMO`), so the copies of an RRset served by many servers cost one
verification, and ancestor zones checked again later cost none.  KeyTrap caps
(docs/RELIABILITY.md, S2): at most `max_per_rrset` verifications for one RRset in
one server's answer, and at most `max_failed` failed verifications per check;
past either cap the remaining signatures are not verified and the check says so.
"""

from __future__ import annotations

import functools
import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field

import dns.dnssec
import dns.dnssecalgs
import dns.exception
import dns.name
import dns.rdataset
import dns.rdatatype

from . import policy
from .names import name_key, name_text

ZONE_FLAG = 0x0100
REVOKE_FLAG = 0x0080
SEP_FLAG = 0x0001


_SIGNED_DATA: OrderedDict[tuple, tuple] = OrderedDict()


def signed_data(owner: dns.name.Name, rdataset: dns.rdataset.Rdataset, rrsig) -> bytes | None:
    """The canonical signed data of an RRset under one RRSIG (RFC 4034 §3.1.8.1), or None when it
    cannot be built.  Built once per process for each (RRset, RRSIG): the servers of a zone that
    send the same bytes share one parsed answer (transport.PARSED), and ancestor zones come back in
    every check of a batch."""
    key = (id(rdataset), id(rrsig), name_key(owner))
    known = _SIGNED_DATA.get(key)
    if known is not None and known[0] is rdataset and known[1] is rrsig:
        return known[2]
    try:
        data = dns.dnssec._make_rrsig_signature_data((owner, rdataset), rrsig)
    except dns.dnssec.ValidationFailure:
        data = None
    # The RRset and the RRSIG are kept with the data, so that their ids cannot be reused meanwhile.
    _SIGNED_DATA[key] = (rdataset, rrsig, data)
    if len(_SIGNED_DATA) > 20_000:
        _SIGNED_DATA.popitem(last=False)
    return data


class Memo:
    """A bounded process-wide memory of verification results."""

    def __init__(self, max_entries: int = 100_000):
        self.max_entries = max_entries
        self._results: OrderedDict[bytes, bool] = OrderedDict()

    def get(self, key: bytes) -> bool | None:
        return self._results.get(key)

    def put(self, key: bytes, result: bool) -> None:
        self._results[key] = result
        if len(self._results) > self.max_entries:
            self._results.popitem(last=False)

    def clear(self) -> None:
        self._results.clear()


MEMO = Memo()


_KEY_TAGS: dict[tuple, int] = {}


def key_tag(key) -> int:
    """The key tag (RFC 4034 App. B), remembered per key: it is asked for every RRSIG."""
    wire = key.key
    tag = _KEY_TAGS.get((key.flags, key.protocol, key.algorithm, wire))
    if tag is None:
        tag = dns.dnssec.key_id(key)
        if len(_KEY_TAGS) < 100_000:
            _KEY_TAGS[(key.flags, key.protocol, key.algorithm, wire)] = tag
    return tag


_KEY_WIRES: dict[int, tuple] = {}


def key_wire(key) -> bytes:
    """A DNSKEY's canonical wire form, remembered per key object: an ancestor's keys come back
    (one parsed answer, transport.PARSED) in every check of a batch, and a check compares,
    counts and reports each key by it several times.  Records are never changed once parsed."""
    known = _KEY_WIRES.get(id(key))
    if known is None or known[0] is not key:
        if len(_KEY_WIRES) >= 20_000:
            _KEY_WIRES.pop(next(iter(_KEY_WIRES)))
        # The key is kept with its wire form, so that its id cannot be reused meanwhile.
        known = _KEY_WIRES[id(key)] = (key, key.to_digestable())
    return known[1]


@functools.cache
def crypto_supports(algorithm: int) -> bool:
    """Whether dnspython and cryptography here can verify this algorithm (asked for every RRSIG)."""
    try:
        dns.dnssecalgs.get_algorithm_cls(algorithm)
    except (dns.dnssec.UnsupportedAlgorithm, ValueError):
        return False
    return True


def serial_time(value: int, now: int) -> int:
    """An RRSIG time field as absolute seconds, by serial arithmetic around now (RFC 4034 §3.1.5)."""
    delta = (value - now) % 2**32
    return now + delta if delta < 2**31 else now + delta - 2**32


_DS_DIGESTS: dict[tuple, tuple] = {}


def ds_digest(owner: dns.name.Name, key, digest_type: int) -> bytes | None:
    """The digest a DS of `digest_type` for `key` must carry, or None if not computable here.
    Remembered per key object (the keys of ancestors come back in every check of a batch)."""
    memo_key = (id(key), name_key(owner), digest_type)
    known = _DS_DIGESTS.get(memo_key)
    if known is not None and known[0] is key:
        return known[1]
    try:
        digest = dns.dnssec.make_ds(owner, key, digest_type, policy=dns.dnssec.allow_all_policy).digest
    except (dns.dnssec.UnsupportedAlgorithm, dns.dnssec.DeniedByPolicy, ValueError, KeyError):
        digest = None
    if len(_DS_DIGESTS) >= 20_000:
        _DS_DIGESTS.pop(next(iter(_DS_DIGESTS)))
    # The key is kept with its digest, so that its id cannot be reused meanwhile.
    _DS_DIGESTS[memo_key] = (key, digest)
    return digest


@dataclass
class SignatureCheck:
    """What became of one RRSIG."""

    rrsig: object
    status: str  # valid, invalid, expired, not_yet_valid, window_malformed, signer_not_zone,
    # labels_too_large, no_key, unsupported, budget, revoked_key
    inception: int
    expiration: int
    key: object | None = None

    @property
    def key_tag(self) -> int:
        return self.rrsig.key_tag

    @property
    def algorithm(self) -> int:
        return int(self.rrsig.algorithm)


@dataclass
class RRsetCheck:
    """One RRset as served by one server, with the fate of each of its signatures."""

    zone: dns.name.Name
    owner: dns.name.Name
    rdtype: int
    rdataset: dns.rdataset.Rdataset
    rrsigs: dns.rdataset.Rdataset | None
    server: str
    transport: str
    signatures: list[SignatureCheck] = field(default_factory=list)
    keys_known: bool = True  # False when the zone's DNSKEY RRset was not obtained at all

    @property
    def secure(self) -> bool:
        return any(sig.status == "valid" for sig in self.signatures)

    @functools.cached_property
    def label(self) -> str:
        return f"{name_text(self.owner)}/{dns.rdatatype.to_text(self.rdtype)}"


class Verifier:
    """Signature verification for one check: counts, memo, caps."""

    def __init__(
        self,
        memo: Memo = MEMO,
        max_per_rrset: int = policy.MAX_VERIFICATIONS_PER_RRSET,
        max_failed: int = policy.MAX_FAILED_VERIFICATIONS,
    ):
        self.memo = memo
        self.max_per_rrset = max_per_rrset
        self.max_failed = max_failed
        self.verifications = 0
        self.failed = 0
        self.memo_hits = 0
        self.budget_events: list[dict] = []

    def _verify(self, data: bytes, rrsig, key, spent: list[int]) -> bool | None:
        """True/False, or None when a cap stopped the verification."""
        memo_key = hashlib.sha256(data + rrsig.signature + key_wire(key)).digest()
        known = self.memo.get(memo_key)
        if known is not None:
            self.memo_hits += 1
            return known
        if spent[0] >= self.max_per_rrset or self.failed >= self.max_failed:
            return None
        spent[0] += 1
        self.verifications += 1
        try:
            dns.dnssec._validate_signature(rrsig.signature, data, key)
            result = True
        except Exception:  # InvalidSignature, ValidationFailure, or a malformed key/signature
            result = False
            self.failed += 1
        self.memo.put(memo_key, result)
        return result

    def check_rrset(
        self,
        zone: dns.name.Name,
        owner: dns.name.Name,
        rdataset: dns.rdataset.Rdataset,
        rrsigs: dns.rdataset.Rdataset | None,
        keys: list,
        now: int,
        server: str,
        transport: str,
    ) -> RRsetCheck:
        """Evaluate every RRSIG over `rdataset` against the candidate `keys`."""
        result = RRsetCheck(zone, owner, rdataset.rdtype, rdataset, rrsigs, server, transport, keys_known=bool(keys))
        spent = [0]
        owner_labels = len(owner) - 1 - (1 if owner.is_wild() else 0)
        for rrsig in rrsigs or ():
            inception = serial_time(rrsig.inception, now)
            expiration = serial_time(rrsig.expiration, now)
            check = SignatureCheck(rrsig, "invalid", inception, expiration)
            result.signatures.append(check)
            # The same labels are the same name; only others need dnspython's comparison.
            if rrsig.signer.labels != zone.labels and rrsig.signer != zone:
                check.status = "signer_not_zone"
                continue
            if rrsig.labels > owner_labels:
                check.status = "labels_too_large"
                continue
            if (rrsig.expiration - rrsig.inception) % 2**32 >= 2**31 or rrsig.inception == rrsig.expiration:
                check.status = "window_malformed"
                continue
            if now > expiration:
                check.status = "expired"
                continue
            if now < inception:
                check.status = "not_yet_valid"
                continue
            candidates = [
                key
                for key in keys
                if key.algorithm == rrsig.algorithm
                and key.protocol == 3
                and int(key.flags) & ZONE_FLAG
                and key_tag(key) == rrsig.key_tag
            ]
            if not candidates:
                check.status = "no_key"
                continue
            if not crypto_supports(rrsig.algorithm):
                check.status = "unsupported"
                continue
            check.status = "invalid"
            data = signed_data(owner, rdataset, rrsig)
            if data is None:
                continue
            for key in candidates:
                verified = self._verify(data, rrsig, key, spent)
                if verified is None:
                    check.status = "budget"
                    self.budget_events.append(
                        {"rrset": result.label, "server": server, "key_tag": rrsig.key_tag, "failed": self.failed}
                    )
                    break
                if verified:
                    revoked = int(key.flags) & REVOKE_FLAG and rdataset.rdtype != dns.rdatatype.DNSKEY
                    check.status = "revoked_key" if revoked else "valid"
                    check.key = key
                    break
        return result
