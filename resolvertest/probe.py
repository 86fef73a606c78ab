"""A direct probe of a resolver that answers from outside (an open resolver in the lab, or a public service
that opted in): evidence for the logo's validating-resolver category beside its customers' test runs.

Three questions, each under a fresh random label (so that no answer comes from someone else's cache):

- `<label>.secure.<zone>` A with DO and AD over UDP: a validating resolver answers NOERROR with the AD bit;
- `<label>.bogus.<zone>` A with DO over UDP: it answers SERVFAIL (the wildcard's signatures are broken);
- `<label>.secure.<zone>` A with DO over TCP: it answers over TCP.

A question that gets no answer in time, or REFUSED, is undecided (None), never a failure. The probe follows
the checker's address rules (checker.engine.addresses.AddressGuard, set by checker.conf's lab mode): outside lab mode it
never sends a packet to a private or special-purpose address.
"""

import secrets
from dataclasses import asdict, dataclass

import dns.exception
import dns.flags
import dns.message
import dns.query
import dns.rcode

from checker import conf as checker_conf
from resolvertest import conf

PORT = 53
TIMEOUT = 5.0  # seconds per question


@dataclass(frozen=True)
class ProbeResult:
    address: str
    refused: str = ""  # why the address may not be queried here ("" when it was probed)
    secure_ad: bool | None = None  # the secure name answered with AD
    bogus_servfail: bool | None = None  # the bogus name answered SERVFAIL
    tcp_answer: bool | None = None  # the secure name answered over TCP

    @property
    def passed(self) -> bool:
        return not self.refused and self.secure_ad is True and self.bogus_servfail is True and self.tcp_answer is True

    @property
    def failed(self) -> bool:
        """A question answered wrongly; a refusal or a time-out is no failure."""
        return False in (self.secure_ad, self.bogus_servfail, self.tcp_answer)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ProbeResult":
        return cls(
            **{key: data.get(key) for key in ("address", "secure_ad", "bogus_servfail", "tcp_answer")},
            refused=data.get("refused") or "",
        )


def refusal(address: str) -> str | None:
    """Why the portal may not probe `address` (None: it may): the checker's own address rules."""
    return checker_conf.engine_options().guard().refusal(address)


def _ask(name: str, address: str, port: int, tcp: bool, timeout: float) -> dns.message.Message | None:
    query = dns.message.make_query(name, "A", want_dnssec=True, flags=dns.flags.RD | dns.flags.AD)
    try:
        if tcp:
            reply = dns.query.tcp(query, address, timeout=timeout, port=port)
        else:
            reply = dns.query.udp(query, address, timeout=timeout, port=port)
    except (dns.exception.DNSException, OSError):
        return None
    # REFUSED: the resolver does not serve the portal; that says nothing about validation.
    return None if reply.rcode() == dns.rcode.REFUSED else reply


def probe(address: str, zone: str | None = None, port: int = PORT, timeout: float = TIMEOUT) -> ProbeResult:
    """Ask `address` the three questions about the test zones under `zone` (RESOLVER_TEST_ZONE by default)."""
    zone = zone or conf.zone()
    why = refusal(address)
    if why:
        return ProbeResult(address, refused=why)
    if zone is None:
        return ProbeResult(address, refused="no-test-zones")
    label = f"probe-{secrets.token_hex(6)}"
    secure = _ask(f"{label}.secure.{zone}", address, port, False, timeout)
    bogus = _ask(f"{label}.bogus.{zone}", address, port, False, timeout)
    over_tcp = _ask(f"{label}.secure.{zone}", address, port, True, timeout)
    return ProbeResult(
        address,
        secure_ad=None
        if secure is None
        else (secure.rcode() == dns.rcode.NOERROR and bool(secure.flags & dns.flags.AD)),
        bogus_servfail=None if bogus is None else bogus.rcode() == dns.rcode.SERVFAIL,
        tcp_answer=None if over_tcp is None else (over_tcp.rcode() == dns.rcode.NOERROR and bool(over_tcp.answer)),
    )
