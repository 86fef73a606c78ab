"""The resolver test's statistics: plain functions over finished runs (their outcome, month and operator)."""

from collections import Counter
from dataclasses import dataclass, field

from resolvertest import verdict

OUTCOMES = (verdict.VALIDATES, verdict.DOES_NOT_VALIDATE, verdict.INDETERMINATE)


@dataclass
class Tally:
    """Runs by outcome; the share that validates is of the runs that showed either way."""

    counts: Counter = field(default_factory=Counter)

    def add(self, outcome: str) -> None:
        self.counts[outcome] += 1

    @property
    def runs(self) -> int:
        return sum(self.counts.values())

    @property
    def determinate(self) -> int:
        return self.counts[verdict.VALIDATES] + self.counts[verdict.DOES_NOT_VALIDATE]

    @property
    def share(self) -> float | None:
        """Validating runs per determinate run, 0 to 1; None when none was determinate."""
        return self.counts[verdict.VALIDATES] / self.determinate if self.determinate else None


def outcome(run) -> str:
    return verdict.validation(run.fetches, run.observations).outcome


def main_resolver(run) -> str | None:
    """The address that sent most of the run's queries (observations list them so)."""
    resolvers = run.observations.get("resolvers") or []
    return resolvers[0]["address"] if resolvers else None


def by_month(runs) -> list[tuple[str, Tally]]:
    """[("2026-11", tally), ...] in time order, for the months that had runs."""
    months: dict[str, Tally] = {}
    for run in runs:
        months.setdefault(run.finished_at.strftime("%Y-%m"), Tally()).add(outcome(run))
    return sorted(months.items())


OTHER_MEMBERS = "other-members"  # operators that did not agree to be named
NOT_MEMBERS = "not-members"  # resolvers outside every registered prefix
NO_RESOLVER = "no-resolver"  # runs whose queries never reached the test zones' servers


def by_operator(runs, operator_of: dict[str, tuple[str, bool]]) -> list[tuple[str, Tally]]:
    """[(operator name or one of the three groups, tally)], named operators by runs (most first), then the groups.

    `operator_of`: {resolver address: (organisation name, named in statistics)} (resolvertest.operators)."""
    named: dict[str, Tally] = {}
    groups = {OTHER_MEMBERS: Tally(), NOT_MEMBERS: Tally(), NO_RESOLVER: Tally()}
    for run in runs:
        address = main_resolver(run)
        if address is None:
            tally = groups[NO_RESOLVER]
        elif address not in operator_of:
            tally = groups[NOT_MEMBERS]
        else:
            name, consents = operator_of[address]
            tally = named.setdefault(name, Tally()) if consents else groups[OTHER_MEMBERS]
        tally.add(outcome(run))
    ordered = sorted(named.items(), key=lambda item: (-item[1].runs, item[0]))
    return ordered + [(group, tally) for group, tally in groups.items() if tally.runs]
