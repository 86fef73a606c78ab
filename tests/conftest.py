"""Fixtures shared by every room's tests.

The browser fixtures (`browser`, `context`, `page`) are proxies to Playwright objects that live
on a thread of their own (tests/browser_thread.py), so the test thread runs no event loop and
the ORM works there as everywhere else. Use `expect` from tests.browser_thread.
"""

import os
from pathlib import Path

import pytest
from django.db.models.signals import post_migrate
from pytest_django.plugin import blocking_manager_key

from tests import browser_thread

# Set by a flush (it sends post_migrate): the test that ran it leaves the database empty.
_flushed = []


def _note_flush(**kwargs):
    _flushed.append(True)


post_migrate.connect(_note_flush, dispatch_uid="tests.note_flush")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The migrated test database, and a copy of it that a transactional test's teardown puts back."""
    from tests import database_state

    with django_db_blocker.unblock():
        database_state.take_baseline()
    _flushed.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush, the migrations' rows come back (tests/database_state.py)."""
    result = yield
    # With no next test, the session's fixtures are gone too, the test database with them.
    if _flushed and nextitem is not None:
        from tests import database_state

        with item.config.stash[blocking_manager_key].unblock():
            database_state.restore_baseline()
        _flushed.clear()
    return result


def pytest_collection_modifyitems(config, items):
    """The slow tests (marked `slow`: the newcomer's run, the fuzzers, S7, the reliability runs) first, one after
    another in each worker's share. pytest-xdist's worksteal gives each worker a contiguous share of the collection
    and lets idle workers take from the end of another's; a slow test met at the end of a share ran while the
    other workers had nothing left, and ended the run alone. The order is the same in every worker, as xdist
    requires."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    if workers < 2:
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    rest = [item for item in items if not item.get_closest_marker("slow")]
    heads = [slow[worker::workers] for worker in range(workers)]
    ordered, remaining = [], len(items)
    for worker in range(workers):
        # The share's size as worksteal cuts it (xdist/scheduler/worksteal.py: what is left over the workers left).
        size = remaining // (workers - worker)
        remaining -= size
        fill = max(0, size - len(heads[worker]))
        ordered += heads[worker] + rest[:fill]
        rest = rest[fill:]
    items[:] = ordered + rest


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
    """The demo content of `load_initial_data` (replayed from a copy per test process: tests/database_state.py)."""
    from tests import database_state

    database_state.load_demo_content()


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
