import os

from celery import shared_task
from django.utils import timezone


def write_heartbeat(name, queues):
    from portal.models import ServiceHeartbeat

    ServiceHeartbeat.objects.update_or_create(
        name=name,
        defaults={
            "kind": ServiceHeartbeat.Kind.WORKER,
            "queues": queues,
            "pid": os.getpid(),
            "last_seen": timezone.now(),
        },
    )


@shared_task(name="portal.tasks.beat_tick")
def beat_tick():
    """Sent by beat every 10 s; its arrival proves beat, broker and a worker work."""
    from portal.models import ServiceHeartbeat

    ServiceHeartbeat.objects.update_or_create(
        name="beat", defaults={"kind": ServiceHeartbeat.Kind.BEAT, "last_seen": timezone.now()}
    )


@shared_task(name="portal.tasks.dispatch_due")
def dispatch_due():
    """Sent by beat every 30 s: the scheduler sends every recurring task whose time has come."""
    from portal import scheduler

    return scheduler.dispatch()


@shared_task(name="portal.tasks.publish_scheduled")
def publish_scheduled():
    """Sent by beat every 30 s: Wagtail's scheduled publishing (go-live and expiry of pages)."""
    from django.core.management import call_command

    call_command("publish_scheduled", verbosity=0)


@shared_task(name="portal.tasks.answer_probe", bind=True)
def answer_probe(self, probe_id):
    from portal.models import TaskProbe

    TaskProbe.objects.filter(pk=probe_id, answered_at__isnull=True).update(
        answered_at=timezone.now(), answered_by=self.request.hostname or ""
    )
