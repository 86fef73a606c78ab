"""Verify a "DNSSEC enabled" logo certificate's signed record, without trusting the web page showing it.

    python -m members.verify https://portal.example/ja/logo/2026-0001.json
    python -m members.verify 2026-0001.json --key key.json        # offline

The record is {"payload": "<the certificate as JSON text>", "signature": "<base64>"}: an Ed25519
signature over the payload text's UTF-8 bytes, made with the portal's key. The public key is
{"alg": "Ed25519", "public_key": "<base64 of the raw 32 bytes>"}: by default key.json beside the
record's URL; with a file, name the key with --key (a URL or a file you saved from the portal).

Exit status:
  0  the signature is good and the certificate is valid;
  1  the signature does not verify (the record was altered, or signed by another key);
  2  usage or input errors (a file or URL that cannot be read, JSON of the wrong shape);
  3  the signature is good but the certificate is not valid now: in grace period, suspended,
     revoked, expired or withdrawn (the state is printed), or past its expiry date.

A record says what the portal signed at `signed_at`: fetch it again for the current state.
Plain Python and the cryptography package only (no Django), so that anyone can run it.
"""

import argparse
import base64
import binascii
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

VALID, BAD_SIGNATURE, USAGE, NOT_VALID = 0, 1, 2, 3
PAYLOAD_KEYS = (
    "number",
    "organisation",
    "category",
    "state",
    "zones",
    "criteria_version",
    "last_pass",
    "expires",
    "signed_at",
)
NUMBER_IN_NAME = re.compile(r"(?:^|/)([0-9]{4}-[0-9]{4})\.json$")
TIMEOUT_SECONDS = 20


class InputError(Exception):
    """A source that cannot be read, or JSON of the wrong shape: exit status 2."""


def is_url(source: str) -> bool:
    return urllib.parse.urlsplit(source).scheme in ("http", "https")


def read_json(source: str) -> dict:
    try:
        if is_url(source):
            request = urllib.request.Request(source, headers={"Accept": "application/json"})
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                text = response.read().decode("utf-8")
        else:
            text = Path(source).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, urllib.error.URLError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"cannot read {source}: {error}") from None
    if not isinstance(data, dict):
        raise InputError(f"{source} is not a JSON object")
    return data


def public_key(key_document: dict, source: str) -> Ed25519PublicKey:
    if key_document.get("alg") != "Ed25519" or not isinstance(key_document.get("public_key"), str):
        raise InputError(f'{source} is not a key of the shape {{"alg": "Ed25519", "public_key": "<base64>"}}')
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(key_document["public_key"], validate=True))
    except (binascii.Error, ValueError):
        raise InputError(f"{source}: the public key is not 32 bytes of base64") from None


def verify(record: dict, key: Ed25519PublicKey, source: str) -> dict | None:
    """The signed certificate, or None when the signature does not verify."""
    payload_text, signature = record.get("payload"), record.get("signature")
    if not isinstance(payload_text, str) or not isinstance(signature, str):
        raise InputError(f'{source} is not a record of the shape {{"payload": "…", "signature": "…"}}')
    try:
        key.verify(base64.b64decode(signature, validate=True), payload_text.encode("utf-8"))
    except (binascii.Error, ValueError, InvalidSignature):
        return None
    try:
        certificate = json.loads(payload_text)
    except json.JSONDecodeError:
        raise InputError(f"{source}: the signed payload is not JSON") from None
    if not isinstance(certificate, dict) or sorted(certificate) != sorted(PAYLOAD_KEYS):
        raise InputError(f"{source}: the signed payload does not have the keys {', '.join(PAYLOAD_KEYS)}")
    return certificate


def parse_time(text: str | None) -> datetime | None:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) if text else None


def describe(certificate: dict) -> str:
    names = certificate["organisation"] or {}
    organisation = " / ".join(name for name in (names.get("ja"), names.get("en")) if name)
    lines = [
        f"State:         {certificate['state']}",
        f"Number:        {certificate['number']}",
        f"Organisation:  {organisation}",
        f"Category:      {certificate['category']}",
        f"Zones:         {', '.join(certificate['zones']) or '-'}",
        *([f"Prefixes:      {', '.join(certificate['prefixes'])}"] if certificate.get("prefixes") else []),
        f"Last pass:     {certificate['last_pass'] or '-'}",
        f"Expires:       {certificate['expires']}",
        f"Criteria:      {certificate['criteria_version']}",
        f"Signed at:     {certificate['signed_at']}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m members.verify",
        description="Verify the signed record of a DNSSEC enabled logo certificate.",
        epilog="Exit status: 0 good signature and valid; 1 bad signature; 2 usage or input error; "
        "3 good signature but not valid now (grace, suspended, revoked, expired, withdrawn).",
    )
    parser.add_argument("record", metavar="URL|FILE", help="the certificate's record, …/logo/2026-0001.json")
    parser.add_argument("--key", metavar="URL|FILE", help="the portal's key.json (default: beside the record's URL)")
    args = parser.parse_args(argv)
    if args.key is None and not is_url(args.record):
        parser.error("a record read from a file needs --key URL|FILE (the portal's key.json)")
    key_source = args.key or urllib.parse.urljoin(args.record, "key.json")
    try:
        key = public_key(read_json(key_source), key_source)
        certificate = verify(read_json(args.record), key, args.record)
        if certificate is None:
            print(f"BAD SIGNATURE: {args.record} was not signed by the key {key_source}.")
            return BAD_SIGNATURE
        named = NUMBER_IN_NAME.search(urllib.parse.urlsplit(args.record).path)
        if named and named.group(1) != certificate["number"]:
            raise InputError(
                f"{args.record} holds the record of certificate {certificate['number']}, not {named.group(1)}"
            )
        expires = parse_time(certificate["expires"])
    except (InputError, KeyError, TypeError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE
    print("Signature good (Ed25519, key " + key_source + ").")
    print(describe(certificate))
    if certificate["state"] != "valid":
        print(f"NOT VALID: the certificate is {certificate['state']}.")
        return NOT_VALID
    if expires <= datetime.now(UTC):
        print(f"NOT VALID: the certificate expired on {certificate['expires']}.")
        return NOT_VALID
    print("VALID.")
    return VALID


if __name__ == "__main__":
    sys.exit(main())
