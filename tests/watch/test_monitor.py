"""A watched domain's runs are judged against its last good run: one alert when a problem begins, one when it
ends, none while it lasts; information alerts for key and DS changes; e-mails in each user's language."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from portal import clock, scheduler
from tests.watch.reports import KSK, NEW_ZSK, ZSK, report
from watch import monitor
from watch.models import Alert


@pytest.fixture
def users(organisation, make_user):
    return make_user(organisation, "ops@example-isp.jp", "ja"), make_user(organisation, "noc@example-isp.jp", "en")


def test_adding_normalises_the_name_checks_it_at_once_and_keeps_to_the_limit(
    organisation, settings, make_user, english
):
    settings.WATCH_MAX_DOMAINS_PER_ORGANISATION = 2
    user = make_user(organisation, "ops@example-isp.jp")
    entry = monitor.add(organisation, "例え.JP.", user)
    assert entry.domain == "xn--r8jz45g.jp"
    assert scheduler.due_at(monitor.RECHECK, entry.pk) <= clock.now()
    with pytest.raises(ValidationError) as twice:
        monitor.add(organisation, "xn--r8jz45g.jp", user)
    assert twice.value.messages == ["Your organisation already watches xn--r8jz45g.jp."]
    monitor.add(organisation, "example.jp", user)
    with pytest.raises(ValidationError) as third:
        monitor.add(organisation, "example.com", user)
    assert third.value.messages == ["An organisation watches at most 2 domains."]


def test_an_outage_sends_one_message_and_its_end_one_more(watched, settle, users):
    assert settle(report()) is None
    assert settle(report(verdict="bogus", findings=["rrsig_expired"])).kind == Alert.Kind.PROBLEM
    assert [message.to for message in mail.outbox] == [["ops@example-isp.jp"], ["noc@example-isp.jp"]]
    assert mail.outbox[0].subject == "[DNSSEC Japan] example.jp に問題があります"
    assert mail.outbox[1].subject == "[DNSSEC Japan] Problem with example.jp"
    assert "- The verdict got worse: Secure → Bogus." in mail.outbox[1].body
    assert settle(report(verdict="bogus", findings=["rrsig_expired"])) is None  # still out: nothing more
    assert len(mail.outbox) == 2
    assert settle(report()).kind == Alert.Kind.RECOVERED
    assert [message.subject for message in mail.outbox[2:]] == [
        "[DNSSEC Japan] example.jp の問題は解消しました",
        "[DNSSEC Japan] example.jp recovered",
    ]
    assert list(watched.alerts.values_list("kind", flat=True)) == ["recovered", "problem"]


def test_indeterminate_runs_alert_only_from_the_third_in_a_row(watched, settle, users):
    settle(report())
    assert settle(report(verdict="indeterminate")) is None
    assert settle(None) is None  # a failed run could not judge the zone either
    alert = settle(report(verdict="indeterminate"))
    assert alert.conditions == [{"code": "indeterminate", "runs": 3}]
    assert len(mail.outbox) == 2
    settle(report())
    assert watched.alerts.first().kind == Alert.Kind.RECOVERED


def test_two_indeterminate_runs_between_good_ones_say_nothing(watched, settle, users):
    settle(report())
    settle(report(verdict="indeterminate"))
    settle(report(verdict="indeterminate"))
    settle(report())
    settle(report(verdict="indeterminate"))
    assert watched.alerts.count() == 0
    assert mail.outbox == []


def test_a_muted_domain_records_its_alerts_and_tells_nobody(watched, settle, users):
    settle(report())
    monitor.mute(watched, clock.now() + timedelta(days=1))
    alert = settle(report(verdict="bogus"))
    assert (alert.kind, alert.muted) == (Alert.Kind.PROBLEM, True)
    assert mail.outbox == []


def test_a_rollover_is_information_checked_hourly_and_can_be_switched_off(watched, settle, users):
    settle(report())
    assert scheduler.due_at(monitor.RECHECK, watched.pk) - clock.now() > timedelta(hours=5, minutes=59)
    alert = settle(report(keys=(KSK, ZSK, NEW_ZSK)))
    assert (alert.kind, alert.conditions) == (
        Alert.Kind.INFO,
        [{"code": "keys_changed", "added": ["ZSK 33333/13"], "removed": []}],
    )
    assert mail.outbox[1].subject == "[DNSSEC Japan] Keys or DS records of example.jp changed"
    assert scheduler.due_at(monitor.RECHECK, watched.pk) - clock.now() < timedelta(hours=1, seconds=5)
    watched.info_alerts = False
    watched.save()
    assert settle(report(keys=(KSK, NEW_ZSK))) is None
    assert len(mail.outbox) == 2


def test_a_zone_stays_checked_hourly_while_a_zsk_is_published_without_signing(watched, settle, users):
    signing, old, new = ({**key, "signs": ["example.jp/SOA"]} for key in (KSK, ZSK, NEW_ZSK))
    idle = {**NEW_ZSK, "signs": []}

    def due_in():
        return scheduler.due_at(monitor.RECHECK, watched.pk) - clock.now()

    settle(report(keys=(signing, old)))
    assert due_in() > timedelta(hours=5, minutes=59)
    settle(report(keys=(signing, old, idle)))  # the next ZSK pre-published: the set changed
    assert due_in() < timedelta(hours=1, seconds=5)
    settle(report(keys=(signing, old, idle)))  # no change, but the rollover is still under way
    assert due_in() < timedelta(hours=1, seconds=5)
    settle(report(keys=(signing, new)))  # the new ZSK signs, the old one is gone: the set changed
    assert due_in() < timedelta(hours=1, seconds=5)
    settle(report(keys=(signing, new)))  # done
    assert due_in() > timedelta(hours=5, minutes=59)


def test_signatures_close_to_expiry_alert_and_are_checked_hourly(watched, settle, users):
    settle(report())
    alert = settle(report(validity=timedelta(days=1)))
    assert alert.conditions == [{"code": "validity_low", "remaining": 86400, "floor": 3 * 86400}]
    assert "- Signatures expire in 1 day (the alert threshold is 3 days)." in mail.outbox[1].body
    assert scheduler.due_at(monitor.RECHECK, watched.pk) - clock.now() < timedelta(hours=1, seconds=5)


def test_a_removed_domain_is_no_longer_scheduled(watched):
    scheduler.schedule(monitor.RECHECK, watched.pk)
    monitor.remove(watched)
    assert scheduler.due_at(monitor.RECHECK, watched.pk) is None
    assert monitor.recheck(watched.pk) is None


def test_a_zsk_retired_too_early_between_two_runs_is_a_k1_finding_of_the_later_run_and_one_alert(
    watched, settle, users
):
    from tests.checker.engine.test_rollover import DAY, HOUR, KSK1, T0, ZSK1, ZSK2
    from tests.checker.engine.test_rollover import report as rollover_report

    def run_report(at, keys, signers, ttl):
        return {**rollover_report(at, keys, [1], signers, data_ttl=ttl), "verdict": "secure", "findings": []}

    settle(run_report(T0, [KSK1, ZSK1, ZSK2], [11], DAY))
    alert = settle(run_report(T0 + timedelta(hours=6), [KSK1, ZSK2], [12], DAY))
    assert (alert.kind, alert.conditions) == (
        Alert.Kind.PROBLEM,
        [
            {"code": "k_finding", "findings": ["zsk_retired_too_early@example.jp."]},
            {"code": "keys_changed", "added": [], "removed": ["ZSK 11/13"]},  # the rollover's information rides along
        ],
    )
    later = alert.run
    assert [finding["id"] for finding in later.report["findings"]] == ["zsk_retired_too_early"]
    assert later.worst_severity == "ERR"
    assert later.report["rollover"]["unjudged"] == []
    assert "- Key rollover timing: ZSK retired too early (example.jp.)." in mail.outbox[1].body
    # The next run, with nothing more removed, ends the alert.
    recovered = settle(run_report(T0 + timedelta(hours=12), [KSK1, ZSK2], [12], HOUR))
    assert recovered.kind == Alert.Kind.RECOVERED
