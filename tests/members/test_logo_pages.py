"""The logo programme's pages for members and reviewers: apply, follow, review, withdraw, reinstate.

Forms are posted with CSRF checks on, with the token the page gave. The evidence rounds end as a worker
would end them (test_logo_lifecycle.end); the whole life through a real worker is test_logo_integration.py.
"""

import re

import pytest
from django.test import Client

from checker.models import CheckRun
from members.logo import criteria, lifecycle
from members.logo.models import Application, Certificate, CertificateEvent
from members.roles import Role
from tests.members.test_logo_lifecycle import BOGUS, SECURE, UNDECIDED, end

ZONES = "a.example\nb.example"


def signed_in(user):
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def token(client, path):
    page = client.get(path)
    assert page.status_code == 200, path
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)


def post(client, form_path, action_path, data):
    """Post to `action_path` with the CSRF token of the page at `form_path`, as a browser would."""
    return client.post(action_path, {"csrfmiddlewaretoken": token(client, form_path), **data})


@pytest.fixture
def member(make_user, organisation):
    return make_user(Role.MEMBER, organisation, email="ops@example.jp")


@pytest.fixture
def stranger(make_user, other_organisation):
    return make_user(Role.MEMBER, other_organisation, email="ops@other.example")


@pytest.fixture
def logo_reviewer(make_user):
    return make_user(Role.LOGO_REVIEWER, email="logo@dnssec.jp.invalid")


@pytest.fixture
def applied(member):
    return lifecycle.apply(member.membership.organisation, "dns-hosting", ["a.example", "b.example"], member)


@pytest.fixture
def passed(applied):
    end(applied.evaluation, {"a.example": SECURE, "b.example": SECURE})
    applied.refresh_from_db()
    return applied


def login_redirect(path):
    return f"/ja/accounts/login/?next={path}"


@pytest.mark.parametrize(
    "who, status",
    [("anonymous", 302), ("stranger", 404), ("member", 200), ("logo_reviewer", 200), ("administrator", 200)],
)
def test_an_application_is_seen_by_its_organisation_reviewers_and_administrators(request, applied, who, status):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    path = f"/ja/logo/applications/{applied.pk}/"
    response = signed_in(user).get(path)
    assert response.status_code == status
    if status == 302:
        assert response["Location"] == login_redirect(path)


@pytest.mark.parametrize(
    "who, apply_status, mine_status, review_status",
    [
        ("anonymous", 302, 302, 302),
        ("member", 200, 200, 403),
        ("logo_reviewer", 403, 403, 200),  # a reviewer of no organisation has nothing to apply for
        ("administrator", 200, 200, 200),
    ],
)
def test_who_opens_the_apply_mine_and_review_pages(request, who, apply_status, mine_status, review_status):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = signed_in(user)
    for path, status in (
        ("/ja/logo/apply/", apply_status),
        ("/ja/logo/mine/", mine_status),
        ("/ja/logo/review/", review_status),
    ):
        response = client.get(path)
        assert response.status_code == status, path
        if status == 302:
            assert response["Location"] == login_redirect(path)


def test_mine_lists_the_organisations_own_and_administrators_see_every_organisation(
    member, stranger, administrator, applied
):
    link = f'href="/en/logo/applications/{applied.pk}/"'
    assert link in signed_in(member).get("/en/logo/mine/").content.decode()
    assert link not in signed_in(stranger).get("/en/logo/mine/").content.decode()
    page = signed_in(administrator).get("/en/logo/mine/").content.decode()
    assert link in page
    assert '<td data-label="Organisation"><span lang="en">Example ISP Inc.</span></td>' in page


def test_the_account_page_links_the_logo_pages_by_role(member, logo_reviewer):
    page = signed_in(member).get("/ja/accounts/").content.decode()
    assert '<a href="/ja/logo/apply/">ロゴを申請する</a>' in page
    assert '<a href="/ja/logo/mine/">ロゴの申請と認定</a>' in page
    assert "/ja/logo/review/" not in page
    page = signed_in(logo_reviewer).get("/en/accounts/").content.decode()
    assert '<a href="/en/logo/review/">Logo applications to review</a>' in page
    assert "/en/logo/apply/" not in page


def test_bad_zones_get_the_errors_in_japanese_at_the_field_and_keep_what_was_typed(member):
    client = signed_in(member)
    typed = "good.example\nbad..jp\n-x-.jp"
    response = post(client, "/ja/logo/apply/", "/ja/logo/apply/", {"category": "dns-hosting", "zones": typed})
    assert response.status_code == 200
    page = response.content.decode()
    errors = re.search(r'<ul class="field-errors" id="id_zones-errors">(.*?)</ul>', page).group(1)
    assert errors == (
        "<li>bad..jp はドメイン名として正しくありません。</li><li>-x-.jp はドメイン名として正しくありません。</li>"
    )
    assert f">\n{typed}</textarea>" in page
    assert Application.objects.count() == 0


def test_applying_records_the_application_with_one_batch_run_per_zone(member, organisation):
    client = signed_in(member)
    response = post(
        client,
        "/en/logo/apply/",
        "/en/logo/apply/",
        {"category": "registrar", "zones": "A.example, b.example\na.example."},
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/logo/applications/{application.pk}/"
    assert (application.organisation, application.category, application.zones, application.applicant) == (
        organisation,
        "registrar",
        ["a.example", "b.example"],
        member,
    )
    assert application.state == Application.State.CHECKING
    runs = application.evaluation.runs.order_by("domain")
    assert [(run.domain, run.queue, run.state) for run in runs] == [
        ("a.example", "batch", "queued"),
        ("b.example", "batch", "queued"),
    ]
    page = client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in page
    assert f'href="/en/check/{runs[0].public_id}/">Queued</a>' in page


def test_an_administrator_chooses_the_organisation(administrator, other_organisation):
    client = signed_in(administrator)
    response = post(
        client,
        "/ja/logo/apply/",
        "/ja/logo/apply/",
        {"organisation": other_organisation.pk, "category": "dns-hosting", "zones": "a.example"},
    )
    assert response.status_code == 302
    assert Application.objects.get().organisation == other_organisation


def test_one_open_application_per_organisation_and_category(member, applied):
    client = signed_in(member)
    response = post(client, "/ja/logo/apply/", "/ja/logo/apply/", {"category": "dns-hosting", "zones": "c.example"})
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        '<div class="form-errors" role="alert"><p>この区分には、処理中の申請がすでにあります。'
        "その結果を待つか、先に取り下げてください。</p></div>"
    ) in page
    assert Application.objects.count() == 1
    # Another category is another application.
    response = post(client, "/ja/logo/apply/", "/ja/logo/apply/", {"category": "registrar", "zones": "c.example"})
    assert response.status_code == 302
    assert Application.objects.count() == 2


def test_the_page_shows_each_zones_judgement_with_its_reason(member, applied):
    end(applied.evaluation, {"a.example": SECURE, "b.example": BOGUS})
    page = signed_in(member).get(f"/en/logo/applications/{applied.pk}/").content.decode()
    assert 'http-equiv="refresh"' not in page
    assert '<span class="outcome outcome-pass">passes</span>' in page
    assert '<span class="outcome outcome-fail">fails</span>' in page
    assert "Bogus" in page
    assert '<button type="submit">Check again</button>' in page


def test_a_reviewer_approves_a_passed_application_and_the_certificate_is_issued(member, logo_reviewer, passed):
    client = signed_in(logo_reviewer)
    desk = client.get("/ja/logo/review/").content.decode()
    assert f'href="/ja/logo/applications/{passed.pk}/"' in desk
    path = f"/ja/logo/applications/{passed.pk}/"
    response = post(client, path, f"{path}decide/", {"decision": "approve", "comment": "確認しました"})
    assert response.status_code == 302
    assert response["Location"] == path
    certificate = Certificate.objects.get()
    assert re.fullmatch(r"\d{4}-0001", certificate.number)
    assert (certificate.organisation, certificate.state, certificate.zones) == (
        passed.organisation,
        Certificate.State.VALID,
        ["a.example", "b.example"],
    )
    passed.refresh_from_db()
    assert (passed.state, passed.reviewer, passed.comment) == ("approved", logo_reviewer, "確認しました")
    page = client.get(path).content.decode()
    assert f"承認しました。認定番号 {certificate.number} が有効になりました。" in page
    assert f'<a href="/ja/logo/{certificate.number}/">{certificate.number}</a>' in page
    mine = signed_in(member).get("/ja/logo/mine/").content.decode()
    assert f'<a href="/ja/logo/{certificate.number}/">{certificate.number}</a>' in mine
    assert '<span class="state state-valid">有効</span>' in mine


def test_approving_a_failed_application_shows_the_error(logo_reviewer, applied):
    end(applied.evaluation, {"a.example": SECURE, "b.example": BOGUS})
    client = signed_in(logo_reviewer)
    path = f"/ja/logo/applications/{applied.pk}/"
    panel = client.get(path).content.decode()
    # Only the reject button is offered; a forged approval still meets the rule below.
    assert 'value="approve"' not in panel and 'value="reject"' in panel
    response = post(client, path, f"{path}decide/", {"decision": "approve", "comment": ""})
    assert response.status_code == 302
    page = client.get(path).content.decode()
    assert '<p class="form-errors" role="alert">承認できるのは、検査で基準を満たした申請だけです。</p>' in page
    assert Certificate.objects.count() == 0
    applied.refresh_from_db()
    assert applied.state == Application.State.READY


def test_a_rejection_needs_a_comment(logo_reviewer, applied):
    client = signed_in(logo_reviewer)
    path = f"/ja/logo/applications/{applied.pk}/"
    post(client, path, f"{path}decide/", {"decision": "reject", "comment": "  "})
    assert '<p class="form-errors" role="alert">却下の理由を書いてください。</p>' in client.get(path).content.decode()
    applied.refresh_from_db()
    assert applied.state == Application.State.CHECKING
    post(client, path, f"{path}decide/", {"decision": "reject", "comment": "b.example は署名されていません"})
    applied.refresh_from_db()
    assert (applied.state, applied.comment) == (Application.State.REJECTED, "b.example は署名されていません")
    assert "b.example は署名されていません" in signed_in(applied.applicant).get(path).content.decode()


def test_only_reviewers_decide(member, stranger, applied, passed):
    path = f"/ja/logo/applications/{passed.pk}/decide/"
    for user in (member, stranger):
        client = signed_in(user)
        response = client.post(path, {"csrfmiddlewaretoken": token(client, "/ja/accounts/"), "decision": "approve"})
        assert response.status_code == 403
    assert Certificate.objects.count() == 0


def test_a_form_without_its_csrf_token_is_refused(logo_reviewer, passed):
    response = signed_in(logo_reviewer).post(f"/ja/logo/applications/{passed.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 403
    assert Certificate.objects.count() == 0


def test_check_again_starts_a_new_round_of_a_failed_or_undecided_application(member, applied):
    end(applied.evaluation, {"a.example": UNDECIDED, "b.example": SECURE})
    applied.refresh_from_db()
    assert applied.evaluation.outcome == criteria.UNDECIDED
    first = applied.evaluation
    client = signed_in(member)
    path = f"/ja/logo/applications/{applied.pk}/"
    response = post(client, path, f"{path}check-again/", {})
    assert response.status_code == 302
    applied.refresh_from_db()
    assert applied.state == Application.State.CHECKING
    assert applied.evaluation != first
    assert list(applied.evaluation.runs.values_list("queue", "state")) == [("batch", "queued"), ("batch", "queued")]
    # A round that is still running is not checked again.
    post(client, path, f"{path}check-again/", {})
    assert CheckRun.objects.count() == 4


def test_the_organisation_withdraws_an_open_application(member, stranger, applied):
    path = f"/ja/logo/applications/{applied.pk}/"
    client = signed_in(stranger)
    response = client.post(f"{path}withdraw/", {"csrfmiddlewaretoken": token(client, "/ja/accounts/")})
    assert response.status_code == 404
    response = post(signed_in(member), "/ja/logo/mine/", f"{path}withdraw/", {})
    assert response.status_code == 302
    applied.refresh_from_db()
    assert applied.state == Application.State.WITHDRAWN


@pytest.fixture
def certificate(passed, logo_reviewer):
    return lifecycle.approve(passed, logo_reviewer, "ok")


def test_the_organisation_withdraws_its_certificate_after_confirming(member, stranger, certificate):
    path = f"/ja/logo/{certificate.number}/withdraw/"
    client = signed_in(stranger)
    response = client.post(path, {"csrfmiddlewaretoken": token(client, "/ja/accounts/"), "confirm": "on"})
    assert response.status_code == 404
    client = signed_in(member)
    response = post(client, "/ja/logo/mine/", path, {"note": ""})
    assert response.status_code == 302
    mine = client.get("/ja/logo/mine/").content.decode()
    assert "取り下げを確認するには、チェックボックスにチェックを入れてください。" in mine
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.VALID
    post(client, "/ja/logo/mine/", path, {"confirm": "on", "note": "サービス終了"})
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.WITHDRAWN
    event = certificate.events.last()
    assert (event.from_state, event.to_state, event.actor, event.note) == ("valid", "withdrawn", member, "サービス終了")


def test_a_current_certificate_is_renewed_with_its_zones_prefilled(member, certificate):
    client = signed_in(member)
    path = f"/ja/logo/{certificate.number}/renew/"
    page = client.get(path).content.decode()
    assert ">\na.example\nb.example</textarea>" in page
    assert 'name="category"' not in page
    response = post(client, path, path, {"zones": "a.example"})
    renewal = Application.objects.get(renews=certificate)
    assert response["Location"] == f"/ja/logo/applications/{renewal.pk}/"
    assert (renewal.category, renewal.zones) == (certificate.category, ["a.example"])
    # A new application in a category the organisation holds is a renewal instead.
    response = post(client, "/ja/logo/apply/", "/ja/logo/apply/", {"category": "dns-hosting", "zones": "c.example"})
    assert "この区分には、処理中の申請がすでにあります。" in response.content.decode()


def test_a_second_certificate_in_a_held_category_is_refused(member, certificate):
    response = post(
        signed_in(member), "/ja/logo/apply/", "/ja/logo/apply/", {"category": "dns-hosting", "zones": "c.example"}
    )
    assert (
        f"この区分では認定 {certificate.number} をすでに受けています。新しく申請せず、更新してください。"
        in response.content.decode()
    )


def test_only_an_administrator_reinstates_a_suspended_certificate(member, logo_reviewer, administrator, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(state=Certificate.State.SUSPENDED)
    path = f"/ja/logo/{certificate.number}/reinstate/"
    for user in (member, logo_reviewer):
        client = signed_in(user)
        response = client.post(path, {"csrfmiddlewaretoken": token(client, "/ja/accounts/"), "note": "異議を認めた"})
        assert response.status_code == 403
    client = signed_in(administrator)
    post(client, "/ja/logo/mine/", path, {"note": ""})
    assert "認定を復帰させる理由を書いてください。" in client.get("/ja/logo/mine/").content.decode()
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.SUSPENDED
    response = post(client, "/ja/logo/mine/", path, {"note": "異議を認めた"})
    assert response["Location"] == "/ja/logo/mine/"
    certificate.refresh_from_db()
    assert certificate.state == Certificate.State.VALID
    event = CertificateEvent.objects.filter(certificate=certificate).last()
    assert (event.from_state, event.to_state, event.actor) == ("suspended", "valid", administrator)
    assert event.note == "異議を認めた"
