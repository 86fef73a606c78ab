"""The test zones under RESOLVER_TEST_ZONE, by label, and what each shows about a resolver.

A run fetches `<token>.<label>.<RESOLVER_TEST_ZONE>` for every label. A validating resolver loads the
names of the zones it can validate and refuses (SERVFAIL) those whose signatures it finds bogus. A
resolver that does not implement an algorithm treats that algorithm's zones as insecure and loads both,
so support shows only as the bogus zone of that algorithm failing.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class TestZone:
    label: str
    algorithm: int | None = None  # the DNSSEC algorithm it is signed with (None: the default, 13, or unsigned)
    bogus: bool = False  # a validating resolver that implements its algorithm must refuse it


TEST_ZONES = (
    TestZone("secure"),
    TestZone("bogus", bogus=True),  # a broken signature
    TestZone("bogus-ds", bogus=True),  # a DS that matches no key
    TestZone("unsigned"),
    TestZone("alg8", algorithm=8),
    TestZone("alg8-bogus", algorithm=8, bogus=True),
    TestZone("alg13", algorithm=13),
    TestZone("alg13-bogus", algorithm=13, bogus=True),
    TestZone("alg15", algorithm=15),
    TestZone("alg15-bogus", algorithm=15, bogus=True),
    TestZone("alg16", algorithm=16),
    TestZone("alg16-bogus", algorithm=16, bogus=True),
    TestZone("nsec3-iter-200"),  # RFC 9276: a resolver may treat it as insecure, or SERVFAIL it
    TestZone("big"),  # every token's answer exceeds 1,232 octets: the resolver must ask over TCP
)
BY_LABEL = {zone.label: zone for zone in TEST_ZONES}
