"""The portal's Ed25519 key, which signs each certificate's JSON so that anyone can verify it offline.

The private key is the setting LOGO_SIGNING_KEY (PEM text) or, when that is empty, the file
LOGO_SIGNING_KEY_FILE, made once (mode 0600) when it does not exist. It is never in the repository.
Several web processes share one file: the first to make it wins and the others read it.
"""

import base64
import functools
import json
import os
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings

ALGORITHM = "Ed25519"


def private_key() -> Ed25519PrivateKey:
    return _load(settings.LOGO_SIGNING_KEY, settings.LOGO_SIGNING_KEY_FILE)


@functools.lru_cache(maxsize=4)
def _load(pem: str, path: str) -> Ed25519PrivateKey:
    if not pem:
        pem = _read_or_make(Path(path))
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the logo signing key is not an Ed25519 key")
    return key


def _read_or_make(path: Path) -> str:
    if path.exists():
        return path.read_text()
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = (
        Ed25519PrivateKey.generate()
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )
    # Written aside and linked into place: a reader never sees half a key, and of two processes
    # making one at once, the first link wins and the other reads the winner's key.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".logo-key-")  # mkstemp's mode is 0600
    try:
        with os.fdopen(fd, "w") as out:
            out.write(pem)
        os.link(temporary, path)
    except FileExistsError:
        return path.read_text()
    finally:
        os.unlink(temporary)
    return pem


def public_key_base64() -> str:
    """The raw 32-byte public key, base64: what logo/key.json publishes."""
    raw = private_key().public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def signed(payload: dict) -> dict:
    """{"payload": the JSON text, "signature": base64 of the Ed25519 signature over its UTF-8 bytes}."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    signature = private_key().sign(text.encode("utf-8"))
    return {"payload": text, "signature": base64.b64encode(signature).decode()}
