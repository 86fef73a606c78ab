"""The operator of a resolver address: the member organisation whose registered resolver prefixes hold it."""

import ipaddress

from resolvertest.models import ResolverPrefix


def operators(addresses: list[str]) -> dict[str, str]:
    """{address: organisation name} for the addresses inside a registered prefix (the longest prefix wins), in the
    active language (modeltranslation); addresses outside every prefix are left out."""
    networks = [
        (ipaddress.ip_network(entry.prefix), entry.organisation.name)
        for entry in ResolverPrefix.objects.select_related("organisation")
    ]
    found = {}
    for text in addresses:
        address = ipaddress.ip_address(text)
        matches = [(net.prefixlen, name) for net, name in networks if net.version == address.version and address in net]
        if matches:
            found[text] = max(matches)[1]
    return found
