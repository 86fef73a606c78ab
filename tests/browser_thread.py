"""Playwright on a thread of its own, so that the test thread keeps no event loop.

Playwright's sync API runs an asyncio event loop (in a greenlet) on the thread that starts it,
and that loop stays "running" there: Django then refuses every ORM call on that thread
(SynchronousOnlyOperation). Instead of silencing Django with DJANGO_ALLOW_ASYNC_UNSAFE (which
every process the tests start would inherit, hiding real bugs), one thread per pytest process
owns sync_playwright, the browser, its contexts and pages, and tests hold proxies:

- a method call or attribute read on a proxy runs on that thread; a Playwright object in the
  result comes back as a proxy again, and proxies passed as arguments are unwrapped
  (``page.locator(".x", has=page.locator("code"))``);
- ``with page.expect_navigation():``, ``expect_popup()``, ``expect_download()`` and
  ``__getitem__``, ``len()``, ``iter()`` work through the proxy;
- ``expect`` (from this module, not from playwright.sync_api) runs the assertions there;
- event handlers (``page.on("dialog", handler)``) run on the Playwright thread and receive
  Playwright's own objects; they must not touch the ORM.
"""

from __future__ import annotations

import concurrent.futures
import inspect
import operator
import threading

__all__ = ["Proxy", "expect", "run", "start", "stop", "unwrap", "wrap"]

_executor: concurrent.futures.ThreadPoolExecutor | None = None
_thread: threading.Thread | None = None
_playwright = None
_lock = threading.Lock()


def _ensure_thread() -> concurrent.futures.ThreadPoolExecutor:
    global _executor, _thread
    with _lock:
        if _executor is None:
            _executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="playwright")
            _thread = _executor.submit(threading.current_thread).result()
        return _executor


def run(function, *args, **kwargs):
    """Call function(*args, **kwargs) on the Playwright thread and return its result."""
    if threading.current_thread() is _thread:  # a handler already on the thread
        return function(*args, **kwargs)
    return _ensure_thread().submit(function, *args, **kwargs).result()


def _is_playwright_object(value) -> bool:
    return type(value).__module__.partition(".")[0] == "playwright"


def wrap(value):
    """A proxy for a Playwright object; lists, tuples and dicts are wrapped item by item."""
    if isinstance(value, Proxy):
        return value
    if _is_playwright_object(value):
        return Proxy(value)
    if isinstance(value, (list, tuple)):
        return type(value)(wrap(item) for item in value)
    if isinstance(value, dict):
        return {key: wrap(item) for key, item in value.items()}
    return value


def unwrap(value):
    """The Playwright object behind a proxy; lists, tuples and dicts are unwrapped item by item."""
    if isinstance(value, Proxy):
        return object.__getattribute__(value, "_target")
    if isinstance(value, (list, tuple)):
        return type(value)(unwrap(item) for item in value)
    if isinstance(value, dict):
        return {key: unwrap(item) for key, item in value.items()}
    return value


def _call(function, args, kwargs):
    return wrap(run(function, *unwrap(args), **unwrap(kwargs)))


class _Method:
    """A bound method of a Playwright object, called on the Playwright thread."""

    __slots__ = ("_method",)

    def __init__(self, method):
        self._method = method

    def __call__(self, *args, **kwargs):
        return _call(self._method, args, kwargs)

    def __repr__(self):
        return f"<on the Playwright thread: {self._method!r}>"


class Proxy:
    """Stands for a Playwright object that lives on the Playwright thread."""

    __slots__ = ("_target",)

    def __init__(self, target):
        object.__setattr__(self, "_target", target)

    def __getattr__(self, name):
        value = run(getattr, self._target, name)
        if inspect.ismethod(value) or inspect.isfunction(value) or inspect.isbuiltin(value):
            return _Method(value)
        return wrap(value)

    def __setattr__(self, name, value):
        run(setattr, self._target, name, unwrap(value))

    def __enter__(self):
        return _call(type(self._target).__enter__, (self._target,), {})

    def __exit__(self, exc_type, exc, traceback):
        return run(type(self._target).__exit__, self._target, exc_type, exc, traceback)

    def __getitem__(self, key):
        return _call(operator.getitem, (self._target, key), {})

    def __len__(self):
        return run(len, self._target)

    def __iter__(self):
        return iter(wrap(run(list, self._target)))

    def __bool__(self):
        return run(bool, self._target)

    def __eq__(self, other):
        return self._target is unwrap(other)

    def __hash__(self):
        return hash(self._target)

    def __dir__(self):
        return run(dir, self._target)

    def __str__(self):
        return run(str, self._target)

    def __repr__(self):
        return f"<on the Playwright thread: {run(repr, self._target)}>"


class _Expect:
    """playwright.sync_api.expect, run on the Playwright thread."""

    def __call__(self, actual, message=None):
        from playwright.sync_api import expect as sync_expect

        return _call(sync_expect, (actual, message), {})

    def set_options(self, **options):
        from playwright.sync_api import expect as sync_expect

        run(sync_expect.set_options, **options)


expect = _Expect()


def start() -> Proxy:
    """Start sync_playwright on the Playwright thread (once per process); a proxy of it."""
    global _playwright

    def starting():
        from playwright.sync_api import sync_playwright

        return sync_playwright().start()

    if _playwright is None:
        _playwright = run(starting)
    return Proxy(_playwright)


def stop() -> None:
    """Stop Playwright and its thread."""
    global _executor, _thread, _playwright
    if _playwright is not None:
        run(_playwright.stop)
        _playwright = None
    if _executor is not None:
        _executor.shutdown(wait=True)
        _executor = _thread = None
