"""Focused tests of the chain of trust on in-memory signed data: rows no lab zone triggers, and
the severity rules that depend on context."""

import base64

import dns.dnssec
import dns.name
import dns.rcode
import dns.rdata
import dns.rdatatype
import dns.rrset
import pytest

from checker.engine import checks
from checker.engine.chain import ChainValidator, zone_summary
from checker.engine.validator import Memo, Verifier, key_tag, serial_time
from checker.engine.walker import Walk

from .signed import DAY, NOW, Hierarchy, Zone, answer, apex_answers, ids, private_key, signed_pair

DS, DNSKEY = dns.rdatatype.DS, dns.rdatatype.DNSKEY


def test_correct_hierarchy_is_secure_without_findings():
    root, child, findings, verifier = Hierarchy().validate()
    assert (root.status, child.status) == ("secure", "secure")
    assert not [f for f in findings if f.severity in ("CRIT", "ERR", "WARN")]
    # Two servers serve every RRset: each signature is verified once.
    assert verifier.memo_hits == verifier.verifications


def test_ds_lookup_failed_everywhere_is_an_error_and_indeterminate():  # D14
    lab = Hierarchy()
    lab.child_data.ds = {
        lab.ROOT_SERVERS[0]: answer(lab.ROOT_SERVERS[0], "example.", DS, error="timeout"),
        lab.ROOT_SERVERS[1]: answer(lab.ROOT_SERVERS[1], "example.", DS, rcode=dns.rcode.SERVFAIL),
    }
    _, child, findings, _ = lab.validate()
    assert child.status == "indeterminate"
    assert ids(findings, "example.")["ds_lookup_failed"] == {"ERR"}


def test_ds_lookup_failed_on_one_server_is_a_warning():  # D14
    lab = Hierarchy()
    refusing = lab.ROOT_SERVERS[1]
    lab.child_data.ds[refusing] = answer(refusing, "example.", DS, rcode=dns.rcode.REFUSED, transport="tcp")
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("secure", "")
    assert [(f.id, f.severity, f.zone, f.server, f.transport, f.evidence) for f in findings] == [
        ("ds_lookup_failed", "WARN", "example.", refusing, "tcp", {"parent": ".", "response": "REFUSED"})
    ]


def test_dnskey_query_failed_on_one_server():  # E1
    lab = Hierarchy()
    server = lab.CHILD_SERVERS[1]
    lab.child_data.apex[server][DNSKEY] = answer(server, "example.", DNSKEY, rcode=dns.rcode.REFUSED, aa=False)
    _, child, findings, _ = lab.validate()
    failed = [f for f in findings if f.id == "dnskey_query_failed"]
    assert [(f.severity, f.server, f.evidence["response"]) for f in failed] == [("ERR", server, "REFUSED")]


def test_dnskey_query_failed_everywhere_is_indeterminate():  # E1
    lab = Hierarchy()
    first, second = lab.CHILD_SERVERS
    lab.child_data.apex[first][DNSKEY] = answer(first, "example.", DNSKEY, error="timeout")
    lab.child_data.apex[second][DNSKEY] = answer(second, "example.", DNSKEY, rcode=dns.rcode.REFUSED)
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("indeterminate", "dnskey_unavailable")
    assert [(f.id, f.severity, f.zone, f.server, f.servers, f.evidence) for f in findings] == [
        (
            "dnskey_query_failed",
            "ERR",
            "example.",
            None,
            [first, second],
            {"response": ["REFUSED", "timeout"], "server": f"{first}, {second}"},
        )
    ]


def test_sha1_ds_that_matches_beside_a_sha256_ds_that_does_not():  # D11, WARN branch
    lab = Hierarchy()
    sha256 = lab.child.ds(2)
    broken = sha256.replace(digest=bytes(b ^ 0xFF for b in sha256.digest))
    lab.set_ds([lab.child.ds(1), broken])
    _, child, findings, _ = lab.validate()
    found = ids(findings, "example.")
    tag = key_tag(lab.child.ksk)
    assert [(f.severity, f.server, f.transport, f.evidence) for f in findings if f.id == "ds_sha256_missing"] == [
        ("WARN", server, "udp", {"key_tag": tag, "algorithm": 13, "reason": "sha1_matches_sha256_does_not"})
        for server in lab.CHILD_SERVERS
    ]
    assert found["ds_digest_mismatch"] == {"ERR"}
    # RFC 4509: validators ignore the SHA-1 DS, so nothing leads to the key.
    assert child.status == "bogus" and "no_secure_entry_point" in found


def test_unsigned_ds_rrset_from_a_signed_parent_is_bogus():
    lab = Hierarchy()
    lab.set_ds([lab.child.ds()], sign=False)
    _, child, findings, _ = lab.validate()
    assert child.status == "bogus"
    assert ids(findings, ".")["rrsig_missing"] == {"ERR"}


def test_invalid_signature_beside_a_valid_one_is_an_error_not_critical():  # F3 severity rule
    lab = Hierarchy()
    zone = lab.child
    soa = zone.soa()
    good = zone.sign(soa)
    bad = good[0].replace(signature=bytes(64))
    both = good.copy()
    both.add(bad)
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][dns.rdatatype.SOA] = answer(server, "example.", dns.rdatatype.SOA, [soa, both])
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    assert ids(findings, "example.")["rrsig_invalid"] == {"ERR"}


def test_only_invalid_signatures_are_critical_and_bogus():  # F3
    lab = Hierarchy()
    zone = lab.child
    soa = zone.soa()
    broken = dns.rrset.from_rdata_list(soa.name, soa.ttl, [r.replace(signature=bytes(64)) for r in zone.sign(soa)])
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][dns.rdatatype.SOA] = answer(server, "example.", dns.rdatatype.SOA, [soa, broken])
    _, child, findings, _ = lab.validate()
    assert child.status == "bogus"
    assert ids(findings, "example.")["rrsig_invalid"] == {"CRIT"}


def test_keytrap_caps_verifications_per_rrset_and_failures_per_check():  # docs/RELIABILITY.md, S2
    lab = Hierarchy()
    zone = lab.child
    soa = zone.soa()
    sigs = zone.sign(soa)
    forged = sigs[0]
    for index in range(40):  # 40 RRSIGs that all name the ZSK and all fail
        sigs.add(forged.replace(signature=index.to_bytes(2, "big") + bytes(62)))
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][dns.rdatatype.SOA] = answer(server, "example.", dns.rdatatype.SOA, [soa, sigs])
    _, child, findings, verifier = lab.validate(max_per_rrset=8, max_failed=64)
    soa_checks = [c for c in child.rrsets if c.rdtype == dns.rdatatype.SOA]
    for check in soa_checks:
        assert sum(1 for s in check.signatures if s.status == "budget") > 0
    assert verifier.failed <= 64
    assert checks.budget_finding(verifier).severity == "WARN"


def test_signature_verified_once_per_process_with_a_shared_memo():
    memo = Memo()
    _, _, _, first = Hierarchy().validate(memo)
    _, _, _, second = Hierarchy().validate(memo)
    assert first.verifications > 0
    assert second.verifications == 0 and second.memo_hits > 0


def test_trust_anchor_absent_from_the_root_dnskey_rrset():  # D19, D18
    lab = Hierarchy()
    other = Hierarchy().child  # a key the root never published
    lab.anchors = {dns.name.root: [other.ksk]}
    root, _, findings, _ = lab.validate()
    assert root.status == "bogus"
    found = ids(findings, ".")
    assert found["trust_anchor_unusable"] == {"ERR"}
    assert found["trust_anchor_not_signing"] == {"CRIT"}


def test_dnskey_trust_anchor_works_like_a_ds_anchor():
    lab = Hierarchy()
    lab.anchors = {dns.name.root: [lab.root.ksk]}
    root, child, findings, _ = lab.validate()
    assert (root.status, child.status) == ("secure", "secure")


def test_serial_arithmetic_of_signature_times():
    assert serial_time(NOW + 100, NOW) == NOW + 100
    assert serial_time((NOW + 2**31 - 10) % 2**32, NOW) == NOW + 2**31 - 10
    # A time written after the 2106 wrap still lies in the future.
    later = 2**32 + 1000
    assert serial_time(later % 2**32, 2**32 - 1000) == later


def test_ttl_rows_on_the_apex():  # F9, F16, F17
    lab = Hierarchy()
    zone = lab.child
    soa = zone.soa()
    soa.ttl = 30 * 86400  # beyond the signature's expiration, and above the original TTL below
    signed = zone.sign(soa, original_ttl=3600)
    signed.ttl = 3600
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][dns.rdatatype.SOA] = answer(server, "example.", dns.rdatatype.SOA, [soa, signed])
    _, _, findings, _ = lab.validate()
    found = ids(findings, "example.")
    assert found["rrsig_original_ttl_exceeded"] == {"ERR"}
    assert found["rrsig_ttl_mismatch"] == {"WARN"}


def _colliding_key(template, tag: int, seed: int):
    """A DNSKEY (not a valid curve point) whose key tag is `tag`, like the KeyTrap keys: the last
    two key octets are chosen to make the RFC 4034 Appendix B checksum come out right."""
    import random

    body = random.Random(seed).randbytes(62)
    header = template.flags.to_bytes(2, "big") + bytes([template.protocol, template.algorithm])
    wire = header + body  # even length: the two octets added next are one 16-bit word
    base = sum((octet << 8) if index % 2 == 0 else octet for index, octet in enumerate(wire))
    for word in range(65536):
        total = base + word
        if (total + (total >> 16)) & 0xFFFF == tag:
            return template.replace(key=body + word.to_bytes(2, "big"))
    raise AssertionError("no colliding key")


def test_keytrap_many_keys_sharing_one_tag():  # docs/RELIABILITY.md, S2
    lab = Hierarchy()
    zone = lab.child
    tag = key_tag(zone.ksk)
    fakes = [_colliding_key(zone.ksk, tag, seed) for seed in range(40)]
    zone.extra_keys = fakes
    dnskeys = dns.rrset.from_rdata_list(zone.name, 3600, [*fakes, zone.ksk, zone.zsk])
    signed = zone.sign(dnskeys, "ksk")
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][DNSKEY] = answer(server, "example.", DNSKEY, [dnskeys, signed])
    _, child, findings, verifier = lab.validate(max_per_rrset=8, max_failed=64)
    dnskey_checks = [c for c in child.rrsets if c.rdtype == DNSKEY]
    assert len(dnskey_checks) == 2
    assert verifier.verifications <= 8 * 2 + 8 * len(child.rrsets)
    assert verifier.failed <= 64
    assert checks.budget_finding(verifier).severity == "WARN"
    assert ids(findings, "example.")["keytag_collision"] == {"NOTE"}


def _corrupt_soa_signature(lab, server):
    soa_answer = lab.child_data.apex[server][dns.rdatatype.SOA]
    rrsig = soa_answer.rrset("answer", lab.child.name, dns.rdatatype.RRSIG, dns.rdatatype.SOA)
    broken = rrsig[0].replace(signature=bytes(b ^ 0x55 for b in rrsig[0].signature))
    lab.child_data.apex[server][dns.rdatatype.SOA] = answer(
        server,
        "example.",
        dns.rdatatype.SOA,
        [lab.child.soa(), dns.rrset.from_rdata_list(rrsig.name, rrsig.ttl, [broken])],
    )


def test_a_bad_signature_on_one_server_is_an_error_that_names_it():  # F3, as F5/F6
    lab = Hierarchy()
    _corrupt_soa_signature(lab, lab.CHILD_SERVERS[1])
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    invalid = [f for f in findings if f.id == "rrsig_invalid"]
    assert [(f.severity, f.server) for f in invalid] == [("ERR", lab.CHILD_SERVERS[1])]


def test_a_bad_signature_on_every_server_is_critical_and_bogus():  # F3
    lab = Hierarchy()
    for server in lab.CHILD_SERVERS:
        _corrupt_soa_signature(lab, server)
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("bogus", "rrset_bogus:example./SOA")
    assert ids(findings, "example.")["rrsig_invalid"] == {"CRIT"}


def _dname_answers(lab, cname_target: str):
    """www.old.example. asked of example.'s servers: the signed DNAME old.example. -> other.test.
    and an unsigned CNAME (what a server synthesises, RFC 6672 §3.2)."""
    dname = lab.child.rrset("DNAME", "other.test.", owner=dns.name.from_text("old.example."))
    cname = lab.child.rrset("CNAME", cname_target, owner=dns.name.from_text("www.old.example."))
    return {
        server: {
            qtype: answer(server, "www.old.example.", qtype, [*signed_pair(lab.child, dname), cname])
            for qtype in (dns.rdatatype.A, dns.rdatatype.AAAA)
        }
        for server in lab.CHILD_SERVERS
    }


def test_a_cname_synthesised_from_a_signed_dname_needs_no_signature():  # issue 13, item 10
    lab = Hierarchy()
    root, child, _, _ = lab.validate()
    validator = ChainValidator(lab.anchors, NOW, Verifier(Memo()))
    walk = Walk(dns.name.from_text("www.old.example."), [lab.root_data, lab.child_data])
    walk.target_answers = _dname_answers(lab, "www.other.test.")
    status, summary = validator.evaluate_target(walk, child)
    assert status == "secure" and all(entry["secure"] for entry in summary)
    assert not validator.findings


def test_a_cname_that_is_not_the_dname_synthesis_must_be_signed():  # RFC 6672 §5.3.1
    lab = Hierarchy()
    root, child, _, _ = lab.validate()
    validator = ChainValidator(lab.anchors, NOW, Verifier(Memo()))
    walk = Walk(dns.name.from_text("www.old.example."), [lab.root_data, lab.child_data])
    walk.target_answers = _dname_answers(lab, "elsewhere.test.")
    status, _ = validator.evaluate_target(walk, child)
    assert status == "bogus"
    assert ids(validator.findings) == {"rrsig_missing": {"ERR"}}


def _serve_expired_dnskey_signature(lab: Hierarchy, data, zone, servers) -> None:
    """`servers` of `zone` serve its DNSKEY RRset with an expired signature (a stale secondary)."""
    dnskeys = zone.dnskey_rrset()
    expired = zone.sign(dnskeys, "ksk", inception=NOW - 30 * DAY, expiration=NOW - DAY)
    for server in servers:
        data.apex[server][DNSKEY] = answer(server, zone.name, DNSKEY, [dnskeys, expired])


def _faults(findings) -> set[tuple]:
    return {(f.id, f.severity, f.zone, f.server) for f in findings if f.severity in ("CRIT", "ERR")}


def test_one_server_without_a_secure_entry_point_is_an_error_naming_it():  # D3, D6, D18; issue 13 item 7
    lab = Hierarchy()
    root_stale, child_stale = lab.ROOT_SERVERS[1], lab.CHILD_SERVERS[1]
    _serve_expired_dnskey_signature(lab, lab.root_data, lab.root, [root_stale])
    _serve_expired_dnskey_signature(lab, lab.child_data, lab.child, [child_stale])
    root, child, findings, _ = lab.validate()
    assert (root.status, child.status) == ("secure", "secure")
    assert _faults(findings) == {
        ("trust_anchor_not_signing", "ERR", ".", root_stale),
        ("trust_anchor_unusable", "ERR", ".", root_stale),
        ("rrsig_expired", "ERR", ".", root_stale),
        ("no_secure_entry_point", "ERR", "example.", child_stale),
        ("ds_key_not_signing_dnskey", "ERR", "example.", child_stale),
        ("rrsig_expired", "ERR", "example.", child_stale),
    }


def test_no_server_with_a_secure_entry_point_is_critical_and_bogus():  # D3, D6
    lab = Hierarchy()
    _serve_expired_dnskey_signature(lab, lab.child_data, lab.child, lab.CHILD_SERVERS)
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("bogus", "no_secure_entry_point")
    assert {(fid, severity) for fid, severity, _, _ in _faults(findings)} == {
        ("no_secure_entry_point", "CRIT"),
        ("ds_key_not_signing_dnskey", "CRIT"),
        ("rrsig_expired", "CRIT"),
    }


def test_a_server_without_a_secure_entry_point_is_checked_with_the_keys_validated_elsewhere():
    """Its own keys are no evidence: a validator holds the DNSKEY RRset it validated from another
    server. Here ns1's SOA signature is broken and ns2, whose DNSKEY RRset has a key of its own and
    no secure entry point, signs its SOA with that key: no copy validates, the zone is bogus."""
    lab = Hierarchy()
    zone = lab.child
    ns1, ns2 = lab.CHILD_SERVERS
    soa = zone.soa()
    broken = dns.rrset.from_rdata_list(soa.name, soa.ttl, [r.replace(signature=bytes(64)) for r in zone.sign(soa)])
    lab.child_data.apex[ns1][dns.rdatatype.SOA] = answer(ns1, "example.", dns.rdatatype.SOA, [soa, broken])
    rogue = Zone("example.", "rogue")
    lab.child_data.apex[ns2] = apex_answers(rogue, ns2)
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("bogus", "rrset_bogus:example./SOA")
    found = ids(findings, "example.")
    assert (found["no_secure_entry_point"], found["rrsig_invalid"], found["rrsig_key_absent"]) == (
        {"ERR"},
        {"CRIT"},
        {"ERR"},
    )


def test_a_stale_ds_is_a_warning_where_another_ds_leads_in_and_an_error_on_a_stale_server():  # D4
    lab = Hierarchy()
    ns1, ns2 = lab.CHILD_SERVERS
    lab.set_ds([lab.child.ds(), Zone("example.", "retired").ds()])
    _serve_expired_dnskey_signature(lab, lab.child_data, lab.child, [ns2])
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    assert {(f.severity, f.server) for f in findings if f.id == "ds_orphan"} == {("WARN", ns1), ("ERR", ns2)}


# -- issue 22, §2: mutation survivors of chain.py ----------------------------------------------


def test_ds_lookup_failed_on_one_server_names_that_server():  # D14
    lab = Hierarchy()
    lab.child_data.ds[lab.ROOT_SERVERS[1]] = answer(lab.ROOT_SERVERS[1], "example.", DS, rcode=dns.rcode.REFUSED)
    _, _, findings, _ = lab.validate()
    failed = [f for f in findings if f.id == "ds_lookup_failed"]
    assert [(f.severity, f.server, f.transport, f.evidence["response"]) for f in failed] == [
        ("WARN", lab.ROOT_SERVERS[1], "udp", "REFUSED")
    ]


def test_a_signed_parents_no_ds_answer_without_denial_records_is_g1_and_bogus():  # G1
    lab = Hierarchy()
    soa = lab.root.soa()
    lab.child_data.ds = {p: answer(p, "example.", DS, [], [soa, lab.root.sign(soa)]) for p in lab.ROOT_SERVERS}
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("bogus", "ds_rrset_bogus")
    assert [(f.id, f.severity, f.zone, f.server, f.transport, f.evidence) for f in findings] == [
        ("denial_records_missing", "ERR", ".", p, "udp", {"qname": "example.", "qtype": "DS", "rcode": "NOERROR"})
        for p in lab.ROOT_SERVERS
    ]


def test_only_revoked_trust_anchors_fail_closed():  # D18, RFC 5011
    lab = Hierarchy()
    revoked = lab.root.ksk.replace(flags=lab.root.ksk.flags | 0x0080)
    lab.anchors = {dns.name.root: [revoked]}
    root, _, findings, _ = lab.validate()
    assert (root.status, root.reason) == ("bogus", "no_usable_trust_anchor")
    assert [(f.severity, f.evidence.get("reason")) for f in findings if f.id == "trust_anchor_not_signing"] == [
        ("CRIT", "no_usable_trust_anchor")
    ]


def _target(lab, answers):
    _, child, _, _ = lab.validate()
    validator = ChainValidator(lab.anchors, NOW, Verifier(Memo()))
    walk = Walk(dns.name.from_text("www.example."), [lab.root_data, lab.child_data])
    walk.target_answers = answers
    status, summary = validator.evaluate_target(walk, child)
    return status, summary, validator.findings


def test_a_target_nodata_without_denial_records_is_not_secure_in_the_summary():  # G1
    lab = Hierarchy()
    server = lab.CHILD_SERVERS[0]
    soa = lab.child.soa()
    nodata = answer(server, "www.example.", dns.rdatatype.A, [], signed_pair(lab.child, soa))
    status, summary, findings = _target(lab, {server: {dns.rdatatype.A: nodata}})
    assert status == "bogus"
    assert [(e["server"], e["qtype"], e["secure"]) for e in summary] == [(server, "A", False)]
    assert [(f.id, f.severity, f.zone, f.server, f.transport, f.evidence) for f in findings] == [
        (
            "denial_records_missing",
            "ERR",
            "example.",
            server,
            "udp",
            {"qname": "www.example.", "qtype": "A", "rcode": "NOERROR"},
        )
    ]


def test_a_dnskey_nodata_whose_nsec_omits_a_type_the_name_has_contradicts_it():  # G5
    lab = Hierarchy()
    server = lab.CHILD_SERVERS[0]
    www = dns.name.from_text("www.example.")
    record = lab.child.rrset("A", "192.0.2.9", owner=www)
    nsec = lab.child.rrset("NSEC", "zzz.example. RRSIG NSEC", owner=www)  # leaves out A
    answers = {
        dns.rdatatype.A: answer(server, www, dns.rdatatype.A, signed_pair(lab.child, record)),
        DNSKEY: answer(server, www, DNSKEY, [], [*signed_pair(lab.child, nsec)]),
    }
    _, _, findings = _target(lab, {server: answers})
    contradicting = [f for f in findings if f.id == "denial_contradicts_data"]
    assert [(f.severity, f.server, f.evidence["qtype"]) for f in contradicting] == [("ERR", server, ["A"])]


def test_the_zone_summary_keeps_one_signature_entry_per_rrset_and_key():
    lab = Hierarchy()
    _, child, _, _ = lab.validate()
    ksk, zsk = key_tag(lab.child.ksk), key_tag(lab.child.zsk)
    signatures = zone_summary(child)["signatures"]
    assert sorted((s["rrset"], s["key_tag"], s["status"], s["servers"]) for s in signatures) == [
        (f"example./{rrset}", tag, "valid", list(lab.CHILD_SERVERS))
        for rrset, tag in (("DNSKEY", ksk), ("NS", zsk), ("NSEC", zsk), ("SOA", zsk))
    ]


def test_a_ds_of_an_algorithm_no_validator_counts_leaves_the_zone_insecure():  # D17
    lab = Hierarchy()
    lab.set_ds([lab.child.ds().replace(algorithm=253)])
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("insecure", "unsupported_algorithm")
    found = [f for f in findings if f.id == "insecure_by_unsupported_algorithm"]
    assert [(f.severity, f.evidence["algorithm"], f.evidence["digest_type"]) for f in found] == [("WARN", [253], [2])]


def test_the_ds_report_tells_a_digest_the_checker_cannot_compute_from_a_mismatch():
    lab = Hierarchy()
    sha256 = lab.child.ds()
    lab.set_ds([sha256, sha256.replace(digest_type=3)])  # GOST R 34.11-94: not computed here
    _, child, _, _ = lab.validate()
    assert child.status == "secure"
    assert [(d["digest_type"], d["status"]) for d in child.ds] == [(2, "match"), (3, "digest_unsupported")]
    assert child.ds[0] == {
        "key_tag": key_tag(lab.child.ksk),
        "algorithm": 13,
        "digest_type": 2,
        "digest": sha256.digest.hex().upper(),  # as DS records are written (RFC 4034 §5.3)
        "status": "match",
        "signs_dnskey": True,
        "counted": True,
        "source": "parent",
    }


def test_a_ds_to_a_key_without_the_zone_flag():  # D8
    lab = Hierarchy()
    zone = lab.child
    not_zone = zone.ksk.replace(flags=1)  # SEP only: no validator verifies with it (RFC 4034 §2.1.1)
    zone.extra_keys = [not_zone]
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server] = apex_answers(zone, server)
    lab.set_ds([zone.ds(), dns.dnssec.make_ds(zone.name, not_zone, 2)])
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    found = {(f.id, f.severity, f.evidence["key_tag"]) for f in findings if f.id.startswith("ds_")}
    assert found == {
        ("ds_to_non_zone_key", "ERR", key_tag(not_zone)),
        ("ds_key_not_signing_dnskey", "WARN", key_tag(not_zone)),
    }


def test_a_ds_algorithm_without_a_secure_entry_point_of_it():  # D7
    lab = Hierarchy()
    retired = Zone("example.", "retired").ds().replace(algorithm=8)  # an RSA key no server publishes
    lab.set_ds([lab.child.ds(), retired])
    root, child, findings, _ = lab.validate()
    assert (root.status, child.status) == ("secure", "secure")
    found = sorted(
        (f.id, f.severity, f.zone, f.server, f.evidence["algorithm"]) for f in findings if f.id.startswith("ds_")
    )
    assert found == sorted(
        [("ds_algorithm_without_sep", "ERR", "example.", server, 8) for server in lab.CHILD_SERVERS]
        + [("ds_orphan", "WARN", "example.", server, 8) for server in lab.CHILD_SERVERS]
    )


def _publish(lab, *keys):
    lab.child.extra_keys = list(keys)
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server] = apex_answers(lab.child, server)


def test_each_servers_dnskey_rrset_is_read_with_its_own_signatures():  # E6, one finding per server
    lab = Hierarchy()
    _publish(lab, lab.child.zsk.replace(protocol=2))
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    invalid = [f for f in findings if f.id == "dnskey_fields_invalid"]
    assert sorted((f.severity, f.server, f.evidence["reason"]) for f in invalid) == [
        ("ERR", server, "protocol") for server in lab.CHILD_SERVERS
    ]


def test_an_algorithm_finding_names_the_published_keys_of_that_algorithm():  # H2
    lab = Hierarchy()
    modulus = b"\xc0" + bytes(255)  # 2048 bits; exponent 65537 (RFC 3110 §2)
    rsa = dns.rdata.from_text("IN", "DNSKEY", "256 3 5 " + base64.b64encode(b"\x03\x01\x00\x01" + modulus).decode())
    _publish(lab, rsa)
    _, _, findings, _ = lab.validate()
    sha1 = [f for f in findings if f.id == "dnskey_alg_sha1"]
    assert [(f.severity, f.zone, f.evidence["rrtypes"], f.evidence["key_tag"]) for f in sha1] == [
        ("ERR", "example.", ["DNSKEY"], [key_tag(rsa)])
    ]


def test_the_nsec3_parameters_are_read_from_the_apex_nodata_when_there_is_no_nsec3param():  # G8-G13
    lab = Hierarchy()
    zone = lab.child
    apex_hash = dns.dnssec.nsec3_hash("example.", "ab", 3, 1)
    nsec3 = zone.rrset(
        "NSEC3", f"1 1 3 AB {apex_hash} NS SOA RRSIG DNSKEY", owner=dns.name.from_text(f"{apex_hash}.example.")
    )
    soa = zone.soa()
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][dns.rdatatype.NSEC3PARAM] = answer(
            server, "example.", dns.rdatatype.NSEC3PARAM, [], [*signed_pair(zone, soa), *signed_pair(zone, nsec3)]
        )
    _, child, findings, _ = lab.validate()
    assert child.denial == {
        "type": "nsec3",
        "source": "NSEC3",
        "algorithm": 1,
        "flags": 1,
        "iterations": 3,
        "salt": "AB",
    }
    assert {f.id: f.severity for f in findings if f.id.startswith("nsec3_")} == {
        "nsec3_iterations_nonzero": "ERR",
        "nsec3_salt_nonempty": "WARN",
    }


def test_a_signature_finding_names_the_transport_of_the_answer():  # F3
    lab = Hierarchy()
    server = lab.CHILD_SERVERS[1]
    soa = lab.child.soa()
    broken = dns.rrset.from_rdata_list(soa.name, soa.ttl, [r.replace(signature=bytes(64)) for r in lab.child.sign(soa)])
    lab.child_data.apex[server][dns.rdatatype.SOA] = answer(
        server, "example.", dns.rdatatype.SOA, [soa, broken], transport="tcp"
    )
    _, _, findings, _ = lab.validate()
    invalid = [f for f in findings if f.id == "rrsig_invalid"]
    assert [(f.severity, f.server, f.transport, f.evidence["rrset"]) for f in invalid] == [
        ("ERR", server, "tcp", "example./SOA")
    ]


def test_the_budget_finding_reports_the_caps():  # X1, docs/RELIABILITY.md S2
    lab = Hierarchy()
    soa = lab.child.soa()
    sigs = lab.child.sign(soa)
    for index in range(20):  # 20 RRSIGs that all name the ZSK and all fail
        sigs.add(sigs[0].replace(signature=index.to_bytes(2, "big") + bytes(62)))
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][dns.rdatatype.SOA] = answer(server, "example.", dns.rdatatype.SOA, [soa, sigs])
    _, _, _, verifier = lab.validate(max_per_rrset=4, max_failed=6)
    finding = checks.budget_finding(verifier)
    assert (finding.id, finding.severity, finding.evidence) == (
        "validation_budget_exceeded",
        "WARN",
        {"failed_verifications": verifier.failed, "max_failed": 6, "max_per_rrset": 4, "rrsets": ["example./SOA"]},
    )


def test_a_dnskey_rrset_served_without_its_signatures():  # E2
    lab = Hierarchy()
    server = lab.CHILD_SERVERS[1]
    lab.child_data.apex[server][DNSKEY] = answer(server, "example.", DNSKEY, [lab.child.dnskey_rrset()])
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    unsigned = [f for f in findings if f.id == "dnskey_unsigned_in_response"]
    assert [(f.severity, f.server) for f in unsigned] == [("ERR", server)]


WINDOWS = {"rrsig_expired": (NOW - 30 * DAY, NOW - DAY), "rrsig_not_yet_valid": (NOW + DAY, NOW + 30 * DAY)}


@pytest.mark.parametrize("fid", list(WINDOWS))
def test_a_signature_outside_its_window_beside_a_valid_one_is_an_error_before_any_grading(fid):  # F5, F6
    """rrsig_findings grades by the server's own copy (ERR: another of its signatures validates);
    grade_by_servers only lowers CRIT where another server's copy validates."""
    lab = Hierarchy()
    zone, server = lab.child, lab.CHILD_SERVERS[1]
    inception, expiration = WINDOWS[fid]
    soa = zone.soa()
    both = zone.sign(soa)
    both.add(zone.sign(soa, inception=inception, expiration=expiration)[0])
    lab.child_data.apex[server][dns.rdatatype.SOA] = answer(server, "example.", dns.rdatatype.SOA, [soa, both])
    validator = ChainValidator(lab.anchors, NOW, Verifier(Memo()))
    child = validator.evaluate_zone(lab.child_data, validator.evaluate_zone(lab.root_data, None))
    assert child.status == "secure"
    outside = [f for f in validator.findings if f.id == fid]
    assert [(f.severity, f.server, f.evidence["rrset"]) for f in outside] == [("ERR", server, "example./SOA")]


@pytest.mark.parametrize("fid", list(WINDOWS))
def test_a_signature_outside_its_window_on_every_server_is_critical_and_bogus(fid):  # F5, F6
    lab = Hierarchy()
    inception, expiration = WINDOWS[fid]
    soa = lab.child.soa()
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][dns.rdatatype.SOA] = answer(
            server,
            "example.",
            dns.rdatatype.SOA,
            signed_pair(lab.child, soa, inception=inception, expiration=expiration),
        )
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("bogus", "rrset_bogus:example./SOA")
    assert sorted((f.severity, f.server) for f in findings if f.id == fid) == [
        ("CRIT", server) for server in lab.CHILD_SERVERS
    ]


def test_a_signature_by_a_key_below_the_apex_names_its_owner():  # F14, E3
    lab = Hierarchy()
    soa = lab.child.soa()
    below = dns.name.from_text("keys.example.")
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][dns.rdatatype.SOA] = answer(
            server, "example.", dns.rdatatype.SOA, signed_pair(lab.child, soa, signer=below)
        )
    _, _, findings, _ = lab.validate()
    found = sorted(
        (f.id, f.severity, f.server, f.evidence.get("owner"), f.evidence.get("signer"))
        for f in findings
        if f.id in ("rrsig_signer_not_zone", "dnskey_not_at_apex")
    )
    assert found == sorted(
        [("dnskey_not_at_apex", "ERR", server, "keys.example.", None) for server in lab.CHILD_SERVERS]
        + [("rrsig_signer_not_zone", "ERR", server, None, "keys.example.") for server in lab.CHILD_SERVERS]
    )


def test_a_dnskey_signature_by_a_key_without_the_zone_flag():  # E6 (RFC 4034 §2.1.1)
    lab = Hierarchy()
    zone = lab.child
    not_zone = zone.ksk.replace(flags=1)
    zone.extra_keys = [not_zone]
    dnskeys = zone.dnskey_rrset()
    sigs = zone.sign(dnskeys, "ksk")
    extra = dns.dnssec.sign(
        dnskeys, zone.ksk_private, zone.name, not_zone, inception=zone.inception, expiration=zone.expiration
    )
    sigs.add(extra)
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][DNSKEY] = answer(server, "example.", DNSKEY, [dnskeys, sigs])
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    invalid = [f for f in findings if f.id == "dnskey_fields_invalid"]
    assert sorted((f.severity, f.server, f.evidence["reason"], f.evidence["key_tag"]) for f in invalid) == [
        ("ERR", server, "signing_key_without_zone_flag", key_tag(not_zone)) for server in lab.CHILD_SERVERS
    ]


def test_a_signature_by_a_revoked_key_is_e7():  # E7, RFC 5011 §2.1
    lab = Hierarchy()
    zone = lab.child
    zone.zsk = zone.zsk.replace(flags=256 | 0x0080)
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server] = apex_answers(zone, server)
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("bogus", "rrset_bogus:example./SOA")
    misuse = [f for f in findings if f.id == "revoked_key_misuse"]
    assert sorted({(f.severity, f.evidence["reason"], f.evidence.get("rrset")) for f in misuse}) == [
        ("ERR", "revoked_key_signs", "example./NS"),
        ("ERR", "revoked_key_signs", "example./NSEC"),
        ("ERR", "revoked_key_signs", "example./SOA"),
        ("ERR", "revoked_not_self_signing", "example./DNSKEY"),
    ]


def test_a_dnskey_trust_anchor_of_an_algorithm_no_validator_counts_is_unusable():  # D19
    lab = Hierarchy()
    unusable = lab.root.ksk.replace(algorithm=253)
    lab.anchors = {dns.name.root: [lab.root.ds(), unusable]}
    root, _, findings, _ = lab.validate()
    assert root.status == "secure"
    assert [
        (f.severity, f.zone, f.evidence["reason"], f.evidence["algorithm"])
        for f in findings
        if f.id == "trust_anchor_unusable"
    ] == [("ERR", ".", "algorithm", 253)]


def test_the_zone_summary_lists_the_servers():
    lab = Hierarchy()
    _, child, _, _ = lab.validate()
    assert zone_summary(child)["servers"] == [
        {"address": server, "names": ["ns1.example."], "refused": None} for server in lab.CHILD_SERVERS
    ]


def test_a_ds_trust_anchor_for_a_key_the_root_does_not_publish_names_it():  # D19
    lab = Hierarchy()
    retired = Zone(".", "retired-root").ds()
    lab.anchors = {dns.name.root: [lab.root.ds(), retired]}
    root, _, findings, _ = lab.validate()
    assert root.status == "secure"
    unusable = [f for f in findings if f.id == "trust_anchor_unusable"]
    assert sorted((f.severity, f.server, f.evidence) for f in unusable) == [
        ("ERR", server, {"reason": "no_key", "key_tag": retired.key_tag, "algorithm": 13, "digest_type": 2})
        for server in lab.ROOT_SERVERS
    ]


def test_a_ds_digest_mismatch_names_each_server_of_the_child():  # D5
    lab = Hierarchy()
    good = lab.child.ds()
    lab.set_ds([good, good.replace(digest_type=4, digest=bytes(48))])  # a SHA-384 DS of the right key, wrong digest
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    mismatch = [f for f in findings if f.id == "ds_digest_mismatch"]
    assert sorted((f.severity, f.server, f.transport, f.evidence["digest_type"]) for f in mismatch) == [
        ("ERR", server, "udp", 4) for server in lab.CHILD_SERVERS
    ]


def _probe_nxdomain(lab, ttl: int):
    """Each server's signed NXDOMAIN for the walker's probe name, its NSEC of TTL `ttl`."""
    zone = lab.child
    nsec = zone.rrset("NSEC", "www.example. NS SOA RRSIG NSEC DNSKEY", ttl=ttl)
    soa = zone.soa()
    for server in lab.CHILD_SERVERS:
        lab.child_data.probe[server] = answer(
            server,
            "~nx.example.",
            dns.rdatatype.A,
            [],
            [*signed_pair(zone, soa), *signed_pair(zone, nsec)],
            rcode=dns.rcode.NXDOMAIN,
        )


def test_an_nsec_ttl_other_than_the_soa_minimum_is_g17():  # RFC 9077 §3
    lab = Hierarchy()
    _probe_nxdomain(lab, 60)
    _, _, findings, _ = lab.validate()
    wrong = [f for f in findings if f.id == "nsec_ttl_wrong"]
    assert sorted((f.severity, f.server, f.evidence) for f in wrong) == [
        ("WARN", server, {"owner": "example.", "rrtype": "NSEC", "ttl": 60, "expected_ttl": 3600})
        for server in lab.CHILD_SERVERS
    ]


def test_an_nsec_ttl_of_the_soa_minimum_is_no_finding():
    lab = Hierarchy()
    _probe_nxdomain(lab, 3600)
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    assert [f.id for f in findings if f.id == "nsec_ttl_wrong"] == []


def test_an_apex_nodata_without_denial_records_is_g1_naming_the_server():  # G1
    lab = Hierarchy()
    server = lab.CHILD_SERVERS[1]
    soa = lab.child.soa()
    lab.child_data.apex[server][dns.rdatatype.NSEC3PARAM] = answer(
        server, "example.", dns.rdatatype.NSEC3PARAM, [], signed_pair(lab.child, soa), transport="tcp"
    )
    _, _, findings, _ = lab.validate()
    missing = [f for f in findings if f.id == "denial_records_missing"]
    assert [(f.severity, f.server, f.transport, f.evidence["qtype"]) for f in missing] == [
        ("ERR", server, "tcp", "NSEC3PARAM")
    ]


def test_an_rrsig_labels_field_above_the_owners_is_f15():  # RFC 4035 §5.3.1
    lab = Hierarchy()
    soa = lab.child.soa()
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][dns.rdatatype.SOA] = answer(
            server, "example.", dns.rdatatype.SOA, signed_pair(lab.child, soa, labels=3)
        )
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("bogus", "rrset_bogus:example./SOA")
    large = [f for f in findings if f.id == "rrsig_labels_too_large"]
    assert sorted((f.severity, f.server, f.evidence["labels"], f.evidence["owner_labels"]) for f in large) == [
        ("ERR", server, 3, 1) for server in lab.CHILD_SERVERS
    ]


def test_a_signature_that_expires_within_the_ttl_and_an_original_ttl_below_it():  # F9, F16
    lab = Hierarchy()
    soa = lab.child.soa()
    signed = lab.child.sign(soa, expiration=NOW + 400, original_ttl=600)
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][dns.rdatatype.SOA] = answer(server, "example.", dns.rdatatype.SOA, [soa, signed])
    _, _, findings, _ = lab.validate()
    rows = ("rrsig_expires_within_ttl", "rrsig_original_ttl_exceeded")
    found = {
        (f.id, f.severity, tuple(sorted((k, v) for k, v in f.evidence.items() if "ttl" in k)))
        for f in findings
        if f.id in rows
    }
    assert found == {
        ("rrsig_expires_within_ttl", "ERR", (("ttl", 600),)),
        ("rrsig_original_ttl_exceeded", "ERR", (("original_ttl", 600), ("rrsig_ttl", 3600), ("ttl", 3600))),
    }


def test_parents_with_and_without_the_ds_are_named_in_c6():  # C6
    lab = Hierarchy()
    with_ds, without_ds = lab.ROOT_SERVERS
    soa = lab.root.soa()
    nsec = lab.root.rrset("NSEC", "zzz. NS RRSIG NSEC", owner=dns.name.from_text("example."))
    lab.child_data.ds[without_ds] = answer(
        without_ds, "example.", DS, [], [*signed_pair(lab.root, soa), *signed_pair(lab.root, nsec)]
    )
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    assert [(f.severity, f.zone, f.server, f.evidence) for f in findings if f.id == "ds_rrset_differs_parent"] == [
        (
            "ERR",
            "example.",
            None,
            {
                "parent": ".",
                "with_ds": [with_ds],
                "without_ds": [without_ds],
                "ds_sets": [f"{with_ds}: DS", f"{without_ds}: -"],
            },
        )
    ]


def test_a_dnskey_trust_anchor_the_zone_does_not_publish_is_d19_absent():  # D19
    lab = Hierarchy()
    other = Hierarchy().child.ksk  # a key the root never published
    lab.anchors = {dns.name.root: [other]}
    _, _, findings, _ = lab.validate()
    assert [(f.severity, f.server, f.evidence) for f in findings if f.id == "trust_anchor_unusable"] == [
        ("ERR", None, {"reason": "absent", "key_tag": key_tag(other), "algorithm": 13, "flags": 257})
    ]


def test_a_target_nxdomain_proven_by_a_signed_nsec_is_secure_and_a_timeout_keeps_its_error():  # G2
    lab = Hierarchy()
    proving, silent = lab.CHILD_SERVERS
    soa = lab.child.soa()
    nsec = lab.child.rrset("NSEC", "zzz.example. NS SOA RRSIG NSEC DNSKEY", owner=dns.name.from_text("example."))
    nxdomain = answer(
        proving,
        "www.example.",
        dns.rdatatype.A,
        [],
        [*signed_pair(lab.child, soa), *signed_pair(lab.child, nsec)],
        rcode=dns.rcode.NXDOMAIN,
    )
    timeout = answer(silent, "www.example.", dns.rdatatype.A, error="timeout")
    status, summary, findings = _target(lab, {proving: {dns.rdatatype.A: nxdomain}, silent: {dns.rdatatype.A: timeout}})
    assert (status, findings) == ("secure", [])
    entry = {"qtype": "A", "transport": "udp", "records": []}
    assert summary == [
        {**entry, "server": proving, "rcode": "NXDOMAIN", "error": None, "secure": True},
        {**entry, "server": silent, "rcode": None, "error": "timeout", "secure": None},
    ]


def test_an_opt_out_nsec3_in_the_probe_answer_marks_the_zone_and_is_not_g12():  # G12, RFC 5155 §3.1.2
    lab = Hierarchy()
    zone = lab.child
    apex_hash = dns.dnssec.nsec3_hash("example.", None, 0, 1)
    nsec3 = zone.rrset(
        "NSEC3", f"1 1 0 - {apex_hash} NS SOA RRSIG DNSKEY", owner=dns.name.from_text(f"{apex_hash}.example.")
    )
    soa = zone.soa()
    for server in lab.CHILD_SERVERS:
        lab.child_data.probe[server] = answer(
            server,
            "~nx.example.",
            dns.rdatatype.A,
            [],
            [*signed_pair(zone, soa), *signed_pair(zone, nsec3)],
            rcode=dns.rcode.NXDOMAIN,
        )
    _, child, findings, _ = lab.validate()
    assert child.opt_out is True
    assert [f for f in findings if f.id == "nsec3_flags_invalid"] == []


def test_a_signature_a_byte_short_for_its_algorithm_is_f18_beside_the_invalid_signature():  # F18
    lab = Hierarchy()
    soa = lab.child.soa()
    short = lab.child.sign(soa, signature=lab.child.sign(soa)[0].signature[:63])  # ECDSA P-256: 64 bytes
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][dns.rdatatype.SOA] = answer(server, "example.", dns.rdatatype.SOA, [soa, short])
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("bogus", "rrset_bogus:example./SOA")
    bad_length = [
        (f.severity, f.server, f.evidence["sig_length"], f.evidence["expected_length"])
        for f in findings
        if f.id == "rrsig_bad_length"
    ]
    assert bad_length == [("ERR", server, 504, 512) for server in lab.CHILD_SERVERS]


def _serve_soa_signed(lab: Hierarchy, **overrides) -> None:
    soa = lab.child.soa()
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][dns.rdatatype.SOA] = answer(
            server, "example.", dns.rdatatype.SOA, signed_pair(lab.child, soa, **overrides)
        )


def test_a_signature_made_a_minute_ago_is_f13_within_the_clock_skew():  # F13
    lab = Hierarchy()
    _serve_soa_signed(lab, inception=NOW - 60, expiration=NOW + 20 * DAY)
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    recent = [(f.severity, f.server, f.evidence["margin"]) for f in findings if f.id == "rrsig_inception_too_recent"]
    assert recent == [("WARN", server, 300) for server in lab.CHILD_SERVERS]


def test_a_signature_window_that_ends_before_it_starts_is_only_f7():  # F7
    lab = Hierarchy()
    _serve_soa_signed(lab, inception=NOW + DAY, expiration=NOW - 10 * DAY)
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("bogus", "rrset_bogus:example./SOA")
    # Its "remaining" time means nothing: no row of the signature's times is read from such a window.
    assert sorted((f.id, f.severity, f.server) for f in findings) == [
        ("rrsig_window_malformed", "ERR", server) for server in lab.CHILD_SERVERS
    ]


def test_a_signature_cached_no_longer_than_its_own_ttl_that_outlives_it_is_not_f9():  # F9
    lab = Hierarchy()
    soa = lab.child.soa()
    rrsigs = lab.child.sign(soa, expiration=NOW + 400)
    rrsigs.ttl = 300  # a resolver keeps the pair no longer than its shortest TTL (RFC 4035 §5.3.3)
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][dns.rdatatype.SOA] = answer(server, "example.", dns.rdatatype.SOA, [soa, rrsigs])
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    assert sorted((f.id, f.severity, f.server) for f in findings if f.zone == "example.") == sorted(
        (fid, severity, server)
        for server in lab.CHILD_SERVERS
        for fid, severity in (("rrsig_remaining_short", "WARN"), ("rrsig_ttl_mismatch", "WARN"))
    )


def test_a_signature_that_ends_within_the_clock_skew_is_f8_naming_the_seconds_left():  # F8
    lab = Hierarchy()
    _serve_soa_signed(lab, expiration=NOW + 100)
    _, _, findings, _ = lab.validate()
    imminent = [
        (f.severity, f.server, f.evidence["remaining"], f.evidence["margin"])
        for f in findings
        if f.id == "rrsig_expiration_imminent"
    ]
    assert imminent == [("WARN", server, 100, 300) for server in lab.CHILD_SERVERS]


def test_a_signature_valid_for_201_days_is_f11_and_f12_naming_its_times():  # F11, F12
    lab = Hierarchy()
    _serve_soa_signed(lab, inception=NOW - DAY, expiration=NOW + 200 * DAY)
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    rows = ("rrsig_validity_period_long", "rrsig_remaining_long")
    found = sorted(
        (f.id, f.severity, f.server, f.evidence.get("duration"), f.evidence.get("remaining"))
        for f in findings
        if f.id in rows
    )
    assert found == sorted(
        row
        for server in lab.CHILD_SERVERS
        for row in (
            ("rrsig_remaining_long", "WARN", server, None, 200 * DAY),
            ("rrsig_validity_period_long", "WARN", server, 201 * DAY, None),
        )
    )


def test_a_zone_with_only_a_sha1_ds_is_d11_and_d12_naming_the_key():  # D11, D12
    lab = Hierarchy()
    lab.set_ds([lab.child.ds(1)])
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    tag = key_tag(lab.child.ksk)
    assert {(f.id, f.severity, f.zone, tuple(sorted(f.evidence.items()))) for f in findings} == {
        ("ds_sha256_missing", "NOTE", "example.", (("algorithm", 13), ("key_tag", tag))),
        ("ds_digest_deprecated", "WARN", "example.", (("algorithm", 13), ("digest_type", 1), ("key_tag", tag))),
    }


def test_the_nsec3_parameters_are_read_from_a_signed_nsec3param_and_named_so():  # G8-G13
    lab = Hierarchy()
    param = lab.child.rrset("NSEC3PARAM", "1 0 0 -")  # RFC 9276 §3.1: no salt, no extra iterations
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][dns.rdatatype.NSEC3PARAM] = answer(
            server, "example.", dns.rdatatype.NSEC3PARAM, signed_pair(lab.child, param)
        )
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    assert child.denial == {
        "type": "nsec3",
        "source": "NSEC3PARAM",
        "algorithm": 1,
        "flags": 0,
        "iterations": 0,
        "salt": "",
    }
    assert [f.id for f in findings if f.id.startswith("nsec3_")] == []


def test_a_target_nodata_proven_by_its_own_nsec_is_secure_without_findings():  # G4
    lab = Hierarchy()
    server = lab.CHILD_SERVERS[0]
    www = dns.name.from_text("www.example.")
    soa = lab.child.soa()
    nsec = lab.child.rrset("NSEC", "zzz.example. A RRSIG NSEC", owner=www)
    nodata = answer(server, www, dns.rdatatype.AAAA, [], [*signed_pair(lab.child, soa), *signed_pair(lab.child, nsec)])
    status, summary, findings = _target(lab, {server: {dns.rdatatype.AAAA: nodata}})
    assert (status, findings) == ("secure", [])
    assert [(e["server"], e["qtype"], e["rcode"], e["secure"]) for e in summary] == [(server, "AAAA", "NOERROR", True)]


def test_a_wildcard_answer_whose_rrsig_comes_first_still_needs_its_denial_proof():  # G1, RFC 4035 §5.3.4
    lab = Hierarchy()
    server = lab.CHILD_SERVERS[0]
    www = dns.name.from_text("www.example.")
    wildcard = lab.child.rrset("A", "192.0.2.9", owner=dns.name.from_text("*.example."))
    rrsig = lab.child.sign(wildcard)  # labels 1: www.example.'s A is expanded from *.example.
    expanded = [dns.rrset.from_rdata_list(www, 3600, list(rrsig)), dns.rrset.from_rdata_list(www, 3600, list(wildcard))]
    status, summary, findings = _target(
        lab, {server: {dns.rdatatype.A: answer(server, www, dns.rdatatype.A, expanded)}}
    )
    assert status == "bogus"
    assert [(e["server"], e["secure"]) for e in summary] == [(server, False)]
    assert [(f.id, f.severity, f.server, f.evidence) for f in findings] == [
        ("denial_records_missing", "ERR", server, {"rcode": "NOERROR", "qname": "www.example.", "qtype": "A"})
    ]


def test_a_parent_ds_of_a_sha1_algorithm_is_h2_from_the_ds_alone():  # H2
    lab = Hierarchy()
    lab.set_ds([lab.child.ds(), lab.child.ds().replace(algorithm=5, key_tag=4711)])  # RSASHA1, no such key
    _, child, findings, _ = lab.validate()
    assert child.status == "secure"
    assert [(f.severity, f.zone, f.evidence) for f in findings if f.id == "dnskey_alg_sha1"] == [
        ("ERR", "example.", {"algorithm": 5, "rrtypes": ["DS"], "key_tag": [4711]})
    ]


def _signature(rrset, tag, servers, status="valid", expiration="2027-02-04T08:00:00Z"):
    return {
        "rrset": rrset,
        "key_tag": tag,
        "algorithm": 13,
        "status": status,
        "inception": "2027-01-14T08:00:00Z",
        "expiration": expiration,
        "original_ttl": 3600,
        "servers": list(servers),
    }


def _key(role, tag, key, servers, signs, entry):
    return {
        "flags": 257 if role == "KSK" else 256,
        "key_tag": tag,
        "algorithm": 13,
        "key_bits": 256,
        "role": role,
        "revoked": False,
        "key": key,
        "signs": signs,
        "servers": list(servers),
        "secure_entry_point": entry,
    }


def test_the_zone_summaries_in_full():  # the report's chain entries (issue 22, §2)
    lab = Hierarchy()
    lab.anchors = {dns.name.root: [lab.root.ds(), lab.root.ksk]}
    data = lab.child_data
    data.delegated_ns = {dns.name.from_text("ns1.example."), dns.name.from_text("ns2.example.")}
    data.apex_ns = {dns.name.from_text("ns1.example.")}
    data.servers["192.0.2.13"] = {dns.name.from_text("ns2.example.")}
    data.refused["192.0.2.13"] = "REFUSED"
    soa = lab.child.soa()
    sigs = lab.child.sign(soa, expiration=NOW + 5 * DAY)
    broken = dns.rrset.from_rdata_list(soa.name, soa.ttl, [r.replace(signature=bytes(64)) for r in sigs])
    for server in lab.CHILD_SERVERS:
        data.apex[server][dns.rdatatype.SOA] = answer(server, "example.", dns.rdatatype.SOA, [soa, broken])
    root, child, _, _ = lab.validate()
    roots, children = lab.ROOT_SERVERS, lab.CHILD_SERVERS
    anchor_key = "ZBq7bvASktYr2oNhWKdUETnGw0tbeGZ0 Y3pbkmMx00ccsYs11u1CAAW0t+KB40ll 7pavCzjNXL8bNOkQ5nHw7w=="
    assert zone_summary(root) == {
        "zone": ".",
        "parent": None,
        "status": "secure",
        "reason": "",
        "signed": True,
        "cached": False,
        "delegated_ns": [],
        "apex_ns": [],
        "servers": [{"address": s, "names": ["a.root-servers.test."], "refused": None} for s in roots],
        "ds": [
            {
                "key_tag": 3972,
                "algorithm": 13,
                "digest_type": 2,
                "digest": "E96512557CCA76F8B6C03165D9DCA53C02B5349D630BE479774257EA3B1D4807",
                "status": "match",
                "signs_dnskey": True,
                "counted": True,
                "source": "trust_anchor",
            }
        ],
        "trust_anchor": [
            {
                "type": "DS",
                "key_tag": 3972,
                "algorithm": 13,
                "record": ". DS 3972 13 2 e96512557cca76f8b6c03165d9dca53c02b5349d630be479774257ea3b1d4807",
            },
            {"type": "DNSKEY", "key_tag": 3972, "algorithm": 13, "record": f". DNSKEY 257 3 13 {anchor_key}"},
        ],
        "dnskeys": [
            _key("KSK", 3972, "ZBq7bvASktYr2oNhWKdUETnG…", roots, ["./DNSKEY"], True),
            _key("ZSK", 11273, "u/zR91ww/epALB8F1nGJTMwD…", roots, ["./SOA", "./NS", "./NSEC", "example./DS"], False),
        ],
        "signatures": [
            _signature("./DNSKEY", 3972, roots),
            *(_signature(rrset, 11273, roots) for rrset in ("./SOA", "./NS", "./NSEC", "example./DS")),
        ],
        "earliest_expiration": "2027-02-04T08:00:00Z",
        "denial": {"type": "nsec"},
    }
    # Every SOA signature fails: the zone is bogus, and the earliest expiration is that of the
    # signatures that validate, not of the broken ones (which expire sooner).
    assert zone_summary(child) == {
        "zone": "example.",
        "parent": ".",
        "status": "bogus",
        "reason": "rrset_bogus:example./SOA",
        "signed": True,
        "cached": False,
        "delegated_ns": ["ns1.example.", "ns2.example."],
        "apex_ns": ["ns1.example."],
        "servers": [
            *({"address": s, "names": ["ns1.example."], "refused": None} for s in children),
            {"address": "192.0.2.13", "names": ["ns2.example."], "refused": "REFUSED"},
        ],
        "ds": [
            {
                "key_tag": 33061,
                "algorithm": 13,
                "digest_type": 2,
                "digest": "844719B52E7B0296D9F1426EBF774A81E3488CA98CCEB49C37E3345AD13770CD",
                "status": "match",
                "signs_dnskey": True,
                "counted": True,
                "source": "parent",
            }
        ],
        "trust_anchor": [],
        "dnskeys": [
            _key("KSK", 33061, "4i+ErAXgl7mK4E10Ub9YX4zt…", children, ["example./DNSKEY"], True),
            _key("ZSK", 35280, "o9rO1IcdpqhQMpVW0WI2HdWq…", children, ["example./NS", "example./NSEC"], False),
        ],
        "signatures": [
            _signature("example./DNSKEY", 33061, children),
            _signature("example./SOA", 35280, children, "invalid", "2027-01-20T08:00:00Z"),
            _signature("example./NS", 35280, children),
            _signature("example./NSEC", 35280, children),
        ],
        "earliest_expiration": "2027-02-04T08:00:00Z",
        "denial": {"type": "nsec"},
    }


def test_a_zone_summary_is_cached_when_every_apex_answer_came_from_the_cache():
    lab = Hierarchy()
    for answers in lab.child_data.apex.values():
        for cached in answers.values():
            cached.cached = True
    lab.root_data.apex[lab.ROOT_SERVERS[0]][dns.rdatatype.SOA].cached = True
    root, child, _, _ = lab.validate()
    assert (zone_summary(root)["cached"], zone_summary(child)["cached"]) == (False, True)


def _no_ds_answers(lab, bitmap: str) -> None:
    """The root's servers answer example.'s DS query with a signed NODATA whose NSEC at the
    delegation has `bitmap`."""
    soa = lab.root.soa()
    nsec = lab.root.rrset("NSEC", f"zzz. {bitmap}", owner=dns.name.from_text("example."))
    records = [*signed_pair(lab.root, soa), *signed_pair(lab.root, nsec)]
    lab.child_data.ds = {p: answer(p, "example.", DS, [], records) for p in lab.ROOT_SERVERS}


def test_a_signed_zone_whose_parent_proves_it_has_no_ds_is_insecure_and_d15():  # D15, G7
    lab = Hierarchy()
    _no_ds_answers(lab, "NS RRSIG NSEC")
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("insecure", "no_ds")
    ksk, zsk = key_tag(lab.child.ksk), key_tag(lab.child.zsk)
    assert [(f.id, f.severity, f.zone, f.server, f.evidence) for f in findings] == [
        (
            "signed_without_ds",
            "WARN",
            "example.",
            None,
            {
                "parent": ".",
                "key_tags": sorted([ksk, zsk]),
                "dnskeys": [
                    {"key_tag": ksk, "algorithm": 13, "flags": 257},
                    {"key_tag": zsk, "algorithm": 13, "flags": 256},
                ],
            },
        )
    ]


def test_a_no_ds_proof_whose_nsec_has_the_ds_bit_is_g7_and_bogus():  # G7
    lab = Hierarchy()
    _no_ds_answers(lab, "NS DS RRSIG NSEC")
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("bogus", "ds_rrset_bogus")
    assert [(f.id, f.severity, f.zone, f.server, f.transport, f.evidence) for f in findings] == [
        ("insecure_delegation_proof_invalid", "ERR", "example.", p, "udp", {"problems": ["ds_bit"], "parent": "."})
        for p in lab.ROOT_SERVERS
    ]


def test_a_target_nodata_whose_nsec_has_the_type_is_g4_and_not_secure():  # G4
    lab = Hierarchy()
    server = lab.CHILD_SERVERS[0]
    www = dns.name.from_text("www.example.")
    nsec = lab.child.rrset("NSEC", "zzz.example. A RRSIG NSEC", owner=www)
    records = [*signed_pair(lab.child, lab.child.soa()), *signed_pair(lab.child, nsec)]
    nodata = answer(server, www, dns.rdatatype.A, [], records)
    status, summary, findings = _target(lab, {server: {dns.rdatatype.A: nodata}})
    assert status == "bogus"
    assert summary == [
        {
            "server": server,
            "qtype": "A",
            "transport": "udp",
            "rcode": "NOERROR",
            "error": None,
            "records": [],
            "secure": False,
        }
    ]
    assert [(f.id, f.severity, f.zone, f.server, f.transport, f.evidence) for f in findings] == [
        (
            "nodata_proof_invalid",
            "ERR",
            "example.",
            server,
            "udp",
            {"qname": "www.example.", "qtype": "A", "problems": ["type_in_bitmap"]},
        )
    ]


def test_a_dnskey_rrset_at_the_checked_name_below_the_apex_is_e3():  # E3
    lab = Hierarchy()
    server = lab.CHILD_SERVERS[0]
    www = dns.name.from_text("www.example.")
    keys = dns.rrset.from_rdata_list(www, 3600, [lab.child.zsk])
    record = lab.child.rrset("A", "192.0.2.9", owner=www)
    answers = {
        dns.rdatatype.A: answer(server, www, dns.rdatatype.A, signed_pair(lab.child, record)),
        DNSKEY: answer(server, www, DNSKEY, signed_pair(lab.child, keys), transport="tcp"),
    }
    status, summary, findings = _target(lab, {server: answers})
    assert status == "secure"
    assert [(e["qtype"], e["records"], e["secure"]) for e in summary] == [
        ("A", ["www.example. 3600 A 192.0.2.9"], True)
    ]
    assert [(f.id, f.severity, f.zone, f.server, f.transport, f.evidence) for f in findings] == [
        ("dnskey_not_at_apex", "ERR", "example.", server, "tcp", {"owner": "www.example."})
    ]


def test_the_records_after_a_synthesised_cname_are_still_checked():  # RFC 6672 §5.3.1
    lab = Hierarchy()
    _, child, _, _ = lab.validate()
    validator = ChainValidator(lab.anchors, NOW, Verifier(Memo()))
    walk = Walk(dns.name.from_text("www.old.example."), [lab.root_data, lab.child_data])
    dname = lab.child.rrset("DNAME", "new.example.", owner=dns.name.from_text("old.example."))
    cname = lab.child.rrset("CNAME", "www.new.example.", owner=dns.name.from_text("www.old.example."))
    unsigned = lab.child.rrset("A", "192.0.2.9", owner=dns.name.from_text("www.new.example."))
    walk.target_answers = {
        s: {
            dns.rdatatype.A: answer(
                s, "www.old.example.", dns.rdatatype.A, [*signed_pair(lab.child, dname), cname, unsigned]
            )
        }
        for s in lab.CHILD_SERVERS
    }
    status, summary = validator.evaluate_target(walk, child)
    assert status == "bogus"
    records = [
        "old.example. 3600 DNAME new.example.",
        "www.old.example. 3600 CNAME www.new.example.",
        "www.new.example. 3600 A 192.0.2.9",
    ]
    assert [(e["server"], e["records"], e["secure"]) for e in summary] == [
        (s, records, False) for s in lab.CHILD_SERVERS
    ]
    assert [(f.id, f.severity, f.server, f.evidence) for f in validator.findings] == [
        ("rrsig_missing", "ERR", s, {"rrset": "www.new.example./A"}) for s in lab.CHILD_SERVERS
    ]


def test_a_ds_to_the_zsk_beside_the_ksks_is_d6_and_d9_on_the_dnskey_answers_transport():  # D6, D9
    lab = Hierarchy()
    zsk_ds = dns.dnssec.make_ds(lab.child.name, lab.child.zsk, 2)
    lab.set_ds([lab.child.ds(), zsk_ds])
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][DNSKEY].transport = "tcp"
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("secure", "")
    evidence = {"key_tag": key_tag(lab.child.zsk), "algorithm": 13, "digest_type": 2}
    assert [(f.id, f.severity, f.zone, f.server, f.transport, f.evidence) for f in findings] == [
        row
        for server in lab.CHILD_SERVERS
        for row in (
            ("ds_key_not_signing_dnskey", "WARN", "example.", server, "tcp", evidence),
            ("ds_to_non_sep_key", "NOTE", "example.", server, "tcp", {"flags": 256, **evidence}),
        )
    ]


@pytest.mark.parametrize("missing, error", [(DNSKEY, None), (dns.rdatatype.SOA, None), (DNSKEY, "budget")])
def test_a_server_without_an_answer_of_a_type_leaves_the_others_read(missing, error):
    lab = Hierarchy()
    first = lab.CHILD_SERVERS[0]
    if error is None:
        del lab.child_data.apex[first][missing]  # the walker did not ask it
    else:  # the checker's own limit stopped the query: it says nothing about the server
        lab.child_data.apex[first][missing] = answer(first, "example.", missing, error=error)
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason, child.signed) == ("secure", "", True)
    assert findings == []


def test_a_ds_trust_anchor_of_an_algorithm_no_validator_counts_is_d19():  # D19
    lab = Hierarchy()
    private = lab.root.ds().replace(algorithm=253)
    lab.anchors = {dns.name.root: [lab.root.ds(), private]}
    root, _, findings, _ = lab.validate()
    assert (root.status, root.reason) == ("secure", "")
    evidence = {"key_tag": private.key_tag, "algorithm": 253, "digest_type": 2}
    assert [(f.id, f.severity, f.zone, f.server, f.transport, f.evidence) for f in findings] == [
        ("trust_anchor_unusable", "ERR", ".", None, None, {"reason": "algorithm", **evidence}),
        *(("trust_anchor_unusable", "ERR", ".", p, "udp", {"reason": "no_key", **evidence}) for p in lab.ROOT_SERVERS),
    ]


def test_a_ds_set_of_only_an_unpublished_key_is_d4_critical_and_bogus():  # D4, D3
    lab = Hierarchy()
    orphan = Zone("example.", "retired").ds()
    lab.set_ds([orphan])
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("bogus", "no_secure_entry_point")
    keys = [
        {"key_tag": key_tag(lab.child.ksk), "algorithm": 13, "flags": 257},
        {"key_tag": key_tag(lab.child.zsk), "algorithm": 13, "flags": 256},
    ]
    assert [(f.id, f.severity, f.server, f.transport, f.evidence) for f in findings] == [
        row
        for server in lab.CHILD_SERVERS
        for row in (
            ("ds_orphan", "CRIT", server, "udp", {"key_tag": orphan.key_tag, "algorithm": 13, "digest_type": 2}),
            ("no_secure_entry_point", "CRIT", server, "udp", {"ds": [f"{orphan.key_tag}/13/2"], "dnskeys": keys}),
        )
    ]


def test_signatures_by_a_zsk_only_another_server_publishes_are_f4_on_the_server_without_it():  # F4
    # A ZSK rollover half done: 192.0.2.12 serves and signs with the new ZSK, 192.0.2.11 still
    # serves the old DNSKEY RRset but its SOA is signed with the new key. A resolver that holds
    # .11's DNSKEY RRset fails that SOA, so each server's signatures are checked with the keys
    # its own DNSKEY RRset holds, not those of every server.
    lab = Hierarchy()
    old, new = lab.CHILD_SERVERS
    rolled = Zone("example.", "example")
    rolled.zsk_private = private_key("example/zsk2")
    rolled.zsk = dns.dnssec.make_dnskey(rolled.zsk_private.public_key(), 13, flags=256)
    lab.child_data.apex[new] = apex_answers(rolled, new)
    lab.child_data.apex[old][dns.rdatatype.SOA] = apex_answers(rolled, old)[dns.rdatatype.SOA]
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("secure", "")
    window = {"inception": "2027-01-14T08:00:00Z", "expiration": "2027-02-04T08:00:00Z"}
    assert [(f.id, f.severity, f.zone, f.server, f.transport, f.evidence) for f in findings] == [
        (
            "rrsig_key_absent",
            "ERR",
            "example.",
            old,
            "udp",
            {"rrset": "example./SOA", "key_tag": key_tag(rolled.zsk), "algorithm": 13, **window},
        )
    ]


@pytest.mark.parametrize("flags, found", [(0, ["nsec3_without_need"]), (1, [])])
def test_an_ancestors_opt_out_is_read_from_its_authoritative_no_ds_answers(flags, found):  # G19
    lab = Hierarchy()
    lab.root_data.child = lab.child_data
    param = lab.root.rrset("NSEC3PARAM", "1 0 0 -")
    for p in lab.ROOT_SERVERS:
        lab.root_data.apex[p][dns.rdatatype.NSEC3PARAM] = answer(
            p, ".", dns.rdatatype.NSEC3PARAM, signed_pair(lab.root, param)
        )
    owner = dns.dnssec.nsec3_hash("example.", None, 0, 1)
    following = owner[:-1] + "0"
    nsec3 = lab.root.rrset("NSEC3", f"1 {flags} 0 - {following} NS", owner=dns.name.from_text(owner, dns.name.root))
    records = [*signed_pair(lab.root, lab.root.soa()), *signed_pair(lab.root, nsec3)]
    lab.child_data.ds = {p: answer(p, "example.", DS, [], records) for p in lab.ROOT_SERVERS}
    root, child, findings, _ = lab.validate()
    assert (root.status, child.status, child.reason) == ("secure", "insecure", "no_ds")
    assert [f.id for f in findings if f.zone == "."] == found


def _unsigned_child(lab):
    """example.'s servers serve no DNSKEY RRset and no signatures."""
    for server in lab.CHILD_SERVERS:
        soa = lab.child.soa()
        lab.child_data.apex[server] = {
            qtype: answer(server, "example.", qtype, [soa] if qtype == dns.rdatatype.SOA else [], [soa])
            for qtype in (DNSKEY, dns.rdatatype.SOA, dns.rdatatype.NS, dns.rdatatype.NSEC3PARAM)
        }


def _unsigned_child_without_ds(lab):
    _unsigned_child(lab)
    _no_ds_answers(lab, "NS RRSIG NSEC")


def _ds_lookup_failed_everywhere(lab):
    first, second = lab.ROOT_SERVERS
    lab.child_data.ds = {
        first: answer(first, "example.", DS, error="timeout"),
        second: answer(second, "example.", DS, rcode=dns.rcode.SERVFAIL),
    }


def _revoked_anchor(lab):
    lab.anchors = {dns.name.root: [lab.root.ksk.replace(flags=lab.root.ksk.flags | 0x0080)]}


def _unpublished_anchor(lab):
    lab.anchors = {dns.name.root: [Hierarchy().child.ksk]}


_ROOT_KEYS = [{"key_tag": 3972, "algorithm": 13, "flags": 257}, {"key_tag": 11273, "algorithm": 13, "flags": 256}]
CHAIN_CASES = {  # a broken hierarchy -> root's and child's (status, reason), then every finding in full
    "D16 ds_but_unsigned": (
        _unsigned_child,
        ("secure", ""),
        ("bogus", "ds_but_unsigned"),
        [("ds_but_unsigned", "CRIT", "example.", None, None, {"parent": ".", "ds": ["33061/13/2"]})],
    ),
    "D16 zone_unsigned": (
        _unsigned_child_without_ds,
        ("secure", ""),
        ("insecure", "no_ds"),
        [("zone_unsigned", "INFO", "example.", None, None, {})],
    ),
    "D14 ds_lookup_failed": (
        _ds_lookup_failed_everywhere,
        ("secure", ""),
        ("indeterminate", "ds_lookup_failed"),
        [
            (
                "ds_lookup_failed",
                "ERR",
                "example.",
                None,
                None,
                {"parent": ".", "servers": list(Hierarchy.ROOT_SERVERS), "response": ["SERVFAIL", "timeout"]},
            )
        ],
    ),
    "D18 revoked anchor": (
        _revoked_anchor,
        ("bogus", "no_usable_trust_anchor"),
        ("bogus", "parent_bogus"),
        [
            (
                "trust_anchor_unusable",
                "ERR",
                ".",
                None,
                None,
                {"reason": "revoked", "key_tag": 4100, "algorithm": 13, "flags": 385},
            ),
            (
                "trust_anchor_not_signing",
                "CRIT",
                ".",
                None,
                None,
                {"reason": "no_usable_trust_anchor", "key_tag": [4100]},
            ),
        ],
    ),
    "D18 unpublished anchor": (
        _unpublished_anchor,
        ("bogus", "no_secure_entry_point"),
        ("bogus", "parent_bogus"),
        [
            *(
                ("trust_anchor_not_signing", "CRIT", ".", p, "udp", {"key_tag": [33061], "dnskeys": _ROOT_KEYS})
                for p in Hierarchy.ROOT_SERVERS
            ),
            (
                "trust_anchor_unusable",
                "ERR",
                ".",
                None,
                None,
                {"reason": "absent", "key_tag": 33061, "algorithm": 13, "flags": 257},
            ),
        ],
    ),
}


@pytest.mark.parametrize("label", list(CHAIN_CASES))
def test_a_broken_hierarchy_in_full(label):
    breaks, root_status, child_status, expected = CHAIN_CASES[label]
    lab = Hierarchy()
    breaks(lab)
    root, child, findings, _ = lab.validate()
    assert ((root.status, root.reason), (child.status, child.reason)) == (root_status, child_status)
    assert [(f.id, f.severity, f.zone, f.server, f.transport, f.evidence) for f in findings] == expected


def test_probe_nxdomains_that_prove_nothing_or_carry_a_bad_signature_name_their_server():  # G2, F3
    lab = Hierarchy()
    zone, soa = lab.child, lab.child.soa()
    uncovering, forged = lab.CHILD_SERVERS
    short = zone.rrset("NSEC", "a.example. NS SOA RRSIG NSEC DNSKEY")  # ~nx.example. sorts after a.example.
    whole = zone.rrset("NSEC", "example. NS SOA RRSIG NSEC DNSKEY")  # the only NSEC: covers every name
    bad = dns.rrset.from_rdata_list(whole.name, whole.ttl, [r.replace(signature=bytes(64)) for r in zone.sign(whole)])
    for server, records in ((uncovering, signed_pair(zone, short)), (forged, [whole, bad])):
        lab.child_data.probe[server] = answer(
            server,
            "~nx.example.",
            dns.rdatatype.A,
            [],
            [*signed_pair(zone, soa), *records],
            rcode=dns.rcode.NXDOMAIN,
            transport="tcp",
        )
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("secure", "")
    window = {"inception": "2027-01-14T08:00:00Z", "expiration": "2027-02-04T08:00:00Z"}
    assert [(f.id, f.severity, f.zone, f.server, f.transport, f.evidence) for f in findings] == [
        (
            "nxdomain_proof_nsec_invalid",
            "ERR",
            "example.",
            uncovering,
            "tcp",
            {"qname": "~nx.example.", "problems": ["sname_not_covered"]},
        ),
        (
            "rrsig_invalid",
            "ERR",
            "example.",
            forged,
            "tcp",
            {"rrset": "example./NSEC", "key_tag": key_tag(zone.zsk), "algorithm": 13, **window},
        ),
    ]


def test_a_target_type_no_server_validates_is_bogus_beside_one_that_validates_and_a_timeout():
    # www.example.'s A validates on .12 (.11 timed out); its AAAA is unsigned everywhere: the
    # answers are judged per type, and every server's answer of each type is read.
    lab = Hierarchy()
    www = dns.name.from_text("www.example.")
    a = lab.child.rrset("A", "192.0.2.9", owner=www)
    aaaa = lab.child.rrset("AAAA", "2001:db8::9", owner=www)
    silent, signing = lab.CHILD_SERVERS
    A, AAAA = dns.rdatatype.A, dns.rdatatype.AAAA
    answers = {
        silent: {A: answer(silent, www, A, error="timeout"), AAAA: answer(silent, www, AAAA, [aaaa])},
        signing: {A: answer(signing, www, A, signed_pair(lab.child, a)), AAAA: answer(signing, www, AAAA, [aaaa])},
    }
    status, summary, findings = _target(lab, answers)
    assert status == "bogus"
    assert [(e["server"], e["qtype"], e["rcode"], e["error"], e["secure"]) for e in summary] == [
        (silent, "A", None, "timeout", None),
        (silent, "AAAA", "NOERROR", None, False),
        (signing, "A", "NOERROR", None, True),
        (signing, "AAAA", "NOERROR", None, False),
    ]
    assert [(f.id, f.severity, f.server, f.evidence) for f in findings] == [
        ("rrsig_missing", "ERR", server, {"rrset": "www.example./AAAA"}) for server in lab.CHILD_SERVERS
    ]


def test_a_ds_to_a_revoked_ksk_is_d10_on_each_server():  # D10, RFC 5011 §2.1
    lab = Hierarchy()
    zone = lab.child
    zone.ksk = zone.ksk.replace(flags=257 | 0x0080)
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server] = apex_answers(zone, server)
    lab.set_ds([zone.ds()])
    _, child, findings, _ = lab.validate()
    assert (child.status, child.reason) == ("secure", "")
    evidence = {"key_tag": key_tag(zone.ksk), "algorithm": 13, "digest_type": 2}
    assert [(f.id, f.severity, f.zone, f.server, f.transport, f.evidence) for f in findings] == [
        ("ds_to_revoked_key", "ERR", "example.", server, "udp", evidence) for server in lab.CHILD_SERVERS
    ]


def test_an_apex_nsec3_without_the_opt_out_flag_is_g19_when_the_zone_was_probed():  # G19
    lab = Hierarchy()
    zone = lab.child
    apex_hash = dns.dnssec.nsec3_hash("example.", None, 0, 1)
    nsec3 = zone.rrset(
        "NSEC3", f"1 0 0 - {apex_hash} NS SOA RRSIG DNSKEY", owner=dns.name.from_text(f"{apex_hash}.example.")
    )
    records = [*signed_pair(zone, zone.soa()), *signed_pair(zone, nsec3)]
    wildcard = zone.rrset("A", "192.0.2.9", owner=dns.name.from_text("~nx.example."))
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server][dns.rdatatype.NSEC3PARAM] = answer(
            server, "example.", dns.rdatatype.NSEC3PARAM, [], records
        )
        # A wildcard answered the probe name: no proof to read, but the zone was probed.
        lab.child_data.probe[server] = answer(server, "~nx.example.", dns.rdatatype.A, [wildcard])
    _, child, findings, _ = lab.validate()
    assert (child.status, child.opt_out) == ("secure", False)
    params = {"hash_algorithm": 1, "nsec3_flags": 0, "iterations": 0, "salt": ""}
    assert [(f.id, f.severity, f.zone, f.evidence) for f in findings] == [
        ("nsec3_without_need", "INFO", "example.", params)
    ]


def test_a_revoked_key_signs_nothing_in_the_zone_summary():  # E7, RFC 5011 §2.1
    # The summary's keys sign only what their signatures validate: a revoked key's count for nothing.
    lab = Hierarchy()
    zone = lab.child
    zone.zsk = zone.zsk.replace(flags=256 | 0x0080)
    for server in lab.CHILD_SERVERS:
        lab.child_data.apex[server] = apex_answers(zone, server)
    _, child, _, _ = lab.validate()
    assert [(k["role"], k["revoked"], k["signs"]) for k in zone_summary(child)["dnskeys"]] == [
        ("KSK", False, ["example./DNSKEY"]),
        ("ZSK", True, []),
    ]
