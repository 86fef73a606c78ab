"""The library's settings, read from Django settings with defaults (no edits to portal/settings)."""

from pathlib import Path

from django.conf import settings


def attachment_root():
    # Outside MEDIA_ROOT on purpose: attachments are only ever served by failures.views.attachment.
    return str(
        getattr(settings, "FAILURES_ATTACHMENT_ROOT", Path(settings.VAR_DIR) / "private" / "failure-attachments")
    )


MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_REQUEST = 5
MAX_ATTACHMENTS_PER_REPORT = 20
