"""Entry point of `python -m checker.engine`; see cli.py.

What follows only makes the command line's process start faster (README, "Performance of the
checker engine"); no output depends on it.
"""

import gc
import importlib
import importlib.machinery
import importlib.util
import marshal
import os
import sys
import types

# Start-up allocates tens of thousands of objects and frees few: at the default threshold (700)
# the collector walks them again and again (about 5 ms of a run).  A long batch still collects.
gc.set_threshold(100_000)


class _ImportedOnUse(types.ModuleType):
    """Stands in sys.modules for a module until an attribute it was not given is read."""

    def __init__(self, name: str, attributes: dict):
        super().__init__(name)
        self.__dict__.update(attributes)

    def __getattr__(self, attribute: str):
        if "_ready" not in self.__dict__:  # the import system is still setting it up
            raise AttributeError(attribute)
        if attribute == "__path__" and not _is_package(self.__name__):
            raise AttributeError(attribute)  # `from module import name` asks whether it is a package
        return getattr(_imported(self.__name__), attribute)


def _is_package(name: str) -> bool:
    parent = name.rpartition(".")[0]
    spec = importlib.machinery.PathFinder.find_spec(name, sys.modules[parent].__path__ if parent else None)
    return spec is not None and spec.submodule_search_locations is not None


def _imported(name: str) -> types.ModuleType:
    """The module itself, imported now if a stand-in holds its place (the import sets it on its parent)."""
    if isinstance(sys.modules.get(name), _ImportedOnUse):
        del sys.modules[name]
    return importlib.import_module(name)


class _LoggerOnUse:
    """asyncio's logger (and concurrent.futures'), made by the logging module when first used.
    Until logging is imported nothing can have configured it, so its root logger's level is
    WARNING and a debug record (asyncio writes one for each new event loop) would be dropped."""

    def __init__(self, name: str | None):
        self._name = name

    def debug(self, *args, **kwargs) -> None:
        if not isinstance(sys.modules["logging"], _ImportedOnUse):
            self.__getattr__("debug")(*args, **kwargs)

    def __getattr__(self, attribute: str):
        return getattr(_imported("logging").getLogger(self._name), attribute)


def _get_logger(name: str | None = None):
    if isinstance(sys.modules["logging"], _ImportedOnUse):
        return _LoggerOnUse(name)
    return sys.modules["logging"].getLogger(name)


def _signature(function):
    """inspect.signature, but for dnspython's immutable classes, which give each __init__ a
    __signature__ when the class is made (for help()): None leaves that to inspect when asked."""
    if sys._getframe(1).f_globals.get("__name__") == "dns._immutable_ctx":
        return None
    return _imported("inspect").signature(function)


def _extract_stack(f=None, limit=None):
    """traceback.extract_stack, from its caller's frame as the real one starts."""
    return _imported("traceback").extract_stack(f or sys._getframe(1), limit)


def _on_use(module: str, function: str):
    """A function of `module` that imports it when first called (its module's stand-in holds it)."""
    return lambda *args, **kwargs: getattr(_imported(module), function)(*args, **kwargs)


# What a check's imports bring in but a run does not use, each with the attributes read when
# it is imported (about 15 ms of a run together, README):
_STAND_INS = {
    # dnspython imports it (with email, zipfile, csv, pathlib) only to look up the versions of its
    # optional packages, which the command line gives it below.
    "importlib.metadata": {},
    # asyncio's, for subprocesses, executors and logging errors;
    "subprocess": {"PIPE": -1, "STDOUT": -2, "DEVNULL": -3},
    "concurrent.futures": {
        "FIRST_COMPLETED": "FIRST_COMPLETED",
        "FIRST_EXCEPTION": "FIRST_EXCEPTION",
        "ALL_COMPLETED": "ALL_COMPLETED",
    },
    "logging": {"DEBUG": 10, "getLogger": _get_logger},
    # dnspython's DNSSEC algorithms, for private keys and PEM (with ssh keys and ciphers); its
    # TSIG, for signed messages (hmac loads OpenSSL's digests);
    "cryptography.hazmat.primitives.serialization": {},
    "hmac": {},
    # dnspython's IDNA codecs, which a name of ASCII labels never uses (names.normalize's codec
    # takes an all-ASCII label as it is).
    "idna": {},
    "encodings.idna": {},
    # With ast, dis and tokenize (about 3 ms): dnspython's immutable classes read its signature
    # (_signature), dataclasses reads it for the docstring of a class that has none, asyncio in
    # paths a check does not take.
    "inspect": {"signature": _signature},
    # asyncio's, for the stacks of tasks in debug mode (with textwrap);
    "traceback": {"extract_stack": _extract_stack},
    "linecache": {},
    # asyncio's TLS and happy eyeballs, which DNS over UDP and TCP to an address never uses;
    "asyncio.sslproto": {},
    "asyncio.staggered": {},
    # names.py's, for a name pasted as a URL;
    "urllib.parse": {"urlsplit": _on_use("urllib.parse", "urlsplit")},
    # argparse's (with locale, and a search for catalogues on disk): Python ships no translation of
    # argparse's messages, so they read the same.
    "gettext": {"gettext": lambda message: message, "ngettext": lambda one, many, n: one if n == 1 else many},
}


# Modules imported as on a Python built without an optional library, each with the module it then
# does without: asyncio without ssl (about 6 ms: the engine sends DNS over UDP and TCP, never TLS),
# hashlib without OpenSSL's digests (about 2 ms: its own SHA-1 and SHA-2 code gives the same digests
# to the DS records and NSEC3 hashes).  Only these modules are told so: `import ssl` works afterwards.
_WITHOUT = {"asyncio": "ssl", "hashlib": "_hashlib"}


class _StartUp:
    """Gives the first import of a module of _STAND_INS a stand-in (the real import follows when one
    of its other attributes is read), and imports the modules of _WITHOUT without their library.
    importlib.util.LazyLoader does not do for the stand-ins: the import statement reads the
    module's __spec__, which loads it."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name in _STAND_INS:
            return importlib.machinery.ModuleSpec(name, _StartUp)
        hidden = _WITHOUT.get(name)
        if hidden is None or hidden in sys.modules:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        exec_module = spec.loader.exec_module

        def exec_without(module):
            sys.modules[hidden] = None  # the module's own "try: import ... / except ImportError:"
            try:
                exec_module(module)
            finally:
                del sys.modules[hidden]

        spec.loader.exec_module = exec_without
        return spec

    @staticmethod
    def create_module(spec):
        return _ImportedOnUse(spec.name, _STAND_INS.pop(spec.name))

    @staticmethod
    def exec_module(module):
        module._ready = True


# A dataclass's methods are Python source that dataclasses compiles when the class is made: about
# 100 functions, 11 ms of a run.  The code objects are kept by source text (the key is the whole
# source, so a changed class only misses) in a marshal file beside the engine's bytecode.
_CODE_CACHE = os.path.join(
    os.path.dirname(__file__),
    "__pycache__",
    f"dataclasses.{sys.implementation.cache_tag}-{importlib.util.MAGIC_NUMBER.hex()}.marshal",  # as a .pyc's
)
try:
    with open(_CODE_CACHE, "rb") as cache_file:
        _cached_code = marshal.load(cache_file)
except (OSError, EOFError, ValueError, TypeError):
    _cached_code = {}
_used_code: dict = {}
_compiled = False


def _exec_cached(source, globals=None, locals=None):
    global _compiled
    code = _cached_code.get(source)
    if code is None:
        code = compile(source, "<string>", "exec", dont_inherit=True)
        _compiled = True
    _used_code[source] = code
    exec(code, globals, locals)


def _keep_compiled_code() -> None:
    """Writes this run's code objects when some were compiled (only this run's: stale ones go)."""
    if not _compiled:
        return
    try:
        os.makedirs(os.path.dirname(_CODE_CACHE), exist_ok=True)
        partial = f"{_CODE_CACHE}.{os.getpid()}.tmp"
        with open(partial, "wb") as out:
            marshal.dump(_used_code, out)
        os.replace(partial, _CODE_CACHE)
    except OSError:
        pass


# dnspython looks up its optional packages' versions in their metadata; the command line tells it
# which are here instead (asked before the stand-ins, which would answer for idna).
_have = {
    feature: importlib.util.find_spec(package) is not None
    for feature, package in [("dnssec", "cryptography"), ("idna", "idna")]
}
sys.meta_path.insert(0, _StartUp)

import dataclasses  # noqa: E402  (after the stand-ins: it imports inspect, which only a class without a docstring reads)

dataclasses.exec = _exec_cached  # dataclasses' own `exec(source, globals, namespace)` finds it first

import dns._features  # noqa: E402

for _feature, _present in _have.items():
    dns._features.force(_feature, _present)
dns._features.force("doh", False)

from .cli import main  # noqa: E402

try:
    status = main()
except SystemExit as stop:  # argparse's (its status, 0 or 2) after a usage or help text: no teardown either
    status = stop.code or 0
sys.stdout.flush()
sys.stderr.flush()
_keep_compiled_code()
# Skip interpreter teardown (about 40 ms): everything has been written.
os._exit(status)
