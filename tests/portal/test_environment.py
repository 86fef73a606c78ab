"""The tests' environment is the user's: nothing sets DJANGO_ALLOW_ASYNC_UNSAFE, neither in the
test process nor in the processes it starts (a flag inherited by workers once hid a bug that
failed every live check in real processes)."""

import os
from pathlib import Path

import pytest

from tests import slots
from tests.celery_workers import WorkerProcess

FLAG = "DJANGO_ALLOW_ASYNC_UNSAFE"


def environment_of(pid: int) -> dict[str, str]:
    entries = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(entry.decode(errors="replace").partition("=")[::2] for entry in entries if entry)


def children_of(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in children.read_text().split()] if children.exists() else []


def test_the_test_process_runs_without_the_async_unsafe_flag():
    assert FLAG not in os.environ


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_celery_worker_started_by_the_tests_runs_without_the_async_unsafe_flag():
    assert FLAG not in os.environ
    worker = WorkerProcess(["interactive"], name=f"environ{slots.slot()}")
    try:
        worker.wait_ready(timeout=90)
        environment = environment_of(worker.pid)
        assert environment["DJANGO_SETTINGS_MODULE"] == "portal.settings.test"  # read the right process
        assert FLAG not in environment
        for child in children_of(worker.pid):  # the prefork pool's processes
            assert FLAG not in (environment_of(child) or {})  # a pool process may have been replaced
    finally:
        worker.stop()
