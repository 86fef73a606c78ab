"""Groups A, B, C and J on in-memory walks: each case breaks one thing in a correct delegation
and asserts the finding it must cause and its severity."""

import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset
import pytest

from checker import catalog
from checker.engine.report import display_evidence
from checker.engine.transport import Answer
from checker.engine.validator import key_tag
from checker.engine.walker import Walk
from checker.engine.zonechecks import hostname_problem, zone_findings

from .signed import Hierarchy, Zone, answer, ids, signed_pair

A, AAAA, NS, SOA, DNSKEY, DS, MX, CNAME = (
    dns.rdatatype.A,
    dns.rdatatype.AAAA,
    dns.rdatatype.NS,
    dns.rdatatype.SOA,
    dns.rdatatype.DNSKEY,
    dns.rdatatype.DS,
    dns.rdatatype.MX,
    dns.rdatatype.CNAME,
)
N = dns.name.from_text
NS1, NS2 = N("ns1.example."), N("ns2.example.")
S1, S2 = Hierarchy.CHILD_SERVERS
P1, P2 = Hierarchy.ROOT_SERVERS
LAB_FAMILY = {"ns_address_family_coverage"}  # the in-memory servers have no IPv6 addresses


def referral(server, ns_names=(NS1, NS2), glue=None, aa=False, qname="example."):
    glue = {NS1: [S1], NS2: [S2]} if glue is None else glue
    result = answer(
        server,
        qname,
        NS,
        [],
        [dns.rrset.from_text_list("example.", 3600, "IN", "NS", [n.to_text() for n in ns_names])],
        aa=aa,
    )
    for name, addresses in glue.items():
        for address in addresses:
            rdtype = "AAAA" if ":" in address else "A"
            result.message.additional.append(dns.rrset.from_text(name, 3600, "IN", rdtype, address))
    return result


class Case:
    """A correct two-server delegation of example. as the walker would have collected it."""

    def __init__(self):
        self.lab = Hierarchy()
        self.zone = self.lab.child
        data = self.lab.child_data
        data.delegated_ns = {NS1, NS2}
        data.apex_ns = {NS1, NS2}
        data.servers = {S1: {NS1}, S2: {NS2}}
        data.glue = {NS1: {S1}, NS2: {S2}}
        data.referrals = {p: referral(p) for p in (P1, P2)}
        data.delegation_answers = dict(data.referrals)
        ns = self.zone.rrset("NS", "ns1.example.", "ns2.example.")
        for server in (S1, S2):
            data.apex[server][NS] = answer(server, "example.", NS, signed_pair(self.zone, ns))
            data.tcp[server] = data.apex[server][SOA]
            data.extra[server] = {}
        for name, address in ((NS1, S1), (NS2, S2)):
            data.ns_lookups[(name, A)] = answer(S1, name, A, [dns.rrset.from_text(name, 3600, "IN", "A", address)])
            data.ns_lookups[(name, AAAA)] = answer(S1, name, AAAA, [], [self.zone.soa()])
        self.walk = Walk(self.zone.name, [self.lab.root_data, data])
        self.log: list[Answer] = []
        self.signed = True

    @property
    def data(self):
        return self.lab.child_data

    def findings(self):
        return zone_findings(self.walk, self.log, self.signed, set())


def test_a_correct_delegation_has_no_finding():
    found = ids(Case().findings())
    assert set(found) <= LAB_FAMILY, found
    assert found["ns_address_family_coverage"] == {"NOTE"}  # IPv6: fewer than two


def _soa_with(case, server, **fields):
    soa = case.zone.soa()
    changed = dns.rrset.from_rdata_list(soa.name, soa.ttl, [soa[0].replace(**fields)])
    case.data.apex[server][SOA] = answer(server, "example.", SOA, signed_pair(case.zone, changed))


def _not_delegated(case):
    case.walk.target = N("nope.example.")
    case.walk.stop_answers = {S1: answer(S1, "nope.example.", NS, [], [case.zone.soa()], rcode=dns.rcode.NXDOMAIN)}


def _inconsistent_parents(case):
    case.data.delegation_answers[P2] = answer(P2, "example.", NS, [], [], rcode=dns.rcode.NXDOMAIN)
    del case.data.referrals[P2]


def _no_working(case):
    for server in (S1, S2):
        case.data.apex[server] = {t: answer(server, "example.", t, error="timeout") for t in case.data.apex[server]}


def _lame(case):
    case.data.apex[S2][SOA] = answer(S2, "example.", SOA, rcode=dns.rcode.REFUSED, aa=False)


def _one_ns(case):
    case.data.delegated_ns = {NS1}


def _shared_ip(case):
    case.data.servers = {S1: {NS1, NS2}}


def _parent_not_in_child(case):
    case.data.delegated_ns = {NS1, NS2, N("ns3.example.")}
    case.data.glue[N("ns3.example.")] = {S2}


def _child_not_in_parent(case):
    case.data.apex_ns = {NS1, NS2, N("ns.other.")}
    case.data.ns_addresses[N("ns.other.")] = {"192.0.2.99"}


def _glue_missing(case):
    case.data.glue = {NS1: {S1}}
    case.data.ns_addresses[NS2] = {S2}


def _glue_family_missing(case):
    case.data.ns_lookups[(NS1, AAAA)] = answer(
        S1, NS1, AAAA, [dns.rrset.from_text(NS1, 3600, "IN", "AAAA", "2001:db8::1")]
    )


def _glue_mismatch(case):
    case.data.ns_lookups[(NS1, A)] = answer(S1, NS1, A, [dns.rrset.from_text(NS1, 3600, "IN", "A", "192.0.2.77")])


def _glue_extra(case):
    case.data.glue[NS1] = {S1, "2001:db8::1"}


def _unresolvable(case):
    case.data.apex_ns = {NS1, NS2, N("ns.nowhere.")}
    case.data.delegated_ns = set(case.data.apex_ns)


def _ns_cname(case):
    case.data.ns_lookups[(NS1, A)] = answer(
        S1, NS1, A, [dns.rrset.from_text(NS1, 3600, "IN", "CNAME", "host.example.")]
    )


def _big_referral(case):
    names = [N(f"ns{i}-with-a-rather-long-name-for-the-referral.example.") for i in range(12)]
    case.data.delegated_ns = set(names)
    case.data.apex_ns = set(names)
    case.data.glue = {name: {f"192.0.2.{20 + i}"} for i, name in enumerate(names)}


def _ds_referral(case):
    case.data.ds[P1] = referral(P1)


def _upward(case):
    case.data.apex[S2][dns.rdatatype.NSEC3PARAM] = answer(
        S2,
        "example.",
        dns.rdatatype.NSEC3PARAM,
        [],
        [dns.rrset.from_text(".", 3600, "IN", "NS", "a.root-servers.test.")],
        aa=False,
    )


def _aa_referral(case):
    case.data.referrals[P1] = referral(P1, aa=True)


def _no_ptr(case):
    case.data.ptr = {S1: set(), S2: {NS2}}


def _udp_silent(case):
    case.data.apex[S2] = {t: answer(S2, "example.", t, error="timeout") for t in case.data.apex[S2]}


def _tcp_silent(case):
    case.data.tcp[S2] = answer(S2, "example.", SOA, error="timeout", transport="tcp")


def _servfail(case):
    case.data.apex[S2][dns.rdatatype.NSEC3PARAM] = answer(
        S2, "example.", dns.rdatatype.NSEC3PARAM, rcode=dns.rcode.SERVFAIL
    )


def _empty_soa(case):
    case.data.apex[S2][SOA] = answer(S2, "example.", SOA, [], [])


def _two_soa(case):
    soa = case.zone.soa()
    other = dns.rrset.from_rdata_list(soa.name, soa.ttl, [soa[0].replace(serial=2)])
    case.data.apex[S2][SOA] = answer(S2, "example.", SOA, [soa, other])  # SOA is a singleton: two RRsets


def _no_opt(case):
    case.data.apex[S2][SOA].message.use_edns(False)


def _edns_flags(case):
    case.data.apex[S2][SOA].message.use_edns(0, 0x0040 | dns.flags.DO)


def _truncated_no_opt(case):
    truncated = answer(S2, "example.", DNSKEY)
    truncated.message.flags |= dns.flags.TC
    truncated.message.use_edns(False)
    case.log.append(truncated)


def _tc_tcp_broken(case):
    truncated = answer(S2, "example.", DNSKEY)
    truncated.message.flags |= dns.flags.TC
    case.log += [truncated, answer(S2, "example.", DNSKEY, error="network", transport="tcp")]


def _aaaa_dropped(case):
    case.log += [
        answer(S2, NS2, A, [dns.rrset.from_text(NS2, 3600, "IN", "A", S2)]),
        answer(S2, NS2, AAAA, error="timeout"),
    ]


def _wrong_source(case):
    stray = answer(S2, "example.", SOA, error="wrong_source")
    stray.source = "192.0.2.200"
    case.log.append(stray)


def _foreign_class(case):
    case.data.apex[S2][SOA].message.additional.append(dns.rrset.from_text("example.", 0, "CH", "TXT", '"x"'))


def _large_dnskey(case):
    case.data.apex[S2][DNSKEY].size = 1500


def _negative_without_soa(case):
    case.data.probe[S2] = answer(S2, "~nx.example.", A, [], [], rcode=dns.rcode.NXDOMAIN)


def _nxdomain_at_apex(case):
    case.data.apex[S2][dns.rdatatype.NSEC3PARAM] = answer(
        S2, "example.", dns.rdatatype.NSEC3PARAM, [], [case.zone.soa()], rcode=dns.rcode.NXDOMAIN
    )


def _serials(case):
    _soa_with(case, S2, serial=7)


def _stale(case):
    _soa_with(case, S1, serial=7)  # S1 is ahead, with one more key
    dnskeys = case.zone.dnskey_rrset()
    extra = dns.rrset.from_rdata_list(dnskeys.name, dnskeys.ttl, list(dnskeys) + [case.lab.root.zsk])
    case.data.apex[S1][DNSKEY] = answer(S1, "example.", DNSKEY, [extra, case.zone.sign(extra, "ksk")])


def _rname(case):
    _soa_with(case, S2, rname=N("other.example."))


def _ns_sets(case):
    ns = case.zone.rrset("NS", "ns1.example.")
    case.data.apex[S2][NS] = answer(S2, "example.", NS, signed_pair(case.zone, ns))


def _unsigned_server(case):
    case.data.apex[S2][DNSKEY] = answer(S2, "example.", DNSKEY, [], [case.zone.soa()])
    case.data.apex[S2][SOA] = answer(S2, "example.", SOA, [case.zone.soa()])


def _zsk_missing(case):
    only_ksk = dns.rrset.from_rdata_list(case.zone.name, 3600, [case.zone.ksk])
    case.data.apex[S2][DNSKEY] = answer(S2, "example.", DNSKEY, [only_ksk, case.zone.sign(only_ksk, "ksk")])


def _ds_content(case):
    other = dns.rrset.from_rdata_list(case.zone.name, 3600, [case.zone.ds(4)])
    case.data.ds[P2] = answer(P2, "example.", DS, [other, case.lab.root.sign(other)])


def _nsec_and_nsec3(case):
    nsec = case.zone.rrset("NSEC", "example. NS SOA RRSIG NSEC DNSKEY", owner=N("example."))
    nsec3 = dns.rrset.from_text(
        "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.", 3600, "IN", "NSEC3", "1 0 0 - 0p9mhaveqvm6t7vbl5lop2u3t2rp3ton A"
    )
    case.data.probe = {
        S1: answer(S1, "~nx.example.", A, [], [case.zone.soa(), nsec], rcode=dns.rcode.NXDOMAIN),
        S2: answer(S2, "~nx.example.", A, [], [case.zone.soa(), nsec3], rcode=dns.rcode.NXDOMAIN),
    }


def _nsec3_params(case):
    for server, iterations in ((S1, 0), (S2, 5)):
        param = case.zone.rrset("NSEC3PARAM", f"1 0 {iterations} -")
        case.data.apex[server][dns.rdatatype.NSEC3PARAM] = answer(server, "example.", dns.rdatatype.NSEC3PARAM, [param])


def _soa_timers_low(case):
    _soa_with(case, S1, refresh=600)
    _soa_with(case, S2, refresh=600)


def _soa_expire_short(case):
    _soa_with(case, S1, expire=3600)
    _soa_with(case, S2, expire=3600)


def _mname(case):
    _soa_with(case, S1, mname=N("hidden-primary.example."))
    _soa_with(case, S2, mname=N("hidden-primary.example."))


def _bad_ns_name(case):
    bad = N("ns_1.example.")
    case.data.apex_ns = {NS1, NS2, bad}
    case.data.delegated_ns = {NS1, NS2, bad}
    case.data.glue[bad] = {S1}


def _null_mx_mixed(case):
    mx = case.zone.rrset("MX", "0 .", "10 mail.example.")
    for server in (S1, S2):
        case.data.extra[server][MX] = answer(server, "example.", MX, signed_pair(case.zone, mx))


def _mx_cname(case):
    mx = case.zone.rrset("MX", "10 mail.example.")
    alias = dns.rrset.from_text("mail.example.", 3600, "IN", "CNAME", "host.example.")
    for server in (S1, S2):
        case.data.extra[server][MX] = answer(server, "example.", MX, signed_pair(case.zone, mx))
    case.data.mail_hosts[N("mail.example.")] = answer(S1, "mail.example.", A, signed_pair(case.zone, alias))


def _null_mx_preference(case):
    mx = case.zone.rrset("MX", "10 .")
    for server in (S1, S2):
        case.data.extra[server][MX] = answer(server, "example.", MX, signed_pair(case.zone, mx))


def _mx_differs(case):
    for server, text in ((S1, "10 mail.example."), (S2, "10 mx.example.")):
        case.data.extra[server][MX] = answer(
            server, "example.", MX, signed_pair(case.zone, case.zone.rrset("MX", text))
        )


def _target(case, qname, rrsets):
    case.walk.target = N(qname)
    case.walk.target_answers = {S1: {A: answer(S1, qname, A, rrsets)}}


def _cname_other_data(case):
    _target(
        case,
        "www.example.",
        [
            dns.rrset.from_text("www.example.", 3600, "IN", "CNAME", "host.example."),
            dns.rrset.from_text("www.example.", 3600, "IN", "A", "192.0.2.5"),
        ],
    )


def _cname_loop(case):
    case.walk.cname_chain = [N("a.example."), N("b.example."), N("a.example.")]
    case.walk.cname_loop = True


def _dname_no_cname(case):
    _target(case, "www.old.example.", [dns.rrset.from_text("old.example.", 3600, "IN", "DNAME", "new.example.")])


def _dname_ttl(case):
    _target(
        case,
        "www.old.example.",
        [
            dns.rrset.from_text("old.example.", 3600, "IN", "DNAME", "new.example."),
            dns.rrset.from_text("www.old.example.", 0, "IN", "CNAME", "www.new.example."),
        ],
    )


CASES = {
    "A1 parent_zone_undetermined WARN": lambda c: setattr(c.walk, "complete", False),
    "A2 not_delegated CRIT": _not_delegated,
    "A3 delegation_inconsistent_parent_servers ERR": _inconsistent_parents,
    "A4 no_working_nameserver CRIT": _no_working,
    "A5 lame_server ERR": _lame,
    "A6 too_few_nameservers ERR": _one_ns,
    "A8 ns_shared_ip ERR": _shared_ip,
    "A10 ns_parent_not_in_child ERR": _parent_not_in_child,
    "A11 ns_child_not_in_parent NOTE": _child_not_in_parent,
    "A12 glue_required_missing ERR": _glue_missing,
    "A13 glue_family_missing WARN": _glue_family_missing,
    "A14 glue_mismatch ERR": _glue_mismatch,
    "A15 glue_extra WARN": _glue_extra,
    "A16 ns_name_unresolvable ERR": _unresolvable,
    "A18 ns_is_cname ERR": _ns_cname,
    "A19 referral_too_large WARN": _big_referral,
    "A20 ds_query_gets_referral ERR": _ds_referral,
    "A21 upward_referral WARN": _upward,
    "A22 aa_on_referral WARN": _aa_referral,
    "A23 ns_reverse_dns NOTE": _no_ptr,
    "B1 udp_unresponsive ERR": _udp_silent,
    "B2 tcp_unresponsive ERR": _tcp_silent,
    "B3 bad_response ERR": _servfail,
    "B4 wrong_or_empty_answer ERR": _empty_soa,
    "B5 multiple_soa ERR": _two_soa,
    "B8 edns_broken ERR": _no_opt,
    "B12 edns_unknown_flag WARN": _edns_flags,
    "B14 truncated_without_opt WARN": _truncated_no_opt,
    "B16 large_dnssec_response NOTE": _large_dnskey,
    "B17 tc_and_tcp_broken CRIT": _tc_tcp_broken,
    "B19 aaaa_query_mishandled ERR": _aaaa_dropped,
    "B20 different_source_address WARN": _wrong_source,
    "B22 foreign_class_data WARN": _foreign_class,
    "B24 negative_answer_soa ERR": _negative_without_soa,
    "B25 nxdomain_inconsistency ERR": _nxdomain_at_apex,
    "C1 soa_serial_mismatch WARN": _serials,
    "C2 soa_fields_mismatch NOTE": _rname,
    "C3 ns_rrset_mismatch NOTE": _ns_sets,
    "C4 signed_state_inconsistent ERR": _unsigned_server,
    "C5 dnskey_rrset_differs ERR": _zsk_missing,
    "C6 ds_rrset_differs_parent ERR": _ds_content,
    "C7 denial_type_inconsistent ERR": _nsec_and_nsec3,
    "C8 nsec3_params_inconsistent ERR": _nsec3_params,
    "C10 secondary_stale ERR": _stale,
    "J1 cname_with_other_data WARN": _cname_other_data,
    "J2 cname_loop ERR": _cname_loop,
    "J3 dname_synthesis ERR": _dname_no_cname,
    "J4 soa_timers NOTE": _soa_timers_low,
    "J5 soa_mname NOTE": _mname,
    "J6 mail_records WARN": _null_mx_mixed,
    "J7 name_syntax ERR": _bad_ns_name,
}
MORE_CASES = {
    "B8 edns_broken WARN": (_no_opt, lambda c: setattr(c, "signed", False)),
    "B16 large_dnssec_response WARN": (_large_dnskey, _tcp_silent),
    "J3 dname_synthesis WARN": (_dname_ttl,),
    "J4 soa_timers WARN": (_soa_expire_short,),
    "J6 mail_records ERR": (_mx_cname,),
    "J6 mail_records NOTE": (_null_mx_preference,),
}


def _run(mutations):
    case = Case()
    for mutate in mutations:
        mutate(case)
    return case.findings()


@pytest.mark.parametrize("label", list(CASES) + list(MORE_CASES))
def test_row_is_reported_with_its_severity(label):
    number, finding_id, severity = label.split()
    mutations = MORE_CASES.get(label) or (CASES[label],)
    findings = _run(mutations)
    found = ids(findings)
    assert severity in found.get(finding_id, set()), found
    row = catalog.get(finding_id)
    assert row.number == number and severity in row.severities
    for finding in findings:
        shown = display_evidence(finding)
        empty = [name for name in catalog.get(finding.id).placeholders if shown.get(name) in (None, "", [])]
        assert not empty, (finding.id, empty)
        finding.to_dict()
        finding.texts("ja"), finding.texts("en")


def test_mx_sets_that_differ_between_servers_are_one_warning():
    case = Case()
    _mx_differs(case)
    mail = [f for f in case.findings() if f.id == "mail_records"]
    assert [(f.severity, f.evidence["mx"]) for f in mail] == [
        ("WARN", [f"{S1}: 10 mail.example.", f"{S2}: 10 mx.example."])
    ]


def test_a_null_mx_alone_with_preference_0_is_no_finding():
    case = Case()
    mx = case.zone.rrset("MX", "0 .")
    for server in (S1, S2):
        case.data.extra[server][MX] = answer(server, "example.", MX, signed_pair(case.zone, mx))
    assert "mail_records" not in ids(case.findings())


def test_matching_reverse_names_are_no_finding():
    case = Case()
    case.data.ptr = {S1: {NS1}, S2: {NS2}}
    assert "ns_reverse_dns" not in ids(case.findings())


def test_host_name_syntax():
    assert hostname_problem(N("ns1.example.jp.")) is None
    assert hostname_problem(N("xn--eckwd4c7c.jp.")) is None
    assert hostname_problem(N("-ns.example.jp.")) == "ERR"
    assert hostname_problem(N("ns.example.123.")) == "ERR"
    assert hostname_problem(N("ab--cd.example.jp.")) == "WARN"


def _providers(case, b_lacks_zsk_a=False, b_signs_data_with_ksk=False):
    """RFC 8901 model 2: S1 is provider A (the case's zone keys), S2 provider B (keys of its own)."""
    a, b = case.zone, Zone("example.", label="provider-b")
    served = {S1: [a.ksk, a.zsk, b.zsk], S2: [b.ksk, b.zsk] + ([] if b_lacks_zsk_a else [a.zsk])}
    for server, provider in ((S1, a), (S2, b)):
        keys = dns.rrset.from_rdata_list(a.name, 3600, served[server])
        case.data.apex[server][DNSKEY] = answer(server, "example.", DNSKEY, [keys, provider.sign(keys, "ksk")])
    data_key = "ksk" if b_signs_data_with_ksk else "zsk"
    case.data.apex[S2][SOA] = answer(S2, "example.", SOA, [a.soa(), b.sign(a.soa(), data_key)])
    return a, b, {a.ksk.to_digestable(), b.ksk.to_digestable()}


def test_multi_signer_model_2_is_info_not_a_dnskey_difference():
    case = Case()
    a, b, ds_keys = _providers(case)
    found = zone_findings(case.walk, case.log, True, ds_keys)
    providers = [f"{S1} (KSK {key_tag(a.ksk)})", f"{S2} (KSK {key_tag(b.ksk)})"]
    assert [(f.id, f.severity, f.server, f.evidence) for f in found if f.id not in LAB_FAMILY] == [
        ("multi_signer_detected", "INFO", None, {"providers": providers})
    ]


def test_multi_signer_provider_lacking_a_zsk_is_k5_naming_it():
    case = Case()
    a, _, ds_keys = _providers(case, b_lacks_zsk_a=True)
    found = zone_findings(case.walk, case.log, True, ds_keys)
    (k5,) = [f for f in found if f.id == "multi_signer_consistency"]
    assert (k5.severity, k5.evidence) == ("ERR", {"provider": [S2], "key_tags": [key_tag(a.zsk)]})
    assert "dnskey_rrset_differs" not in ids(found)


def test_multi_signer_ksk_that_signs_data_must_be_in_every_rrset():
    # Like DNSViz: a key seen signing data (here provider B's KSK, used as a CSK) must be in
    # every provider's DNSKEY RRset, even though a DS designates it.
    case = Case()
    _, b, ds_keys = _providers(case, b_signs_data_with_ksk=True)
    found = zone_findings(case.walk, case.log, True, ds_keys)
    (k5,) = [f for f in found if f.id == "multi_signer_consistency"]
    assert (k5.severity, k5.evidence) == ("ERR", {"provider": [S1], "key_tags": [key_tag(b.ksk)]})


def test_a_ksk_missing_without_a_provider_of_its_own_stays_c5():
    case = Case()
    keys = dns.rrset.from_rdata_list(case.zone.name, 3600, [case.zone.zsk])
    case.data.apex[S2][DNSKEY] = answer(S2, "example.", DNSKEY, [keys, case.zone.sign(keys)])
    found = zone_findings(case.walk, case.log, True, {case.zone.ksk.to_digestable()})
    assert ids(found)["dnskey_rrset_differs"] == {"ERR"}
    assert "multi_signer_detected" not in ids(found)
