"""An organisation's administrator adds a domain, proves control with a TXT record, and removes it."""

import dns.message
import dns.name
import dns.rcode
import dns.rdatatype
import dns.rrset
import pytest
from django.utils import translation
from wagtail.models import ModelLogEntry

from checker.engine.transport import Answer
from members import domain_proof
from members.models import Domain
from members.roles import Role

PAGE = "/ja/accounts/organisation/domains/"
NAME = dns.name.from_text("_dnssec-jp-challenge.example.jp.")
TOKEN = "0123456789abcdef0123456789abcdef"


def answer(rcode=dns.rcode.NOERROR, texts=(), name=NAME):
    query = dns.message.make_query(name, dns.rdatatype.TXT)
    response = dns.message.make_response(query)
    response.set_rcode(rcode)
    if texts:
        response.answer.append(dns.rrset.from_text(name, 300, "IN", "TXT", *texts))
    return Answer(server="192.0.2.1", port=53, transport="udp", qname=name, qtype=dns.rdatatype.TXT, message=response)


@pytest.mark.parametrize(
    "reply, proof, ja, en",
    [
        (
            answer(texts=[f'"dnssec-jp-verify={TOKEN}"', '"v=spf1 -all"']),
            "found",
            "正しいトークンのレコードが見つかりました。このドメイン名は確認済みです。",
            "The record was found with the right token: the domain is verified.",
        ),
        (
            answer(texts=['"dnssec-jp-verify=ffffffffffffffffffffffffffffffff"']),
            "wrong-token",
            "レコードはありますが、トークンが違います。ここに示したトークンを公開してください。",
            "The record was found, but with another token. Publish the token shown here.",
        ),
        (
            answer(texts=['"v=spf1 -all"']),
            "no-record",
            "名前はありますが、dnssec-jp-verify トークンの TXT レコードがまだありません。",
            "The name exists, but has no TXT record with a dnssec-jp-verify token yet.",
        ),
        (
            answer(rcode=dns.rcode.NXDOMAIN),
            "no-name",
            "名前が存在しません（NXDOMAIN）。レコードはまだ公開されていません。",
            "The name does not exist (NXDOMAIN): the record is not published yet.",
        ),
        (
            None,
            "no-answer",
            "ドメイン名の権威DNSサーバーがどれも応答しませんでした。しばらくしてから再度確認してください。",
            "No authoritative server of the domain answered. Try again later.",
        ),
    ],
)
def test_the_token_in_an_answer(reply, proof, ja, en):
    assert domain_proof.proof_in(reply, NAME, TOKEN) == proof
    label = Domain.Proof(proof).label
    with translation.override("ja"):
        assert str(label) == ja
    with translation.override("en"):
        assert str(label) == en


def test_an_added_domain_waits_for_its_proof_and_stays_off_the_public_page(client, org_admin, organisation):
    Domain.objects.create(organisation=organisation, name="example-isp.jp")  # entered by the secretariat
    client.force_login(org_admin)
    assert client.post(PAGE, {"name": "Ｗｗｗ.例え.JP."}).status_code == 302
    domain = Domain.objects.get(name="www.xn--r8jz45g.jp")
    assert (domain.organisation, domain.verified, len(domain.token)) == (organisation, False, 32)
    page = client.get(PAGE).content.decode()
    assert f"_dnssec-jp-challenge.www.xn--r8jz45g.jp. TXT &quot;dnssec-jp-verify={domain.token}&quot;" in page
    public = client.get(organisation.get_absolute_url()).content.decode()
    assert "example-isp.jp" in public
    assert "www.例え.jp" not in public
    assert ModelLogEntry.objects.get(action="members.domain_added").data == {"domain": "www.xn--r8jz45g.jp"}


def test_only_a_verified_domain_has_one_owner(client, org_admin, organisation, other_organisation, monkeypatch):
    """Typing a name proves nothing: another organisation's pending claim blocks nobody, a verified one does,
    and the second organisation to publish its token is told the domain is taken."""
    Domain.objects.create(organisation=other_organisation, name="verified.jp")  # entered by the secretariat
    Domain.objects.create(organisation=other_organisation, name="claimed.jp", verified=False, token="t" * 32)
    client.force_login(org_admin)
    response = client.post(PAGE, {"name": "VERIFIED.jp"})
    assert "このドメイン名は、すでにいずれかの組織で確認済みです。" in response.content.decode()
    assert client.post(PAGE, {"name": "claimed.jp"}).status_code == 302
    response = client.post(PAGE, {"name": "claimed.jp"})
    assert "このドメイン名は、すでにあなたの組織の一覧にあります。" in response.content.decode()

    ours = Domain.objects.get(organisation=organisation, name="claimed.jp")
    Domain.objects.filter(organisation=other_organisation, name="claimed.jp").update(verified=True)
    published = answer(
        texts=[f'"dnssec-jp-verify={ours.token}"'], name=dns.name.from_text(domain_proof.challenge_name(ours))
    )
    monkeypatch.setattr("checker.engine.api.lookup_sync", lambda *args, **kwargs: published)
    assert domain_proof.check(ours.pk) == Domain.Proof.TAKEN
    ours.refresh_from_db()
    assert (ours.verified, ours.proof) == (False, "taken")


def test_remove_the_own_domains_only(client, org_admin, organisation, other_organisation):
    own = Domain.objects.create(organisation=organisation, name="example-isp.jp")
    other = Domain.objects.create(organisation=other_organisation, name="other-dns.jp")
    client.force_login(org_admin)
    assert client.post(f"/ja/accounts/organisation/domains/{other.pk}/remove/").status_code == 404
    assert client.post(f"/ja/accounts/organisation/domains/{own.pk}/remove/").status_code == 302
    assert list(Domain.objects.all()) == [other]
    assert ModelLogEntry.objects.get(action="members.domain_removed").user == org_admin


def test_a_member_is_refused(client, make_user, organisation):
    client.force_login(make_user(Role.MEMBER, organisation))
    assert client.get(PAGE).status_code == 403
