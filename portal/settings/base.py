"""Settings shared by every environment.

Everything that differs between machines comes from environment variables:
DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS, and the few named below.
Without DATABASE_URL the portal uses SQLite in WAL mode; without REDIS_URL,
Celery uses kombu's SQLAlchemy transport on a local SQLite file, so the demo
needs nothing but Python.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import pgettext_lazy

from resolvertest.hosts import HostsWithTestZone

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def database_from_url(url):
    """Parse DATABASE_URL, or fail at start-up with a message an operator can act on."""
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types for bad URLs
        # The URL may hold a password: the message names the fault, never the URL's text.
        reason = str(exc)
        secret = url.partition("://")[2].rpartition("@")[0]
        if not reason or url in reason or (secret and secret in reason):
            reason = type(exc).__name__
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a valid database URL ({reason}). "
            "Examples: postgres://user@127.0.0.1:5432/portal or sqlite:///var/db.sqlite3"
        ) from exc
    if config.get("ENGINE") == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = sqlite_options()
    return config


def sqlite_options():
    # WAL lets the web process read while a Celery worker writes; the busy
    # timeout makes concurrent writers wait instead of failing at once.
    return {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
    }


SECRET_KEY = env("SECRET_KEY", "")
DEBUG = False
# With the resolver test's names, `.<RESOLVER_TEST_ZONE>`, when it is set up (resolvertest.hosts).
ALLOWED_HOSTS = HostsWithTestZone(env_list("ALLOWED_HOSTS", "127.0.0.1,localhost"))
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The reverse proxies (addresses or networks) whose X-Forwarded-For names the visitor (portal.clientaddress).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network (e.g. 10.0.0.5 or 10.0.0.0/24)."
        ) from None

INSTALLED_APPS = [
    # modeltranslation must come before any admin app it patches.
    "modeltranslation",
    "portal",
    "members",
    "knowledge",
    "failures",
    "checker",
    "watch",
    "resolvertest",
    "batches",
    "campaigns",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "members.users_app.UsersAdminConfig",  # wagtail.users, bound to the role table
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.pagecache.PageCacheMiddleware",  # anonymous readers' pages, before sessions and locale (see there)
    "members.logo.middleware.BadgeMiddleware",  # a logo badge needs no session, as a static file
    "resolvertest.pixel.PixelMiddleware",  # neither does the resolver test's pixel, on its test names only
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "members.admin_language.AdminLanguageMiddleware",  # a member's admin in their membership's language
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
# The portal's own page, in the page's language (Django's is bare English).
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Japanese first. Both languages carry a URL prefix (/ja/, /en/);
# "/" redirects to the visitor's language, Japanese when nothing says otherwise.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
# The admin names each content language (Locale) in the editor's language, 英語 in the Japanese admin; the public
# language switch names each in its own (LANGUAGES).
WAGTAIL_CONTENT_LANGUAGES = [
    ("ja", pgettext_lazy("language name", "Japanese")),
    ("en", pgettext_lazy("language name", "English")),
]
MODELTRANSLATION_DEFAULT_LANGUAGE = "ja"
MODELTRANSLATION_LANGUAGES = ("ja", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ()
# Requesting a translation makes a draft; it goes live through the Tech-WG review (knowledge/localize.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Our catalogue first; then Japanese for third-party admin screens that lack it (wagtail-localize), kept apart
# so that makemessages, which writes locale/, never marks those entries obsolete.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "thirdparty"]
TIME_ZONE = "Asia/Tokyo"
# One date format and one date-time format per language (portal/formats, docs/terminology.md).
FORMAT_MODULE_PATH = ["portal.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "DNSSEC Japan"
WAGTAILADMIN_BASE_URL = env("PORTAL_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from an outside service: nothing leaves the site, and the CSP allows none.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Wagtail's database backend, which also writes the site search's documents (portal.search).
        "BACKEND": "portal.search_backend",
        # Japanese is indexed as character bigrams (portal.search); the
        # 'simple' configuration keeps PostgreSQL from stemming them.
        "SEARCH_CONFIG": "simple",
    }
}

# Redis, when given, carries Celery's work and the cache. Without it, an
# SQLite broker file and the database cache keep the demo free of services.
REDIS_URL = env("REDIS_URL", "")
CELERY_QUEUE_PREFIX = env("CELERY_QUEUE_PREFIX", "")
CELERY_VISIBILITY_TIMEOUT = int(env("CELERY_VISIBILITY_TIMEOUT", "120"))


def redis_cache(url, prefix=""):
    """The cache on Redis; it serves as no cache while Redis is unreachable (portal.cache)."""
    return {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CACHES = redis_cache(REDIS_URL, CELERY_QUEUE_PREFIX)
else:
    CELERY_BROKER_URL = f"sqla+sqlite:///{VAR_DIR / 'broker.sqlite3'}"
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}}

# How long an anonymous reader's page stays cached at most (portal.pagecache); publishing purges it at once.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))

CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_ACKS_LATE = True
# A check whose pool process dies is taken back through the database (checker.tasks.CheckRequest,
# the run's heartbeat, the sweeper), so its message is acknowledged, never requeued: on the
# embedded broker a requeue runs kombu's SQLAlchemy session from billiard's result thread while
# the main thread polls with the same session, which crashed the worker (README, "Embedded broker").
CELERY_TASK_REJECT_ON_WORKER_LOST = False
# How long the worker waits for a dead pool process's result before it reports the loss (Celery's
# default, 10 s, applies on the embedded broker's pool): the checker's tasks return no result.
CELERY_WORKER_LOST_WAIT = 1.0
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A pool process is replaced by a fresh one after this many tasks (unset: never). The engine's process-wide
# caches keep answers, parsed messages and names up to bounds that a long batch or campaign reaches only after
# tens of thousands of names (about 47 kB a name until then): the batch worker's memory stays that of its
# first chunks (bench/campaign_bench.py, README "Campaigns at scale").
CELERY_WORKER_MAX_TASKS_PER_CHILD = int(env("CELERY_WORKER_MAX_TASKS_PER_CHILD", "") or 0) or None
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing must fail fast when Redis is down: the database keeps the
# record and the sweeper re-sends, so a visitor never waits on Redis.
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
        "socket_connect_timeout": 1,
        "socket_timeout": 2,
        "max_retries": 1,
    }
    if REDIS_URL
    else {}
)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULER = "portal.celery:Scheduler"  # makes the schedule file's folder
WORKER_HEARTBEAT_SECONDS = int(env("WORKER_HEARTBEAT_SECONDS", "10"))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Public pages may not be framed at all; Wagtail's admin (its preview panel
# frames the page) gets 'self' and the inline scripts and styles it needs,
# see portal.middleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Where django.core.mail.backends.filebased.EmailBackend keeps what it sends (one file per connection).
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "portal@dnssec.jp.invalid")

# The "DNSSEC enabled" logo (members/logo): how long a failing certificate stays in grace, then
# suspended before it is revoked, and how many zones an application may name.
LOGO_GRACE_DAYS = int(env("LOGO_GRACE_DAYS", "14"))
LOGO_SUSPENSION_DAYS = int(env("LOGO_SUSPENSION_DAYS", "30"))
LOGO_MAX_ZONES = int(env("LOGO_MAX_ZONES", "20"))
# The validating-resolver category (members/logo/resolver_evidence.py): an application needs
# LOGO_RESOLVER_RUNS qualifying resolver test runs on at least LOGO_RESOLVER_DAYS days (Japan time) within
# the last LOGO_RESOLVER_WINDOW_DAYS; a certificate needs a qualifying run no older than
# LOGO_RESOLVER_RECHECK_DAYS + LOGO_RESOLVER_ANSWER_DAYS: the portal asks for a fresh one when the latest is
# LOGO_RESOLVER_RECHECK_DAYS old, and the organisation has LOGO_RESOLVER_ANSWER_DAYS to make it.
LOGO_RESOLVER_RUNS = int(env("LOGO_RESOLVER_RUNS", "3"))
LOGO_RESOLVER_DAYS = int(env("LOGO_RESOLVER_DAYS", "2"))
LOGO_RESOLVER_WINDOW_DAYS = int(env("LOGO_RESOLVER_WINDOW_DAYS", "30"))
LOGO_RESOLVER_RECHECK_DAYS = int(env("LOGO_RESOLVER_RECHECK_DAYS", "30"))
LOGO_RESOLVER_ANSWER_DAYS = int(env("LOGO_RESOLVER_ANSWER_DAYS", "14"))
LOGO_MAX_PREFIXES = int(env("LOGO_MAX_PREFIXES", "20"))
# The Ed25519 private key that signs certificates' JSON (PEM, PKCS#8): its text, or a file holding it.
# Unset, a key is made once in var/logo-signing-key.pem (never in the repository).
LOGO_SIGNING_KEY = env("LOGO_SIGNING_KEY", "")
LOGO_SIGNING_KEY_FILE = env("LOGO_SIGNING_KEY_FILE", str(VAR_DIR / "logo-signing-key.pem"))

# Watched domains (watch/): how many an organisation may watch, how often they are re-checked (hourly
# while signatures expire within WATCH_EXPIRING_DAYS or a rollover is under way), when the remaining
# signature validity alerts, and after how many indeterminate runs in a row.
WATCH_MAX_DOMAINS_PER_ORGANISATION = int(env("WATCH_MAX_DOMAINS_PER_ORGANISATION", "50"))
WATCH_INTERVAL_HOURS = float(env("WATCH_INTERVAL_HOURS", "6"))
WATCH_FAST_INTERVAL_HOURS = float(env("WATCH_FAST_INTERVAL_HOURS", "1"))
WATCH_EXPIRING_DAYS = float(env("WATCH_EXPIRING_DAYS", "2"))
WATCH_VALIDITY_THRESHOLD_DAYS = float(env("WATCH_VALIDITY_THRESHOLD_DAYS", "3"))
WATCH_INDETERMINATE_IN_A_ROW = int(env("WATCH_INDETERMINATE_IN_A_ROW", "3"))
# Group K across runs (checker.engine.rollover): what is assumed for the intervals no check observes, Dprp (the
# zone's propagation to every secondary, and the parent's) and Dsgn (the signer's delay before a new key signs
# everything). 0 s proves a violation from the published TTLs and the check interval alone.
WATCH_ASSUMED_PROPAGATION_SECONDS = int(env("WATCH_ASSUMED_PROPAGATION_SECONDS", "0"))
WATCH_ASSUMED_SIGNING_SECONDS = int(env("WATCH_ASSUMED_SIGNING_SECONDS", "0"))
# A webhook that keeps failing is tried this many times in all (with a doubling delay), then disabled.
WATCH_WEBHOOK_ATTEMPTS = int(env("WATCH_WEBHOOK_ATTEMPTS", "5"))
WATCH_WEBHOOK_FIRST_DELAY_SECONDS = int(env("WATCH_WEBHOOK_FIRST_DELAY_SECONDS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # WeasyPrint logs each step of every PDF (knowledge.pdf) at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Accounts (members app) ---
import datetime  # noqa: E402

# Every authenticate() call, Wagtail admin's login included, passes the login limit
# (docs/RELIABILITY.md, S5).
AUTHENTICATION_BACKENDS = ["members.backends.ThrottledModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:account"
ACCOUNTS_LOGIN_FAILURES_PER_HOUR = 100
ACCOUNTS_INVITATION_MAX_AGE = datetime.timedelta(days=7)
PASSWORD_RESET_TIMEOUT = int(datetime.timedelta(days=1).total_seconds())
# Sessions live in the database (docs/RELIABILITY.md, S11), so logout deletes them on the server;
# staff (reviewers, editors, administrators) are bounded by the middleware.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
ACCOUNTS_STAFF_SESSION_MAX_AGE = datetime.timedelta(hours=12)
ACCOUNTS_STAFF_SESSION_IDLE = datetime.timedelta(minutes=30)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "members.sessions.StaffSessionLimitMiddleware",
)
