"""Campaigns made of BatchName rows written here, as a finished batch leaves them (campaigns.runs starts real ones)."""

from datetime import UTC, datetime

import pytest

from batches.models import Batch, BatchName
from campaigns import figures
from campaigns.models import Campaign, DomainList, DomainListEntry
from members.models import Domain, Membership, Organisation
from members.roles import Role
from tests.checker.portal.conftest import lab_env, processes  # noqa: F401
from tests.members.conftest import PASSWORD

AT = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)

SECURE_13 = {
    "verdict": "secure",
    "algorithms": [13],
    "ds_digest_types": [2],
    "denial": {"type": "nsec"},
}
NSEC3 = {"type": "nsec3", "source": "NSEC3PARAM", "algorithm": 1, "flags": 0, "iterations": 0, "salt": "-"}
NSEC3["opt_out"] = False  # as a full check saw the NSEC3 records
# name -> its BatchName fields; `organisation` is the slug the list entry names.
ROWS = [
    ("a.example.jp", {**SECURE_13, "ns_operator": "dns-host.jp"}, "hosting-member"),
    (
        "b.example.jp",
        {**SECURE_13, "algorithms": [8, 13], "ds_digest_types": [1, 2], "ns_operator": "dns-host.jp"},
        None,
    ),
    (
        "c.example.jp",
        {
            **SECURE_13,
            "algorithms": [8],
            "denial": {**NSEC3, "iterations": 10, "salt": "aabbccdd", "opt_out": True},
            "ns_operator": "dns-host.jp",
        },
        "isp-member",
    ),
    ("d.example.jp", {**SECURE_13, "denial": NSEC3, "ns_operator": "other-dns.jp"}, None),
    (
        "e.example.jp",
        {
            "verdict": "bogus",
            "algorithms": [13],
            "ds_digest_types": [2],
            "denial": {"type": "nsec"},
            "ns_operator": "other-dns.jp",
            "finding_ids": ["rrsig_expired"],
            "worst_severity": "CRIT",
        },
        "isp-member",
    ),
    (
        "f.example.jp",
        {"verdict": "insecure", "algorithms": [], "ds_digest_types": [], "denial": None, "ns_operator": "other-dns.jp"},
        None,
    ),
    (
        "g.example.jp",
        {
            "verdict": "insecure",
            "algorithms": [13],
            "ds_digest_types": [],
            "denial": {"type": "nsec"},
            "ns_operator": "dns-host.jp, other-dns.jp",
        },
        None,
    ),
    ("h.example.jp", {"verdict": "", "error": "timeout", "ns_operator": ""}, None),
    (
        "i.example.jp",
        {
            "verdict": "indeterminate",
            "algorithms": [13],
            "ds_digest_types": [2],
            "denial": None,
            "ns_operator": "other-dns.jp",
        },
        None,
    ),
]
UNCHECKED = ["j.example.jp"]


@pytest.fixture
def members(db):
    hosting = Organisation.objects.create(
        slug="hosting-member", name_ja="ホスティング", name_en="Hosting", category="hosting"
    )
    isp = Organisation.objects.create(slug="isp-member", name_ja="プロバイダー", name_en="ISP", category="isp")
    Domain.objects.create(organisation=hosting, name="dns-host.jp", verified=True)
    Domain.objects.create(organisation=isp, name="other-dns.jp", verified=False)  # a claim, not proven: no owner
    return {"hosting-member": hosting, "isp-member": isp}


def make_campaign(domain_list, rows, at, *, finished=True, demo=False):
    batch = Batch.objects.create(created_at=at, profile="light", accepted=len(rows) + len(UNCHECKED))
    for position, (domain, fields, _organisation) in enumerate(rows):
        BatchName.objects.create(batch=batch, position=position, domain=domain, checked_at=at, **fields)
    for offset, domain in enumerate(UNCHECKED):
        BatchName.objects.create(batch=batch, position=len(rows) + offset, domain=domain)
    campaign = Campaign.objects.create(domain_list=domain_list, batch=batch, created_at=at, started_at=at, demo=demo)
    if finished:
        campaign.finished_at = at
        campaign.figures = figures.compute(campaign)
        campaign.save()
    return campaign


@pytest.fixture
def domain_list(members):
    domain_list = DomainList.objects.create(name_ja="テスト一覧", name_en="Test list", slug="test-list")
    for domain, _fields, organisation in ROWS:
        DomainListEntry.objects.create(
            domain_list=domain_list, domain=domain, organisation=members.get(organisation) if organisation else None
        )
    return domain_list


@pytest.fixture
def campaign(domain_list):
    return make_campaign(domain_list, ROWS, AT)


@pytest.fixture
def administrator(django_user_model):
    organisation = Organisation.objects.create(slug="jpops", name_ja="運営", name_en="Operators", category="isp")
    user = django_user_model.objects.create_user(username="a@example.jp", email="a@example.jp", password=PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, roles=[Role.ADMINISTRATOR], language="en")
    return user


def make_list(slug, names, **fields):
    domain_list = DomainList.objects.create(name_ja=slug, name_en=slug, slug=slug, **fields)
    for name in names:
        domain_list.entries.create(domain=name)
    return domain_list
