"""Send a probe through every queue and report which come back."""

import time

from django.core.management.base import BaseCommand, CommandError

from portal.celery import queue_name
from portal.models import TaskProbe
from portal.tasks import answer_probe


class Command(BaseCommand):
    help = "Check end to end that a worker serves each Celery queue (broker, worker and database)."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=30)

    def handle(self, *args, **options):
        probes = []
        for kind in ("interactive", "batch", "monitor"):
            probe = TaskProbe.objects.create(queue=queue_name(kind))
            answer_probe.apply_async((probe.pk,), queue=probe.queue)
            probes.append(probe)
        deadline = time.monotonic() + options["timeout"]
        waiting = list(probes)
        while waiting and time.monotonic() < deadline:
            time.sleep(0.2)
            waiting = [p for p in waiting if not TaskProbe.objects.filter(pk=p.pk, answered_at__isnull=False).exists()]
        for probe in probes:
            probe.refresh_from_db()
            state = (
                f"answered by {probe.answered_by} in {(probe.answered_at - probe.created).total_seconds():.2f} s"
                if probe.answered_at
                else "no answer"
            )
            self.stdout.write(f"{probe.queue}: {state}")
        if waiting:
            raise CommandError(f"{len(waiting)} queue(s) not served within {options['timeout']} s")
