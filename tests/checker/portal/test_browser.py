"""The checker in Chromium: type a lab domain on the home page, watch progress, read the verdict,
a finding with its fix and the chain picture; screenshots in both languages, narrow and wide."""

import pytest

from checker import catalog
from checker.models import CheckRun
from tests.browser_thread import expect

pytestmark = [pytest.mark.browser, pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_check_a_lab_domain_from_the_home_page(page, live_server, demo_content, lab_env, processes, screenshot):
    processes.worker(
        ["interactive"],
        "browser",
        extra_env={
            **lab_env,
            "DJANGO_SETTINGS_MODULE": "tests.checker.portal.hooked_settings",
            "CHECKER_TEST_ENGINE": "slow=2",
        },
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/ja/")
    page.get_by_label("ドメイン名").fill("expired.test")
    page.get_by_role("button", name="検査する").click()
    expect(page.locator(".run-progress")).to_be_visible()
    screenshot("ja-progress")

    # The result replaces the progress once the worker is done (the page polls the run's row).
    expect(page.locator(".verdict")).to_contain_text(catalog.verdict_label("bogus", "ja"), timeout=90_000)
    run = CheckRun.objects.get(queue="interactive")  # not the demo content's logo evidence (batch)
    assert run.state == "done" and run.progress, "progress was recorded while the page waited"
    expired = page.locator(".finding", has=page.locator("code", has_text="rrsig_expired"))
    expect(expired.locator(".finding-fix")).to_contain_text("対処方法")
    expect(page.locator("svg.chain-svg")).to_have_count(len(run.report["chain"]))
    expect(page.locator("svg.chain-svg").last).to_contain_text("KSK")
    screenshot("ja-wide")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("ja-narrow")

    page.goto(f"{live_server.url}/en/check/{run.public_id}/")
    expect(page.locator(".verdict")).to_contain_text(catalog.verdict_label("bogus", "en"))
    expect(
        page.locator(".finding", has=page.locator("code", has_text="rrsig_expired")).locator(".finding-fix")
    ).to_contain_text("How to fix it")
    screenshot("en-narrow")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator(".query-log summary").click()
    expect(page.locator(".query-log table")).to_be_visible()
    screenshot("en-wide")

    page.locator(".finding h4 a", has_text=catalog.get("rrsig_expired").title.en).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(catalog.get("rrsig_expired").title.en)
    screenshot("en-finding")
