"""Field-level mutations of valid DNS answers, for the fuzz harness of docs/RELIABILITY.md, S1.

A byte-level mutator breaks the wire format so often that few inputs reach the engine (a quarter
did). Here a seed answer is parsed, one to three of its fields are changed as a hostile or broken
server would change them (header flags and rcode, EDNS, TTLs, owner names, section placement,
RDATA fields: signature timestamps, labels and signers, key flags and tags, DS digests, NSEC and
NSEC3 bitmaps, next names, hashes, salts and iterations), and it is written back.  One input in
five then gets a wire-level change that dnspython's own writer cannot make: section counts, RDATA
lengths, record types and classes, compression pointers.

Every choice comes from the `random.Random` given, so an input is reproduced from its seed and
index (bench/fuzz_engine.py), and Hypothesis supplies one in tests/checker/engine/test_fuzz.py.
"""

from __future__ import annotations

import base64
import random
import struct

import dns.edns
import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.opcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rrset
from dns.rdtypes.util import Bitmap

from .signed import DAY, NOW

SECTIONS = ("answer", "authority", "additional")
EXAMPLE = dns.name.from_text("example.")
# Types a bitmap, a covered type or a spliced record is most often about.
TYPES = [
    dns.rdatatype.from_text(t)
    for t in ("A", "AAAA", "NS", "SOA", "CNAME", "DNAME", "DS", "DNSKEY", "RRSIG", "NSEC", "NSEC3", "NSEC3PARAM")
] + [dns.rdatatype.CDS, dns.rdatatype.CDNSKEY, dns.rdatatype.MX, dns.rdatatype.TXT, 65280, 1234]
U32 = 2**32 - 1
TIMES = [0, 1, NOW - DAY, NOW - 1, NOW, NOW + 1, NOW + DAY, NOW + 2**31, NOW - 2**31, 2**31 - 1, 2**31, U32]


def _integer(rng: random.Random, old: int, top: int) -> int:
    return rng.choice([0, 1, old - 1, old + 1, top, top - 1, rng.randint(0, top), old ^ (1 << rng.randrange(16))])


def _bytes(rng: random.Random, old: bytes) -> bytes:
    kind = rng.randrange(6)
    if kind == 0:
        return b""
    if kind == 1:
        return old[: rng.randrange(len(old) + 1)]
    if kind == 2:
        return old + rng.randbytes(rng.randint(1, 64))
    if kind == 3 and old:
        at = rng.randrange(len(old))
        return old[:at] + bytes([old[at] ^ rng.randint(1, 255)]) + old[at + 1 :]
    if kind == 4:
        return bytes(len(old))
    return rng.randbytes(len(old))


def _name(rng: random.Random, old: dns.name.Name, qname: dns.name.Name) -> dns.name.Name:
    kind = rng.randrange(9)
    labels = old.labels
    if kind == 0 and len(labels) > 1:
        return dns.name.Name(labels[1:])  # the parent
    if kind == 1:
        return dns.name.Name((rng.choice([b"www", b"*", b"~nx", b"a" * 63, bytes([0, 46, 255])]),) + labels)
    if kind == 2:
        return dns.name.Name(tuple(label.swapcase() for label in labels))
    if kind == 3:
        return qname
    if kind == 4:
        return dns.name.root
    if kind == 5:  # as long as a name may be
        return dns.name.Name((b"x" * 63,) * 3 + (b"y" * 61, b""))
    if kind == 6:
        return dns.name.Name((b"*",) + labels[1:]) if len(labels) > 1 else old
    if kind == 7:
        return _rebased(old)
    return dns.name.from_text(rng.choice(["example.", "www.example.", "ns1.example.", "test.", "a.b.c.example."]))


def _rebased(name: dns.name.Name) -> dns.name.Name:
    """`name` moved from the lab zone it is in (alg13.test. …) to example., the harness's zone."""
    labels = name.labels
    if len(labels) >= 3 and labels[-2] == b"test":
        return dns.name.Name(labels[:-3] + EXAMPLE.labels)
    return name


def _bitmap(rng: random.Random, old) -> tuple:
    types = set()
    for window, bits in old:
        for i, byte in enumerate(bits):
            for bit in range(8):
                if byte & (0x80 >> bit):
                    types.add(window * 256 + i * 8 + bit)
    kind = rng.randrange(5)
    if kind == 0:
        types.add(rng.choice(TYPES))
    elif kind == 1 and types:
        types.discard(rng.choice(sorted(types)))
    elif kind == 2:
        types = set()
    elif kind == 3:
        return ((0, b"\xff" * 32),)  # every type of the first window
    else:
        types ^= set(rng.sample(TYPES, 3))
    return Bitmap.from_rdtypes(sorted(types)).windows


def _field_value(rng: random.Random, rdata, field: str, qname: dns.name.Name, owner: dns.name.Name):
    old = getattr(rdata, field)
    if field in ("expiration", "inception"):
        other = rdata.inception if field == "expiration" else rdata.expiration
        return rng.choice(TIMES + [other, other - 1, other + 1])
    if field == "type_covered":
        return rng.choice(TYPES + [0])
    if field == "next" and isinstance(old, bytes):  # an NSEC3 hash
        return rng.choice([b"", b"\x00" * 20, b"\xff" * 20, rng.randbytes(20), old[:10], _owner_hash(owner)])
    if field == "windows":
        return _bitmap(rng, old)
    if isinstance(old, dns.name.Name):
        return _name(rng, old, qname)
    if isinstance(old, bytes):
        return _bytes(rng, old)
    if isinstance(old, int):
        top = {"labels": 255, "protocol": 255, "digest_type": 255, "iterations": 65535}.get(field)
        if top is None:
            top = 255 if old < 256 and field in ("algorithm", "flags") and rdata.rdtype != 48 else 65535
            top = U32 if field in ("original_ttl", "serial", "refresh", "retry", "expire", "minimum") else top
        if field == "iterations":
            return rng.choice([0, 1, 150, 151, 2500, 65535])
        return _integer(rng, old, top)
    return old


def _owner_hash(owner: dns.name.Name) -> bytes:
    """The hash an NSEC3 owner name spells (its next hash equal to it: a chain of one)."""
    try:
        return base64.b32hexdecode(owner.labels[0].upper())
    except (ValueError, IndexError):
        return b"\x01" * 20


def _put(message, section: str, i: int, name: dns.name.Name, ttl: int, rdatas: list) -> None:
    """RRset `i` of `section` replaced by `rdatas`, one RRset per covered type (an RRSIG whose
    covered type changed is an RRset of its own)."""
    by_covers: dict[int, list] = {}
    for rdata in rdatas:
        by_covers.setdefault(rdata.covers(), []).append(rdata)
    getattr(message, section)[i : i + 1] = [dns.rrset.from_rdata_list(name, ttl, group) for group in by_covers.values()]


def _replace_rdata(rng: random.Random, rrset, qname) -> list:
    rdatas = list(rrset)
    at = rng.randrange(len(rdatas))
    rdata = rdatas[at]
    fields = rdata.__slots__
    for _ in range(4):  # a value the rdata's own checks refuse is not a wire answer: draw again
        field = rng.choice(fields)
        try:
            rdatas[at] = rdata.replace(**{field: _field_value(rng, rdata, field, qname, rrset.name)})
            break
        except (ValueError, TypeError, dns.exception.DNSException):
            continue
    return rdatas


# -- mutations of a parsed message: each changes `message` in place ---------------------------


def _rrsets(message) -> list[tuple[str, int]]:
    return [(section, i) for section in SECTIONS for i in range(len(getattr(message, section)))]


def _pick(rng: random.Random, message, rdtype: int | None = None):
    places = _rrsets(message)
    if rdtype is not None:
        places = [(s, i) for s, i in places if getattr(message, s)[i].rdtype == rdtype] or places
    return rng.choice(places) if places else None


def flags(rng, message, _seeds):
    bit = rng.choice([dns.flags.QR, dns.flags.AA, dns.flags.TC, dns.flags.RD, dns.flags.RA, dns.flags.AD, dns.flags.CD])
    message.flags ^= rng.choice([bit, 0x0040])  # 0x0040: the Z bit
    if rng.random() < 0.2:
        message.set_opcode(rng.randrange(16))


def rcode(rng, message, _seeds):
    message.set_rcode(rng.choice([0, 1, 2, 3, 4, 5, 9, 10, 16, 23, rng.randrange(4096)]))


def edns(rng, message, _seeds):
    kind = rng.randrange(5)
    if kind == 0:
        message.use_edns(False)
        return
    options = list(message.options)
    if kind == 1:
        options.append(
            rng.choice(
                [
                    dns.edns.CookieOption(rng.randbytes(8), rng.choice([b"", rng.randbytes(8), rng.randbytes(32)])),
                    dns.edns.EDEOption(rng.randrange(30), rng.choice([None, "x" * rng.randrange(300), "\u3042"])),
                    dns.edns.GenericOption(3, rng.randbytes(rng.randrange(40))),  # NSID
                    dns.edns.GenericOption(12, bytes(rng.randrange(400))),  # padding
                    dns.edns.GenericOption(rng.randrange(65536), rng.randbytes(rng.randrange(20))),
                ]
            )
        )
    elif kind == 2 and options:
        options.pop(rng.randrange(len(options)))
    version = rng.choice([0, 0, 1, 255])
    flags = message.ednsflags ^ rng.choice([0, dns.flags.DO, 0x4000, 0x0001])
    payload = rng.choice([0, 1, 511, 512, 1232, 4096, 65535])
    message.use_edns(version, flags & 0xFFFF, payload, options=options)


def ttl(rng, message, _seeds):
    place = _pick(rng, message)
    if place:
        section, i = place
        rrset = getattr(message, section)[i]
        rrset.ttl = rng.choice([0, 1, 299, 86400, 2**31 - 1, 2**31, U32])


def placement(rng, message, _seeds):
    place = _pick(rng, message)
    if place is None:
        return
    section, i = place
    rrset = getattr(message, section)[i]
    kind = rng.randrange(5)
    if kind == 0:  # move to another section
        del getattr(message, section)[i]
        getattr(message, rng.choice(SECTIONS)).append(rrset)
    elif kind == 1:  # a copy in another section too
        getattr(message, rng.choice([s for s in SECTIONS if s != section])).append(rrset)
    elif kind == 2:
        del getattr(message, section)[i]
    elif kind == 3:  # no signatures at all
        for name in SECTIONS:
            setattr(message, name, [r for r in getattr(message, name) if r.rdtype != dns.rdatatype.RRSIG])
    else:
        rng.shuffle(getattr(message, section))


def splice(rng, message, seeds):
    """An RRset of another answer (another zone's keys, another proof) placed in this one."""
    other = dns.message.from_wire(rng.choice(seeds))
    place = _pick(rng, other)
    if place:
        rrset = getattr(other, place[0])[place[1]]
        if rng.random() < 0.5:
            rrset = dns.rrset.from_rdata_list(_rebased(rrset.name), rrset.ttl, list(rrset))
        getattr(message, rng.choice(SECTIONS)).append(rrset)


def owner(rng, message, _seeds):
    place = _pick(rng, message)
    if place:
        section, i = place
        rrset = getattr(message, section)[i]
        name = _name(rng, rrset.name, message.question[0].name if message.question else EXAMPLE)
        getattr(message, section)[i] = dns.rrset.from_rdata_list(name, rrset.ttl, list(rrset))


def question(rng, message, _seeds):
    if rng.random() < 0.2 or not message.question:
        message.question = []
        return
    q = message.question[0]
    name = _name(rng, q.name, q.name) if rng.random() < 0.5 else q.name
    rdtype = rng.choice(TYPES) if rng.random() < 0.5 else q.rdtype
    message.question = [dns.rrset.RRset(name, dns.rdataclass.IN, rdtype)]


def rebase(rng, message, _seeds):
    """The whole answer moved from its lab zone to example.: owners, signers, next names, targets."""
    for section in SECTIONS:
        rrsets = getattr(message, section)
        for i, rrset in enumerate(rrsets):
            rdatas = []
            for rdata in rrset:
                changes = {
                    f: _rebased(getattr(rdata, f))
                    for f in rdata.__slots__
                    if isinstance(getattr(rdata, f), dns.name.Name)
                }
                rdatas.append(rdata.replace(**changes) if changes else rdata)
            rrsets[i] = dns.rrset.from_rdata_list(_rebased(rrset.name), rrset.ttl, rdatas)
    if message.question:
        q = message.question[0]
        message.question = [dns.rrset.RRset(_rebased(q.name), q.rdclass, q.rdtype)]


def rdata_field(rng, message, _seeds, rdtype: int | None = None):
    place = _pick(rng, message, rdtype)
    if place:
        section, i = place
        rrset = getattr(message, section)[i]
        qname = message.question[0].name if message.question else EXAMPLE
        _put(message, section, i, rrset.name, rrset.ttl, _replace_rdata(rng, rrset, qname))


def signature(rng, message, seeds):
    rdata_field(rng, message, seeds, dns.rdatatype.RRSIG)


def denial(rng, message, seeds):
    rdata_field(rng, message, seeds, rng.choice([dns.rdatatype.NSEC, dns.rdatatype.NSEC3, dns.rdatatype.NSEC3PARAM]))


def keys(rng, message, seeds):
    rdata_field(rng, message, seeds, rng.choice([dns.rdatatype.DNSKEY, dns.rdatatype.DS, dns.rdatatype.CDS]))


def many(rng, message, _seeds):
    """One RRset with up to 40 variants of one of its records (KeyTrap-like counts)."""
    place = _pick(rng, message, rng.choice([dns.rdatatype.RRSIG, dns.rdatatype.DNSKEY, dns.rdatatype.DS, None]))
    if place is None:
        return
    section, i = place
    rrset = getattr(message, section)[i]
    base = list(rrset)[0]
    field = rng.choice(base.__slots__)
    variants = list(rrset)
    qname = message.question[0].name if message.question else EXAMPLE
    for _ in range(rng.randint(2, 40)):
        try:
            variants.append(base.replace(**{field: _field_value(rng, base, field, qname, rrset.name)}))
        except (ValueError, TypeError, dns.exception.DNSException):
            continue
    _put(message, section, i, rrset.name, rrset.ttl, variants)


FIELD_MUTATIONS = [
    (flags, 2),
    (rcode, 2),
    (edns, 2),
    (ttl, 1),
    (placement, 3),
    (splice, 2),
    (owner, 2),
    (question, 1),
    (rebase, 2),
    (rdata_field, 3),
    (signature, 4),
    (denial, 4),
    (keys, 3),
    (many, 1),
]
_MUTATIONS, _WEIGHTS = zip(*FIELD_MUTATIONS, strict=True)


# -- wire-level mutations: what dnspython's writer cannot produce -------------------------------


def _skip_name(wire: bytes, at: int, pointers: list[int]) -> int:
    while True:
        length = wire[at]
        if length >= 0xC0:
            pointers.append(at)
            return at + 2
        if length == 0:
            return at + 1
        at += length + 1


def _records(wire: bytes) -> tuple[list[tuple[int, int, int]], list[int], list[int]]:
    """(start, type offset, RDATA end) of each record, compression pointers, name offsets."""
    counts = struct.unpack("!4H", wire[4:12])
    at, pointers, names, records = 12, [], [], []
    for _ in range(counts[0]):
        names.append(at)
        at = _skip_name(wire, at, pointers) + 4
    for _ in range(sum(counts[1:])):
        names.append(at)
        start = at
        at = _skip_name(wire, at, pointers)
        rdlength = struct.unpack("!H", wire[at + 8 : at + 10])[0]
        records.append((start, at, at + 10 + rdlength))
        at += 10 + rdlength
    return records, pointers, names


def wire_mutation(rng: random.Random, wire: bytes) -> bytes:
    out = bytearray(wire)
    try:
        records, pointers, names = _records(wire)
    except (IndexError, struct.error):
        return wire
    counts = list(struct.unpack("!4H", wire[4:12]))
    kind = rng.randrange(7)
    if kind == 0:  # one record counted in the neighbouring section
        section = rng.randrange(1, 3)
        shift = rng.choice([-1, 1])
        if counts[section] - shift >= 0 and counts[section + 1] + shift >= 0:
            counts[section] -= shift
            counts[section + 1] += shift
    elif kind == 1:  # a count one too high or too low, the records as they are
        counts[rng.randrange(4)] += rng.choice([-1, 1])
        counts = [min(max(c, 0), 65535) for c in counts]
    elif kind == 2 and records:  # RDATA longer or shorter than its type's fields, the length to match
        start, type_at, end = rng.choice(records)
        rdlength = end - type_at - 10
        delta = rng.choice([-4, -1, 1, 4, 32])
        delta = max(delta, -rdlength)
        if delta > 0:
            out[end:end] = rng.randbytes(delta)
        else:
            del out[end + delta : end]
        out[type_at + 8 : type_at + 10] = struct.pack("!H", rdlength + delta)
    elif kind == 3 and records:  # another type or class for a record's RDATA
        _, type_at, _ = rng.choice(records)
        offset = type_at + rng.choice([0, 2])
        value = rng.choice(TYPES + [dns.rdataclass.CH, dns.rdataclass.ANY, dns.rdataclass.NONE, 0, 65535])
        out[offset : offset + 2] = struct.pack("!H", value)
    elif kind == 4 and pointers and names:  # a compression pointer to another name, earlier or not
        at = rng.choice(pointers)
        target = rng.choice(names + [at, 12, len(wire)])
        out[at : at + 2] = struct.pack("!H", 0xC000 | (target & 0x3FFF))
    elif kind == 5 and records:  # one byte of one record's RDATA
        _, type_at, end = rng.choice(records)
        if end > type_at + 10:
            out[rng.randrange(type_at + 10, end)] ^= rng.randint(1, 255)
    elif records:  # cut after a record, with TC set or not
        _, _, end = rng.choice(records)
        del out[end:]
        if rng.random() < 0.5:
            out[2] |= 0x02
    out[4:12] = struct.pack("!4H", *counts)
    return bytes(out)


def mutated(seeds: list[bytes], rng: random.Random) -> bytes:
    """One answer: a seed with one to three of its fields changed, and one time in five its wire."""
    seed = rng.choice(seeds)
    message = dns.message.from_wire(seed)
    for mutation in rng.choices(_MUTATIONS, _WEIGHTS, k=rng.choice([1, 1, 2, 2, 3])):
        try:
            mutation(rng, message, seeds)
        except (dns.exception.DNSException, ValueError):  # e.g. a label added to a name of 255 octets
            continue
    try:
        wire = message.to_wire()
    except (dns.exception.DNSException, ValueError):  # e.g. a name made longer than 255 octets
        wire = seed
    if rng.random() < 0.2:
        wire = wire_mutation(rng, wire)
    return wire
