"""The validating-resolver category through real Celery workers: an application's round is judged by the task on
the `batch` queue; a certificate's re-check is sent by beat's dispatch task to the `monitor` queue, asks once for a
fresh run, and moves the certificate to grace when none arrives. Time moves with portal.clock, never by sleeping.
"""

from datetime import timedelta

import pytest

from members.logo import lifecycle
from members.logo.models import Application, Certificate
from members.roles import Role
from portal import clock
from portal.tasks import dispatch_due
from tests.checker.portal.conftest import processes, wait_for  # noqa: F401 (fixture)
from tests.members.test_logo_resolver import PREFIXES, make_run, noon

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(processes):  # noqa: F811
    env = {"RESOLVER_TEST_ZONE": "rt.test"}
    return processes.worker(["batch", "monitor"], "logo-resolver", concurrency=2, extra_env=env)


def test_a_resolver_application_is_judged_on_the_batch_queue_and_its_certificate_rechecked(
    worker, organisation, make_user
):
    applicant = make_user(Role.MEMBER, organisation, email="noc@example-isp.jp", language="en")
    reviewer = make_user(Role.LOGO_REVIEWER, email="reviewer@dnssec.jp.invalid")
    for minutes, day in enumerate((3, 2, 2)):
        make_run(noon(day) + timedelta(minutes=minutes))
    application = lifecycle.apply(organisation, "resolver", [], applicant, prefixes=PREFIXES)
    application = wait_for(
        lambda: Application.objects.filter(pk=application.pk, state=Application.State.READY).first(),
        60,
        message="the runs judged",
    )
    assert (application.evaluation.outcome, application.evaluation.test_runs.count()) == ("pass", 3)
    certificate = lifecycle.approve(application, reviewer, "")

    def recheck_after(days):
        before = certificate.rechecks.exclude(outcome="").count()
        clock.advance(timedelta(days=days))
        assert dispatch_due() == 1
        wait_for(lambda: certificate.rechecks.exclude(outcome="").count() > before, 60, message="the re-check")
        certificate.refresh_from_db()
        return certificate.last_evaluation.outcome, certificate.state

    assert recheck_after(1) == ("pass", Certificate.State.VALID)
    assert certificate.run_requested_at is None
    assert recheck_after(30) == ("pass", Certificate.State.VALID)  # the latest run is 30 days old: asked once
    asked = certificate.run_requested_at
    assert asked is not None
    assert recheck_after(1) == ("pass", Certificate.State.VALID)
    assert certificate.run_requested_at == asked  # … and not again
    assert recheck_after(14) == ("fail", Certificate.State.GRACE)
    assert list(certificate.events.values_list("to_state", flat=True)) == ["valid", "grace"]
