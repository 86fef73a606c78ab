"""A run's ObservedQuery rows, summarised into TestRun.observations so that its permanent link outlives them.

The test zones' servers send their records through the broker in batches, so the rows of a run may arrive
some seconds after its browser reported its fetches: the run is summarised again on every view of its
page until SETTLE_SECONDS after it finished, and then once more and for good (`settled`).
"""

from datetime import timedelta

from resolvertest.models import ObservedQuery, TestRun

SETTLE_SECONDS = 30


def summarise(run: TestRun) -> dict:
    """{"queries": n, "resolvers": [{"address", "queries", "tcp"}], "zones": {label: {"queries", "tcp", "do"}}}.

    Resolvers are ordered by how many of the run's queries they sent (most first), then by address.
    """
    rows = ObservedQuery.objects.filter(token__run=run).values_list(
        "token__zone", "resolver_address", "transport", "do_bit"
    )
    resolvers: dict[str, dict] = {}
    zones: dict[str, dict] = {}
    total = 0
    for label, address, transport, do_bit in rows:
        total += 1
        tcp = transport == ObservedQuery.Transport.TCP
        resolver = resolvers.setdefault(address, {"address": address, "queries": 0, "tcp": False})
        resolver["queries"] += 1
        resolver["tcp"] |= tcp
        zone = zones.setdefault(label, {"queries": 0, "tcp": False, "do": False})
        zone["queries"] += 1
        zone["tcp"] |= tcp
        zone["do"] |= do_bit
    ordered = sorted(resolvers.values(), key=lambda resolver: (-resolver["queries"], resolver["address"]))
    return {"queries": total, "resolvers": ordered, "zones": dict(sorted(zones.items()))}


def settled(run: TestRun) -> bool:
    return bool(run.observations.get("settled"))


def refresh(run: TestRun, now) -> bool:
    """Summarise a finished run again unless it has settled; True while its records may still arrive."""
    if run.finished_at is None or settled(run):
        return False
    done = now >= run.finished_at + timedelta(seconds=SETTLE_SECONDS)
    observations = summarise(run)
    if done:
        observations["settled"] = True
    if observations != run.observations:
        TestRun.objects.filter(pk=run.pk).update(observations=observations)
        run.observations = observations
    return not done
