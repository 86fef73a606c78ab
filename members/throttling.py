"""Failed logins: bounded per account, without letting a stranger lock the owner out (docs/RELIABILITY.md, S5).

Failures are rows in the database, the store every gunicorn worker shares, kept per
identifier as typed (normalised), whether or not such an account exists, so that an
unknown user gets exactly the answer a known one gets. Two rules, over the last hour:

- One address may fail at most PER_ADDRESS times for an account; then that address is
  refused for that account until its failures age out. The owner, logging in from
  anywhere else, is not affected.
- Past SLOW_AFTER failures of an account (many addresses at work), every further
  attempt waits a delay that doubles with each failure (2 s, 4 s, ... up to
  MAX_DELAY) after the account's last failure. An attempt inside the delay is refused
  without trying the password. This slows an attack to a handful of guesses an hour
  (`failures_in_an_hour_at_most()` gives the figure) while the owner still gets in
  after at most MAX_DELAY.

Refused attempts are not counted. A password reset, or an administrator (with an entry
in Wagtail's audit log), clears an account's failures at once. ACCOUNTS_LOGIN_FAILURES_PER_HOUR
stays as the ceiling that no schedule of attempts can pass.
"""

import datetime
import math
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

WINDOW = datetime.timedelta(hours=1)
PER_ADDRESS = 10
SLOW_AFTER = 50
MAX_DELAY = 900  # seconds


@dataclass(frozen=True)
class Refusal:
    reason: str  # "address": this address failed too often; "slowed": the account waits its delay
    retry_after: int  # seconds


def account_key(identifier) -> str:
    return (identifier or "").strip().lower()[:254]


def ceiling() -> int:
    return settings.ACCOUNTS_LOGIN_FAILURES_PER_HOUR


def delay_after(failures: int) -> int:
    """Seconds an account with `failures` failures in the hour waits after its last one."""
    if failures < SLOW_AFTER:
        return 0
    return min(2 ** (failures - SLOW_AFTER + 1), MAX_DELAY)


def failures_in_an_hour_at_most() -> int:
    """The most failures an attacker with any number of addresses gets in an hour, trying at every
    first allowed moment (and PER_ADDRESS from each address)."""
    count, moment = SLOW_AFTER, 0
    while count < ceiling():
        moment += delay_after(count)
        if moment >= WINDOW.total_seconds():
            break
        count += 1
    return count


def client_address(request):
    # Through the trusted proxies only (portal.clientaddress); None when there is no request or address.
    from portal.clientaddress import client_address as address_of

    return address_of(request) or None


def _recent(key, now):
    from members.models import LoginFailure

    return LoginFailure.objects.filter(account=key, failed_at__gt=now - WINDOW)


def failures(identifier, now=None) -> int:
    return _recent(account_key(identifier), now or timezone.now()).count()


def refusal(identifier, request=None, now=None) -> Refusal | None:
    """Why an attempt to log in as `identifier` now is refused without trying the password, or None."""
    from django.db.models import Count, Max, Min

    key, now = account_key(identifier), now or timezone.now()
    recent = _recent(key, now)

    def seconds_until(moment) -> int:
        return max(1, math.ceil((moment - now).total_seconds()))

    address = client_address(request)
    if address is not None:
        here = recent.filter(address=address).aggregate(count=Count("id"), oldest=Min("failed_at"))
        if here["count"] >= PER_ADDRESS:
            return Refusal("address", seconds_until(here["oldest"] + WINDOW))
    account = recent.aggregate(count=Count("id"), oldest=Min("failed_at"), last=Max("failed_at"))
    if account["count"] >= ceiling():
        return Refusal("slowed", seconds_until(account["oldest"] + WINDOW))
    delay = delay_after(account["count"])
    if delay and now < account["last"] + datetime.timedelta(seconds=delay):
        return Refusal("slowed", seconds_until(account["last"] + datetime.timedelta(seconds=delay)))
    return None


def record_failure(identifier, request=None):
    from members.models import LoginFailure

    if request is not None and getattr(request, "login_refusal", None) is not None:
        return  # a refused attempt: the back end never tried the password
    key, now = account_key(identifier), timezone.now()
    LoginFailure.objects.filter(account=key, failed_at__lte=now - WINDOW).delete()
    LoginFailure.objects.create(account=key, address=client_address(request), failed_at=now)


def clear(*identifiers) -> int:
    """Forget the failures of these identifiers (a reset password, an administrator's unlock)."""
    from members.models import LoginFailure

    keys = {account_key(i) for i in identifiers if i}
    deleted, _ = LoginFailure.objects.filter(account__in=keys).delete()
    return deleted
