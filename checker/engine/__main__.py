"""Entry point of `python -m checker.engine`; see cli.py."""

import gc
import importlib
import importlib.util
import os
import sys
import types

# Start-up allocates tens of thousands of objects and frees few: at the default threshold (700)
# the collector walks them again and again (about 5 ms of a run).  A long batch still collects.
gc.set_threshold(100_000)


class _ImportedOnUse(types.ModuleType):
    """Stands in sys.modules for a module until one of its attributes is read."""

    def __getattr__(self, attribute: str):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        module = importlib.import_module(self.__name__)
        parent, _, child = self.__name__.rpartition(".")
        setattr(sys.modules[parent], child, module)
        return getattr(module, attribute)


# dnspython imports importlib.metadata (and with it email, zipfile, csv, pathlib: about 15 ms of a
# cold start, README) only to look up the versions of its optional packages, which the command line
# gives it below.  importlib.util.LazyLoader does not help: the import statement reads the module's
# __spec__, which loads it.
importlib.metadata = sys.modules["importlib.metadata"] = _ImportedOnUse("importlib.metadata")

import dns._features  # noqa: E402

dns._features.force("dnssec", importlib.util.find_spec("cryptography") is not None)
dns._features.force("idna", importlib.util.find_spec("idna") is not None)
dns._features.force("doh", False)

from .cli import main  # noqa: E402

status = main()
sys.stdout.flush()
sys.stderr.flush()
# Skip interpreter teardown (about 40 ms): everything has been written.
os._exit(status)
