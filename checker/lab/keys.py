"""DNSSEC keys of the lab: generated once, cached on disk, reused by later builds.

A key is identified by the zone it belongs to and a label ("ksk", "zsk", ...). Its private part is
kept as PEM under ``<key_dir>/<zone>/<label>-a<alg>-<bits>.pem``, so a change of algorithm or size
in the zone definitions makes a new key instead of reusing a wrong one. Keys of algorithms that the
lab cannot generate with real cryptography, such as private algorithm 253, are "hand-made":
public key bytes only, and signatures of made-up bytes that are the same in every build.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import dns.dnssec
import dns.name
import dns.rdataclass
import dns.rdatatype
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from dns.dnssecalgs import get_algorithm_cls
from dns.rdtypes.ANY.DNSKEY import DNSKEY

RSA_ALGORITHMS = {1, 5, 7, 8, 10}
GENERATED_ALGORITHMS = RSA_ALGORITHMS | {13, 14, 15, 16}

# Signature length of hand-made keys (the private algorithms have no fixed one).
FAKE_SIGNATURE_LENGTH = 64


@dataclass(frozen=True)
class LabKey:
    """One key of a zone: its DNSKEY rdata and, unless hand-made, its private key."""

    zone: dns.name.Name
    label: str
    dnskey: DNSKEY
    private: object | None  # a dns.dnssecalgs GenericPrivateKey, or None for hand-made keys

    @property
    def tag(self) -> int:
        return dns.dnssec.key_id(self.dnskey)

    @property
    def algorithm(self) -> int:
        return int(self.dnskey.algorithm)


def _generate_private(algorithm: int, bits: int | None):
    if algorithm in RSA_ALGORITHMS:
        return rsa.generate_private_key(public_exponent=65537, key_size=bits or 2048)
    if algorithm == 13:
        return ec.generate_private_key(ec.SECP256R1())
    if algorithm == 14:
        return ec.generate_private_key(ec.SECP384R1())
    if algorithm == 15:
        return ed25519.Ed25519PrivateKey.generate()
    if algorithm == 16:
        return ed448.Ed448PrivateKey.generate()
    raise ValueError(f"the lab does not generate keys of algorithm {algorithm}")


def _to_pem(private) -> bytes:
    return private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _store_first(path: Path, data: bytes) -> bytes:
    """Stores `data` at `path` unless another process stored a key there first; returns what `path` holds.

    Parallel test processes may build the same cache at once. A rename would keep every file whole, but the
    last writer would win, and a lab already built with the first key would no longer match the cache: a hard
    link fails when the name exists, so the first key stays and everybody signs with it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_bytes(data)
    try:
        os.link(tmp, path)
    except FileExistsError:
        return path.read_bytes()
    finally:
        tmp.unlink()
    return data


def _lab_key(zone: dns.name.Name, label: str, algorithm: int, private, flags: int, protocol: int = 3) -> LabKey:
    private_cls = get_algorithm_cls(algorithm)
    wrapped = private_cls(key=private)
    dnskey = wrapped.public_key().to_dnskey(flags=flags, protocol=protocol)
    return LabKey(zone=zone, label=label, dnskey=dnskey, private=wrapped)


class KeyStore:
    """Loads keys from the cache directory or generates and stores them."""

    def __init__(self, key_dir: Path):
        self.key_dir = Path(key_dir)
        self.generated = 0

    def _path(self, zone: dns.name.Name, name: str) -> Path:
        zone_dir = zone.to_text(omit_final_dot=True) or "root"
        return self.key_dir / zone_dir / name

    def _private(self, zone: dns.name.Name, label: str, algorithm: int, bits: int | None):
        path = self._path(zone, f"{label}-a{algorithm}-{bits or 0}.pem")
        if path.exists():
            return _load_pem(path.read_bytes())
        pem = _to_pem(_generate_private(algorithm, bits))
        self.generated += 1
        return _load_pem(_store_first(path, pem))

    def key(
        self, zone: dns.name.Name, label: str, algorithm: int, flags: int, bits: int | None = None, protocol: int = 3
    ) -> LabKey:
        if algorithm not in GENERATED_ALGORITHMS:
            return self.handmade(zone, label, algorithm, flags, protocol)
        private = self._private(zone, label, algorithm, bits)
        return _lab_key(zone, label, algorithm, private, flags, protocol)

    def handmade(
        self, zone: dns.name.Name, label: str, algorithm: int, flags: int, protocol: int = 3, length: int = 64
    ) -> LabKey:
        """A key with public bytes only, derived from its name so that builds agree."""
        seed = hashlib.sha512(f"{zone}/{label}/{algorithm}".encode()).digest()
        material = (seed * (length // len(seed) + 1))[:length]
        if algorithm == 253:
            # PRIVATEDNS keys start with the wire-format name of the algorithm's owner.
            material = dns.name.from_text("lab.private.test.").to_wire() + material
        dnskey = DNSKEY(dns.rdataclass.IN, dns.rdatatype.DNSKEY, flags, protocol, algorithm, material)
        return LabKey(zone=zone, label=label, dnskey=dnskey, private=None)

    def colliding_pair(self, zone: dns.name.Name, flags: int) -> tuple[LabKey, LabKey]:
        """Two ECDSA P-256 keys with the same key tag (about 300 keys are tried: milliseconds).

        Both keys are kept in one file, so that builds running at once cannot mix two pairs."""
        path = self._path(zone, f"collide-a13-f{flags}.pem")
        if not path.exists():
            seen: dict[int, object] = {}
            while True:
                private = ec.generate_private_key(ec.SECP256R1())
                self.generated += 1
                tag = _lab_key(zone, "probe", 13, private, flags).tag
                if tag in seen:
                    break
                seen[tag] = private
            _store_first(path, _to_pem(seen[tag]) + _to_pem(private))
        marker = b"-----END PRIVATE KEY-----\n"
        first, second = [part + marker for part in path.read_bytes().split(marker)[:2]]
        return (
            _lab_key(zone, "collide-a", 13, _load_pem(first), flags),
            _lab_key(zone, "collide-b", 13, _load_pem(second), flags),
        )


def _load_pem(data: bytes):
    # The lab's own cached keys: skipping the RSA consistency check saves about 7 ms per key.
    return serialization.load_pem_private_key(data, password=None, unsafe_skip_rsa_key_validation=True)
