"""The logo's validating-resolver category: the evidence rule over resolver test runs (exact judgements and
reasons, one test per rule so that flipping any rule fails one), the prefixes an application names, and the
life of its certificate (monthly request for a fresh run, grace when none arrives, valid again when one does).

Runs are made as the resolver test leaves them: a TestRun with the browser's fetches and the summary of what
the test zones' servers saw (resolvertest.observations), settled.
"""

import itertools
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, TestCase
from django.utils import timezone, translation

from members.logo import criteria, lifecycle, resolver_evidence
from members.logo.models import Application, Certificate, Evaluation
from members.logo.resolver_evidence import Rule
from members.roles import Role
from portal import baseurl, clock, scheduler
from resolvertest.models import ResolverPrefix
from resolvertest.models import TestRun as Run
from resolvertest.probe import ProbeResult
from resolvertest.zones import BY_LABEL

PREFIXES = ["192.0.2.0/24", "2001:db8:53::/48"]
INSIDE, INSIDE_V6, OUTSIDE = "192.0.2.53", "2001:db8:53::53", "198.51.100.53"
GOOD_FETCHES = {label: "failed" if zone.bogus else "loaded" for label, zone in BY_LABEL.items()}
RULE = Rule(runs=3, days=2, window_days=30)
TEST_LINK = baseurl.absolute("/en/resolver-test/")
_ids = itertools.count(1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def noon(days_ago: int):
    """Noon in Japan, `days_ago` days before today's (always in the past: today's noon may not have come)."""
    local = timezone.localtime(clock.now()).replace(hour=12, minute=0, second=0, microsecond=0)
    return local - timedelta(days=days_ago + 1)


def make_run(when, addresses=(INSIDE,), fetches=None, tcp=True, do=True, **changed):
    """A finished run as the resolver test leaves it; `changed` overrides single fetches (label=outcome, with
    `_` for `-`)."""
    fetches = {**(fetches or GOOD_FETCHES), **{label.replace("_", "-"): value for label, value in changed.items()}}
    zones = {label: {"queries": 1, "tcp": tcp and label == "big", "do": do} for label in BY_LABEL}
    resolvers = [{"address": address, "queries": 7, "tcp": tcp} for address in addresses]
    return Run.objects.create(
        public_id=f"run{next(_ids):04d}",
        created_at=when - timedelta(seconds=12),
        finished_at=when,
        language="en",
        fetches=fetches,
        observations={"queries": 14 * len(addresses), "resolvers": resolvers, "zones": zones, "settled": True},
    )


def judged(rule=RULE, probes=(), prefixes=PREFIXES):
    return resolver_evidence.judge(resolver_evidence.gather(prefixes, rule, clock.now()), rule, list(probes))


def when(run):
    return timezone.localtime(run.finished_at).strftime("%Y-%m-%d %H:%M")


# The rule


@pytest.mark.django_db
def test_three_good_runs_on_two_days_pass():
    make_run(noon(3))
    make_run(noon(3) + timedelta(hours=2))
    make_run(noon(1), addresses=(INSIDE, INSIDE_V6))
    judgement = judged()
    assert (judgement.outcome, judgement.qualifying, judgement.days) == (criteria.PASS, 3, 2)
    assert resolver_evidence.reasons(judgement) == []


@pytest.mark.django_db
def test_three_good_runs_on_one_day_fail_for_the_missing_day():
    for hours in (0, 1, 2):
        make_run(noon(2) + timedelta(hours=hours))
    judgement = judged()
    assert (judgement.outcome, judgement.qualifying, judgement.days) == (criteria.FAIL, 3, 1)
    assert resolver_evidence.reasons(judgement) == ["Qualifying runs on 1 of 2 days."]


@pytest.mark.django_db
def test_two_good_runs_fail_for_the_missing_run():
    make_run(noon(2))
    make_run(noon(1))
    judgement = judged()
    assert judgement.outcome == criteria.FAIL
    assert resolver_evidence.reasons(judgement) == ["2 of 3 qualifying runs in the last 30 days."]


@pytest.mark.django_db
def test_a_run_with_a_resolver_outside_the_prefixes_does_not_count():
    make_run(noon(3))
    make_run(noon(1))
    mixed = make_run(noon(1) + timedelta(hours=1), addresses=(INSIDE, OUTSIDE))
    make_run(noon(1) + timedelta(hours=2), addresses=(OUTSIDE,))  # not the ISP's run at all: not even listed
    judgement = judged()
    assert (judgement.outcome, judgement.qualifying, len(judgement.results)) == (criteria.FAIL, 2, 3)
    assert resolver_evidence.reasons(judgement) == [
        "2 of 3 qualifying runs in the last 30 days.",
        f"Run of {when(mixed)}: 1 resolver address outside the prefixes.",
    ]
    # The page never links the mixed run: its own page would show the other resolver's address.
    rows = resolver_evidence.presentation(judgement)["rows"]
    assert [(row["run"].public_id, row["linked"], row["qualifies"]) for row in rows] == [
        (mixed.public_id, False, False),
        (rows[1]["run"].public_id, True, True),
        (rows[2]["run"].public_id, True, True),
    ]


@pytest.mark.django_db
def test_a_run_without_algorithm_15_fails_with_its_reason():
    make_run(noon(3))
    make_run(noon(2))
    make_run(noon(1))
    no15 = make_run(noon(1) + timedelta(hours=1), alg15_bogus="loaded")
    judgement = judged(Rule(4, 2, 30))
    assert judgement.outcome == criteria.FAIL
    assert resolver_evidence.reasons(judgement) == [
        "3 of 4 qualifying runs in the last 30 days.",
        f"Run of {when(no15)}: algorithm 15 not supported.",
    ]


@pytest.mark.django_db
def test_a_run_without_tcp_fallback_does_not_qualify():
    make_run(noon(3))
    make_run(noon(1))
    no_tcp = make_run(noon(1) + timedelta(hours=1), tcp=False)
    judgement = judged()
    assert (judgement.outcome, judgement.qualifying) == (criteria.FAIL, 2)
    assert resolver_evidence.reasons(judgement)[1] == (
        f"Run of {when(no_tcp)}: no TCP fallback (the large answer was never asked over TCP)."
    )


# One test per rule of a run: each single flip of a good run turns it into a run that does not qualify, with
# exactly this reason (a mutant that drops or inverts any rule fails here).
@pytest.mark.parametrize(
    "change, problems",
    [
        ({"bogus": "loaded"}, ["validation not shown (one bogus name loaded, the other did not)"]),
        ({"bogus_ds": "loaded"}, ["validation not shown (one bogus name loaded, the other did not)"]),
        ({"bogus": "loaded", "bogus_ds": "loaded"}, ["does not validate (the bogus names loaded)"]),
        ({"secure": "failed"}, ["validation not shown (the correctly signed name did not load)"]),
        ({"alg8_bogus": "loaded"}, ["algorithm 8 not supported"]),
        ({"alg13_bogus": "loaded"}, ["algorithm 13 not supported"]),
        ({"alg15_bogus": "loaded"}, ["algorithm 15 not supported"]),
        ({"alg15": "failed"}, ["algorithm 15 not shown (its correctly signed name did not load)"]),
        ({"tcp": False}, ["no TCP fallback (the large answer was never asked over TCP)"]),
        (
            {"tcp": False, "do": False},
            ["TCP fallback not shown (the large answer was not asked with DNSSEC records)"],
        ),
        ({"addresses": (INSIDE, OUTSIDE)}, ["1 resolver address outside the prefixes"]),
        ({"addresses": (INSIDE, OUTSIDE, "203.0.113.9")}, ["2 resolver addresses outside the prefixes"]),
        # Not part of the rule: algorithm 16 and the other zones do not matter.
        ({"alg16_bogus": "loaded"}, []),
        ({"nsec3_iter_200": "failed", "unsigned": "failed"}, []),
        ({"addresses": (INSIDE_V6,)}, []),
    ],
)
@pytest.mark.django_db
def test_each_rule_of_a_run(change, problems):
    run = make_run(noon(1), **change)
    (result,) = resolver_evidence.gather(PREFIXES, RULE, clock.now())
    assert result.run == run
    assert (resolver_evidence.run_problems(result), result.qualifies) == (problems, not problems)


@pytest.mark.django_db
def test_only_runs_of_the_window_count():
    make_run(noon(31))  # outside the 30 days
    make_run(noon(28))  # inside at any time of day (noon(29) falls out of the window in a Japanese afternoon)
    make_run(noon(1))
    judgement = judged(Rule(2, 2, 30))
    assert (judgement.outcome, judgement.qualifying) == (criteria.PASS, 2)
    assert judged(Rule(3, 2, 30)).outcome == criteria.FAIL
    assert judged(Rule(3, 2, 33)).outcome == criteria.PASS


@pytest.mark.django_db
def test_a_run_whose_resolvers_are_all_outside_or_unseen_is_not_listed():
    make_run(noon(1), addresses=(OUTSIDE,))
    make_run(noon(1), addresses=())
    assert resolver_evidence.gather(PREFIXES, RULE, clock.now()) == []


PASSED = ProbeResult("192.0.2.1", secure_ad=True, bogus_servfail=True, tcp_answer=True)
NOT_VALIDATING = ProbeResult("192.0.2.1", secure_ad=False, bogus_servfail=False, tcp_answer=True)
SILENT = ProbeResult("192.0.2.1")
REFUSED = ProbeResult("10.0.0.1", refused="private-use")


@pytest.mark.parametrize(
    "probe, outcome, reason",
    [
        (PASSED, criteria.PASS, None),
        (
            NOT_VALIDATING,
            criteria.FAIL,
            "Resolver 192.0.2.1 probed directly: no AD bit for the secure name; the bogus name was answered, not "
            "SERVFAIL.",
        ),
        (
            ProbeResult("192.0.2.1", secure_ad=True, bogus_servfail=True, tcp_answer=False),
            criteria.FAIL,
            "Resolver 192.0.2.1 probed directly: no usable answer over TCP.",
        ),
        (
            SILENT,
            criteria.UNDECIDED,
            "Resolver 192.0.2.1 probed directly: no answer for the secure name; no answer for the bogus name; "
            "no answer over TCP.",
        ),
        (
            REFUSED,
            criteria.UNDECIDED,
            "Resolver 10.0.0.1 probed directly: not probed: this portal does not query this address.",
        ),
    ],
)
@pytest.mark.django_db
def test_a_direct_probe_adds_evidence(probe, outcome, reason):
    for day in (2, 1, 1):
        make_run(noon(day) + timedelta(minutes=next(_ids)))
    judgement = judged(probes=[probe])
    assert judgement.outcome == outcome
    assert resolver_evidence.reasons(judgement) == ([reason] if reason else [])


@pytest.mark.django_db
def test_without_the_resolver_test_the_round_is_undecided_never_failed():
    judgement = resolver_evidence.judge([], RULE, [], available=False)
    assert judgement.outcome == criteria.UNDECIDED
    assert resolver_evidence.reasons(judgement)[0] == (
        "The resolver test is not available on this portal, so no run could be made."
    )


# The prefixes an application names


def test_the_prefixes_are_canonical_and_bounded(settings):
    settings.LOGO_MAX_PREFIXES = 2
    assert resolver_evidence.clean_prefixes("192.0.2.0/24, 2001:DB8:53:0::/48\n192.0.2.0/24") == [
        "192.0.2.0/24",
        "2001:db8:53::/48",
    ]
    cases = {
        "192.0.2.1/24": ["192.0.2.1/24 is not an address prefix (such as 192.0.2.0/24 or 2001:db8::/32)."],
        "resolvers": ["resolvers is not an address prefix (such as 192.0.2.0/24 or 2001:db8::/32)."],
        "0.0.0.0/0": ["0.0.0.0/0 is too broad: name the prefixes your resolvers ask from, each /16 or longer."],
        "2001:db8::/31": ["2001:db8::/31 is too broad: name the prefixes your resolvers ask from, each /32 or longer."],
        "192.0.2.0/24 192.0.2.128/25": ["192.0.2.128/25 lies inside 192.0.2.0/24: name it once."],
        "": ["Name at least one prefix."],
        "192.0.2.0/26 192.0.2.64/26 192.0.2.128/26": ["Name at most 2 prefixes (you named 3)."],
    }
    for text, messages in cases.items():
        with pytest.raises(ValidationError) as error:
            resolver_evidence.clean_prefixes(text)
        assert (text, error.value.messages) == (text, messages)
    assert resolver_evidence.clean_prefixes("10.1.0.0/16 2001:db8::/32") == ["10.1.0.0/16", "2001:db8::/32"]


def test_the_prefix_errors_are_in_japanese():
    with translation.override("ja"), pytest.raises(ValidationError) as error:
        resolver_evidence.clean_prefixes("0.0.0.0/0")
    assert error.value.messages == [
        "0.0.0.0/0 は広すぎます。"
        "フルリゾルバーが問い合わせに使うプレフィックスを、それぞれ /16 以上の長さで挙げてください。"
    ]


def test_probe_addresses_outside_lab_mode_must_be_global(monkeypatch):
    for name in ("CHECKER_ROOT_HINTS", "CHECKER_TRUST_ANCHOR", "CHECKER_ALLOW_PRIVATE", "CHECKER_LAB_RANGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("CHECKER_PORT", raising=False)
    addresses = ["8.8.8.8", "2001:4860:4860::8888"]
    assert resolver_evidence.clean_probe_addresses(" ".join(addresses)) == addresses
    with pytest.raises(ValidationError) as error:
        resolver_evidence.clean_probe_addresses("192.168.1.1 127.0.0.1 nonsense")
    assert error.value.messages == [
        "192.168.1.1 is a private or special-purpose address, which this portal does not query.",
        "127.0.0.1 is a private or special-purpose address, which this portal does not query.",
        "nonsense is not an IP address.",
    ]


def test_an_application_may_not_claim_another_organisations_prefixes(organisation, other_organisation, make_user):
    ResolverPrefix.objects.create(organisation=other_organisation, prefix="192.0.2.0/25")
    applicant = make_user(Role.MEMBER, organisation)
    with pytest.raises(ValidationError) as error:
        lifecycle.apply(organisation, "resolver", [], applicant, prefixes=["192.0.2.0/24", "198.51.100.0/24"])
    assert error.value.messages == ["192.0.2.0/24 overlaps the resolver prefixes of another organisation."]
    ResolverPrefix.objects.create(organisation=organisation, prefix="198.51.100.0/24")  # its own: fine
    application = lifecycle.apply(organisation, "resolver", ["x.example"], applicant, prefixes=["198.51.100.0/24"])
    assert (application.zones, application.prefixes) == ([], ["198.51.100.0/24"])
    # … and an open application's prefixes are taken too.
    with pytest.raises(ValidationError):
        lifecycle.apply(other_organisation, "resolver", [], applicant, prefixes=["198.51.100.128/25"])


# The life of a certificate


def settle(evaluation):
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert lifecycle.settle_resolver(evaluation.pk) is True
    evaluation.refresh_from_db()
    return evaluation


@pytest.fixture
def resolver_zone(monkeypatch):
    monkeypatch.setenv("RESOLVER_TEST_ZONE", "rt.test")


@pytest.fixture
def certified(organisation, make_user, resolver_zone):
    """An ISP's certificate issued on three runs over two days; returns (certificate, applicant)."""
    applicant = make_user(Role.MEMBER, organisation, email="noc@example-isp.jp", language="en")
    reviewer = make_user(Role.LOGO_REVIEWER, email="reviewer@dnssec.jp.invalid")
    for day in (3, 2, 2):
        make_run(noon(day) + timedelta(minutes=next(_ids)))
    application = lifecycle.apply(organisation, "resolver", [], applicant, prefixes=PREFIXES)
    assert (application.state, application.evaluation.outcome) == (Application.State.CHECKING, "")
    evaluation = settle(application.evaluation)
    application.refresh_from_db()
    assert (application.state, evaluation.outcome, evaluation.test_runs.count()) == (
        Application.State.READY,
        criteria.PASS,
        3,
    )
    assert evaluation.evidence == {"rule": {"runs": 3, "days": 2, "window_days": 30}, "probes": [], "available": True}
    certificate = lifecycle.approve(application, reviewer, "ok")
    assert (certificate.category, certificate.prefixes, certificate.zones) == ("resolver", PREFIXES, [])
    assert scheduler.due_at(lifecycle.RECHECK, certificate.pk) == certificate.issued_at + timedelta(days=1)
    mail.outbox.clear()
    return certificate, applicant


def recheck(certificate) -> Evaluation:
    with TestCase.captureOnCommitCallbacks(execute=True):
        evaluation = lifecycle.recheck(certificate.pk)
    certificate.refresh_from_db()
    return evaluation


def test_a_failed_resolver_application_names_what_is_missing_and_may_be_judged_again(
    organisation, make_user, resolver_zone
):
    applicant = make_user(Role.MEMBER, organisation)
    make_run(noon(1))
    application = lifecycle.apply(organisation, "resolver", [], applicant, prefixes=PREFIXES)
    settle(application.evaluation)
    application.refresh_from_db()
    assert (application.state, application.evaluation.outcome) == (Application.State.READY, criteria.FAIL)
    judgement = resolver_evidence.of_evaluation(application.evaluation, application.prefixes)
    assert resolver_evidence.reasons(judgement) == [
        "1 of 3 qualifying runs in the last 30 days.",
        "Qualifying runs on 1 of 2 days.",
    ]
    assert lifecycle.may_check_again(application) and not lifecycle.may_approve(application)
    make_run(noon(2))
    make_run(noon(2) + timedelta(hours=1))
    lifecycle.check_again(application, applicant)
    application.refresh_from_db()
    settle(application.evaluation)
    application.refresh_from_db()
    assert application.evaluation.outcome == criteria.PASS
    assert lifecycle.may_approve(application)


def test_the_monthly_recheck_asks_once_for_a_fresh_run_with_the_link(certified, settings):
    certificate, _applicant = certified
    latest = max(Run.objects.values_list("finished_at", flat=True))
    clock.advance(timedelta(days=1))
    evaluation = recheck(certificate)
    assert (evaluation.outcome, certificate.state, len(mail.outbox)) == (criteria.PASS, "valid", 0)
    assert evaluation.evidence["rule"] == {"runs": 1, "days": 1, "window_days": 44}
    # The latest qualifying run is 30 days old: one request, to each recipient once, and only once.
    clock.advance(latest + timedelta(days=settings.LOGO_RESOLVER_RECHECK_DAYS) - clock.now())
    asked = recheck(certificate)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            ["noc@example-isp.jp"],
            f"[DNSSEC Japan] Logo certificate {certificate.number}: please make a fresh resolver test run",
        )
    ]
    assert TEST_LINK in mail.outbox[0].body
    assert "192.0.2.0/24, 2001:db8:53::/48" in mail.outbox[0].body
    assert certificate.run_requested_at == asked.settled_at
    clock.advance(timedelta(days=1))
    recheck(certificate)
    assert (len(mail.outbox), certificate.state) == (1, "valid")


def test_without_a_fresh_run_the_certificate_goes_to_grace_and_a_run_makes_it_valid_again(certified, settings):
    certificate, _applicant = certified
    latest = max(Run.objects.values_list("finished_at", flat=True))
    window = settings.LOGO_RESOLVER_RECHECK_DAYS + settings.LOGO_RESOLVER_ANSWER_DAYS
    clock.advance(latest + timedelta(days=window) - timedelta(minutes=1) - clock.now())
    recheck(certificate)
    assert certificate.state == Certificate.State.VALID  # the latest run is still inside the window
    clock.advance(timedelta(minutes=2))
    evaluation = recheck(certificate)
    assert (evaluation.outcome, certificate.state) == (criteria.FAIL, Certificate.State.GRACE)
    assert mail.outbox[-1].subject == f"[DNSSEC Japan] Logo certificate {certificate.number}: In grace period"
    assert TEST_LINK in mail.outbox[-1].body
    assert certificate.events.last().note == "No qualifying resolver test run arrived in time: the grace period begins."
    # A run from outside the prefixes changes nothing; a qualifying one makes it valid again.
    clock.advance(timedelta(days=2))
    make_run(clock.now() - timedelta(hours=1), addresses=(OUTSIDE,))
    recheck(certificate)
    assert certificate.state == Certificate.State.GRACE
    make_run(clock.now() - timedelta(minutes=5))
    recheck(certificate)
    assert certificate.state == Certificate.State.VALID
    assert mail.outbox[-1].subject == f"[DNSSEC Japan] Logo certificate {certificate.number}: Valid"


def test_without_runs_grace_then_suspension_then_revocation(certified, settings):
    certificate, _applicant = certified
    latest = max(Run.objects.values_list("finished_at", flat=True))
    window = settings.LOGO_RESOLVER_RECHECK_DAYS + settings.LOGO_RESOLVER_ANSWER_DAYS
    clock.advance(latest + timedelta(days=window, hours=1) - clock.now())
    recheck(certificate)
    assert certificate.state == Certificate.State.GRACE
    clock.advance(timedelta(days=settings.LOGO_GRACE_DAYS))
    recheck(certificate)
    assert certificate.state == Certificate.State.SUSPENDED
    clock.advance(timedelta(days=settings.LOGO_SUSPENSION_DAYS))
    recheck(certificate)
    assert certificate.state == Certificate.State.REVOKED
    assert lifecycle.recheck(certificate.pk) is None
    assert list(certificate.events.values_list("from_state", "to_state")) == [
        ("", "valid"),
        ("valid", "grace"),
        ("grace", "suspended"),
        ("suspended", "revoked"),
    ]


def test_the_signed_record_names_the_prefixes(certified):
    from members.logo.views import payload

    certificate, _applicant = certified
    record = payload(certificate)
    assert (record["category"], record["zones"], record["prefixes"]) == ("resolver", [], PREFIXES)


def test_a_renewal_keeps_the_category_and_may_change_the_prefixes(certified, make_user):
    certificate, applicant = certified
    renewal = lifecycle.apply(
        certificate.organisation, "resolver", [], applicant, renews=certificate, prefixes=["192.0.2.0/24"]
    )
    settle(renewal.evaluation)
    renewal.refresh_from_db()
    renewed = lifecycle.approve(renewal, make_user(Role.LOGO_REVIEWER, email="r2@dnssec.jp.invalid"))
    assert (renewed.pk, renewed.prefixes) == (certificate.pk, ["192.0.2.0/24"])


# Pages


def _client(user):
    from tests.members.test_logo_pages import signed_in

    return signed_in(user)


def test_the_application_form_takes_prefixes_for_the_resolver_category(organisation, make_user, resolver_zone):
    from tests.members.test_logo_pages import post

    member = make_user(Role.MEMBER, organisation, email="noc@example-isp.jp")
    client = _client(member)
    page = client.get("/en/logo/apply/")
    html = page.content.decode()
    assert 'value="resolver"' in html and 'name="prefixes"' in html and 'name="probe_addresses"' in html
    refused = post(
        client,
        "/en/logo/apply/",
        "/en/logo/apply/",
        {"category": "resolver", "prefixes": "192.0.2.0/8\n198.51.100.1/24", "zones": ""},
    )
    assert refused.status_code == 200
    errors = re.findall(r'<ul class="field-errors" id="id_prefixes-errors">(.*?)</ul>', refused.content.decode())
    assert errors == [
        "<li>192.0.2.0/8 is not an address prefix (such as 192.0.2.0/24 or 2001:db8::/32).</li>"
        "<li>198.51.100.1/24 is not an address prefix (such as 192.0.2.0/24 or 2001:db8::/32).</li>"
    ]
    assert not Application.objects.exists()
    response = post(
        client,
        "/en/logo/apply/",
        "/en/logo/apply/",
        {"category": "resolver", "prefixes": "192.0.2.0/24 2001:db8:53::/48", "zones": "ignored.example"},
    )
    application = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/logo/applications/{application.pk}/"
    assert (application.category, application.prefixes, application.zones, application.evaluation.runs.count()) == (
        "resolver",
        PREFIXES,
        [],
        0,
    )
    pending = client.get(response["Location"]).content.decode()
    assert "The resolver test runs are being judged." in pending and 'http-equiv="refresh"' in pending


def test_a_zone_category_still_needs_zones(organisation, make_user):
    from tests.members.test_logo_pages import post

    member = make_user(Role.MEMBER, organisation, email="noc@example-isp.jp")
    response = post(
        _client(member), "/en/logo/apply/", "/en/logo/apply/", {"category": "dns-hosting", "prefixes": "192.0.2.0/24"}
    )
    assert re.findall(r'id="id_zones-errors"><li>(.*?)</li>', response.content.decode()) == ["Name at least one zone."]


def test_the_application_page_shows_each_run_and_what_is_missing(organisation, make_user, resolver_zone):
    member = make_user(Role.MEMBER, organisation, email="noc@example-isp.jp")
    good = make_run(noon(2))
    no15 = make_run(noon(2) + timedelta(hours=1), alg15_bogus="loaded")
    mixed = make_run(noon(1), addresses=(INSIDE, OUTSIDE))
    application = lifecycle.apply(organisation, "resolver", [], member, prefixes=PREFIXES)
    settle(application.evaluation)
    html = _client(member).get(f"/en/logo/applications/{application.pk}/").content.decode()
    assert "Qualifying runs: 1 (3 needed). Days with one: 1 (2 needed). Within the last 30 days." in html
    assert "<li>Qualifying runs on 1 of 2 days.</li>" in html
    assert f"Run of {when(no15)}: algorithm 15 not supported." in html
    # Each run is listed; a run's permanent page is linked unless another resolver asked for it.
    assert f'href="/en/resolver-test/{good.public_id}/"' in html
    assert f'href="/en/resolver-test/{no15.public_id}/"' in html
    assert f"/resolver-test/{mixed.public_id}/" not in html
    assert OUTSIDE not in html
    assert html.count('class="outcome-fail">does not qualify</span>') == 2
    assert "Judge the runs again" in html


def test_the_public_certificate_and_criteria_pages_state_the_resolver_rule(certified):
    certificate, _applicant = certified
    html = Client().get(f"/ja/logo/{certificate.number}/").content.decode()
    assert "<code>192.0.2.0/24</code>, <code>2001:db8:53::/48</code>" in html
    assert "基準を満たす実行 3 回（必要 3 回）、実行のあった日 2 日（必要 2 日）" in html
    criteria_html = Client().get("/en/logo/criteria/").content.decode()
    assert (
        "An application passes with 3 qualifying runs on at least 2 different days (Japan time) within the last 30 "
        "days." in criteria_html
    )
    assert "When the latest one is 30 days old, the portal asks the organisation by e-mail" in criteria_html
    register = Client().get("/en/logo/").content.decode()
    assert "ISP resolver validation" in register


def test_the_demo_loads_an_isp_application_waiting_for_review(db):
    from django.core.management import call_command

    call_command("load_logo_data", verbosity=0)
    call_command("load_logo_data", verbosity=0)  # a second run adds nothing
    application = Application.objects.get(category="resolver")
    assert (application.organisation.slug, application.state, application.prefixes) == (
        "example-isp-demo",
        Application.State.READY,
        ["192.0.2.0/26", "2001:db8:5300::/48"],
    )
    evaluation = application.evaluation
    assert (evaluation.outcome, evaluation.demo, evaluation.test_runs.count()) == (criteria.PASS, True, 4)
    judgement = resolver_evidence.of_evaluation(evaluation, application.prefixes)
    assert (judgement.qualifying, judgement.days) == (3, 3)
    (reason,) = resolver_evidence.reasons(judgement)
    assert reason.endswith(": algorithm 15 not supported.")
    assert lifecycle.may_approve(application)


def test_an_undecided_probe_alerts_the_staff_and_changes_nothing(certified, administrator, monkeypatch):
    from resolvertest import probe

    certificate, _applicant = certified
    Certificate.objects.filter(pk=certificate.pk).update(probe_addresses=["192.0.2.1"])
    monkeypatch.setattr(probe, "probe", lambda address: probe.ProbeResult(address))  # no answer in time
    clock.advance(timedelta(days=1))
    evaluation = recheck(certificate)
    assert (evaluation.outcome, certificate.state, certificate.events.count()) == (criteria.UNDECIDED, "valid", 1)
    (alert,) = mail.outbox
    assert alert.to == ["admin@dnssec.jp.invalid"]
    assert "直接のプローブの対象として挙げられたフルリゾルバーに問い合わせられなかったか" in alert.body
    assert "- フルリゾルバー 192.0.2.1 への直接のプローブ: 正しく署名された名前への応答がない" in alert.body
