"""Imported by a test worker (hooked_settings): CHECKER_TEST_ENGINE changes what a check does.

- ``slow=<seconds>``: the real check of the lab zone, then a pause, so that a test can kill a worker mid-run;
- ``kill-self``: the pool process kills itself with SIGKILL (a poison check, R2).
"""

import os
import signal
import time

from checker import tasks

_real_engine = tasks.run_engine
_mode = os.environ.get("CHECKER_TEST_ENGINE", "")


def _hooked(domain, on_event):
    if _mode == "kill-self":
        os.kill(os.getpid(), signal.SIGKILL)
    report = _real_engine(domain, on_event)
    if _mode.startswith("slow="):
        time.sleep(float(_mode.split("=", 1)[1]))
    return report


tasks.run_engine = _hooked
