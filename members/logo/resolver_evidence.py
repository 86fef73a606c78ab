"""The validating-resolver category's evidence rule: the one place where resolver test runs are judged for
the logo (the zone categories' rule is criteria.judge).

An ISP names the prefixes its resolvers ask from. A resolver test run (resolvertest) is the ISP's evidence
when the test zones' servers saw at least one resolver address for it, all of them inside those prefixes.
Such a run qualifies when it shows (resolvertest.verdict): validation (`secure` loads, `bogus` and
`bogus-ds` do not), support of algorithms 8, 13 and 15 (each one's bogus zone fails while its good zone
loads), and TCP fallback (the `big` name asked again over TCP). A rule asks for a number of qualifying runs
on a number of distinct days (Japan time) within a window: an application LOGO_RESOLVER_RUNS runs on
LOGO_RESOLVER_DAYS days within LOGO_RESOLVER_WINDOW_DAYS; a certificate's daily re-check one run within
LOGO_RESOLVER_RECHECK_DAYS + LOGO_RESOLVER_ANSWER_DAYS. Resolvers that answer from outside are also probed
directly (resolvertest.probe): each must pass.

Outcomes as criteria.judge's: PASS; FAIL when runs or days are missing or a probe was answered wrongly;
UNDECIDED when the portal could not gather the evidence (the resolver test is not set up here, a probed
address may not be queried or did not answer): never a failure.
"""

import ipaddress
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.logo.criteria import FAIL, PASS, UNDECIDED
from resolvertest import conf as resolvertest_conf
from resolvertest import observations, probe, verdict
from resolvertest.models import ResolverPrefix, TestRun, normalise_prefix
from resolvertest.probe import ProbeResult

REQUIRED_ALGORITHMS = (8, 13, 15)
# The broadest prefix an application may name: a resolver's egress addresses, not an address plan.
BROADEST = {4: 16, 6: 32}


@dataclass(frozen=True)
class Rule:
    runs: int  # qualifying runs needed
    days: int  # on at least this many distinct days
    window_days: int  # within the last this many days

    def to_dict(self) -> dict:
        return asdict(self)


def application_rule() -> Rule:
    return Rule(settings.LOGO_RESOLVER_RUNS, settings.LOGO_RESOLVER_DAYS, settings.LOGO_RESOLVER_WINDOW_DAYS)


def recheck_rule() -> Rule:
    return Rule(1, 1, settings.LOGO_RESOLVER_RECHECK_DAYS + settings.LOGO_RESOLVER_ANSWER_DAYS)


# The evidence lists of an application


def _networks(prefixes):
    return [ipaddress.ip_network(prefix) for prefix in prefixes]


def clean_prefixes(text: str) -> list[str]:
    """The prefixes as typed (one per line, or separated by spaces or commas): canonical, host bits zero, no
    broader than BROADEST, none inside another, at most LOGO_MAX_PREFIXES. Names every bad one."""
    prefixes, errors = [], []
    for word in text.replace(",", " ").split():
        try:
            prefix = normalise_prefix(word)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        network = ipaddress.ip_network(prefix)
        broadest = BROADEST[network.version]
        if network.prefixlen < broadest:
            errors.append(
                _("%(prefix)s is too broad: name the prefixes your resolvers ask from, each /%(length)d or longer.")
                % {"prefix": prefix, "length": broadest}
            )
            continue
        if prefix not in prefixes:
            prefixes.append(prefix)
    networks = [(prefix, ipaddress.ip_network(prefix)) for prefix in prefixes]
    nested = [
        (inner, outer)
        for inner, inner_net in networks
        for outer, outer_net in networks
        if inner != outer and inner_net.version == outer_net.version and inner_net.subnet_of(outer_net)
    ]
    errors += [_("%(inner)s lies inside %(outer)s: name it once.") % {"inner": i, "outer": o} for i, o in nested]
    if errors:
        raise ValidationError(errors)
    if not prefixes:
        raise ValidationError(_("Name at least one prefix."))
    limit = settings.LOGO_MAX_PREFIXES
    if len(prefixes) > limit:
        raise ValidationError(
            ngettext(
                "Name at most %(limit)d prefix (you named %(count)d).",
                "Name at most %(limit)d prefixes (you named %(count)d).",
                limit,
            )
            % {"limit": limit, "count": len(prefixes)}
        )
    return prefixes


def clean_probe_addresses(text: str) -> list[str]:
    """Addresses of resolvers that answer from outside (optional): valid, and queryable by this portal."""
    addresses, errors = [], []
    for word in text.replace(",", " ").split():
        try:
            address = str(ipaddress.ip_address(word.strip()))
        except ValueError:
            errors.append(_("%(value)s is not an IP address.") % {"value": word})
            continue
        if probe.refusal(address):
            errors.append(
                _("%(address)s is a private or special-purpose address, which this portal does not query.")
                % {"address": address}
            )
            continue
        if address not in addresses:
            addresses.append(address)
    if errors:
        raise ValidationError(errors)
    if len(addresses) > settings.LOGO_MAX_PREFIXES:
        raise ValidationError(_("Name at most %(limit)d addresses.") % {"limit": settings.LOGO_MAX_PREFIXES})
    return addresses


def overlapping(prefixes: list[str], organisation) -> list[str]:
    """The prefixes that overlap a resolver prefix of another organisation: registered by the staff (ResolverPrefix),
    or named by a current certificate or an open application."""
    from members.logo.lifecycle import OPEN_STATES
    from members.logo.models import CURRENT_STATES, RESOLVER, Application, Certificate

    theirs = list(ResolverPrefix.objects.exclude(organisation=organisation).values_list("prefix", flat=True))
    for model, states in ((Certificate, CURRENT_STATES), (Application, OPEN_STATES)):
        listed = model.objects.filter(category=RESOLVER, state__in=states).exclude(organisation=organisation)
        for listed_prefixes in listed.values_list("prefixes", flat=True):
            theirs += listed_prefixes
    other = _networks(theirs)
    return [prefix for prefix, mine in zip(prefixes, _networks(prefixes), strict=True) if _overlaps_any(mine, other)]


def _overlaps_any(mine, networks) -> bool:
    return any(net.version == mine.version and mine.overlaps(net) for net in networks)


# One run


VALIDATION, ALGORITHM, TCP, OUTSIDE = "validation", "algorithm", "tcp", "outside"


@dataclass(frozen=True)
class Problem:
    """Why a run does not qualify: a code and its detail (a verdict, an algorithm's state, a count)."""

    code: str
    detail: str = ""
    number: int = 0  # the algorithm, or how many addresses lay outside


@dataclass(frozen=True)
class RunResult:
    run: TestRun
    day: date  # Japan time
    inside: tuple[str, ...]  # the resolver addresses inside the prefixes
    outside: int  # how many were not (never shown: one may be a customer's own resolver)
    validation: verdict.Verdict
    algorithms: dict
    tcp: bool | None
    problems: tuple[Problem, ...]

    @property
    def qualifies(self) -> bool:
        return not self.problems


def examine(run: TestRun, networks) -> RunResult | None:
    """The run judged for the logo, or None when none of its resolvers asked from the prefixes (not the ISP's)."""
    addresses = verdict.resolver_addresses(run.observations)
    inside = tuple(a for a in addresses if any(_holds(net, a) for net in networks))
    if not inside:
        return None
    outside = len(addresses) - len(inside)
    validation = verdict.validation(run.fetches, run.observations)
    algorithms = verdict.algorithm_support(run.fetches)
    tcp = verdict.tcp_fallback(run.observations)
    problems = []
    if outside:
        problems.append(Problem(OUTSIDE, number=outside))
    if validation.outcome != verdict.VALIDATES:
        problems.append(Problem(VALIDATION, validation.reason or validation.outcome))
    problems += [
        Problem(ALGORITHM, algorithms[number], number)
        for number in REQUIRED_ALGORITHMS
        if algorithms[number] != verdict.SUPPORTED
    ]
    if tcp is not True:
        problems.append(Problem(TCP, "no" if tcp is False else "unseen"))
    day = timezone.localtime(run.finished_at).date()
    return RunResult(run, day, inside, outside, validation, algorithms, tcp, tuple(problems))


def _holds(network, address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return ip.version == network.version and ip in network


def gather(prefixes: list[str], rule: Rule, now: datetime) -> list[RunResult]:
    """The runs of the rule's window whose resolvers asked from the prefixes, oldest first."""
    networks = _networks(prefixes)
    since = now - timedelta(days=rule.window_days)
    # Raw query records are kept RESOLVER_TEST_QUERY_RETENTION_HOURS: a run whose page was closed before its
    # records had all arrived is summarised again (for good) while they still exist.
    fresh = now - timedelta(hours=resolvertest_conf.query_retention_hours())
    results = []
    runs = TestRun.objects.filter(finished_at__gte=since, finished_at__lte=now).only(
        "public_id", "finished_at", "fetches", "observations"
    )
    for run in runs.order_by("finished_at", "pk"):
        if run.finished_at >= fresh:
            observations.refresh(run, now)
        result = examine(run, networks)
        if result is not None:
            results.append(result)
    return results


# The judgement


RUNS, DAYS, PROBE_FAILED, PROBE_UNDECIDED, NOT_AVAILABLE = "runs", "days", "probe-failed", "probe-undecided", "no-test"


@dataclass(frozen=True)
class Judgement:
    outcome: str  # PASS, FAIL or UNDECIDED
    rule: Rule
    results: list[RunResult]
    qualifying: int
    days: int
    probes: list[ProbeResult]
    shortfalls: tuple[str, ...]  # RUNS, DAYS, PROBE_FAILED, PROBE_UNDECIDED, NOT_AVAILABLE


def judge(results: list[RunResult], rule: Rule, probes: list[ProbeResult], available: bool = True) -> Judgement:
    qualifying = [result for result in results if result.qualifies]
    days = len({result.day for result in qualifying})
    shortfalls = []
    if not available:
        shortfalls.append(NOT_AVAILABLE)
    if len(qualifying) < rule.runs:
        shortfalls.append(RUNS)
    if days < rule.days:
        shortfalls.append(DAYS)
    if any(probed.failed for probed in probes):
        shortfalls.append(PROBE_FAILED)
    if any(not probed.failed and not probed.passed for probed in probes):
        shortfalls.append(PROBE_UNDECIDED)
    if NOT_AVAILABLE in shortfalls:
        outcome = UNDECIDED
    elif {RUNS, DAYS, PROBE_FAILED} & set(shortfalls):
        outcome = FAIL
    elif PROBE_UNDECIDED in shortfalls:
        outcome = UNDECIDED
    else:
        outcome = PASS
    return Judgement(outcome, rule, results, len(qualifying), days, probes, tuple(shortfalls))


def evidence_record(judgement: Judgement) -> dict:
    """What an evaluation keeps besides its runs: the rule and the probes (read again by of_evaluation)."""
    return {
        "rule": judgement.rule.to_dict(),
        "probes": [probed.to_dict() for probed in judgement.probes],
        "available": NOT_AVAILABLE not in judgement.shortfalls,
    }


def of_evaluation(evaluation, prefixes: list[str]) -> Judgement | None:
    """A settled round's judgement, read again from its runs, rule and probes; None while pending."""
    if not evaluation.outcome or "rule" not in evaluation.evidence:
        return None
    networks = _networks(prefixes)
    runs = evaluation.test_runs.order_by("finished_at", "pk")
    results = [result for run in runs if (result := examine(run, networks)) is not None]
    probes = [ProbeResult.from_dict(data) for data in evaluation.evidence.get("probes", [])]
    return judge(results, Rule(**evaluation.evidence["rule"]), probes, evaluation.evidence.get("available", True))


def latest_qualifying(judgement: Judgement) -> datetime | None:
    times = [result.run.finished_at for result in judgement.results if result.qualifies]
    return max(times) if times else None


# In words (the active language)


def problem_text(problem: Problem) -> str:
    if problem.code == OUTSIDE:
        return ngettext(
            "%(count)d resolver address outside the prefixes",
            "%(count)d resolver addresses outside the prefixes",
            problem.number,
        ) % {"count": problem.number}
    if problem.code == VALIDATION:
        return {
            verdict.DOES_NOT_VALIDATE: _("does not validate (the bogus names loaded)"),
            verdict.ALL_FAILED: _("validation not shown (no test name loaded)"),
            verdict.NO_QUERIES: _("validation not shown (no query reached the test zones' servers)"),
            verdict.SECURE_FAILED: _("validation not shown (the correctly signed name did not load)"),
            verdict.MIXED: _("validation not shown (one bogus name loaded, the other did not)"),
        }.get(problem.detail, _("validation not shown"))
    if problem.code == ALGORITHM:
        if problem.detail == verdict.UNSUPPORTED:
            return _("algorithm %(number)d not supported") % {"number": problem.number}
        return _("algorithm %(number)d not shown (its correctly signed name did not load)") % {"number": problem.number}
    if problem.detail == "no":
        return _("no TCP fallback (the large answer was never asked over TCP)")
    return _("TCP fallback not shown (the large answer was not asked with DNSSEC records)")


def run_problems(result: RunResult) -> list[str]:
    return [problem_text(problem) for problem in result.problems]


def probe_text(result: ProbeResult) -> str:
    if result.refused:
        return _("not probed: this portal does not query this address")
    if result.passed:
        return _("AD set for the secure name, SERVFAIL for the bogus name, an answer over TCP")
    checks = (
        (result.secure_ad, _("no AD bit for the secure name"), _("no answer for the secure name")),
        (result.bogus_servfail, _("the bogus name was answered, not SERVFAIL"), _("no answer for the bogus name")),
        (result.tcp_answer, _("no usable answer over TCP"), _("no answer over TCP")),
    )
    parts = [wrong if value is False else silent for value, wrong, silent in checks if value is not True]
    return "; ".join(str(part) for part in parts)


def reasons(judgement: Judgement) -> list[str]:
    """What is missing, one sentence each: runs, days, each run that does not qualify, each probe."""
    rule = judgement.rule
    out = []
    if NOT_AVAILABLE in judgement.shortfalls:
        out.append(_("The resolver test is not available on this portal, so no run could be made."))
    if RUNS in judgement.shortfalls:
        out.append(
            ngettext(
                "%(have)d of %(need)d qualifying run in the last %(window)d days.",
                "%(have)d of %(need)d qualifying runs in the last %(window)d days.",
                rule.runs,
            )
            % {"have": judgement.qualifying, "need": rule.runs, "window": rule.window_days}
        )
    if DAYS in judgement.shortfalls:
        out.append(
            ngettext(
                "Qualifying runs on %(have)d of %(need)d day.",
                "Qualifying runs on %(have)d of %(need)d days.",
                rule.days,
            )
            % {"have": judgement.days, "need": rule.days}
        )
    for result in judgement.results:
        if not result.qualifies:
            out.append(
                _("Run of %(when)s: %(problems)s.")
                % {
                    "when": timezone.localtime(result.run.finished_at).strftime("%Y-%m-%d %H:%M"),
                    "problems": "; ".join(run_problems(result)),
                }
            )
    for probed in judgement.probes:
        if not probed.passed:
            out.append(
                _("Resolver %(address)s probed directly: %(result)s.")
                % {"address": probed.address, "result": probe_text(probed)}
            )
    return out


def presentation(judgement: Judgement) -> dict:
    """What the pages show of a judgement (members/logo/includes/resolver_evidence.html), newest run first.

    A run is linked to its permanent page only when every resolver it saw asked from the prefixes: the page of
    a run with another resolver shows that resolver's address, which may be a customer's own."""
    rows = [
        {
            "run": result.run,
            "linked": result.outside == 0,
            "inside": result.inside,
            "validates": result.validation.outcome == verdict.VALIDATES,
            "algorithms": [(number, result.algorithms[number] == verdict.SUPPORTED) for number in REQUIRED_ALGORITHMS],
            "tcp": result.tcp is True,
            "qualifies": result.qualifies,
            "problems": run_problems(result),
        }
        for result in reversed(judgement.results)
    ]
    return {
        "outcome": judgement.outcome,
        "rule": judgement.rule,
        "qualifying": judgement.qualifying,
        "days": judgement.days,
        "reasons": reasons(judgement),
        "rows": rows,
        "probes": [{"address": p.address, "passed": p.passed, "text": probe_text(p)} for p in judgement.probes],
    }
