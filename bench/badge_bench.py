"""Badge speed: requests per second for a certificate's badge.svg under gunicorn, next to a static file.

    .venv/bin/python bench/badge_bench.py [--seconds 10] [--concurrency 8] [--workers 2]

Runs with production settings against DATABASE_URL, or, when it is unset, a new SQLite file in a
temporary PORTAL_VAR_DIR (REDIS_URL defaults to this test slot's Redis database). Migrates, adds
one organisation and one valid certificate (its number is printed), collects static files, starts
gunicorn on this process's test slot (TEST_SLOT, tests/slots.py: port base + 91) and loads each URL
from `--concurrency` client threads (bench/knowledge_bench.py's load generator): a static file
served by whitenoise from the same gunicorn, then the badge. Prints requests per second, p50 / p99
latency and the badge's ratio to the static file (the aim is at least 0.5).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.knowledge_bench import HEADER, gunicorn, load, row  # noqa: E402
from tests import slots  # noqa: E402

# One organisation and one valid certificate; prints the certificate's number.
SETUP = """
from datetime import timedelta
from members.logo.models import Certificate
from members.models import Organisation
from portal import clock
now = clock.now()
organisation, _ = Organisation.objects.get_or_create(
    slug="badge-bench", defaults={"name_ja": "ベンチ株式会社 (bench)", "name_en": "Bench Ltd. (bench)"}
)
certificate = Certificate.objects.filter(organisation=organisation).first() or Certificate.objects.create(
    number=f"{now.year}-9901", organisation=organisation, category="dns-hosting", zones=["bench.example"],
    criteria_version="2026.1", state_since=now, issued_at=now, expires_at=now + timedelta(days=365),
    last_pass_at=now,
)
print(certificate.number)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    port = slots.port_base() + 91
    var_dir = tempfile.mkdtemp(prefix="badge-bench-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "badge-bench-" + "b" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PORTAL_VAR_DIR": var_dir,
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{var_dir}/bench.sqlite3",
        "REDIS_URL": os.environ.get("REDIS_URL") or f"redis://127.0.0.1:6379/{slots.redis_db()}",
    }

    def manage(*command: str, capture: bool = False) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
            text=True,
        )
        return result.stdout or ""

    for command in (["migrate", "--noinput"], ["compile_translations"], ["collectstatic", "--noinput"]):
        manage(*command, "--verbosity", "0")
    number = manage("shell", "-c", SETUP, capture=True).strip().splitlines()[-1]
    page_path = f"/ja/logo/{number}/"
    with gunicorn(env, port, args.workers, page_path) as page:
        static_path = re.search(rb'href="(/static/portal/site\.[0-9a-f]+\.css)"', page).group(1).decode()
        badge_path = f"/ja/logo/{number}/badge.svg"
        database = env["DATABASE_URL"].split(":", 1)[0]
        print(
            f"gunicorn {args.workers} workers, production settings, {database}, {args.concurrency} client threads, "
            f"{args.seconds:g} s per URL; certificate {number}"
        )
        print(HEADER)
        figures = {}
        for name, path in (("static file (whitenoise)", static_path), ("badge.svg", badge_path)):
            load(port, path, min(2.0, args.seconds), args.concurrency)  # warm both workers
            figures[name] = load(port, path, args.seconds, args.concurrency)
            print(row(name, figures[name]))
        ratio = figures["badge.svg"]["rps"] / figures["static file (whitenoise)"]["rps"]
        print(f"badge / static: {ratio:.2f} (aim: at least 0.50)")


if __name__ == "__main__":
    main()
