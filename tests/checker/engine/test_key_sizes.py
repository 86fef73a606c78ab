"""RSA modulus lengths read from DNSKEY RDATA (RFC 3110 §2), behind E5 `rsa_key_size`: both forms of the
exponent length, and RDATA too short to hold a modulus (issue 22: mutation survivors in checks.py)."""

import dns.dnssec
import dns.rdtypes.ANY.DNSKEY
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from checker.engine.checks import key_bits, key_summary, rsa_modulus_bits
from checker.engine.validator import key_tag


def dnskey(data: bytes):
    return dns.rdtypes.ANY.DNSKEY.DNSKEY("IN", "DNSKEY", 257, 3, 8, data)


@pytest.mark.parametrize("bits", [1024, 2048])
def test_a_made_key_has_its_modulus_length(bits):
    key = dns.dnssec.make_dnskey(rsa.generate_private_key(65537, bits).public_key(), 8)
    assert key.key[0] == 3  # the one-octet exponent length: 65537 takes 3 octets
    assert rsa_modulus_bits(key) == bits


def test_the_three_octet_exponent_length_form():
    modulus = (1 << 2047) | 1
    data = b"\x00\x00\x03" + b"\x01\x00\x01" + modulus.to_bytes(256, "big")
    assert rsa_modulus_bits(dnskey(data)) == 2048


@pytest.mark.parametrize("data", [b"\x00\x00", b"\x03\x01\x00\x01", b"\x00\x00\x03\x01\x00\x01"])
def test_rdata_without_a_modulus_is_unreadable(data):
    assert rsa_modulus_bits(dnskey(data)) is None


@pytest.mark.parametrize(
    ("algorithm", "octets", "bits"),
    [(13, 64, 256), (14, 96, 384), (15, 32, 256), (16, 57, 456)],  # P-256, P-384, Ed25519, Ed448
)
def test_key_bits_as_operators_name_them(algorithm, octets, bits):  # the key table of the report
    key = dns.rdtypes.ANY.DNSKEY.DNSKEY("IN", "DNSKEY", 257, 3, algorithm, bytes(octets))
    assert key_bits(key) == bits


@pytest.mark.parametrize(("flags", "role", "revoked"), [(257, "KSK", False), (256, "ZSK", False), (385, "KSK", True)])
def test_the_key_summary_of_the_report(flags, role, revoked):  # SEP bit: KSK (RFC 4034 §2.1.1); REVOKE (RFC 5011)
    key = dns.rdtypes.ANY.DNSKEY.DNSKEY("IN", "DNSKEY", flags, 3, 13, bytes(range(64)))
    assert key_summary(key) == {
        "key_tag": key_tag(key),
        "algorithm": 13,
        "flags": flags,
        "role": role,
        "revoked": revoked,
        "key_bits": 256,
        "key": "AAECAwQFBgcICQoLDA0ODxAR…",
    }
