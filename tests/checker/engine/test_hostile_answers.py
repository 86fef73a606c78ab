"""Hostile record fields never crash the chain of trust (docs/RELIABILITY.md, S1); the wire-format
fuzzing of whole answers is test_fuzz.py."""

import dns.exception
import dns.name
import dns.rdatatype
import dns.rrset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.engine.walker import Walker, ZoneData

from .signed import Hierarchy, answer

QTYPES = [dns.rdatatype.DNSKEY, dns.rdatatype.SOA, dns.rdatatype.NS, dns.rdatatype.NSEC3PARAM]


FIELDS = {
    dns.rdatatype.DNSKEY: {
        "flags": st.integers(0, 65535),
        "protocol": st.integers(0, 255),
        "algorithm": st.integers(0, 255),
        "key": st.binary(max_size=600),
    },
    dns.rdatatype.RRSIG: {
        "algorithm": st.integers(0, 255),
        "labels": st.integers(0, 255),
        "original_ttl": st.integers(0, 2**32 - 1),
        "expiration": st.integers(0, 2**32 - 1),
        "inception": st.integers(0, 2**32 - 1),
        "key_tag": st.integers(0, 65535),
        "signature": st.binary(max_size=600),
        "signer": st.sampled_from(
            [
                dns.name.root,
                dns.name.from_text("example."),
                dns.name.from_text("www.example."),
                dns.name.from_text("other."),
            ]
        ),
    },
    dns.rdatatype.DS: {
        "key_tag": st.integers(0, 65535),
        "algorithm": st.integers(0, 255),
        "digest_type": st.integers(0, 255),
        "digest": st.binary(max_size=80),
    },
    dns.rdatatype.NSEC: {
        "next": st.sampled_from(
            [
                dns.name.root,
                dns.name.from_text("example."),
                dns.name.from_text("a.example."),
                dns.name.from_text("~.example."),
            ]
        )
    },
}


@st.composite
def altered_answers(draw):
    """A correct server's answers with record fields set to arbitrary values."""
    lab = Hierarchy()
    for server in Hierarchy.CHILD_SERVERS:
        for qtype in draw(st.lists(st.sampled_from(QTYPES), min_size=1, max_size=3, unique=True)):
            answer = lab.child_data.apex[server][qtype]
            for section in (answer.message.answer, answer.message.authority):
                for index, rrset in enumerate(section):
                    fields = FIELDS.get(rrset.rdtype)
                    if not fields or not draw(st.booleans()):
                        continue
                    changed = {name: draw(strategy) for name, strategy in fields.items() if draw(st.booleans())}
                    try:
                        replaced = [rdata.replace(**changed) for rdata in rrset]
                    except (ValueError, TypeError, dns.exception.DNSException):
                        continue  # dnspython refuses the value; a parsed answer cannot hold it either
                    section[index] = dns.rrset.from_rdata_list(rrset.name, rrset.ttl, replaced)
    if draw(st.booleans()):
        try:
            lab.set_ds([lab.child.ds().replace(**{k: draw(v) for k, v in FIELDS[dns.rdatatype.DS].items()})])
        except (ValueError, TypeError, dns.exception.DNSException):
            pass  # a digest length dnspython refuses for that type
    return lab


@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lab=altered_answers())
def test_arbitrary_record_fields_never_raise(lab):
    _, child, findings, _ = lab.validate()
    assert child.status in ("secure", "insecure", "bogus", "indeterminate")
    for finding in findings:
        finding.to_dict()
        finding.texts("ja"), finding.texts("en")  # evidence renders in both languages


def test_addresses_of_another_class_are_neither_glue_nor_data():
    """bench/fuzz_engine.py, seed 0, input 718: an A record of class NONE (dnspython keeps it as
    generic RDATA, without an address) beside a referral raised AttributeError in the walker.  A
    resolver ignores records of another class than the question's; B22 `foreign_class_data`
    reports them."""
    ns1 = dns.name.from_text("ns1.example.")
    referral = answer(
        Hierarchy.ROOT_SERVERS[0],
        "example.",
        dns.rdatatype.NS,
        authority=[dns.rrset.from_text("example.", 3600, "IN", "NS", "ns1.example.")],
        aa=False,
    )
    referral.message.additional += [
        dns.rrset.from_text(ns1, 3600, "NONE", "A", r"\# 4 c0000209"),
        dns.rrset.from_text(ns1, 3600, "IN", "A", "192.0.2.11"),
    ]
    child = ZoneData(dns.name.from_text("example."))
    Walker._read_referral(None, child, referral)
    assert (child.delegated_ns, child.glue) == ({ns1}, {ns1: {"192.0.2.11"}})

    lookup = answer(Hierarchy.CHILD_SERVERS[0], ns1, dns.rdatatype.A)
    # Generic syntax (RFC 3597), which parses whether or not dnspython holds CH A as generic RDATA: in one CI
    # worker, after other tests, it did and refused the presentation form (the cause is not pinned down).
    lookup.message.answer.append(dns.rrset.from_text(ns1, 3600, "CH", "A", r"\# 11 076578616d706c65000001"))
    assert lookup.rrset("answer", ns1, dns.rdatatype.A) is None
