"""Batches through real Celery workers on the lab: the API from submission to the streamed results, two
workers sharing one batch, and a worker killed mid-batch."""

import csv
import io
import json
import os
import signal
from datetime import timedelta

import pytest
from django.test import Client

from batches import runner
from batches.models import BatchName, Chunk
from batches.submit import send
from portal import clock
from tests.checker.batches.conftest import bearer
from tests.checker.portal.conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
NAMES = ["alg13.test", "unsigned.test", "expired.test", "nsec3.test", "alg8.test", "alg15.test"]


def submit(token, names):
    response = Client().post(
        "/api/v1/batches", json.dumps({"names": names}), content_type="application/json", **bearer(token)
    )
    assert response.status_code == 202
    return response.json()["id"]


def progress(token, batch_id):
    return Client().get(f"/api/v1/batches/{batch_id}", **bearer(token)).json()


def finished(token, batch_id, timeout=120):
    return wait_for(lambda: (p := progress(token, batch_id))["finished"] and p, timeout, message="batch finished")


def test_a_batch_from_submission_to_its_results_on_two_workers(lab_env, processes, token, settings):
    settings.BATCH_CHUNK_SIZE = 2
    processes.worker(["batch"], "batch-a", extra_env=lab_env)
    processes.worker(["batch"], "batch-b", extra_env=lab_env)
    batch_id = submit(token, NAMES + ["alg13.test"])
    done = finished(token, batch_id)
    assert (done["accepted"], done["duplicates"], done["checked"], done["seconds_left"]) == (6, 1, 6, 0)
    assert list(Chunk.objects.values_list("attempts", flat=True)) == [1, 1, 1], "each chunk checked once"
    assert {worker.split("@")[0] for worker in Chunk.objects.values_list("worker", flat=True)} <= {"batch-a", "batch-b"}

    rows = Client().get(f"/api/v1/batches/{batch_id}/results?format=json", **bearer(token))
    assert rows["Content-Type"] == "application/json"
    body = json.loads(b"".join(rows.streaming_content))
    assert [(r["domain"], r["verdict"], r["worst_severity"], r["algorithms"], r["denial"]) for r in body] == [
        ("alg13.test", "secure", "NOTE", [13], "nsec"),
        ("unsigned.test", "insecure", "NOTE", [], ""),
        ("expired.test", "bogus", "CRIT", [13], "nsec"),
        ("nsec3.test", "secure", "NOTE", [13], "nsec3"),
        ("alg8.test", "secure", "NOTE", [8], "nsec"),
        ("alg15.test", "secure", "NOTE", [15], "nsec"),
    ]
    assert (body[3]["nsec3_iterations"], body[3]["nsec3_salt_length"], body[3]["nsec3_opt_out"]) == (0, 0, False)

    text = b"".join(Client().get(f"/api/v1/batches/{batch_id}/results?format=csv", **bearer(token)).streaming_content)
    table = list(csv.reader(io.StringIO(text.decode())))
    assert table[0][:4] == ["position", "domain", "verdict", "worst_severity"]
    assert table[3][:6] == ["2", "expired.test", "bogus", "CRIT", table[3][4], "13"]
    assert "rrsig_expired" in table[3][4].split(" ") and len(table) == 7


@pytest.mark.slow
def test_a_worker_killed_mid_batch_loses_nothing_and_nothing_is_checked_twice(lab_env, processes, token, settings):
    settings.BATCH_CHUNK_SIZE = 1
    first = processes.worker(["batch"], "doomed", extra_env=lab_env)
    batch_id = submit(token, NAMES)
    wait_for(lambda: Chunk.objects.filter(finished_at__isnull=False).count() >= 2, 120, message="two chunks done")
    os.killpg(first.pid, signal.SIGKILL)
    first.proc.wait()
    recorded = dict(BatchName.objects.filter(checked_at__isnull=False).values_list("domain", "checked_at"))
    assert progress(token, batch_id)["finished"] is None

    # What the dead worker held counts as lost once its time limit and grace have passed (on every process's
    # clock); what is still in the queue goes to the next worker; the sweeper sends the rest again.
    clock.advance(timedelta(seconds=3600))
    processes.worker(["batch"], "rescue", extra_env=lab_env)
    send(runner.to_resend())
    done = finished(token, batch_id)
    assert done["checked"] == 6
    again = dict(BatchName.objects.filter(domain__in=recorded).values_list("domain", "checked_at"))
    assert again == recorded, "what the dead worker recorded stands and was not checked again"
    assert not Chunk.objects.filter(finished_at__isnull=True).exists()
