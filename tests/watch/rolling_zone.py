"""A lab zone whose ZSKs a test rolls between checks, signed anew at the portal clock's time, as an operator's
signer would: which ZSKs are published and which one signs are the test's choice (the watch list's rollover test).

The zone keeps the lab's KSK (its DS is in the parent), so each version stays secure; every record gets `ttl`,
so that a key removed between checks a few hours apart is proven too early (K1, RFC 7583's Iret).
"""

import dns.name
import dns.rdatatype

from checker.lab.keys import KeyStore
from checker.lab.server import ZoneData
from checker.lab.signer import SigningKey, SigningPolicy, sign_zone
from checker.lab.zones import DAY

DNSSEC_TYPES = (dns.rdatatype.RRSIG, dns.rdatatype.NSEC, dns.rdatatype.NSEC3, dns.rdatatype.DNSKEY)


class RollingZone:
    def __init__(self, server, lab, key_dir, zone_name: str, zsk_labels: tuple[str, ...], ttl: int):
        self.server, self.lab, self.name, self.ttl = server, lab, dns.name.from_text(zone_name + "."), ttl
        store = KeyStore(key_dir)
        self.ksk = store.key(self.name, "ksk", 13, 257)  # the lab's own (keyset()): the parent's DS names it
        self.zsks = {label: store.key(self.name, label, 13, 256) for label in zsk_labels}

    def tag(self, label: str) -> int:
        return self.zsks[label].tag

    def serve(self, now: int, published: tuple[str, ...], signing: str) -> None:
        """From now on the zone's servers answer with `published` ZSKs in the DNSKEY set, `signing` signing data."""
        zone = self.lab.load_zone(self.name.to_text())
        for _name, node in zone.nodes.items():
            node.rdatasets = [rdataset for rdataset in node.rdatasets if rdataset.rdtype not in DNSSEC_TYPES]
            for rdataset in node.rdatasets:
                rdataset.ttl = self.ttl
        apex = zone.find_node(self.name)
        keys = apex.find_rdataset(zone.rdclass, dns.rdatatype.DNSKEY, create=True)
        keys.update_ttl(self.ttl)
        for key in (self.ksk, *(self.zsks[label] for label in published)):
            keys.add(key.dnskey)
        policy = SigningPolicy(
            inception=now - 3600,
            expiration=now + 21 * DAY,
            keys=[SigningKey(self.ksk, "ksk"), SigningKey(self.zsks[signing], "zsk")],
        )
        sign_zone(zone, policy)
        data = ZoneData(zone)
        # One assignment: a query sees the old zone or the new one, never a mix (as LabServer.load).
        self.server.zones_by_address = {
            address: [data if z.origin == self.name else z for z in zones]
            for address, zones in self.server.zones_by_address.items()
        }
