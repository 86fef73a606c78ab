"""The lab builds, every condition has its zone, and the files a checker reads parse."""

import ipaddress

import dns.dnssec
import dns.name
import dns.rdatatype
import dns.rrset
import dns.zone
import pytest

import checker.catalog
from checker.lab import CATALOG_ROWS, CONDITIONS, LAB_WIDE_FINDINGS, ROWS_WITHOUT_ZONE, build_lab

GOOD = ["alg8", "alg13", "alg15", "alg16", "nsec3", "deep-chain"]
CATALOG_GROUPS = {"C": 10, "D": 19, "E": 8, "F": 18, "H": 5, "I": 11}


def rrset(zone: dns.zone.Zone, name, rdtype, covers=dns.rdatatype.NONE) -> dns.rrset.RRset:
    name = dns.name.from_text(name) if isinstance(name, str) else name
    rdataset = zone.find_rdataset(name, rdtype, covers)
    return dns.rrset.from_rdata_list(name, rdataset.ttl, list(rdataset))


def trust_anchor(lab, key: str) -> dns.rrset.RRset:
    lines = lab.trust_anchor_files[key].read_text().splitlines()
    rdtype = lines[0].split("\t")[3]
    return dns.rrset.from_text_list(".", 86400, "IN", rdtype, [line.split("\t", 4)[4] for line in lines])


def validate_offline(lab, zone_name: str) -> None:
    """Validate DS -> DNSKEY -> SOA of a zone from the zone files (raises on failure)."""
    zone = lab.load_zone(zone_name)
    name = dns.name.from_text(zone_name)
    keys = rrset(zone, name, dns.rdatatype.DNSKEY)
    if name == dns.name.root:
        ds_set = trust_anchor(lab, "default")
    else:
        ds_set = rrset(lab.load_zone(lab.zones[zone_name].parent), name, dns.rdatatype.DS)
    assert any(
        dns.dnssec.make_ds(name, key, ds.digest_type) == ds for key in keys for ds in ds_set if ds.digest_type == 2
    )
    dns.dnssec.validate(keys, rrset(zone, name, dns.rdatatype.RRSIG, dns.rdatatype.DNSKEY), {name: keys}, now=lab.now)
    dns.dnssec.validate(
        rrset(zone, name, dns.rdatatype.SOA),
        rrset(zone, name, dns.rdatatype.RRSIG, dns.rdatatype.SOA),
        {name: keys},
        now=lab.now,
    )


def test_every_condition_has_its_zone(lab):
    assert len(CONDITIONS) >= 50
    for condition in CONDITIONS.values():
        assert condition.zone in lab.zones, condition.name
        zone = lab.load_zone(condition.zone)
        assert dns.name.from_text(condition.check_name).is_subdomain(zone.origin)
        assert condition.description_ja and condition.description_en
        assert condition.expected_verdict in checker.catalog.VERDICTS
        assert condition.trust_anchor in lab.trust_anchor_files


def test_expected_findings_are_catalog_ids():
    named = set(LAB_WIDE_FINDINGS).union(*(c.expected_findings for c in CONDITIONS.values()))
    assert named <= checker.catalog.ids()


def test_catalog_rows_d_e_f_h_are_covered():
    for group, count in CATALOG_GROUPS.items():
        for number in range(1, count + 1):
            row = f"{group}{number}"
            assert row in CATALOG_ROWS or row in ROWS_WITHOUT_ZONE, row
    for condition in CATALOG_ROWS.values():
        assert condition in CONDITIONS


# Zones whose name servers are not ns1 and ns2 on two addresses of their own, and what they have instead:
# their NS names, the number of addresses that serve them.
OTHER_SERVERS = {
    "ns-one.test.": (("ns1",), 1),
    "ns-shared-ip.test.": (("ns1", "ns2"), 1),
    "ns-parent-only.test.": (("ns1", "ns2", "ns3"), 3),
    "ns-child-only.test.": (("ns1", "ns2", "ns3"), 3),
    "ns-name-syntax.test.": (("ns1", "ns_2"), 2),
    "glue-mismatch.test.": (("ns1", "ns2"), 3),
    "lame-parent.test.": (("ns1", "ns2"), 1),  # ns2 is lame
    # ns2 serves the parent instead, on a spare address of the parent.
    "sub.ns-parent-nx.test.": (("ns1", "ns2"), 1),
    "sub.ns-parent-empty.test.": (("ns1", "ns2"), 1),
    "ns-parent-nx.test.": (("ns1", "ns2"), 3),
    "ns-parent-empty.test.": (("ns1", "ns2"), 3),
}


def test_every_zone_has_its_servers_on_distinct_addresses_in_the_network(lab):
    seen = []
    for name, zone in lab.zones.items():
        labels, count = OTHER_SERVERS.get(name, (("ns1", "ns2"), 2))
        if name not in (".", "test."):
            assert list(zone.nameservers) == [f"{label}.{name}" for label in labels], name
        assert len(zone.addresses) == count, name
        for address in zone.addresses:
            assert ipaddress.ip_address(address) in lab.network
        seen += zone.addresses
        loaded = lab.load_zone(name)
        for rdtype in ("SOA", "NS", "TXT"):
            assert loaded.get_rdataset(name, rdtype) is not None, (name, rdtype)
        if name != ".":
            for rdtype in ("A", "AAAA"):
                assert loaded.get_rdataset(f"www.{name}", rdtype) is not None
    lame = {name: zone.lame_addresses for name, zone in lab.zones.items() if zone.lame_addresses}
    seen += set(lame["lame-parent.test."])  # a lame name server's address that serves no zone at all
    assert len(seen) == len(set(seen))
    assert lame == {
        name: (lab.zones[name].nameservers[f"ns2.{name}"],)
        for name in ("lame-parent.test.", "sub.ns-parent-nx.test.", "sub.ns-parent-empty.test.")
    }
    for parent in ("ns-parent-nx.test.", "ns-parent-empty.test."):  # each child's ns2 serves its parent
        assert lab.zones[parent].spare_addresses == lame[f"sub.{parent}"]


# Delegations that differ from the zone's apex NS set: (names only the parent lists, names only the apex lists).
DELEGATION_DIFFERS = {
    "ns-parent-only.test.": ({"ns3.ns-parent-only.test."}, set()),
    "ns-child-only.test.": (set(), {"ns3.ns-child-only.test."}),
}
# IPv4 glue that is not the addresses of every name server of the zone.
GLUE_DIFFERS = {
    "glue-missing.test.": lambda zone: {zone.addresses[0]},  # none for ns2
    "glue-mismatch.test.": lambda zone: {zone.addresses[0], zone.spare_addresses[0]},  # ns2's former address
    "ns-child-only.test.": lambda zone: set(zone.addresses[:2]),  # none for ns3, which the parent does not list
    "lame-parent.test.": lambda zone: set(zone.nameservers.values()),  # ns2's too, which serves nothing
    "sub.ns-parent-nx.test.": lambda zone: set(zone.nameservers.values()),  # ns2's too, which serves the parent
    "sub.ns-parent-empty.test.": lambda zone: set(zone.nameservers.values()),
    "ns-parent-nx.test.": lambda zone: set(zone.nameservers.values()),  # not the spare address
    "ns-parent-empty.test.": lambda zone: set(zone.nameservers.values()),
}


def test_parents_publish_glue_and_delegation(lab):
    parents = {}
    for name, zone in lab.zones.items():
        if zone.parent is None:
            continue
        if zone.parent not in parents:
            parents[zone.parent] = lab.load_zone(zone.parent)
        parent = parents[zone.parent]
        listed = {r.target.to_text() for r in parent.find_rdataset(name, "NS")}
        apex = {r.target.to_text() for r in lab.load_zone(name).find_rdataset(name, "NS")}
        assert (listed - apex, apex - listed) == DELEGATION_DIFFERS.get(name, (set(), set())), name
        # Glue for the zone's own names only; an NS name in another zone (ns-cname-outside) has none.
        inside = {ns for ns in listed if dns.name.from_text(ns).is_subdomain(dns.name.from_text(name))}
        glue = {r.address for ns in inside for r in parent.get_rdataset(ns, "A") or ()}
        if name in GLUE_DIFFERS:
            assert glue == GLUE_DIFFERS[name](zone), name
        elif listed - inside:
            assert (name, listed - inside) == ("ns-cname-outside.test.", {"mail.mx-cname.test."})
            assert parent.get_rdataset("mail.mx-cname.test.", "A") is None
            assert glue < set(zone.addresses)
        else:
            assert glue == set(zone.addresses)


def _soa(zone, name):
    return zone.find_rdataset(name, "SOA")[0]


def _texts(zone, name, rdtype) -> set[str]:
    return {r.to_text() for r in zone.get_rdataset(name, rdtype) or ()}


# Zones whose two servers, or whose parent's two servers, serve copies that differ (group C, A3):
# the zone (or parent) and what its ns2 copy has against its ns1 copy.
TWO_COPIES = {
    "serial-differs.test.": lambda one, two, n: (
        _soa(two, n).serial == _soa(one, n).serial - 1 and _texts(one, n, "DNSKEY") == _texts(two, n, "DNSKEY")
    ),
    "soa-rname-differs.test.": lambda one, two, n: (
        (_soa(one, n).rname.to_text(), _soa(two, n).rname.to_text()) == (f"hostmaster.{n}", f"dns-admin.{n}")
        and _soa(one, n).serial == _soa(two, n).serial
    ),
    "ns-set-differs.test.": lambda one, two, n: _texts(one, n, "NS") - _texts(two, n, "NS") == {f"ns1.{n}"},
    "unsigned-one-server.test.": lambda one, two, n: (
        _texts(one, n, "DNSKEY") and not _texts(two, n, "DNSKEY") and two.get_rdataset(n, "RRSIG", "SOA") is None
    ),
    "dnskey-differs-zsk.test.": lambda one, two, n: (
        len(_texts(one, n, "DNSKEY") - _texts(two, n, "DNSKEY")) == 1
        and _texts(two, n, "DNSKEY") < _texts(one, n, "DNSKEY")
    ),
    "dnskey-differs-ksk.test.": lambda one, two, n: (
        len(_texts(one, n, "DNSKEY") - _texts(two, n, "DNSKEY")) == 1
        and _texts(two, n, "DNSKEY") < _texts(one, n, "DNSKEY")
    ),
    "ds-split.test.": lambda one, two, n: (
        _texts(one, f"sub.{n}", "DS")
        and not _texts(two, f"sub.{n}", "DS")
        and _texts(one, f"sub.{n}", "NS") == _texts(two, f"sub.{n}", "NS")
    ),
    "delegation-split.test.": lambda one, two, n: _texts(one, f"sub.{n}", "NS") and two.get_node(f"sub.{n}") is None,
    "denial-differs.test.": lambda one, two, n: (
        _texts(one, n, "NSEC") and not _texts(two, n, "NSEC") and _texts(two, n, "NSEC3PARAM") == {"1 0 0 -"}
    ),
    "nsec3-params-differ.test.": lambda one, two, n: (
        (_texts(one, n, "NSEC3PARAM"), _texts(two, n, "NSEC3PARAM")) == ({"1 0 0 -"}, {"1 0 0 abcd"})
    ),
    "cds-differs.test.": lambda one, two, n: (
        _texts(one, n, "CDS") and _texts(one, n, "CDNSKEY") and not _texts(two, n, "CDS") | _texts(two, n, "CDNSKEY")
    ),
    "secondary-stale.test.": lambda one, two, n: (
        _soa(two, n).serial == _soa(one, n).serial - 1 and len(_texts(one, n, "DNSKEY") & _texts(two, n, "DNSKEY")) == 1
    ),
}


def test_a_child_whose_ns2_serves_its_parent_instead(lab):
    for parent, sub in (("ns-parent-nx.test.", None), ("ns-parent-empty.test.", {'"not delegated here"'})):
        address = lab.zones[f"sub.{parent}"].lame_addresses[0]
        assert lab.zones[parent].file_for(address) != lab.zones[parent].file
        served = lab.load_zone(parent, address)
        assert _texts(lab.load_zone(parent), f"sub.{parent}", "NS")
        assert (served.get_node(f"sub.{parent}") is None) == (sub is None)
        if sub is not None:
            assert _texts(served, f"sub.{parent}", "TXT") == sub and not _texts(served, f"sub.{parent}", "NS")


@pytest.mark.parametrize("name", TWO_COPIES)
def test_the_second_server_serves_a_copy_that_differs_as_its_condition_says(lab, name):
    zone = lab.zones[name]
    second = list(zone.nameservers.values())[1]
    assert list(zone.other_files) == [second]
    assert TWO_COPIES[name](lab.load_zone(name), lab.load_zone(name, second), dns.name.from_text(name))


def test_root_hints_and_trust_anchors_parse_and_match_the_root(lab):
    hints = dns.zone.from_file(str(lab.root_hints_file), origin=".", relativize=False, check_origin=False)
    servers = {r.target for r in hints.find_rdataset(".", "NS")}
    assert {hints.find_rdataset(ns, "A")[0].address for ns in servers} == set(lab.servers["."])
    root = lab.load_zone(".")
    root_keys = rrset(root, ".", dns.rdatatype.DNSKEY)
    good = trust_anchor(lab, "default")
    assert any(dns.dnssec.make_ds(".", key, "SHA256") == ds for key in root_keys for ds in good)
    assert lab.trust_anchor_file == lab.trust_anchor_files["default"]
    assert trust_anchor(lab, "dnskey")[0] in root_keys
    wrong = trust_anchor(lab, "wrong-ds")
    assert not any(dns.dnssec.make_ds(".", key, "SHA256") == ds for key in root_keys for ds in wrong)
    revoked = trust_anchor(lab, "revoked-dnskey")[0]
    assert revoked.flags & 0x80 and revoked not in root_keys


@pytest.mark.parametrize("condition", GOOD)
def test_good_zones_validate_offline(lab, condition):
    for name in [".", "test.", CONDITIONS[condition].zone]:
        validate_offline(lab, name)


@pytest.mark.parametrize(
    "condition",
    [
        "expired",
        "notyet",
        "ds-mismatch",
        "dnskey-unsigned",
        "bogus-sig",
        "signer-mismatch",
        "labels-too-large",
        "rrsig-bad-length",
        "window-malformed",
    ],
)
def test_bogus_zones_fail_offline(lab, condition):
    with pytest.raises((dns.dnssec.ValidationFailure, AssertionError, KeyError)):
        validate_offline(lab, CONDITIONS[condition].zone)


@pytest.mark.parametrize(
    "condition",
    [
        "inception-recent",
        "expiring-soon",
        "remaining-long",
        "window-long",
        "original-ttl",
        "ttl-mismatch",
        "keytag-collision",
        "alg-missing",
        "rrsig-key-absent",
        "revoked-misuse",
        "ds-orphan",
        "ds-revoked",
    ],
)
def test_secure_zones_with_warnings_validate_offline(lab, condition):
    validate_offline(lab, CONDITIONS[condition].zone)


def test_keytag_collision_is_real(lab):
    zone = lab.load_zone("keytag-collision.test.")
    tags = [dns.dnssec.key_id(k) for k in zone.find_rdataset("keytag-collision.test.", "DNSKEY") if k.flags == 256]
    assert len(tags) == 2 and tags[0] == tags[1]


def test_second_build_reuses_the_keys(lab, tmp_path, request):
    key_dir = request.config.cache.mkdir("lab-keys")
    again = build_lab(lab.network, tmp_path, lab.now, key_dir=key_dir)
    assert again.keys_generated == 0
    assert again.ds == lab.ds
    for name, zone in lab.zones.items():
        assert again.zones[name].file.read_text() == zone.file.read_text(), name


def test_missing_rrsig_leaves_the_soa_signed_and_the_data_unsigned(lab):
    zone = lab.load_zone("missing-rrsig.test.")
    assert zone.get_rdataset("missing-rrsig.test.", "RRSIG", "SOA")
    for name, rdtype in [
        ("missing-rrsig.test.", "NS"),
        ("www.missing-rrsig.test.", "A"),
        ("www.missing-rrsig.test.", "AAAA"),
    ]:
        assert zone.get_rdataset(name, "RRSIG", rdtype) is None


def test_the_first_key_stored_stays_when_two_builds_generate_one_at_once(tmp_path):
    """Two test processes building the lab at once must sign with the same key: the second keeps the first's."""
    from checker.lab.keys import _store_first

    path = tmp_path / "example" / "ksk-a13-0.pem"
    assert _store_first(path, b"first") == b"first"
    assert _store_first(path, b"second") == b"first"
    assert path.read_bytes() == b"first"
    assert sorted(p.name for p in path.parent.iterdir()) == ["ksk-a13-0.pem"]  # no temporary file left
