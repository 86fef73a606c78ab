"""The multi-record rows of group G (G4, G6, G7, G11, G14, G15, G16, G18) on in-memory answers.

G6 and G7 decide verdicts, so the chain of trust reads them (chain.py): their cases run the chain
and the checked name's answers too; test_denial_proofs.py has the verdicts."""

import base64

import dns.dnssec
import dns.name
import dns.rcode
import dns.rdatatype
import dns.rrset
import pytest

from checker import catalog
from checker.engine import checks
from checker.engine.chain import ChainValidator
from checker.engine.denialchecks import denial_findings
from checker.engine.report import display_evidence
from checker.engine.validator import Memo, Verifier

from .signed import NOW, Hierarchy, answer, ids
from .test_zone_checks import Case

A, NSEC3PARAM, DS = dns.rdatatype.A, dns.rdatatype.NSEC3PARAM, dns.rdatatype.DS
S1, S2 = Hierarchy.CHILD_SERVERS
P1, P2 = Hierarchy.ROOT_SERVERS
N = dns.name.from_text


def hashed(name: str) -> str:
    return dns.dnssec.nsec3_hash(name, b"", 0, 1).lower()


def nsec3(owner_hash: str, next_hash: str, types: str = "A RRSIG", flags: int = 0):
    return dns.rrset.from_text(f"{owner_hash}.example.", 3600, "IN", "NSEC3", f"1 {flags} 0 - {next_hash} {types}")


def _nodata_with(case, *nsecs):
    for server in (S1, S2):
        case.data.apex[server][NSEC3PARAM] = answer(server, "example.", NSEC3PARAM, [], [case.zone.soa(), *nsecs])


def _type_in_bitmap(case):
    _nodata_with(case, case.zone.rrset("NSEC", "www.example. NS SOA RRSIG NSEC DNSKEY NSEC3PARAM"))


def _two_nsecs(case):
    _nodata_with(
        case,
        case.zone.rrset("NSEC", "www.example. NS SOA RRSIG NSEC DNSKEY"),
        case.zone.rrset("NSEC", "example. A RRSIG NSEC", owner=N("www.example.")),
    )


def _param_in_nsec_zone(case):
    param = case.zone.rrset("NSEC3PARAM", "1 0 0 -")
    probe_nsec = case.zone.rrset("NSEC", "example. A RRSIG NSEC", owner=N("www.example."))
    for server in (S1, S2):
        case.data.apex[server][NSEC3PARAM] = answer(server, "example.", NSEC3PARAM, [param])
        case.data.probe[server] = answer(
            server, "~nx.example.", A, [], [case.zone.soa(), probe_nsec], rcode=dns.rcode.NXDOMAIN
        )


def _probe(case, *records):
    case.data.probe[S1] = answer(S1, "~nx.example.", A, [], [case.zone.soa(), *records], rcode=dns.rcode.NXDOMAIN)


def _malformed_owner(case):
    _probe(case, dns.rrset.from_text("not-a-hash.example.", 3600, "IN", "NSEC3", f"1 0 0 - {hashed('example.')} A"))


def _contradicting(case):
    apex, www = sorted([hashed("example."), hashed("www.example.")])
    # The first record covers everything up to a hash past the second one's owner.
    past = "v" * 32
    _probe(case, nsec3(apex, past), nsec3(www, apex))


def _ds_bit_in_delegation_proof(case):
    nsec = dns.rrset.from_text("example.", 3600, "IN", "NSEC", "zzz. NS DS RRSIG NSEC")
    case.data.ds[P1] = answer(P1, "example.", DS, [], [case.lab.root.soa(), nsec])


def _optout_missing(case):
    target, root = hashed("example."), hashed(".")
    before, after = "0" * 32, "v" * 32
    assert before < target < after and root not in (before, after)
    covering = dns.rrset.from_text(f"{before}.", 3600, "IN", "NSEC3", f"1 0 0 - {after} NS")
    encloser = dns.rrset.from_text(f"{root}.", 3600, "IN", "NSEC3", f"1 0 0 - {before} NS SOA RRSIG DNSKEY")
    case.data.ds[P1] = answer(P1, "example.", DS, [], [case.lab.root.soa(), encloser, covering])


def _wildcard_answer(case, *authority):
    case.walk.target = N("www.example.")
    record = dns.rrset.from_text("www.example.", 3600, "IN", "A", "192.0.2.9")
    sig = case.zone.sign(dns.rrset.from_text("*.example.", 3600, "IN", "A", "192.0.2.9"))
    sig = dns.rrset.from_rdata_list(N("www.example."), 3600, list(sig))
    case.walk.target_answers = {S1: {A: answer(S1, "www.example.", A, [record, sig], authority)}}


def _wildcard_without_proof(case):
    # The NSEC ends at the name instead of covering it.
    nsec = case.zone.rrset("NSEC", "www.example. NS SOA RRSIG NSEC DNSKEY")
    _wildcard_answer(case, nsec, case.zone.sign(nsec))


CASES = {
    "G4 nodata_proof_invalid ERR": _type_in_bitmap,
    "G6 wildcard_proof_invalid ERR": _wildcard_without_proof,
    "G7 insecure_delegation_proof_invalid ERR": _ds_bit_in_delegation_proof,
    "G14 nsec3_malformed ERR": _malformed_owner,
    "G15 nsec3param_invalid ERR": _param_in_nsec_zone,
    "G16 denial_unexpected_multiple ERR": _two_nsecs,
    "G18 nsec3_contradicting_records ERR": _contradicting,
}


def _run(mutate):
    """The findings of denialchecks and of the chain of trust (the checked name's answers too)."""
    case = Case()
    mutate(case)
    validator = ChainValidator(case.lab.anchors, NOW, Verifier(Memo()))
    root = validator.evaluate_zone(case.lab.root_data, None)
    child = validator.evaluate_zone(case.data, root)
    if case.walk.target != case.zone.name:
        validator.evaluate_target(case.walk, child)
    return denial_findings(case.walk, True) + validator.findings


def test_a_correct_zone_has_no_denial_finding():
    assert ids(_run(lambda case: None)) == {}


def test_a_wildcard_answer_without_any_denial_record_is_g1():
    assert ids(_run(_wildcard_answer)) == {"denial_records_missing": {"ERR"}}


def test_a_ds_nxdomain_whose_nsec_does_not_cover_the_delegation_makes_it_bogus():
    case = Case()
    root = case.lab.root
    nsec = root.rrset("NSEC", "example. NS SOA RRSIG NSEC DNSKEY")  # ends at example.: covers nothing
    authority = [root.soa(), root.sign(root.soa()), nsec, root.sign(nsec)]
    case.data.ds = {p: answer(p, "example.", DS, [], authority, rcode=dns.rcode.NXDOMAIN) for p in (P1, P2)}
    validator = ChainValidator(case.lab.anchors, NOW, Verifier(Memo()))
    child = validator.evaluate_zone(case.data, validator.evaluate_zone(case.lab.root_data, None))
    assert (child.status, child.reason) == ("bogus", "ds_rrset_bogus")
    assert ids(validator.findings) == {"nxdomain_proof_nsec_invalid": {"ERR"}}


def test_a_ds_nxdomain_whose_nsec3_does_not_cover_the_delegation_makes_it_bogus():  # G3, issue 22
    """The NSEC3 twin of the test above, through the chain of trust (the lab's nsec3-nxdomain zones
    show G3 end to end; this catches G3 switched off without them)."""
    case = Case()
    root = case.lab.root
    apex_hash = dns.dnssec.nsec3_hash(".", b"", 0, 1)
    after = int.from_bytes(base64.b32hexdecode(apex_hash)) + 1
    next_hash = base64.b32hexencode(after.to_bytes(20)).decode()  # the span right after the apex: covers nothing
    nsec3 = root.rrset("NSEC3", f"1 0 0 - {next_hash} NS SOA RRSIG DNSKEY NSEC3PARAM", owner=N(f"{apex_hash}."))
    authority = [root.soa(), root.sign(root.soa()), nsec3, root.sign(nsec3)]
    case.data.ds = {p: answer(p, "example.", DS, [], authority, rcode=dns.rcode.NXDOMAIN) for p in (P1, P2)}
    validator = ChainValidator(case.lab.anchors, NOW, Verifier(Memo()))
    child = validator.evaluate_zone(case.data, validator.evaluate_zone(case.lab.root_data, None))
    assert (child.status, child.reason) == ("bogus", "ds_rrset_bogus")
    assert ids(validator.findings) == {"nxdomain_proof_nsec3_invalid": {"ERR"}}
    assert [f.evidence["problems"] for f in validator.findings] == [
        ["next_closer_not_covered", "wildcard_not_covered"]
    ] * 2


def test_the_opt_out_case_is_only_the_missing_flag():
    found = [f for f in _run(_optout_missing) if f.id == "insecure_delegation_proof_invalid"]
    assert [f.evidence["problems"] for f in found] == [["opt_out_flag_not_set"]]


@pytest.mark.parametrize("label", list(CASES) + ["G7 opt-out"])
def test_row_is_reported_with_its_severity(label):
    if label == "G7 opt-out":
        number, finding_id, severity, mutate = "G7", "insecure_delegation_proof_invalid", "ERR", _optout_missing
    else:
        number, finding_id, severity = label.split()
        mutate = CASES[label]
    findings = _run(mutate)
    assert severity in ids(findings).get(finding_id, set()), ids(findings)
    assert catalog.get(finding_id).number == number
    for finding in findings:
        shown = display_evidence(finding)
        assert not [n for n in catalog.get(finding.id).placeholders if shown.get(n) in (None, "", [])], finding


def test_nsec3_hash_algorithm_other_than_sha1():  # G11
    found = []
    checks.denial_parameter_findings(
        N("example."),
        {"type": "nsec3", "source": "NSEC3PARAM", "algorithm": 2, "flags": 0, "iterations": 0, "salt": ""},
        False,
        found,
    )
    assert ids(found)["nsec3_hash_alg_invalid"] == {"ERR"}


G15_NSEC3 = ("1 0 0 -",)


@pytest.mark.parametrize(
    ("params", "denial", "reason"),
    [
        (G15_NSEC3, "NSEC3", None),  # a correct NSEC3 zone
        (("1 0 0 -", "1 0 1 -"), "NSEC3", "multiple"),
        (("1 1 0 -",), "NSEC3", "flags"),  # RFC 5155 §4.1.2: the flags of NSEC3PARAM are 0
        (G15_NSEC3, "NSEC", "nsec_zone"),
        ((), "NSEC3", "missing"),
        ((), "NSEC", None),  # a correct NSEC zone
    ],
)
def test_nsec3param_reasons_name_the_server(params, denial, reason):  # G15, exactly (issue 22: mutation survivors)
    case = Case()
    zone = case.zone
    rrsets = [zone.rrset("NSEC3PARAM", *params)] if params else []
    authority = [] if params else [zone.soa()]
    case.data.apex[S1][NSEC3PARAM] = answer(S1, "example.", NSEC3PARAM, rrsets, authority, transport="tcp")
    if denial == "NSEC3":
        _probe(case, nsec3(hashed("example."), hashed("www.example.")))
    else:
        _probe(case, zone.rrset("NSEC", "www.example. NS SOA RRSIG NSEC DNSKEY"))
    found = [f for f in denial_findings(case.walk, True) if f.id == "nsec3param_invalid"]
    assert [(f.severity, f.server, f.transport, f.evidence["reason"]) for f in found] == (
        [("ERR", S1, "tcp", reason)] if reason else []
    )


@pytest.mark.parametrize("authoritative", [True, False])
def test_only_authoritative_probe_answers_are_read_for_nsec3_records(authoritative):  # G14 (issue 22: survivor)
    case = Case()
    malformed = dns.rrset.from_text("not-a-hash.example.", 3600, "IN", "NSEC3", f"1 0 0 - {hashed('example.')} A")
    case.data.probe[S1] = answer(
        S1, "~nx.example.", A, [], [case.zone.soa(), malformed], rcode=dns.rcode.NXDOMAIN, aa=authoritative
    )
    found = [f for f in denial_findings(case.walk, True) if f.id == "nsec3_malformed"]
    assert [(f.severity, f.server) for f in found] == ([("ERR", S1)] if authoritative else [])


def _g4_nodata(case, server, *authority):
    """`server` answers the apex's NSEC3PARAM query over TCP with a NODATA whose authority is `authority`."""
    case.data.apex[server][NSEC3PARAM] = answer(server, "example.", NSEC3PARAM, [], list(authority), transport="tcp")


def _g4_nsec(case):
    return case.zone.rrset("NSEC", "www.example. NS SOA RRSIG NSEC DNSKEY NSEC3PARAM")  # NSEC3PARAM: in the bitmap


def test_the_apex_nodata_of_each_server_is_read_after_one_that_did_not_answer():  # G4
    case = Case()
    case.data.apex[S1][NSEC3PARAM] = answer(S1, "example.", NSEC3PARAM, error="timeout")
    _g4_nodata(case, S2, case.zone.soa(), _g4_nsec(case))
    found = [(f.id, f.severity, f.server, f.transport) for f in denial_findings(case.walk, True)]
    assert found == [("nodata_proof_invalid", "ERR", S2, "tcp")]


def test_an_apex_nodata_with_only_its_nsec_record_is_read():  # G4: no SOA beside the NSEC
    case = Case()
    _g4_nodata(case, S1, _g4_nsec(case))
    found = [(f.id, f.severity, f.server, f.transport) for f in denial_findings(case.walk, True)]
    assert found == [("nodata_proof_invalid", "ERR", S1, "tcp")]


def test_nsec3_records_after_a_malformed_one_are_still_compared():  # G14, G18
    case = Case()
    apex, www = sorted([hashed("example."), hashed("www.example.")])
    malformed = dns.rrset.from_text("not-a-hash.example.", 3600, "IN", "NSEC3", f"1 0 0 - {apex} A")
    case.data.probe[S1] = answer(
        S1,
        "~nx.example.",
        A,
        [],
        [case.zone.soa(), malformed, nsec3(apex, "v" * 32), nsec3(www, apex)],
        rcode=dns.rcode.NXDOMAIN,
        transport="tcp",
    )
    records = ("nsec3_malformed", "nsec3_contradicting_records")  # (G15 "missing" too: no NSEC3PARAM)
    found = [(f.id, f.severity, f.server, f.transport) for f in denial_findings(case.walk, True) if f.id in records]
    assert found == [
        ("nsec3_malformed", "ERR", S1, "tcp"),
        ("nsec3_contradicting_records", "ERR", S1, "tcp"),
    ]


def _parameter_rows(source="NSEC3PARAM", flags=0, iterations=0):
    found = []
    denial = {"type": "nsec3", "source": source, "algorithm": 1, "flags": flags, "iterations": iterations, "salt": ""}
    checks.denial_parameter_findings(N("example."), denial, None, found)
    return [(f.id, f.severity) for f in found]


@pytest.mark.parametrize(
    ("iterations", "expected"),
    [
        (0, []),
        (100, [("nsec3_iterations_nonzero", "ERR")]),  # the limit itself still validates (RFC 9276 Appendix A)
        (101, [("nsec3_iterations_nonzero", "ERR"), ("nsec3_iterations_over_resolver_limit", "CRIT")]),
    ],
)
def test_nsec3_iterations_against_the_resolver_limit(iterations, expected):  # G8, G9
    assert _parameter_rows(iterations=iterations) == expected


@pytest.mark.parametrize(
    ("source", "flags", "expected"),
    [
        ("NSEC3PARAM", 0, []),
        ("NSEC3PARAM", 1, [("nsec3_flags_invalid", "ERR")]),  # RFC 5155 §4.1.2: NSEC3PARAM flags are 0
        ("NSEC3", 1, []),  # opt-out
        ("NSEC3", 2, [("nsec3_flags_invalid", "ERR")]),
    ],
)
def test_nsec3_flags_rows(source, flags, expected):  # G12
    assert _parameter_rows(source, flags) == expected


@pytest.mark.parametrize(
    "options", [{"aa": False}, {"rcode": dns.rcode.NXDOMAIN}], ids=["not authoritative", "NXDOMAIN"]
)
def test_only_an_authoritative_noerror_apex_nodata_is_read_for_g4(options):  # G4 (issue 22: survivors)
    case = Case()
    case.data.apex[S1][NSEC3PARAM] = answer(
        S1, "example.", NSEC3PARAM, [], [case.zone.soa(), _g4_nsec(case)], transport="tcp", **options
    )
    assert [f.id for f in denial_findings(case.walk, True) if f.id == "nodata_proof_invalid"] == []


@pytest.mark.parametrize(
    ("zone", "expected"), [("example.", []), ("sub.example.", [("nsec3_optout_small_zone", "NOTE")])]
)
def test_opt_out_below_a_tld(zone, expected):  # G13
    found = []
    denial = {"type": "nsec3", "source": "NSEC3PARAM", "algorithm": 1, "flags": 0, "iterations": 0, "salt": ""}
    checks.denial_parameter_findings(N(zone), denial, True, found)
    assert [(f.id, f.severity) for f in found] == expected


def test_an_apex_nodata_proven_by_the_apex_nsec3_is_no_g4():  # G4: the NSEC3 owners hashed below the zone
    case = Case()
    _g4_nodata(case, S1, case.zone.soa(), nsec3(hashed("example."), hashed("www.example."), "NS SOA RRSIG DNSKEY"))
    assert [f.id for f in denial_findings(case.walk, True) if f.id == "nodata_proof_invalid"] == []


def test_the_apex_nodata_of_each_server_is_read_after_one_not_asked_for_nsec3param():  # G4
    case = Case()
    del case.data.apex[S1][NSEC3PARAM]  # no answer to that query recorded for S1
    _g4_nodata(case, S2, case.zone.soa(), _g4_nsec(case))
    found = [(f.id, f.severity, f.server, f.transport) for f in denial_findings(case.walk, True)]
    assert found == [("nodata_proof_invalid", "ERR", S2, "tcp")]
