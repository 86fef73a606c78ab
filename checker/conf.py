"""The checker's settings, read from the environment with defaults (no edit of portal.settings needed).

Lab mode (private root hints, trust anchor, port, private addresses) comes only
from the environment and is refused under the production settings: nobody can
set it through the form or the API.
"""

import ipaddress
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal import clock

# The process that runs a check writes the run's heartbeat this often (checker.tasks); a running run
# whose heartbeat is older than HEARTBEAT_STALE_SECONDS lost that process (a killed pool child, a dead
# machine) and is taken back by the next worker that receives its message, or by the sweeper.
HEARTBEAT_SECONDS = 3
HEARTBEAT_STALE_SECONDS = 12


def int_setting(name: str, default: int) -> int:
    """An integer from the Django settings, else the environment, else `default`."""
    return int(getattr(settings, name, None) or os.environ.get(name) or default)


def hard_limit() -> int:
    """Seconds a check may run before Celery kills it and the sweeper may take the run back."""
    return int_setting("CHECKER_HARD_LIMIT", 60)


def kill_grace() -> int:
    """Seconds beyond the hard limit before a running run counts as lost (Celery's kill takes a moment)."""
    return int_setting("CHECKER_KILL_GRACE", 10)


def queued_timeout() -> int:
    """Seconds a run may stay queued before the sweeper sends it again."""
    return int_setting("CHECKER_QUEUED_TIMEOUT", 120)


def sweep_interval() -> int:
    return int_setting("CHECKER_SWEEP_SECONDS", 10)


def max_attempts() -> int:
    """A run whose worker died this many times is marked failed (docs/RELIABILITY.md, R2): max_retries + 1."""
    return int_setting("CHECKER_MAX_RETRIES", 2) + 1


def reuse_window() -> int:
    return int_setting("CHECKER_REUSE_SECONDS", 60)


def rate_concurrent() -> int:
    return int_setting("CHECKER_RATE_CONCURRENT", 5)


def rate_per_minute() -> int:
    return int_setting("CHECKER_RATE_PER_MINUTE", 30)


def client_hash_hours() -> int:
    """Hours after which the hash of the client address is erased from a run."""
    return int_setting("CHECKER_CLIENT_HASH_HOURS", 24)


def visibility_timeout() -> int:
    return int(getattr(settings, "CELERY_VISIBILITY_TIMEOUT", 120))


def now_reference() -> int:
    """The engine's reference time: CHECKER_NOW (POSIX seconds or ISO 8601) when set, else the portal's clock.

    The portal's clock (portal.clock) is the one every process reads, so a run's report, its row's times and
    the scheduler agree when a test or a demo moves time; CHECKER_NOW pins a lab built for one fixed moment.
    """
    value = getattr(settings, "CHECKER_NOW", None) or os.environ.get("CHECKER_NOW")
    if not value:
        return int(clock.now().timestamp())
    try:
        return int(float(value))
    except ValueError:
        moment = datetime.fromisoformat(value)
        return int((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp())


@dataclass(frozen=True)
class LabMode:
    root_hints: str | None
    trust_anchor: str | None
    port: int
    allow_private: bool
    lab_range: str | None

    @property
    def active(self) -> bool:
        return bool(self.root_hints or self.trust_anchor or self.allow_private or self.lab_range or self.port != 53)


def is_production() -> bool:
    return (getattr(settings, "SETTINGS_MODULE", "") or "").endswith("settings.production")


def lab_mode() -> LabMode:
    env = os.environ
    mode = LabMode(
        root_hints=env.get("CHECKER_ROOT_HINTS") or None,
        trust_anchor=env.get("CHECKER_TRUST_ANCHOR") or None,
        port=int(env.get("CHECKER_PORT") or 53),
        allow_private=env.get("CHECKER_ALLOW_PRIVATE", "").strip().lower() in {"1", "true", "yes", "on"},
        lab_range=env.get("CHECKER_LAB_RANGE") or None,
    )
    if mode.active and is_production():
        raise ImproperlyConfigured("CHECKER_* lab variables are set, but lab mode is off in production: unset them.")
    return mode


@cache
def _options_for(mode: LabMode):
    from checker.engine.api import Options

    return Options.from_files(
        root_hints=mode.root_hints,
        trust_anchors=[mode.trust_anchor] if mode.trust_anchor else None,
        allow_private=mode.allow_private,
        lab_range=ipaddress.ip_network(mode.lab_range) if mode.lab_range else None,
        port=mode.port,
    )


def engine_options():
    """The engine's options: the public internet, or the lab given by the environment."""
    return _options_for(lab_mode())
