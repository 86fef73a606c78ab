"""The DNSKEY rows of checks.py on single records: RSA modulus lengths read from DNSKEY RDATA (RFC 3110 §2)
behind E5 `rsa_key_size`, both forms of the exponent length and RDATA too short to hold a modulus; key sizes
and the report's key summary; E7, E8 and H5 (issue 22: mutation survivors in checks.py)."""

import dns.dnssec
import dns.name
import dns.rdata
import dns.rdtypes.ANY.DNSKEY
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from checker.engine.checks import (
    algorithm_findings,
    digest_support_findings,
    dnskey_findings,
    key_bits,
    key_summary,
    rsa_modulus_bits,
)
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


def test_dnskey_rows_without_a_dnskey_check():  # E7: no RRSIG seen, so a revoked key signs nothing
    revoked = dns.rdtypes.ANY.DNSKEY.DNSKEY("IN", "DNSKEY", 257 | 0x0080, 3, 13, bytes(range(64)))
    found = []
    dnskey_findings(dns.name.from_text("example."), [revoked], None, found)
    assert [(f.id, f.severity, f.server, f.evidence["reason"]) for f in found] == [
        ("revoked_key_misuse", "ERR", None, "revoked_not_self_signing")
    ]


def _rsa(algorithm: int, bits: int):
    modulus = (1 << (bits - 1)) | 1
    data = b"\x03\x01\x00\x01" + modulus.to_bytes((bits + 7) // 8, "big")
    return dns.rdtypes.ANY.DNSKEY.DNSKEY("IN", "DNSKEY", 256, 3, algorithm, data)


@pytest.mark.parametrize(
    ("algorithm", "bits", "expected"),
    [
        (8, 2048, []),
        (8, 1024, [("WARN", 1024, {"recommended": 2048})]),
        (8, 4104, [("ERR", 4104, {"minimum": 512, "maximum": 4096})]),
        (10, 768, [("ERR", 768, {"minimum": 1024, "maximum": 4096})]),  # RFC 5702 §2.2: RSA/SHA-512 from 1024 bits
        (10, 1024, [("WARN", 1024, {"recommended": 2048})]),  # the minimum itself is in range
    ],
)
def test_rsa_key_size_rows(algorithm, bits, expected):  # E5
    found = []
    dnskey_findings(dns.name.from_text("example."), [_rsa(algorithm, bits)], None, found)
    limits = ("recommended", "minimum", "maximum")
    assert [
        (f.severity, f.evidence["key_length"], {k: v for k, v in f.evidence.items() if k in limits})
        for f in found
        if f.id == "rsa_key_size"
    ] == expected


def test_an_algorithm_the_checker_cannot_verify_is_h5_naming_it():  # H1, H5
    found = []
    algorithm_findings(dns.name.from_text("example."), {12: {"DNSKEY"}}, {12: {4711}}, found)
    assert [(f.id, f.severity, f.evidence) for f in found] == [
        ("dnskey_alg_must_not", "ERR", {"algorithm": 12, "rrtypes": ["DNSKEY"], "key_tag": [4711]}),
        ("alg_not_validatable_by_checker", "INFO", {"algorithm": 12, "digest_type": "-"}),
    ]


def test_two_keys_sharing_a_key_tag_is_e8_naming_the_tag():  # E8
    from .test_chain_unit import _colliding_key

    template = dns.rdtypes.ANY.DNSKEY.DNSKEY("IN", "DNSKEY", 256, 3, 13, bytes(range(64)))
    tag = key_tag(template)
    found = []
    dnskey_findings(dns.name.from_text("example."), [template, _colliding_key(template, tag, 1)], None, found)
    assert [(f.id, f.severity, f.evidence) for f in found] == [
        ("keytag_collision", "NOTE", {"key_tag": tag, "algorithm": 13, "count": 2})
    ]


def test_a_ds_digest_the_checker_cannot_compute_is_h5_naming_it():  # H5
    found = []
    ds = dns.rdata.from_text("IN", "DS", "4711 13 3 " + "00" * 32)  # GOST R 34.11-94
    digest_support_findings(dns.name.from_text("example."), [ds], found)
    assert [(f.id, f.severity, f.zone, f.evidence) for f in found] == [
        ("alg_not_validatable_by_checker", "INFO", "example.", {"algorithm": "-", "digest_type": 3})
    ]


def test_a_dnskey_protocol_other_than_3_is_e6_naming_it():  # E6, RFC 4034 §2.1.2
    key = dns.rdtypes.ANY.DNSKEY.DNSKEY("IN", "DNSKEY", 256, 2, 13, bytes(range(64)))
    found = []
    dnskey_findings(dns.name.from_text("example."), [key], None, found)
    assert [(f.id, f.severity, f.evidence) for f in found] == [
        (
            "dnskey_fields_invalid",
            "ERR",
            {"reason": "protocol", "protocol": 2, "key_tag": key_tag(key), "algorithm": 13, "flags": 256},
        )
    ]


def test_a_p256_key_of_the_wrong_length_is_e4():  # E4, RFC 6605 §4
    key = dns.rdtypes.ANY.DNSKEY.DNSKEY("IN", "DNSKEY", 256, 3, 13, bytes(63))
    found = []
    dnskey_findings(dns.name.from_text("example."), [key], None, found)
    assert [(f.id, f.severity, f.evidence["key_length"], f.evidence["expected_length"]) for f in found] == [
        ("dnskey_bad_key_length", "ERR", 504, 512)
    ]


def test_a_dnskey_without_key_data_is_e4_of_length_0_naming_the_key():  # E4
    key = dns.rdtypes.ANY.DNSKEY.DNSKEY("IN", "DNSKEY", 256, 3, 13, b"")
    found = []
    dnskey_findings(dns.name.from_text("example."), [key], None, found)
    assert [(f.id, f.severity, f.zone, f.evidence) for f in found] == [
        (
            "dnskey_bad_key_length",
            "ERR",
            "example.",
            {"key_length": 0, "key_tag": key_tag(key), "algorithm": 13, "flags": 256},
        )
    ]
