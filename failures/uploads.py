"""Attachment checks: the type comes from the bytes, never from the name or the browser.

Allowed: PDF, PNG, JPEG and plain UTF-8 text, at most MAX_ATTACHMENT_BYTES
each. The name's extension must agree with the content; HTML, SVG or script
markup anywhere in the file (a PDF/HTML polyglot, a page renamed .txt) is
refused, and images must decode within Pillow's decompression-bomb limit.
"""

import hashlib
import re
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from failures import conf

KINDS = {
    "pdf": ("application/pdf", (".pdf",)),
    "png": ("image/png", (".png",)),
    "jpg": ("image/jpeg", (".jpg", ".jpeg")),
    "txt": ("text/plain; charset=utf-8", (".txt", ".log")),
}
_MARKUP = re.compile(
    rb"<\s*(?:script|html|svg|iframe|object|embed|body|head|meta|!doctype)\b|javascript:", re.IGNORECASE
)


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    size: int
    sha256: str


def sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    return None


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    # Control characters other than tab, line feed, carriage return and form feed mark a binary file.
    return not re.search(r"[\x01-\x08\x0b\x0e-\x1f\x7f]", text)


def _image_decodes(upload) -> bool:
    from PIL import Image

    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image.verify()
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image.load()
    except Exception:  # Pillow raises many types on broken or hostile files
        return False
    finally:
        upload.seek(0)
    return True


def check(upload) -> CheckedFile:
    """Validate one uploaded file; raise ValidationError with a message for the person who sent it."""
    name = upload.name or ""
    if upload.size > conf.MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("%(name)s is larger than %(limit)d MB."),
            params={"name": name, "limit": conf.MAX_ATTACHMENT_BYTES // (1024 * 1024)},
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    kind = sniff(data[:16]) or ("txt" if _is_text(data) else None)
    allowed = _("PDF, PNG, JPEG or plain text")
    if kind is None:
        raise ValidationError(_("%(name)s is not a %(allowed)s file."), params={"name": name, "allowed": allowed})
    if not name.lower().endswith(KINDS[kind][1]):
        raise ValidationError(
            _("The name %(name)s does not match its content (%(kind)s)."), params={"name": name, "kind": kind.upper()}
        )
    if _MARKUP.search(data):
        raise ValidationError(
            _("%(name)s contains web-page or script markup and cannot be attached."), params={"name": name}
        )
    if kind in ("png", "jpg") and not _image_decodes(upload):
        raise ValidationError(_("%(name)s is not an image that can be read."), params={"name": name})
    return CheckedFile(kind=kind, size=len(data), sha256=hashlib.sha256(data).hexdigest())


def safe_display_name(name: str) -> str:
    """The original name without any path, control characters or quotes, at most 150 characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r'[\x00-\x1f\x7f"<>]', "", name).strip() or "attachment"
    return name[-150:]
