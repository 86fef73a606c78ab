"""What a run shows about the visitor's resolver: plain functions over its fetches and observations.

`fetches` is what the browser reported per test zone label ({"secure": "loaded", "bogus": "failed", ...});
`observations` is resolvertest.observations.summarise()'s summary of what the test zones' servers saw.
A fetch that failed may have failed for any reason (offline, a blocker, a time-out), so a result is only
drawn where a name that must load did load: a run whose fetches all fail says nothing about validation.
"""

from dataclasses import dataclass

LOADED = "loaded"
FAILED = "failed"
OUTCOMES = (LOADED, FAILED)

VALIDATES = "validates"
DOES_NOT_VALIDATE = "does-not-validate"
INDETERMINATE = "indeterminate"

# Why a run is indeterminate.
ALL_FAILED = "all-failed"  # nothing loaded: offline, blocked, or the test names are not reachable
SECURE_FAILED = "secure-failed"  # the correctly signed zone did not load, so a refusal of the bogus ones proves nothing
NO_QUERIES = "no-queries"  # names loaded, yet the test zones' servers saw no query for this run's tokens
MIXED = "mixed"  # one bogus zone was refused and the other loaded

# The bogus zones a validating resolver refuses whatever algorithms it implements (algorithm 13, a broken
# signature; a DS that matches no key).
BOGUS_LABELS = ("bogus", "bogus-ds")
ALGORITHMS = (8, 13, 15, 16)
SUPPORTED = "supported"
UNSUPPORTED = "unsupported"  # its zones load whether signed correctly or not: treated as insecure
UNKNOWN = "unknown"
TCP_LABEL = "big"


@dataclass(frozen=True)
class Verdict:
    outcome: str  # VALIDATES, DOES_NOT_VALIDATE or INDETERMINATE
    reason: str = ""  # why INDETERMINATE


def loaded(fetches: dict, label: str) -> bool:
    return fetches.get(label) == LOADED


def validation(fetches: dict, observations: dict) -> Verdict:
    """Whether the resolver validates: the secure zone loads and both bogus zones do not."""
    if not any(outcome == LOADED for outcome in fetches.values()):
        return Verdict(INDETERMINATE, ALL_FAILED)
    if not observations.get("queries"):
        return Verdict(INDETERMINATE, NO_QUERIES)
    if not loaded(fetches, "secure"):
        return Verdict(INDETERMINATE, SECURE_FAILED)
    refused = [not loaded(fetches, label) for label in BOGUS_LABELS]
    if all(refused):
        return Verdict(VALIDATES)
    if not any(refused):
        return Verdict(DOES_NOT_VALIDATE)
    return Verdict(INDETERMINATE, MIXED)


def algorithm_support(fetches: dict) -> dict[int, str]:
    """Per algorithm: SUPPORTED when its good zone loads and its bogus zone does not; UNSUPPORTED when both
    load (the resolver treats the zone as insecure); UNKNOWN when its good zone did not load."""
    support = {}
    for algorithm in ALGORITHMS:
        if not loaded(fetches, f"alg{algorithm}"):
            support[algorithm] = UNKNOWN
        elif loaded(fetches, f"alg{algorithm}-bogus"):
            support[algorithm] = UNSUPPORTED
        else:
            support[algorithm] = SUPPORTED
    return support


def tcp_fallback(observations: dict) -> bool | None:
    """Whether the resolver asked the `big` token's name over TCP; None when it did not ask for it at all, or
    only without DO: the answer is large only with its signatures, so such a resolver never needed TCP."""
    big = observations.get("zones", {}).get(TCP_LABEL)
    if not big or not big.get("queries"):
        return None
    if big.get("tcp"):
        return True
    return False if big.get("do") else None


def resolver_addresses(observations: dict) -> list[str]:
    return [resolver["address"] for resolver in observations.get("resolvers", [])]
