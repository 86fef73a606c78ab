"""Group I (CDS and CDNSKEY) and C9 on in-memory answers: a correct CDS/CDNSKEY pair, then one
fault per case with the finding and severity it must cause."""

import dns.dnssec
import dns.rdata
import dns.rdatatype
import dns.rrset
import pytest

from checker import catalog
from checker.engine.cds import cds_findings
from checker.engine.chain import ChainValidator
from checker.engine.report import display_evidence
from checker.engine.validator import Memo, Verifier

from .signed import NOW, Hierarchy, answer, ids

CDS, CDNSKEY = dns.rdatatype.CDS, dns.rdatatype.CDNSKEY


def cds_of(key, zone, digest_type=2):
    ds = dns.dnssec.make_ds(zone.name, key, digest_type, policy=dns.dnssec.allow_all_policy)
    return dns.rdata.from_text("IN", "CDS", ds.to_text())


def cdnskey_of(key):
    return dns.rdata.from_text("IN", "CDNSKEY", key.to_text())


class Case:
    def __init__(self):
        self.lab = Hierarchy()
        self.zone = self.lab.child
        self.cds = [cds_of(self.zone.ksk, self.zone)]
        self.cdnskey = [cdnskey_of(self.zone.ksk)]
        self.signer = "ksk"
        self.per_server = {}

    def publish(self, server, rdtype, rdatas, signer):
        if rdatas is None:
            self.lab.child_data.extra.setdefault(server, {})[rdtype] = answer(
                server, "example.", rdtype, [], [self.zone.soa()]
            )
            return
        rrset = dns.rrset.from_rdata_list(self.zone.name, 3600, rdatas)
        records = [rrset] if signer is None else [rrset, self.zone.sign(rrset, signer)]
        self.lab.child_data.extra.setdefault(server, {})[rdtype] = answer(server, "example.", rdtype, records)

    def findings(self):
        for server in Hierarchy.CHILD_SERVERS:
            cds, cdnskey = self.per_server.get(server, (self.cds, self.cdnskey))
            self.publish(server, CDS, cds, self.signer)
            self.publish(server, CDNSKEY, cdnskey, self.signer)
        validator = ChainValidator(self.lab.anchors, NOW, Verifier(Memo()))
        root = validator.evaluate_zone(self.lab.root_data, None)
        child = validator.evaluate_zone(self.lab.child_data, root)
        return cds_findings(child, validator)


def test_correct_cds_and_cdnskey_have_no_finding():
    assert ids(Case().findings()) == {}


def _set(**changes):
    def mutate(case):
        for name, value in changes.items():
            setattr(case, name, value)

    return mutate


def _zsk_cds(case):
    case.cds = [cds_of(case.zone.zsk, case.zone)]
    case.cdnskey = [cdnskey_of(case.zone.zsk)]


def _unknown_key(case):
    stranger = case.lab.root.zsk
    case.cds = [cds_of(stranger, case.zone)]
    case.cdnskey = [cdnskey_of(stranger)]


def _new_ksk(case):  # a rollover in progress: the CDS names the KSK and an extra published key
    extra = case.lab.root.ksk.replace(flags=257)
    case.zone.extra_keys = [extra]
    case.cds = [cds_of(case.zone.ksk, case.zone), cds_of(extra, case.zone)]
    case.cdnskey = [cdnskey_of(case.zone.ksk), cdnskey_of(extra)]


def _differs_per_server(case):
    case.per_server[Hierarchy.CHILD_SERVERS[1]] = ([cds_of(case.zone.zsk, case.zone)], [cdnskey_of(case.zone.zsk)])


def _mismatch(case):
    case.cdnskey = [cdnskey_of(case.zone.zsk)]


def _delete_bad(case):
    case.cds = [dns.rdata.from_text("IN", "CDS", "0 0 0 00"), cds_of(case.zone.ksk, case.zone)]
    case.cdnskey = None


def _sha1(case):
    case.cds = [cds_of(case.zone.ksk, case.zone, 1)]
    case.cdnskey = None


def _non_zone_key(case):
    case.cdnskey = [cdnskey_of(case.zone.ksk.replace(flags=1))]
    case.cds = None


CASES = {
    "I1 cds_cdnskey_only_one NOTE": _set(cdnskey=None),
    "I2 cds_cdnskey_mismatch ERR": _mismatch,
    "I3 cds_differs_from_ds INFO": _new_ksk,
    "I4 cds_not_signed_by_ds_key ERR": _set(signer="zsk"),
    "I5 cds_would_break_chain ERR": _unknown_key,
    "I6 cds_key_flags NOTE": _zsk_cds,
    "I7 cds_not_self_signed NOTE": _zsk_cds,  # signed by the KSK, pointing at the ZSK
    "I8 cds_signature_problem ERR": _set(signer=None),
    "I9 cds_delete_malformed ERR": _delete_bad,
    "I10 cds_delete_requested INFO": _set(
        cds=[dns.rdata.from_text("IN", "CDS", "0 0 0 00")], cdnskey=[dns.rdata.from_text("IN", "CDNSKEY", "0 3 0 AA==")]
    ),
    "I11 cds_weak_algorithms WARN": _sha1,
    "I6 cds_key_flags ERR": _non_zone_key,
    "C9 cds_cdnskey_inconsistent_servers ERR": _differs_per_server,
}


@pytest.mark.parametrize("label", list(CASES))
def test_row_is_reported_with_its_severity(label):
    number, finding_id, severity = label.split()
    case = Case()
    CASES[label](case)
    findings = case.findings()
    found = ids(findings)
    assert severity in found.get(finding_id, set()), found
    assert catalog.get(finding_id).number == number
    for finding in findings:
        shown = display_evidence(finding)
        empty = [name for name in catalog.get(finding.id).placeholders if shown.get(name) in (None, "", [])]
        assert not empty, (finding.id, empty)


def test_one_server_against_one_names_both_whatever_the_hash_order():
    """With no majority there is no 'common' RRset to differ from: both servers are named (the choice was the
    hash order of a set of frozensets, so the evidence changed from run to run)."""
    case = Case()
    _differs_per_server(case)
    found = [f for f in case.findings() if f.id == "cds_cdnskey_inconsistent_servers"]
    assert sorted((f.evidence["rrtype"], tuple(f.evidence["servers"])) for f in found) == [
        ("CDNSKEY", Hierarchy.CHILD_SERVERS),
        ("CDS", Hierarchy.CHILD_SERVERS),
    ]
