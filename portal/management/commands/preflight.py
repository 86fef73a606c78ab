"""Check the database and the broker before anything starts, and say plainly what is wrong."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Check that the database and the Celery broker can be reached."

    def handle(self, *args, **options):
        db = settings.DATABASES["default"]
        where = (
            db["NAME"]
            if db["ENGINE"].endswith("sqlite3")
            else f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or ''}/{db['NAME']}"
        )
        try:
            connection.ensure_connection()
        except Exception as exc:
            raise CommandError(
                f"Cannot connect to the database at {where}: {exc}".strip()
                + "\nCheck DATABASE_URL, or unset it to use the embedded SQLite database."
            ) from None
        self.stdout.write(f"database: {db['ENGINE'].rsplit('.', 1)[-1]} at {where}")
        if settings.REDIS_URL:
            import redis

            try:
                redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
            except Exception as exc:
                raise CommandError(
                    f"Cannot reach Redis at {settings.REDIS_URL}: {exc}"
                    "\nStart Redis, check REDIS_URL, or unset it to use the embedded broker."
                ) from None
            self.stdout.write(f"broker: Redis at {settings.REDIS_URL}")
        else:
            self.stdout.write(f"broker: embedded ({settings.CELERY_BROKER_URL})")
