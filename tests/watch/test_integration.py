"""A watched domain through real Celery workers, beat's dispatch task and the test's own lab server.

- A zone that breaks raises one problem alert and a delivered webhook; while it stays broken nothing more is said;
  its fix raises one recovery alert, whose webhook, failing, is tried with back-off on the batch queue and then
  disabled.
- A zone whose ZSK is retired too early (K1) between two checks raises one problem alert and the worker sends one
  e-mail; putting the key back sends one recovery e-mail.

Time moves with portal.clock (the workers read it too: the runs' times and the engine's reference time), never by
sleeping through the hours between checks.
"""

import email
import email.header
from datetime import datetime, timedelta

import pytest

from checker.lab.server import serve_python
from portal import clock
from portal.tasks import dispatch_due
from tests import slots
from tests.breakable_zone import BreakableZone
from tests.checker.conftest import LAB_NOW, lab, lab_key_dir  # noqa: F401 (lab: the zone files, no server)
from tests.checker.portal.conftest import lab_environment, processes, wait_for  # noqa: F401 (fixture)
from tests.watch.receiver import receiver
from tests.watch.rolling_zone import RollingZone
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


ROLLED_TTL = 86400  # a day: the gap of 6 hours between checks proves a key's removal too early


@pytest.fixture
def rolling(lab, processes, tmp_path, organisation, make_user, request):  # noqa: F811
    """alg13.test. signed at the portal clock's time by the test, on this test's own lab server, and a worker on
    the monitor queue whose engine and e-mail follow the portal (no CHECKER_NOW; e-mail kept in files)."""
    clock.advance(LAB_NOW - clock.now())  # the lab's parents are signed around LAB_NOW
    port = slots.port_base() + OWN_SERVER_PORT_OFFSET
    outbox = tmp_path / "mail"
    with serve_python(lab, port) as server:
        zone = RollingZone(server, lab, lab_key_dir(request.config, lab.workdir), ZONE, ("zsk", "zsk-next"), ROLLED_TTL)
        env = {
            **{name: value for name, value in lab_environment(lab).items() if name != "CHECKER_NOW"},
            "CHECKER_PORT": str(port),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(outbox),
        }
        processes.worker(["monitor"], "watch-rollover", concurrency=1, extra_env=env)
        make_user(organisation, "ops@example-isp.jp", "ja")
        yield zone, outbox


def sent(outbox) -> list[email.message.Message]:
    """The messages the worker's file backend wrote (each followed by a line of 79 dashes)."""
    messages = []
    for path in sorted(outbox.glob("*.log")) if outbox.exists() else []:
        for part in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if part.strip():
                messages.append(email.message_from_bytes(part))
    return messages


def subject(message) -> str:
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


def test_a_zsk_retired_too_early_alerts_once_and_its_return_once(rolling, organisation):
    zone, outbox = rolling
    now = lambda: int(clock.now().timestamp())  # noqa: E731
    zone.serve(now(), published=("zsk", "zsk-next"), signing="zsk")  # the next ZSK pre-published: correct so far
    watched = monitor.add(organisation, ZONE, None)
    assert check_after(watched, 0) == []
    first = watched.runs.get()
    assert abs(first.created - LAB_NOW) < timedelta(minutes=5)  # the run's time is the portal's clock
    checked = datetime.fromisoformat(first.report["now"].replace("Z", "+00:00"))
    assert timedelta(0) <= checked - first.created.replace(microsecond=0) < timedelta(minutes=1)  # the engine's too

    clock.advance(timedelta(hours=6))
    zone.serve(now(), published=("zsk-next",), signing="zsk-next")  # the old ZSK gone at once: too early
    (problem,) = check_after(watched, 0)
    second = watched.runs.order_by("-created").first()
    assert second.created - first.created >= timedelta(hours=6)
    (k1,) = [f for f in second.report["findings"] if f["id"] == "zsk_retired_too_early"]
    assert (k1["evidence"]["key_tag"], k1["evidence"]["ttl"], k1["evidence"]["required_wait"]) == (
        zone.tag("zsk"),
        ROLLED_TTL,
        ROLLED_TTL,
    )
    assert problem.kind == Alert.Kind.PROBLEM
    assert [c["code"] for c in problem.conditions] == ["k_finding", "keys_changed"]
    assert problem.conditions[0]["findings"] == ["zsk_retired_too_early@alg13.test."]
    (mail,) = wait_for(lambda: sent(outbox), 30, message="the problem e-mail")
    assert mail["To"] == "ops@example-isp.jp"
    assert subject(mail) == "[DNSSEC Japan] alg13.test に問題があります"

    clock.advance(timedelta(hours=1))  # a rollover under way: checked again within the hour
    zone.serve(now(), published=("zsk", "zsk-next"), signing="zsk-next")  # the old key back: fixed
    alerts = check_after(watched, 0)
    assert [alert.kind for alert in alerts] == [Alert.Kind.PROBLEM, Alert.Kind.RECOVERED]
    # Two mails in all; the file backend names its files by the second and a random id, so not in order.
    mails = wait_for(lambda: len(sent(outbox)) == 2 and sent(outbox), 30, message="recovery")
    assert sorted(subject(mail) for mail in mails) == [
        "[DNSSEC Japan] alg13.test に問題があります",
        "[DNSSEC Japan] alg13.test の問題は解消しました",
    ]
    assert WatchedDomain.objects.get(pk=watched.pk).open_problems == []
