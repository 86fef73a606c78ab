"""Normalising what a visitor types into a domain name to check.

Accepted: a domain name in any case, with or without the trailing dot, in
Unicode (converted to its A-label form, IDNA 2008 with UTS 46 mapping, so
full-width Japanese input works) or already in A-labels; a pasted URL (its
host is used); an e-mail address (its domain is used).  Anything else is
refused with an `InputError` whose `code` is a message id of the catalog.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

import dns.name

try:
    _IDNA_CODEC = dns.name.IDNA_2008_Practical if dns.name.have_idna_2008 else dns.name.IDNA_2003
except AttributeError:  # pragma: no cover - dnspython without IDNA 2008 support
    _IDNA_CODEC = dns.name.IDNA_2003

MAX_INPUT_LENGTH = 2000
# Letters, digits, hyphen; underscore too, since names such as _dmarc.example.jp carry records.
_LABEL = re.compile(r"^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$")
# Full stops that IDNA treats as label separators (RFC 3490 §3.1).
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})


class InputError(ValueError):
    """A name that cannot be checked; `code` is the catalog's message id."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def _host_part(text: str) -> str:
    if "://" in text:
        host = urlsplit(text).hostname
        if not host:
            raise InputError("input_invalid_url", text)
        return host
    if "@" in text:
        text = text.rsplit("@", 1)[1]
    # A host pasted with a path or a port: "example.jp/path", "example.jp:8080".
    text = re.split(r"[/?#]", text, maxsplit=1)[0]
    if text.count(":") == 1:
        text = text.split(":", 1)[0]
    return text


def normalize(text: str) -> dns.name.Name:
    """The absolute, lower-case, A-label name that `text` designates."""
    if not isinstance(text, str):
        raise InputError("input_empty")
    text = unicodedata.normalize("NFKC", text.strip()).translate(_DOTS)
    if not text:
        raise InputError("input_empty")
    if len(text) > MAX_INPUT_LENGTH:
        raise InputError("input_too_long", f"{len(text)} characters")
    host = _host_part(text).strip()
    if host in ("", "."):
        raise InputError("input_empty", text)
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        raise InputError("input_ip_address", host)
    if host.endswith("."):
        host = host[:-1]
    if not host or ".." in host or host.startswith("."):
        raise InputError("input_empty_label", host)
    try:
        name = dns.name.from_text(host, origin=dns.name.root, idna_codec=_IDNA_CODEC)
    except dns.name.LabelTooLong:
        raise InputError("input_label_too_long", host) from None
    except dns.name.NameTooLong:
        raise InputError("input_too_long", host) from None
    except (dns.exception.DNSException, UnicodeError, ValueError) as error:
        raise InputError("input_invalid_idn", f"{host}: {error}") from None
    name = name.canonicalize()
    for label in name.labels[:-1]:
        try:
            text_label = label.decode("ascii")
        except UnicodeDecodeError:
            raise InputError("input_invalid_characters", host) from None
        if not _LABEL.match(text_label):
            raise InputError("input_invalid_characters", text_label)
    return name


def name_key(name: dns.name.Name) -> tuple:
    """A name's labels in lower case: equal for names that are equal (DNS compares ASCII letters
    without case, as bytes.lower does), and cheap to hash, unlike the Name, whose hash walks every
    byte in Python."""
    return tuple(map(bytes.lower, name.labels))


_TEXTS: dict[int, tuple] = {}


def name_text(name: dns.name.Name) -> str:
    """`name.to_text()`, remembered by identity: the same Name objects (owners in the answers every
    check shares, the zones of the chain) are written out again and again."""
    known = _TEXTS.get(id(name))
    if known is not None and known[0] is name:
        return known[1]
    if len(_TEXTS) >= 100_000:
        _TEXTS.pop(next(iter(_TEXTS)))
    # The name is kept with its text, so that its id cannot be reused meanwhile.
    text = name.to_text()
    _TEXTS[id(name)] = (name, text)
    return text
