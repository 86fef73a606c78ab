"""Settings for the test suite.

Each pytest process has its own slot (tests/slots.py): its own Redis
database, Celery queue names and cache prefix, so parallel processes never
share work.
"""

from urllib.parse import urlsplit

from tests import slots

from .base import *  # noqa: F403
from .base import VAR_DIR, database_from_url, env

SECRET_KEY = "test-only-key-0123456789abcdefghijklmnopqrstuvwxyz-0123456789"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In memory for the test process (mail.outbox); a worker process a test starts may be given the file backend.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

_slot = slots.slot()
DATABASES = {"default": database_from_url(env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'test.sqlite3'}"))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a worker process sees the test's rows.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-slot{_slot}.sqlite3")}

CELERY_QUEUE_PREFIX = slots.queue_prefix()
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    REDIS_URL = urlsplit(REDIS_URL)._replace(path=f"/{slots.redis_db()}").geturl()
    CELERY_BROKER_URL = REDIS_URL
else:
    CELERY_BROKER_URL = f"sqla+sqlite:///{VAR_DIR / f'test-broker-slot{_slot}.sqlite3'}"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / f"test-beat-slot{_slot}")
# Each slot's own uploads and publication PDFs: two slots' pages can share an id.
MEDIA_ROOT = VAR_DIR / f"test-media-slot{_slot}"
