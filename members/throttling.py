"""At most ACCOUNTS_LOGIN_FAILURES_PER_HOUR failed logins per account and hour.

The count is kept per identifier as typed (normalised), whether or not such
an account exists, so an unknown user gets exactly the answer a known one
gets. Failures are rows in the database, the store every gunicorn worker
shares. Refused attempts are not counted: the lock lifts as the hour's
failures age out, so an attacker gets at most the limit per hour and the
owner is locked out for at most an hour after the attack stops (docs/RELIABILITY.md, S5).
"""

import datetime

from django.conf import settings
from django.utils import timezone

WINDOW = datetime.timedelta(hours=1)


def account_key(identifier) -> str:
    return (identifier or "").strip().lower()[:254]


def limit() -> int:
    return settings.ACCOUNTS_LOGIN_FAILURES_PER_HOUR


def failures(identifier, now=None) -> int:
    from members.models import LoginFailure

    since = (now or timezone.now()) - WINDOW
    return LoginFailure.objects.filter(account=account_key(identifier), failed_at__gt=since).count()


def is_locked(identifier) -> bool:
    return failures(identifier) >= limit()


def client_address(request):
    # Through the trusted proxies only (portal.clientaddress); None when there is no request or address.
    from portal.clientaddress import client_address as address_of

    return address_of(request) or None


def record_failure(identifier, request=None):
    from members.models import LoginFailure

    key = account_key(identifier)
    now = timezone.now()
    if failures(key, now) >= limit():
        return  # a refused attempt (the back end never tried the password)
    LoginFailure.objects.filter(account=key, failed_at__lte=now - WINDOW).delete()
    LoginFailure.objects.create(account=key, address=client_address(request), failed_at=now)
