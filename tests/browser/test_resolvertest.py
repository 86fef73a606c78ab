"""The resolver test's page in Chromium: a run from the button to its result, in ja and en, narrow and wide.

Chromium's --host-resolver-rules stand in for the visitor's resolver: the test names map to the live server
(whose pixel answers on them), and the names a validating resolver refuses (bogus, bogus-ds, the algorithms'
bogus zones) fail as a SERVFAIL does. The queries the test zones' servers would record (the DNS side's
ObservedQuery rows) are created here once the run has started; the result page summarises them as they arrive.
"""

import re

import pytest

from resolvertest.hosts import HostsWithTestZone
from resolvertest.models import ObservedQuery, RunToken
from resolvertest.models import TestRun as Run  # "Test…" would be taken for a class of tests
from tests import browser_thread
from tests.browser_thread import expect
from tests.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ZONE = "rt.test"
REFUSING = "".join(
    f"MAP *.{label}.{ZONE} ~NOTFOUND, "
    for label in ("bogus", "bogus-ds", "alg8-bogus", "alg13-bogus", "alg15-bogus", "alg16-bogus")
)
RULES = {
    # A validating resolver: the bogus names fail, every other test name is the live server.
    "validates": f"{REFUSING}MAP *.{ZONE} 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    # A resolver that does not validate: every test name loads.
    "does-not-validate": f"MAP *.{ZONE} 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    # Offline, or the test names blocked: nothing loads.
    "indeterminate": "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
}
HEADINGS = {
    ("validates", "ja"): "お使いのフルリゾルバーはDNSSEC検証をしています",
    ("validates", "en"): "Your resolver validates DNSSEC",
    ("does-not-validate", "ja"): "お使いのフルリゾルバーはDNSSEC検証をしていません",
    ("does-not-validate", "en"): "Your resolver does not validate DNSSEC",
    ("indeterminate", "ja"): "判定できませんでした",
    ("indeterminate", "en"): "The result is indeterminate",
}
BUTTON = {"ja": "テストを開始", "en": "Start the test"}


@pytest.fixture(scope="module")
def resolvers(_session_browser, browser_type_launch_args):
    """A Chromium per kind of resolver (the rules are the browser's), launched beside the session's own."""
    playwright = browser_thread.start()
    launched = {}
    for state, rules in RULES.items():
        args = [arg for arg in browser_type_launch_args["args"] if not arg.startswith("--host-resolver-rules=")]
        launched[state] = playwright.chromium.launch(
            **{**browser_type_launch_args, "args": [*args, f"--host-resolver-rules={rules}"]}
        )
    yield launched
    for browser in launched.values():
        browser.close()


@pytest.fixture
def site(live_server, settings, monkeypatch):
    monkeypatch.setenv("RESOLVER_TEST_ZONE", ZONE)
    # As portal.settings builds it: Django's test set-up copied it into a plain list, without the test zone.
    settings.ALLOWED_HOSTS = HostsWithTestZone(settings.ALLOWED_HOSTS)
    return live_server.url


def record_queries(run, state):
    """What the test zones' servers saw: a query for every name the browser looked up (none when it had no
    resolver), the big one over TCP as well."""
    if state == "indeterminate":
        return
    rows = []
    for token in RunToken.objects.filter(run=run):
        for transport in ("udp", "tcp") if token.zone == "big" else ("udp",):
            rows.append(
                ObservedQuery(
                    token=token,
                    resolver_address="192.0.2.53",
                    qtype="A",
                    do_bit=True,
                    edns_size=1232,
                    transport=transport,
                    received_at=run.created_at,
                )
            )
    ObservedQuery.objects.bulk_create(rows)


def save(page, name):
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"resolvertest-{name}.png"), full_page=True)


def test_without_test_zones_the_page_says_so(page, live_server):
    page.goto(f"{live_server.url}/ja/resolver-test/")
    expect(page.locator(".notice")).to_have_text(
        "このサイトではリゾルバーテストを利用できません。テスト用ゾーンが設定されていません。"
    )
    expect(page.get_by_role("button", name=BUTTON["ja"])).to_have_count(0)
    save(page, "not-available-ja")


@pytest.mark.parametrize("width", [390, 1280], ids=["narrow", "wide"])
@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("state", ["validates", "does-not-validate", "indeterminate"])
def test_a_run_shows_its_result(resolvers, site, state, language, width):
    context = resolvers[state].new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site}/{language}/resolver-test/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        if state == "validates":
            save(page, f"start-{language}-{width}")
        page.get_by_role("button", name=BUTTON[language]).click()
        expect(page).to_have_url(re.compile(rf"/{language}/resolver-test/[A-Za-z0-9_-]+/$"), timeout=15000)
        run = Run.objects.get()
        assert page.url == f"{site}/{language}/resolver-test/{run.public_id}/"
        record_queries(run, state)
        # The page refreshes itself while the servers' records may still arrive, and shows them.
        result = page.locator("#result")
        expect(result).to_have_attribute("data-verdict", state, timeout=15000)
        expect(page.get_by_role("heading", level=2).first).to_have_text(HEADINGS[state, language])
        run.refresh_from_db()
        assert list(run.fetches.values()).count("loaded") == {"validates": 8, "does-not-validate": 14}.get(state, 0)
        if state != "indeterminate":
            expect(page.locator(".resolver-tcp")).to_have_attribute("data-tcp", "yes")
            expect(page.get_by_role("cell", name="192.0.2.53")).to_be_visible()
        save(page, f"{state}-{language}-{width}")
    finally:
        context.close()
