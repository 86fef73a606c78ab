"""Loaded by the campaign bench's workers when it is run with --profile (this folder on PYTHONPATH): in each Celery
pool process a thread samples the main thread's stack every 2 ms (wall time: waiting shows as the event loop's
select) and writes the counts to $CAMPAIGN_BENCH_PROFILE/<pid>.json when the process ends.  cProfile was tried
first: it multiplied a check's CPU time by eight (dnspython makes many small calls) and so misplaced it.
The bench's alone: nothing in the portal knows of it."""

import os

if os.environ.get("CAMPAIGN_BENCH_PROFILE"):
    import json
    import sys
    import threading
    import time
    from collections import Counter

    from celery.signals import worker_process_init, worker_process_shutdown

    _samples: Counter = Counter()
    _stop = threading.Event()

    def _where(frame) -> tuple:
        stack = []
        while frame is not None:
            code = frame.f_code
            stack.append(f"{os.path.relpath(code.co_filename)}:{code.co_firstlineno}({code.co_name})")
            frame = frame.f_back
        return tuple(reversed(stack))

    def _sample(main: int) -> None:
        while not _stop.wait(0.002):
            frame = sys._current_frames().get(main)
            if frame is not None:
                _samples[_where(frame)] += 1

    @worker_process_init.connect(weak=False)
    def _start(**kwargs):
        threading.Thread(target=_sample, args=(threading.main_thread().ident,), daemon=True).start()

    @worker_process_shutdown.connect(weak=False)
    def _stop_sampling(**kwargs):
        _stop.set()
        time.sleep(0.01)
        path = os.path.join(os.environ["CAMPAIGN_BENCH_PROFILE"], f"{os.getpid()}.json")
        with open(path, "w") as out:
            json.dump([[list(stack), count] for stack, count in _samples.items()], out)
