"""Proof that an organisation controls a domain: a TXT record under it with the token the portal gave.

    _dnssec-jp-challenge.<domain>. TXT "dnssec-jp-verify=<token>"

The record is asked through the checker engine's own iterative resolution (checker.engine.api.lookup): its root
hints and the same address rules as every check (only public addresses in production, the lab's in lab mode).
"""

import secrets

import dns.name
import dns.rcode
import dns.rdatatype
from django.db import transaction
from django.utils import timezone

from members.models import Domain

CHALLENGE_LABEL = "_dnssec-jp-challenge"
PREFIX = "dnssec-jp-verify="
Proof = Domain.Proof


def new_token() -> str:
    return secrets.token_hex(16)


def challenge_name(domain: Domain) -> str:
    return f"{CHALLENGE_LABEL}.{domain.name}."


def record_text(domain: Domain) -> str:
    """The record as a zone file writes it."""
    return f'{challenge_name(domain)} TXT "{PREFIX}{domain.token}"'


def proof_in(answer, name: dns.name.Name, token: str) -> str:
    """What an authoritative answer (checker.engine.transport.Answer, or None) says about the token."""
    if answer is None or answer.message is None:
        return Proof.NO_ANSWER
    if answer.rcode == dns.rcode.NXDOMAIN:
        return Proof.NO_NAME
    rrset = answer.rrset("answer", name, dns.rdatatype.TXT)
    texts = [b"".join(rdata.strings).decode("utf-8", "replace") for rdata in rrset or ()]
    tokens = [text.removeprefix(PREFIX) for text in texts if text.startswith(PREFIX)]
    if not tokens:
        return Proof.NO_RECORD
    return Proof.FOUND if token in tokens else Proof.WRONG_TOKEN


def check(domain_id: int) -> str:
    """Ask for the domain's challenge record and keep the outcome; a found token verifies the domain."""
    from checker.conf import engine_options, now_reference
    from checker.engine.api import lookup_sync

    domain = Domain.objects.get(pk=domain_id)
    name = dns.name.from_text(challenge_name(domain))
    answer = lookup_sync(name, dns.rdatatype.TXT, options=engine_options(), now=now_reference())
    proof = proof_in(answer, name, domain.token)
    with transaction.atomic():
        domain = Domain.objects.select_for_update().get(pk=domain_id)
        if proof == Proof.FOUND and not domain.verified:
            taken = Domain.objects.select_for_update().filter(name=domain.name, verified=True).exclude(pk=domain.pk)
            if taken.exists():
                proof = Proof.TAKEN
        domain.proof, domain.checked_at = proof, timezone.now()
        domain.verified = domain.verified or proof == Proof.FOUND
        domain.save(update_fields=["proof", "checked_at", "verified"])
    return proof
