"""Files of names (text or CSV, gzip accepted): stored as sent, then read by a task, line by line.

A file never passes through memory whole: Django writes a large upload to a temporary file, this module
moves it under VAR_DIR, and the `batches.read_upload` task streams it (expanding gzip on the fly, at most
conf.max_expanded_bytes()). A BOM, CRLF line ends and a CSV's other columns are taken in stride: a line's
first field (comma, semicolon or tab) is the name.
"""

import csv
import gzip
import io
import logging
from pathlib import Path

from django.conf import settings
from django.db import transaction

from portal import clock

from . import conf, submit
from .models import Batch

log = logging.getLogger(__name__)
GZIP_MAGIC = b"\x1f\x8b"


class ExpandedTooLarge(Exception):
    pass


def folder() -> Path:
    path = Path(settings.VAR_DIR) / "batch-uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def accept(token, user, uploaded) -> Batch:
    """Store the file and queue its reading; the batch says `reading` until then."""
    with transaction.atomic():
        batch = Batch.objects.create(token=token, user=user, created_at=clock.now(), state=Batch.State.READING)
        path = folder() / str(batch.public_id)
        with path.open("wb") as out:
            for part in uploaded.chunks():
                out.write(part)
        batch.upload = str(path)
        batch.save(update_fields=["upload"])
        transaction.on_commit(lambda: send_reading(batch.pk))
    return batch


def send_reading(batch_id: int) -> bool:
    from portal.celery import send_at_once

    from .tasks import read_upload

    try:
        send_at_once(read_upload, (batch_id,), "batch")
    except Exception as error:  # an unreachable broker (portal.celery.broker_at_once); the sweeper sends it later
        log.warning("reading of batch %s not sent: %s", batch_id, error)
        return False
    return True


class _Capped(io.RawIOBase):
    """A gzip stream that raises ExpandedTooLarge past `limit` expanded bytes."""

    def __init__(self, stream, limit: int):
        self.stream, self.limit, self.read_so_far = stream, limit, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.stream.read(len(buffer))
        self.read_so_far += len(data)
        if self.read_so_far > self.limit:
            raise ExpandedTooLarge
        buffer[: len(data)] = data
        return len(data)


def names_in(path: Path):
    """Each line's first field, as text (UTF-8, BOM and CRLF handled, undecodable bytes replaced)."""
    with path.open("rb") as raw:
        binary = raw
        if raw.read(2) == GZIP_MAGIC:
            raw.seek(0)
            binary = io.BufferedReader(_Capped(gzip.GzipFile(fileobj=raw), conf.max_expanded_bytes()))
        else:
            raw.seek(0)
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline=None)
        for line in text:
            if any(separator in line for separator in ",;\t"):
                line = next(csv.reader([line], csv.excel_tab if "\t" in line else _dialect(line)), [""])[0]
            yield line


def _dialect(line: str):
    class Dialect(csv.excel):
        delimiter = ";" if ";" in line and "," not in line else ","

    return Dialect


def read(batch_id: int) -> None:
    """The task's work: fill the batch from its file, or refuse it; the file is deleted once read."""
    batch = Batch.objects.filter(pk=batch_id, state=Batch.State.READING).first()
    if batch is None:
        return
    path = Path(batch.upload)
    try:
        submit.fill_from(batch, names_in(path))
    except ExpandedTooLarge:
        submit.refuse(batch, "expanded_too_large", limit=conf.max_expanded_bytes())
    except (OSError, EOFError, gzip.BadGzipFile):
        submit.refuse(batch, "unreadable_file")
    path.unlink(missing_ok=True)


def refusal_text(batch: Batch) -> str:
    """Why the batch's file was refused, in the active language."""
    from django.utils.translation import gettext as _

    figures = batch.refusal_figures or {}
    if batch.refusal == "quota_exceeded":
        return _(
            "The file holds more names than the %(quota)s a day allowed: %(remaining)s remained. Nothing of it was "
            "checked; send a shorter list."
        ) % {"quota": f"{figures.get('quota', 0):,}", "remaining": f"{figures.get('remaining', 0):,}"}
    if batch.refusal == "expanded_too_large":
        return _("The gzip file expands to more than %(limit)s MB; it was refused (nothing was checked).") % {
            "limit": f"{figures.get('limit', 0) // (1024 * 1024):,}"
        }
    return _("The file could not be read (a damaged gzip file?); nothing was checked.")
