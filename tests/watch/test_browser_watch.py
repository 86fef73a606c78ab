"""Watched domains in Chromium, in Japanese and English at a phone's width and a desktop's: a member opens the
watch list from the account page, watches a domain, reads its history after two runs and an alert, and sets up
the webhook, whose secret is shown once."""

from datetime import timedelta

import pytest

from members.models import Domain
from members.roles import Role
from portal import clock
from tests.browser_thread import expect
from tests.members.conftest import PASSWORD
from tests.watch.reports import KSK, NEW_ZSK, ZSK, report, signed
from tests.watch.test_pages import add_run
from watch.models import Alert, WatchedDomain

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "ja": {
        "email": "メールアドレス",
        "password": "パスワード",
        "login": "ログイン",
        "list_link": "監視中のドメイン（電子メールと Webhook でのアラート）",
        "domain": "ドメイン名",
        "watch": "監視する",
        "watching": "example-isp.jp の監視を始めました。最初の検査をすぐに行います。",
        "history": "example-isp.jp の監視履歴",
        "webhook_link": "Webhook を設定する",
        "address": "送信先（https）",
        "save": "保存",
        "saved": "Webhook を保存しました。シークレットは今回しか表示しません。受信側に控えてください。",
    },
    "en": {
        "email": "E-mail address",
        "password": "Password",
        "login": "Log in",
        "list_link": "Watched domains (alerts by e-mail and webhook)",
        "domain": "Domain name",
        "watch": "Watch",
        "watching": "example-isp.jp is watched now: its first check runs at once.",
        "history": "History of example-isp.jp",
        "webhook_link": "Set up the webhook",
        "address": "Address (https)",
        "save": "Save",
        "saved": "The webhook is saved. Its secret is shown only now: copy it to your receiver.",
    },
}


@pytest.fixture
def member(live_server, organisation, make_user):
    Domain.objects.create(organisation=organisation, name="example-isp.co.jp")
    # Their organisation's administrator too, who keeps the webhook.
    return make_user(organisation, "ops@example-isp.jp", role=[Role.MEMBER, Role.ORG_ADMIN])


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_member_watches_a_domain_reads_its_history_and_sets_up_the_webhook(
    browser, live_server, member, shoot, language, monkeypatch
):
    monkeypatch.setattr("watch.webhooks.check_url", lambda url: url)  # the example host is not looked up
    t = TEXT[language]
    site = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site}/{language}/accounts/login/")
    page.get_by_label(t["email"]).fill("ops@example-isp.jp")
    page.get_by_label(t["password"], exact=True).fill(PASSWORD)
    page.get_by_role("button", name=t["login"]).click()
    page.get_by_role("link", name=t["list_link"]).click()
    page.get_by_label(t["domain"]).fill("Example-ISP.jp")
    page.get_by_role("button", name=t["watch"], exact=True).click()
    expect(page.get_by_role("status").first).to_have_text(t["watching"])
    shoot(page, f"{language}-1-list")

    watched = WatchedDomain.objects.get()
    add_run(watched, report(zone="example-isp.jp", keys=(KSK, ZSK), validity=None))
    for keys, signer in (((KSK, ZSK), ZSK), ((KSK, ZSK, NEW_ZSK), ZSK), ((KSK, ZSK, NEW_ZSK), NEW_ZSK)):
        clock.advance(timedelta(hours=6))
        now = clock.now()
        result = report(zone="example-isp.jp", keys=keys)
        add_run(watched, signed(result, [signer], inception=now, expiration=now + timedelta(days=14)))
    clock.advance(timedelta(hours=6))
    later = add_run(
        watched, report(zone="example-isp.jp", keys=(KSK, NEW_ZSK), verdict="bogus", findings=["rrsig_expired"])
    )
    Alert.objects.create(
        watched=watched,
        run=later,
        at=later.created,
        kind=Alert.Kind.PROBLEM,
        conditions=[{"code": "verdict_worse", "before": "secure", "after": "bogus"}],
    )
    page.goto(f"{site}/{language}/accounts/watch/")
    page.get_by_role("link", name="example-isp.jp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t["history"])
    expect(page.locator("svg.timeline")).to_be_visible()
    expect(page.locator("svg.presence")).to_be_visible()
    shoot(page, f"{language}-2-history")

    page.goto(f"{site}/{language}/accounts/watch/")
    page.get_by_role("link", name=t["webhook_link"]).click()
    page.get_by_label(t["address"]).fill("https://hooks.example-isp.jp/dnssec")
    page.get_by_role("button", name=t["save"], exact=True).click()
    expect(page.get_by_role("status").locator("p").first).to_have_text(t["saved"])
    expect(page.locator("code.watch-secret")).to_have_text(watched.organisation.webhook.secret)
    shoot(page, f"{language}-3-webhook")

    page.goto(f"{site}/{language}/findings/zsk_retired_too_early/")
    expect(page.locator("svg.timing")).to_be_visible()
    shoot(page, f"{language}-4-k1-finding")
