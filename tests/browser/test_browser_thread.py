"""tests/browser_thread.py: Playwright runs on its own thread, the test thread keeps no event loop."""

import asyncio
import threading

import pytest

from portal.models import HomePage
from tests.browser_thread import Proxy, expect

pytestmark = [pytest.mark.browser]


@pytest.mark.django_db(transaction=True)
def test_the_orm_works_on_the_test_thread_while_the_browser_runs(page, live_server, demo_content):
    page.goto(f"{live_server.url}/ja/")
    expect(page.get_by_role("heading", level=1)).to_have_text("DNSSEC Japan")
    with pytest.raises(RuntimeError):
        asyncio.get_running_loop()  # no loop on this thread
    assert HomePage.objects.filter(locale__language_code="ja").exists()
    assert page.evaluate("() => document.documentElement.lang") == "ja"


def test_calls_run_on_the_playwright_thread_and_results_come_back_wrapped(page):
    page.set_content('<p>one <code>x</code></p><p>two</p><a href="#next" id="next">next</a>')
    assert isinstance(page, Proxy) and isinstance(page.context, Proxy)
    assert page.context.pages[0] == page
    with_code = page.locator("p", has=page.locator("code"))  # a proxy as an argument is unwrapped
    expect(with_code).to_have_count(1)
    expect(with_code).to_contain_text("one")
    expect(page.locator("p")).not_to_have_count(1)
    assert [p.text_content() for p in page.locator("p").all()] == ["one x", "two"]
    threads = []
    page.on("console", lambda message: threads.append(threading.current_thread().name))
    page.evaluate("() => console.log('x')")
    page.wait_for_timeout(100)
    assert threads and threads[0].startswith("playwright") and threading.current_thread().name == "MainThread"


def test_event_context_managers_and_handlers(page):
    messages = []
    page.on("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    page.evaluate("() => alert('こんにちは')")
    assert messages == ["こんにちは"]

    page.set_content(
        '<a download="zone.txt" href="data:text/plain,example.jp.">zone</a>'
        "<button onclick=\"window.open('about:blank')\">open</button>"
    )
    with page.expect_download() as download:
        page.click("a")
    assert download.value.suggested_filename == "zone.txt"
    with page.expect_popup() as popup:
        page.click("button")
    assert isinstance(popup.value, Proxy)
    assert popup.value.url == "about:blank"
    with page.expect_navigation():
        page.goto("about:blank#moved")
    assert page.url.endswith("#moved")
