"""Groups A, B, C and J (zonechecks.py) asserted exactly: the finding, its severity, server and
transport, where test_zone_checks.py's table asks only that the row is raised with a severity
(issue 22, §2: the surviving mutants of a sample)."""

import dns.name
import dns.rcode
import dns.rdatatype
import dns.rrset

from .signed import answer
from .test_zone_checks import P1, P2, S1, S2, Case, _glue_family_missing, _soa_with, _tcp_silent, referral

A, DNSKEY, DS = dns.rdatatype.A, dns.rdatatype.DNSKEY, dns.rdatatype.DS
N = dns.name.from_text


def _found(case, fid):
    return [(f.severity, f.server, f.transport, f.evidence) for f in case.findings() if f.id == fid]


def test_an_oversized_udp_answer_is_b3_over_udp():
    case = Case()
    big = answer(S2, "example.", DNSKEY)
    big.size = 1500
    case.log.append(big)
    assert _found(case, "bad_response") == [
        ("ERR", S2, "udp", {"qname": "example.", "qtype": "DNSKEY", "response": "oversized (1500 octets)"})
    ]


def test_a_dname_without_its_cname_is_j3_on_the_transport_of_the_answer():
    case = Case()
    case.walk.target = N("www.old.example.")
    dname = dns.rrset.from_text("old.example.", 3600, "IN", "DNAME", "new.example.")
    case.walk.target_answers = {S1: {A: answer(S1, "www.old.example.", A, [dname], transport="tcp")}}
    assert _found(case, "dname_synthesis") == [
        ("ERR", S1, "tcp", {"qname": "www.old.example.", "owner": "old.example.", "response": "no synthesised CNAME"})
    ]


def test_parents_serving_different_ds_sets_is_c6_naming_the_parent():
    case = Case()
    sha384 = dns.rrset.from_rdata_list(case.zone.name, 3600, [case.zone.ds(4)])
    case.data.ds[P2] = answer(P2, "example.", DS, [sha384, case.lab.root.sign(sha384)])
    sets = {
        server: " ".join(f"{r.key_tag}/13/{r.digest_type}/{r.digest.hex()[:8]}" for r in [case.zone.ds(digest)])
        for server, digest in ((P1, 2), (P2, 4))
    }
    assert _found(case, "ds_rrset_differs_parent") == [
        ("ERR", None, None, {"parent": ".", "ds_sets": [f"{s}: {v}" for s, v in sorted(sets.items())]})
    ]


def test_a_name_its_parent_answers_nxdomain_for_is_a2():
    case = Case()
    case.walk.target = N("nope.example.")
    case.walk.stop_answers = {
        S1: answer(S1, "nope.example.", dns.rdatatype.NS, [], [case.zone.soa()], rcode=dns.rcode.NXDOMAIN)
    }
    assert _found(case, "not_delegated") == [
        ("CRIT", S1, None, {"zone": "nope.example.", "parent": "example.", "response": "NXDOMAIN"})
    ]


def test_an_rname_whose_mail_domain_is_no_host_name_is_j7_warn():
    case = Case()
    for server in (S1, S2):
        _soa_with(case, server, rname=N("hostmaster.mail_host.example."))
    found = [(f.severity, f.evidence) for f in case.findings() if f.id == "name_syntax"]
    assert found == [("WARN", {"name": "hostmaster.mail_host.example.", "usage": "RNAME"})]


def test_an_mname_of_localhost_is_j5_even_without_the_apex_ns_set():
    case = Case()
    case.data.apex_ns = set()  # the NS query failed: nothing to compare the MNAME with
    for server in (S1, S2):
        _soa_with(case, server, mname=N("localhost."))
    assert _found(case, "soa_mname") == [("NOTE", None, None, {"mname": "localhost."})]


def test_nsec3_parameters_that_differ_between_servers_are_c8_with_an_empty_salt_written_dash():
    case = Case()
    for server, iterations in ((S1, 0), (S2, 5)):
        param = case.zone.rrset("NSEC3PARAM", f"1 0 {iterations} -")
        case.data.apex[server][dns.rdatatype.NSEC3PARAM] = answer(server, "example.", dns.rdatatype.NSEC3PARAM, [param])
    assert _found(case, "nsec3_params_inconsistent") == [
        ("ERR", None, None, {"nsec3_params": [f"{S1}: 1 0 - flags 0", f"{S2}: 1 5 - flags 0"]})
    ]


def _aaaa(case, **aaaa):
    host = N("ns2.example.")
    case.log += [
        answer(S2, host, A, [dns.rrset.from_text(host, 3600, "IN", "A", S2)]),
        answer(S2, host, dns.rdatatype.AAAA, **aaaa),
    ]


def test_an_aaaa_query_that_times_out_where_a_answers_is_b19():
    case = Case()
    _aaaa(case, error="timeout")
    assert _found(case, "aaaa_query_mishandled") == [("ERR", S2, "udp", {"response": "timeout"})]


def test_an_aaaa_nodata_where_a_answers_is_no_b19():
    case = Case()
    _aaaa(case)
    assert _found(case, "aaaa_query_mishandled") == []


def test_fewer_than_two_addresses_of_a_family_is_a7_per_family():
    case = Case()
    case.data.servers = {S1: {N("ns1.example.")}, "2001:db8::2": {N("ns2.example.")}}
    found = [(f.severity, f.evidence) for f in case.findings() if f.id == "ns_address_family_coverage"]
    assert found == [("WARN", {"family": "IPv4", "count": 1}), ("NOTE", {"family": "IPv6", "count": 1})]


def test_a_ds_query_answered_with_a_referral_is_a20_on_its_transport():
    case = Case()
    ds_referral = referral(P1)
    ds_referral.transport = "tcp"
    case.data.ds[P1] = ds_referral
    assert _found(case, "ds_query_gets_referral") == [("ERR", P1, "tcp", {"parent": "."})]


def test_an_answer_without_opt_is_b8():
    case = Case()
    case.data.apex[S2][dns.rdatatype.SOA].message.use_edns(False)
    assert _found(case, "edns_broken") == [("ERR", S2, "udp", {"response": "no OPT record"})]


def test_nsec3_parameters_of_the_probe_proofs_that_differ_are_c8_too():
    case = Case()
    owner, following = "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.", "0p9mhaveqvm6t7vbl5lop2u3t2rp3ton"
    for server, iterations in ((S1, 0), (S2, 5)):
        nsec3 = dns.rrset.from_text(owner, 3600, "IN", "NSEC3", f"1 0 {iterations} - {following} A")
        case.data.probe[server] = answer(
            server, "~nx.example.", A, [], [case.zone.soa(), nsec3], rcode=dns.rcode.NXDOMAIN
        )
    assert _found(case, "nsec3_params_inconsistent") == [
        ("ERR", None, None, {"nsec3_params": [f"{S1}: 1 0 - flags 0", f"{S2}: 1 5 - flags 0"]})
    ]


def test_a_cname_synthesised_with_ttl_0_is_j3_warn_even_from_a_dname_of_ttl_0():  # J3: TTL 0 on its own
    case = Case()
    case.walk.target = N("www.old.example.")
    records = [
        dns.rrset.from_text("old.example.", 0, "IN", "DNAME", "new.example."),
        dns.rrset.from_text("www.old.example.", 0, "IN", "CNAME", "www.new.example."),
    ]
    case.walk.target_answers = {S1: {A: answer(S1, "www.old.example.", A, records)}}
    assert _found(case, "dname_synthesis") == [
        (
            "WARN",
            S1,
            "udp",
            {"qname": "www.old.example.", "owner": "old.example.", "response": "CNAME TTL 0, DNAME TTL 0"},
        )
    ]


def test_a_nodata_with_only_its_soa_is_no_b24():
    case = Case()
    case.data.apex[S1][dns.rdatatype.NSEC3PARAM] = answer(
        S1, "example.", dns.rdatatype.NSEC3PARAM, [], [case.zone.soa()]
    )
    assert _found(case, "negative_answer_soa") == []


def test_a_parent_server_referring_to_other_ns_names_than_the_others_is_a3():
    case = Case()
    p3 = "192.0.2.3"
    case.data.referrals[p3] = referral(p3, ns_names=(N("ns1.example."),))
    case.data.delegation_answers[p3] = case.data.referrals[p3]
    assert _found(case, "delegation_inconsistent_parent_servers") == [
        ("ERR", None, None, {"parent": ".", "referring_servers": [P1, P2], "other_servers": [p3]})
    ]


def test_an_aaaa_query_answered_servfail_where_a_answers_is_b19_naming_the_rcode():
    case = Case()
    _aaaa(case, rcode=dns.rcode.SERVFAIL)
    assert _found(case, "aaaa_query_mishandled") == [("ERR", S2, "udp", {"response": "SERVFAIL"})]


def test_an_in_bailiwick_name_server_with_ipv6_addresses_but_no_ipv6_glue_is_a13_naming_the_family():
    case = Case()
    _glue_family_missing(case)
    found = [(f.severity, f.zone, f.evidence) for f in case.findings() if f.id == "glue_family_missing"]
    assert found == [
        ("WARN", "example.", {"ns": "ns1.example.", "family": "IPv6", "glue": [], "addresses": ["2001:db8::1"]})
    ]


def test_a_server_silent_over_tcp_is_b2_over_tcp():
    case = Case()
    _tcp_silent(case)
    assert _found(case, "tcp_unresponsive") == [("ERR", S2, "tcp", {})]
