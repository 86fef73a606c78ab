"""The task writes the engine's progress from its own thread, never from the engine's event loop.

Django refuses ORM calls on a thread that runs an asyncio loop (SynchronousOnlyOperation), so a
progress write made from inside the engine's loop fails every live check.
"""

import asyncio
import threading

import pytest

from checker import tasks
from checker.models import CheckRun


def fake_engine(events, pause):
    """An engine that, like the real one, calls on_event from inside its asyncio loop."""

    def run_engine(domain, on_event):
        async def check():
            for number in range(events):
                on_event({"event": "server", "number": number})
                await asyncio.sleep(pause)
            return {"verdict": "secure", "name": domain}

        return asyncio.run(check())

    return run_engine


@pytest.mark.django_db
def test_progress_is_written_with_the_orm_on_the_tasks_thread(monkeypatch):
    monkeypatch.setattr(tasks, "run_engine", fake_engine(events=12, pause=0.1))
    writes = []

    def write_progress(events):
        CheckRun.objects.filter(pk=0).update(progress=events)  # raises on the engine loop's thread
        writes.append((threading.current_thread(), len(events)))

    report, events = tasks.run_engine_on_thread("alg13.test", write_progress)

    assert report == {"verdict": "secure", "name": "alg13.test"}
    assert [event["number"] for event in events] == list(range(12))
    assert {thread for thread, _ in writes} == {threading.current_thread()}
    counts = [count for _, count in writes]
    assert counts == sorted(set(counts)) and 0 < counts[-1] <= 12, "each write holds more events than the last"
    # 1.2 s of events: at most one write per PROGRESS_WRITE_SECONDS (0.3 s), so 4, and at least 2.
    assert 2 <= len(writes) <= 4


def test_an_engine_failure_reaches_the_task():
    def broken(domain, on_event):
        raise LookupError("engine broke")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tasks, "run_engine", broken)
        with pytest.raises(LookupError, match="engine broke"):
            tasks.run_engine_on_thread("alg13.test", lambda events: None)
