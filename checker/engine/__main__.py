"""Entry point of `python -m checker.engine`; see cli.py."""

import importlib.util
import os
import sys

import dns._features

# dnspython looks up the versions of its optional packages in their metadata at import (about
# 15 ms of a cold start, NOTES); the command line only needs to know whether they are there.
dns._features.force("dnssec", importlib.util.find_spec("cryptography") is not None)
dns._features.force("idna", importlib.util.find_spec("idna") is not None)
dns._features.force("doh", False)

from .cli import main  # noqa: E402

status = main()
sys.stdout.flush()
sys.stderr.flush()
# Skip interpreter teardown (about 40 ms, NOTES): everything has been written.
os._exit(status)
