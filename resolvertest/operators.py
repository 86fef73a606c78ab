"""The operator of a resolver address: the member organisation whose registered resolver prefixes hold it."""

import ipaddress

from resolvertest.models import ResolverPrefix


def operator_entries(addresses) -> dict[str, tuple[str, bool]]:
    """{address: (organisation name, whether it agreed to be named in the statistics)} for the addresses inside a
    registered prefix (the longest prefix wins), names in the active language; other addresses are left out."""
    networks = [
        (ipaddress.ip_network(entry.prefix), (entry.organisation.name, entry.organisation.named_in_resolver_statistics))
        for entry in ResolverPrefix.objects.select_related("organisation")
    ]
    found = {}
    for text in addresses:
        address = ipaddress.ip_address(text)
        matches = [
            (net.prefixlen, entry) for net, entry in networks if net.version == address.version and address in net
        ]
        if matches:
            found[text] = max(matches)[1]
    return found


def operators(addresses: list[str]) -> dict[str, str]:
    """{address: organisation name} for the addresses inside a registered prefix."""
    return {address: name for address, (name, _consents) in operator_entries(addresses).items()}
