"""Knowledge base speed: gunicorn (2 workers, production settings) under a load generator on loopback.

    DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/knowledge_bench.py \
        [--seconds 10] [--concurrency 8] [--workers 2] [--documents 2000]

Migrates the database in DATABASE_URL, loads the demo content (idempotent),
adds news pages until the search index holds `--documents` of them
(bench/search_corpus.py, idempotent), collects static files into a temporary PORTAL_VAR_DIR, starts gunicorn on
this process's test slot (TEST_SLOT, tests/slots.py: port base + 90), and
requests each URL from `--concurrency` client threads for `--seconds`: a
static file served by the same gunicorn (whitenoise) as the ceiling, the home
page, the trust-anchor guide and a Japanese search: the same search each time (served from the page cache
after the first), and a search the cache has never seen each time (an extra parameter that the cache keys on
and the view ignores, so each request ranks every hit). Prints requests per
second and p50 / p99 latency per URL. Every request carries
X-Forwarded-Proto: https, as behind the production proxy. The load generator
is plain Python (http.client, one connection per request, as gunicorn's sync
workers close them), so the static figure is also the client's own ceiling.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import slots  # noqa: E402

HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
PAGES = [
    ("home", "/ja/"),
    ("guide", "/ja/publications/trust-anchor-guide/"),
    ("search", "/ja/search/?q=" + urllib.parse.quote("トラストアンカー")),
    ("search (not in cache)", "/ja/search/?q=" + urllib.parse.quote("トラストアンカー") + "&bench={n}"),
]
_request_numbers = itertools.count()


def request(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def load(port: int, path: str, seconds: float, concurrency: int) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client():
        nonlocal errors
        mine, failed = [], 0
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            status, _body = request(port, path.format(n=next(_request_numbers)))
            mine.append(time.perf_counter() - started)
            failed += status != 200
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
    }


HEADER = f"{'URL':<26}{'requests':>9}{'errors':>7}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"


def row(name: str, figures: dict) -> str:
    return (
        f"{name:<26}{figures['requests']:>9}{figures['errors']:>7}{figures['rps']:>9.1f}"
        f"{figures['p50_ms']:>9.1f}{figures['p99_ms']:>9.1f}"
    )


@contextlib.contextmanager
def gunicorn(env: dict, port: int, workers: int, ready_path: str):
    """gunicorn serving the portal on `port` while in the block; yields the body of `ready_path` once it answers 200."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
        + ["--log-level", "warning"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, body = request(port, ready_path)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                sys.exit("gunicorn did not answer within 30 s")
            time.sleep(0.2)
        yield body
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--documents", type=int, default=2000, help="news pages in the search index besides the demo")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit(
            "Set DATABASE_URL (and REDIS_URL) to the database to benchmark on; it is migrated and given the "
            "demo content."
        )

    port = slots.port_base() + 90
    var_dir = tempfile.mkdtemp(prefix="knowledge-bench-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "knowledge-bench-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PORTAL_VAR_DIR": var_dir,
    }
    for command in (
        ["migrate", "--noinput"],
        ["createcachetable"],
        ["load_initial_data"],
        ["compile_translations"],
        ["collectstatic", "--noinput"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *command, "--verbosity", "0"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    subprocess.run([sys.executable, "bench/search_corpus.py", str(args.documents)], cwd=ROOT, env=env, check=True)
    with gunicorn(env, port, args.workers, "/ja/") as home:
        static_path = re.search(rb'href="(/static/portal/site\.[0-9a-f]+\.css)"', home).group(1).decode()
        targets = [("static file (ceiling)", static_path)] + PAGES
        print(
            f"gunicorn {args.workers} workers, production settings, {args.concurrency} client threads, "
            f"{args.seconds:g} s per URL"
        )
        print(HEADER)
        for name, path in targets:
            load(port, path, min(2.0, args.seconds), args.concurrency)  # warm both workers' caches
            print(row(name, load(port, path, args.seconds, args.concurrency)))


if __name__ == "__main__":
    main()
