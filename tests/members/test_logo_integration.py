"""The whole life of a logo certificate through real Celery workers, beat's dispatch task and the demo
DNS lab's server: a secure zone earns the certificate; breaking the zone leads to grace, suspension and
revocation; fixing it in grace restores it; an undecided re-check changes nothing.

Time moves with portal.clock (an offset in the database that the workers read too), never by sleeping.
The zone is broken and fixed by changing what this test's own lab server answers (its signatures
corrupted, then restored), as an operator's mistake would.
"""

from datetime import timedelta

import pytest

from checker.lab.server import serve_python
from members.logo import lifecycle
from members.logo.models import Application, Certificate
from members.models import Organisation
from members.roles import Role
from portal import clock
from portal.tasks import dispatch_due
from tests import slots
from tests.breakable_zone import BreakableZone
from tests.checker.conftest import lab  # noqa: F401 (fixture: the lab's zone files, no server)
from tests.checker.portal.conftest import lab_environment, processes, wait_for  # noqa: F401 (fixture)

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
ZONE = "alg13.test"
OWN_SERVER_PORT_OFFSET = 66


@pytest.fixture
def zone(lab, processes):  # noqa: F811
    # Its own server (not the checker room's session-wide python_lab), so that breaking a zone touches no other test.
    port = slots.port_base() + OWN_SERVER_PORT_OFFSET
    with serve_python(lab, port) as server:
        env = {**lab_environment(lab), "CHECKER_PORT": str(port)}
        processes.worker(["batch", "monitor"], "logo", concurrency=2, extra_env=env)
        yield BreakableZone(server, lab, ZONE)


@pytest.fixture
def people(django_user_model):
    organisation = Organisation.objects.create(
        slug="example-hosting", name_ja="例示ホスティング株式会社", name_en="Example Hosting", category="hosting"
    )
    from members.models import Membership

    def user(role, email, org=None):
        person = django_user_model.objects.create_user(username=email, email=email, password="x" * 20)
        Membership.objects.create(user=person, organisation=org, roles=[role], language="ja")
        return person

    return (
        organisation,
        user(Role.MEMBER, "ops@example-hosting.jp", organisation),
        user(Role.LOGO_REVIEWER, "reviewer@dnssec.jp.invalid"),
    )


def state_after_recheck(certificate, days):
    """Move every process's clock on by `days`, call beat's dispatch task, and wait for the re-check's round."""
    before = certificate.rechecks.exclude(outcome="").count()
    clock.advance(timedelta(days=days))
    assert dispatch_due() == 1
    wait_for(lambda: certificate.rechecks.exclude(outcome="").count() > before, 60, message="the re-check settled")
    certificate.refresh_from_db()
    return certificate.state


def test_the_life_of_a_certificate(zone, people):
    organisation, provider, reviewer = people
    application = lifecycle.apply(organisation, "dns-hosting", [ZONE], provider)
    application = wait_for(
        lambda: Application.objects.filter(pk=application.pk, state=Application.State.READY).first(),
        60,
        message="the evidence checked",
    )
    assert application.evaluation.outcome == "pass"
    assert list(application.evaluation.runs.values_list("queue", "verdict")) == [("batch", "secure")]
    certificate = lifecycle.approve(application, reviewer, "")
    assert certificate.state == Certificate.State.VALID

    assert state_after_recheck(certificate, 1) == Certificate.State.VALID  # still secure
    zone.break_()
    assert state_after_recheck(certificate, 1) == Certificate.State.GRACE
    assert certificate.last_evaluation.runs.get().verdict == "bogus"
    assert certificate.last_evaluation.runs.get().queue == "monitor"
    assert state_after_recheck(certificate, 14) == Certificate.State.SUSPENDED
    assert state_after_recheck(certificate, 29) == Certificate.State.SUSPENDED  # a day of suspension left
    assert state_after_recheck(certificate, 1) == Certificate.State.REVOKED
    assert list(certificate.events.values_list("to_state", flat=True)) == [
        "valid",
        "grace",
        "suspended",
        "revoked",
    ]
    assert dispatch_due() == 0  # revoked: nothing more to re-check


def test_a_fix_in_grace_restores_the_certificate_and_an_undecided_recheck_changes_nothing(zone, people):
    organisation, provider, reviewer = people
    application = lifecycle.apply(organisation, "dns-hosting", [ZONE], provider)
    application = wait_for(
        lambda: Application.objects.filter(pk=application.pk, state=Application.State.READY).first(), 60
    )
    certificate = lifecycle.approve(application, reviewer, "")

    zone.silence()
    assert state_after_recheck(certificate, 1) == Certificate.State.VALID
    assert certificate.last_evaluation.outcome == "undecided"
    assert certificate.events.count() == 1

    zone.break_()
    assert state_after_recheck(certificate, 1) == Certificate.State.GRACE
    zone.fix()
    assert state_after_recheck(certificate, 1) == Certificate.State.VALID
    assert certificate.last_pass_at == certificate.last_evaluation.settled_at
    assert list(certificate.events.values_list("from_state", "to_state")) == [
        ("", "valid"),
        ("valid", "grace"),
        ("grace", "valid"),
    ]
