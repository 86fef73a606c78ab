"""A lab zone that a test breaks and fixes by changing what its own lab server answers, as an operator's mistake
would (the logo's and the watch list's integration tests)."""

import dns.name
import dns.rdatatype

from checker.lab.server import ZoneData


class BreakableZone:
    """A zone as a test's own lab server serves it: broken (every signature corrupted), fixed, or silent."""

    def __init__(self, server, lab_, zone_name):
        self.server, self.name = server, dns.name.from_text(zone_name + ".")
        self.good = {address: list(zones) for address, zones in server.zones_by_address.items()}
        zone = lab_.load_zone(zone_name + ".")
        for _name, node in zone.nodes.items():
            for rdataset in node.rdatasets:
                if rdataset.rdtype == dns.rdatatype.RRSIG:
                    broken = [r.replace(signature=bytes(b ^ 0x55 for b in r.signature)) for r in rdataset]
                    rdataset.clear()
                    for rrsig in broken:
                        rdataset.add(rrsig)
        self.bad = ZoneData(zone)

    def break_(self):
        # One assignment: a query sees the old zones or the new ones, never a mix (as LabServer.load).
        self.server.zones_by_address = {
            address: [self.bad if z.origin == self.name else z for z in zones] for address, zones in self.good.items()
        }

    def fix(self):
        self.server.zones_by_address = {address: list(zones) for address, zones in self.good.items()}

    def silence(self):
        """Its servers stop answering: no check can decide anything about it."""
        self.server.zones_by_address = {
            address: [z for z in zones if z.origin != self.name] for address, zones in self.good.items()
        }
