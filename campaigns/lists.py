"""The entries of domain lists: uploaded files read (as members' batch files are, batches.upload), and the
lists derived from the portal's own records refreshed (members' verified domains, zones of current logo
certificates), each name with the member organisation it belongs to.

A file is stored under VAR_DIR/batch-uploads as sent and read by the `campaigns.read_list` task on the
`batch` queue, line by line and in parts (never whole in memory): the one way of reading files of names is
batches.upload.names_in (gzip expanded on the fly and capped, BOM, CRLF, a CSV's first column) and
batches.submit.read_names (normalised, refused with a reason, de-duplicated). A file replaces the list's
entries only once it has been read through; a refused file leaves them as they were.
"""

import gzip
import itertools
import logging
import uuid
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from batches import conf as batch_conf
from batches import upload as batch_upload
from batches.submit import MAX_REJECTIONS_KEPT, read_names
from checker.engine.names import InputError
from checker.forms import normalise_domain
from portal import clock

from .models import DomainList, DomainListEntry

log = logging.getLogger(__name__)
PART = 5000  # lines read, and entries written, at a time


def accept(domain_list: DomainList, uploaded) -> None:
    """Store the file and queue its reading; the list shows "reading" until then."""
    path = batch_upload.folder() / f"list-{domain_list.pk}-{uuid.uuid4()}"
    with path.open("wb") as out:
        for part in uploaded.chunks():
            out.write(part)
    with transaction.atomic():
        DomainList.objects.filter(pk=domain_list.pk).update(upload=str(path))
        transaction.on_commit(lambda: send_reading(domain_list.pk))
    domain_list.upload = str(path)


def send_reading(list_id: int) -> bool:
    from portal.celery import send_at_once

    from .tasks import read_list

    try:
        send_at_once(read_list, (list_id,), "batch")
    except Exception as error:  # an unreachable broker (portal.celery.broker_at_once); campaigns.settle sends it again
        log.warning("reading of domain list %s not sent: %s", list_id, error)
        return False
    return True


def read(list_id: int) -> dict | None:
    """The task's work: the list's entries from its stored file, or the file refused; its report."""
    with transaction.atomic():
        domain_list = DomainList.objects.select_for_update().filter(pk=list_id).exclude(upload="").first()
        if domain_list is None:
            return None  # another attempt read it
        path = Path(domain_list.upload)
        report = {"accepted": 0, "rejected": 0, "duplicates": 0, "rejections": [], "refusal": ""}
        try:
            with transaction.atomic():  # the old entries come back if the file is refused half-way
                DomainListEntry.objects.filter(domain_list=domain_list).delete()
                seen: set[str] = set()
                lines = batch_upload.names_in(path)
                while part := list(itertools.islice(lines, PART)):
                    reading = read_names(part, seen=seen)
                    DomainListEntry.objects.bulk_create(
                        [DomainListEntry(domain_list=domain_list, domain=name) for name in reading.names]
                    )
                    report["accepted"] += len(reading.names)
                    report["rejected"] += reading.rejected
                    report["duplicates"] += reading.duplicates
                    room = MAX_REJECTIONS_KEPT - len(report["rejections"])
                    report["rejections"] += reading.rejections[:room]
        except batch_upload.ExpandedTooLarge:
            report = {"refusal": "expanded_too_large", "limit": batch_conf.max_expanded_bytes()}
        except (OSError, EOFError, gzip.BadGzipFile):
            report = {"refusal": "unreadable_file"}
        domain_list.import_report = {**report, "read_at": clock.now().isoformat()}
        domain_list.upload = ""
        fields = ["import_report", "upload"]
        if not report.get("refusal"):
            domain_list.updated_at = clock.now()
            fields.append("updated_at")
        domain_list.save(update_fields=fields)
    path.unlink(missing_ok=True)
    return report


def report_text(domain_list: DomainList) -> str:
    """The last file's import in one sentence, in the active language."""
    report = domain_list.import_report or {}
    if domain_list.upload:
        return _("The file is being read.")
    if report.get("refusal") == "expanded_too_large":
        return _("The gzip file expands to more than %(limit)s MB; it was refused and the list is unchanged.") % {
            "limit": f"{report.get('limit', 0) // (1024 * 1024):,}"
        }
    if report.get("refusal"):
        return _("The file could not be read (a damaged gzip file?); the list is unchanged.")
    if not report:
        return ""
    return _("Last file: %(accepted)s names accepted, %(rejected)s refused, %(duplicates)s duplicates left out.") % {
        "accepted": f"{report.get('accepted', 0):,}",
        "rejected": f"{report.get('rejected', 0):,}",
        "duplicates": f"{report.get('duplicates', 0):,}",
    }


def derived_entries(source: str) -> dict[str, int | None]:
    """{name: organisation id} of a derived list as the portal's records stand now."""
    if source == DomainList.Source.MEMBER_DOMAINS:
        from members.models import Domain

        pairs = Domain.objects.filter(verified=True).order_by("organisation_id").values_list("name", "organisation_id")
    elif source == DomainList.Source.CERTIFIED_ZONES:
        from members.logo.models import CURRENT_STATES, Certificate

        pairs = (
            (zone, certificate.organisation_id)
            for certificate in Certificate.objects.filter(state__in=CURRENT_STATES).order_by("issued_at")
            for zone in certificate.zones
        )
    else:
        raise ValueError(f"{source!r} is not a derived list")
    entries: dict[str, int | None] = {}
    for name, organisation_id in pairs:
        try:
            entries.setdefault(normalise_domain(name), organisation_id)
        except InputError:
            log.warning("derived list: %r is not a name that can be checked", name)
    return entries


def refresh(domain_list: DomainList) -> dict:
    """A derived list made equal to the portal's records: {added, removed, kept}."""
    wanted = derived_entries(domain_list.source)
    with transaction.atomic():
        DomainList.objects.select_for_update().filter(pk=domain_list.pk).first()
        present = dict(DomainListEntry.objects.filter(domain_list=domain_list).values_list("domain", "organisation_id"))
        gone = [name for name in present if name not in wanted]
        DomainListEntry.objects.filter(domain_list=domain_list, domain__in=gone).delete()
        DomainListEntry.objects.bulk_create(
            [
                DomainListEntry(domain_list=domain_list, domain=name, organisation_id=organisation_id)
                for name, organisation_id in wanted.items()
                if name not in present
            ],
            batch_size=2000,
        )
        for name, organisation_id in wanted.items():
            if name in present and present[name] != organisation_id:
                DomainListEntry.objects.filter(domain_list=domain_list, domain=name).update(
                    organisation_id=organisation_id
                )
        domain_list.updated_at = clock.now()
        domain_list.save(update_fields=["updated_at"])
    return {"added": len(set(wanted) - set(present)), "removed": len(gone), "kept": len(set(wanted) & set(present))}
