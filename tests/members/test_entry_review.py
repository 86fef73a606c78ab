"""An organisation's administrator proposes changes to its entry; the public page changes only when the Pub-WG
approves them, and the proposer is told the outcome."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from members.models import EntryProposal
from members.roles import Role

PAGE = "/ja/accounts/organisation/entry/"
REVIEW = "/ja/accounts/organisation-entries/"
PROPOSED = {
    "contact_name": "鈴木 一郎",
    "contact_email": "dnssec@example-isp.jp",
    "website": "https://www.example-isp.jp/",
    "description_ja": "フルリゾルバーで DNSSEC 検証を行う ISP です。",
    "description_en": "An ISP whose full resolvers validate DNSSEC.",
}


@pytest.fixture
def org_admin(make_user, organisation):
    return make_user([Role.MEMBER, Role.ORG_ADMIN], organisation, email="kanri@example-isp.jp", language="en")


def propose(client, org_admin, values=PROPOSED):
    client.force_login(org_admin)
    assert client.post(PAGE, values).status_code == 302
    return EntryProposal.objects.get(state="open")


def test_the_public_page_keeps_the_old_values_until_approval(client, org_admin, organisation, make_user):
    organisation.description_ja = "旧い説明"
    organisation.save()
    proposal = propose(client, org_admin)
    organisation.refresh_from_db()
    assert organisation.description_ja == "旧い説明"
    assert "旧い説明" in client.get(organisation.get_absolute_url()).content.decode()

    client.force_login(make_user(Role.EDITOR, email="pubwg@dnssec.jp.invalid"))
    review = client.get(REVIEW).content.decode()
    assert "フルリゾルバーで DNSSEC 検証を行う ISP です。" in review
    client.post(f"{REVIEW}{proposal.pk}/decide/", {"decision": "approve", "note": ""})
    organisation.refresh_from_db()
    assert [getattr(organisation, name) for name in EntryProposal.FIELDS] == list(PROPOSED.values())
    assert (
        "フルリゾルバーで DNSSEC 検証を行う ISP です。" in client.get(organisation.get_absolute_url()).content.decode()
    )
    # The proposer is told, in their language (English here).
    assert mail.outbox[-1].to == ["kanri@example-isp.jp"]
    assert mail.outbox[-1].subject == "[DNSSEC Japan] Your changes to the entry of Example ISP Inc. were approved"
    assert ModelLogEntry.objects.filter(action="members.entry_proposal_approved").count() == 1


def test_a_rejected_proposal_changes_nothing_and_the_proposer_reads_why(client, org_admin, organisation, make_user):
    proposal = propose(client, org_admin)
    client.force_login(make_user(Role.ADMINISTRATOR, email="admin@dnssec.jp.invalid"))
    client.post(f"{REVIEW}{proposal.pk}/decide/", {"decision": "reject", "note": "Use the company's own domain."})
    organisation.refresh_from_db()
    assert organisation.website == ""
    proposal.refresh_from_db()
    assert proposal.state == "rejected"
    assert "The Pub-WG's note:\nUse the company's own domain." in mail.outbox[-1].body


def test_sending_again_replaces_the_open_proposal(client, org_admin):
    propose(client, org_admin)
    proposal = propose(client, org_admin, {**PROPOSED, "website": "https://example-isp.jp/"})
    assert EntryProposal.objects.count() == 1
    assert proposal.website == "https://example-isp.jp/"


def test_only_the_pub_wg_and_administrators_review(client, org_admin, make_user):
    proposal = propose(client, org_admin)
    for user in (org_admin, make_user(Role.REVIEWER, email="techwg@dnssec.jp.invalid")):
        client.force_login(user)
        assert client.get(REVIEW).status_code == 403
        assert client.post(f"{REVIEW}{proposal.pk}/decide/", {"decision": "approve"}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == "open"
