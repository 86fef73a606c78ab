"""A watched domain through real Celery workers, beat's dispatch task and the test's own lab server: a zone that
breaks raises one problem alert and a delivered webhook; while it stays broken nothing more is said; its fix
raises one recovery alert, whose webhook, failing, is tried with back-off on the batch queue and then disabled.

Time moves with portal.clock (the workers read it too), never by sleeping through the six hours between checks.
"""

from datetime import timedelta

import pytest

from checker.lab.server import serve_python
from portal import clock
from portal.tasks import dispatch_due
from tests import slots
from tests.breakable_zone import BreakableZone
from tests.checker.conftest import lab  # noqa: F401 (fixture: the lab's zone files, no server)
from tests.checker.portal.conftest import lab_environment, processes, wait_for  # noqa: F401 (fixture)
from tests.watch.receiver import receiver
from watch import monitor
from watch.models import Alert, Delivery, WatchedDomain, Webhook

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
ZONE = "alg13.test"
OWN_SERVER_PORT_OFFSET = 67


@pytest.fixture
def world(lab, processes, tmp_path, organisation, make_user):  # noqa: F811
    """The zone on this test's own lab server, a webhook receiver on a lab address, and a worker serving both
    the monitor queue (re-checks) and the batch queue (webhook deliveries, tried again after 1, 2, 4, 8 s)."""
    port = slots.port_base() + OWN_SERVER_PORT_OFFSET
    receiver_host = str(lab.network[-2])  # inside the lab range: lab mode's address rules allow it
    with serve_python(lab, port) as server, receiver(tmp_path, receiver_host) as (hook, url, certificate):
        env = {
            **lab_environment(lab),
            "CHECKER_PORT": str(port),
            "SSL_CERT_FILE": str(certificate),
            "WATCH_WEBHOOK_FIRST_DELAY_SECONDS": "1",
        }
        processes.worker(["batch", "monitor"], "watch", concurrency=2, extra_env=env)
        make_user(organisation, "ops@example-isp.jp", "ja")
        Webhook.objects.create(organisation=organisation, url=url, created_at=clock.now())
        yield BreakableZone(server, lab, ZONE), hook


def check_after(watched, hours):
    """Move every process's clock on, send what is due, and wait until the run it started has been judged."""
    runs = watched.runs.count()
    clock.advance(timedelta(hours=hours))
    assert dispatch_due() == 1
    wait_for(lambda: watched.runs.count() > runs, 30, message="the re-check started")
    started = watched.runs.order_by("-created").first()
    wait_for(lambda: WatchedDomain.objects.filter(pk=watched.pk, judged_run=started).exists(), 90, message="judged")
    return list(watched.alerts.order_by("at", "pk"))


def test_an_outage_alerts_once_and_its_end_once(world, organisation):
    zone, hook = world
    watched = monitor.add(organisation, ZONE, None)
    assert check_after(watched, 0) == []
    watched.refresh_from_db()
    assert watched.last_summary["verdict"] == "secure"
    assert watched.runs.get().queue == "monitor"

    zone.break_()
    (problem,) = check_after(watched, 6)
    assert (problem.kind, problem.muted) == (Alert.Kind.PROBLEM, False)
    assert problem.conditions[0] == {"code": "verdict_worse", "before": "secure", "after": "bogus"}
    wait_for(lambda: Delivery.objects.filter(alert=problem, state="delivered").exists(), 30, message="delivered")
    assert len(hook.requests) == 1

    assert len(check_after(watched, 6)) == 1  # still broken: nothing more

    hook.status = 500
    zone.fix()
    alerts = check_after(watched, 6)
    assert [alert.kind for alert in alerts] == [Alert.Kind.PROBLEM, Alert.Kind.RECOVERED]
    failed = wait_for(lambda: Delivery.objects.filter(alert=alerts[1], state="failed").first(), 60, message="given up")
    assert failed.attempts == 5
    assert len(hook.requests) == 6
    assert Webhook.objects.get(organisation=organisation).disabled_at is not None
    assert WatchedDomain.objects.get(pk=watched.pk).open_problems == []
