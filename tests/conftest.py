"""Fixtures shared by every room's tests.

The browser fixtures (`browser`, `context`, `page`) are proxies to Playwright objects that live
on a thread of their own (tests/browser_thread.py), so the test thread runs no event loop and
the ORM works there as everywhere else. Use `expect` from tests.browser_thread.
"""

from pathlib import Path

import pytest

from tests import browser_thread

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "var" / "artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run). Browser tests never skip.")
    return {
        "headless": True,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args():
    """Options of the `context` fixture's new_context(); a module may override it."""
    return {}


@pytest.fixture(scope="session")
def _session_browser(browser_type_launch_args):
    """Chromium, launched once per pytest process on the Playwright thread."""
    playwright = browser_thread.start()
    try:
        browser = playwright.chromium.launch(**browser_type_launch_args)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        browser_thread.stop()


@pytest.fixture
def browser(_session_browser):
    """The browser (a proxy); every context a test opens in it is closed at the test's end."""
    yield _session_browser
    for context in _session_browser.contexts:
        context.close()


@pytest.fixture
def context(browser, browser_context_args):
    context = browser.new_context(**browser_context_args)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def screenshot(page, request):
    """Save a screenshot as a test artefact: var/artifacts/screenshots/<test>-<name>.png."""

    def take(name):
        folder = ARTIFACTS / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def shoot(request):
    """Screenshots of a page at a phone's width and a desktop's: var/artifacts/screenshots/<test>-<name>-….png."""

    def take(page, name):
        folder = ARTIFACTS / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        for width, label in ((390, "narrow"), (1280, "wide")):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(folder / f"{request.node.name}-{name}-{label}.png"), full_page=True)

    return take


@pytest.fixture
def demo_content(db):
    from django.core.management import call_command

    call_command("load_initial_data", verbosity=0)


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A request through the test client leaves its language active on the thread (LocaleMiddleware activates it
    and nothing deactivates it): each test ends by going back to the default language, so that a test which
    asked for an English page last cannot change what the next one reads (str() of a translated model, say)."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache_after_each_test():
    """The test settings' cache lives in the process (LocMemCache): each test ends by emptying it, so that a page
    cached for anonymous readers (portal.pagecache) by one test is never what the next one reads."""
    yield
    from django.core.cache import cache

    cache.clear()
