import pytest

from checker.models import CheckRun
from members.models import Membership, Organisation
from members.roles import Role
from portal import clock
from tests.members.conftest import PASSWORD
from watch import monitor
from watch.models import WatchedDomain


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(
        slug="example-isp", name_ja="例示プロバイダー株式会社", name_en="Example ISP Inc.", category="isp"
    )


@pytest.fixture
def make_user(db, django_user_model):
    def make(organisation, email, language="ja", role=Role.MEMBER):
        """A user of `organisation` holding `role` (or each of a list of roles)."""
        roles = role if isinstance(role, list) else [role]
        user = django_user_model.objects.create_user(username=email, email=email, password=PASSWORD)
        Membership.objects.create(user=user, organisation=organisation, roles=roles, language=language)
        return user

    return make


@pytest.fixture
def watched(organisation) -> WatchedDomain:
    return WatchedDomain.objects.create(organisation=organisation, domain="example.jp", added_at=clock.now())


@pytest.fixture
def settle(watched, django_capture_on_commit_callbacks):
    """Record a finished monitor run of the watched domain with `report` (None: a failed run) and settle it."""

    def run_and_settle(report):
        now = clock.now()
        run = CheckRun.objects.create(
            domain=watched.domain,
            queue=CheckRun.Queue.MONITOR,
            created=now,
            deadline=now,
            state=CheckRun.State.DONE if report else CheckRun.State.FAILED,
            report=report,
            verdict=(report or {}).get("verdict", ""),
        )
        watched.runs.add(run)
        with django_capture_on_commit_callbacks(execute=True):
            alert = monitor.settle(watched.pk, run.pk)
        watched.refresh_from_db()
        return alert

    return run_and_settle


@pytest.fixture
def english():
    """Messages raised outside a request are in the active language: English here."""
    from django.utils import translation

    with translation.override("en"):
        yield
