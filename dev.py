#!/usr/bin/env python3
"""Set up and run the DNSSEC Japan portal on one machine, or run its tests.

    python3 dev.py          set up everything, then run the portal at http://127.0.0.1:8000
    python3 dev.py test     run the whole test suite (extra arguments go to pytest)
    python3 dev.py setup    set up only

Needs nothing but Python 3.11. Without DATABASE_URL and REDIS_URL the portal
runs on SQLite with an embedded Celery broker; with them it uses PostgreSQL
and Redis. Ctrl-C stops every process it started.
"""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
VAR = ROOT / "var"
REQUIREMENTS = ROOT / "requirements.txt"
STAMP = VENV / ".requirements.sha256"
HOST = "127.0.0.1"
# The demo DNS lab: its own /20 of the project's loopback /16, on an
# unprivileged port, so the checker can be tried with no internet and no root.
# PORTAL_PORT, PORTAL_LAB_NETWORK and PORTAL_LAB_PORT move a second portal
# beside a developer's (the newcomer test runs one so).
PORT = os.environ.get("PORTAL_PORT", "8000")
LAB_NETWORK = os.environ.get("PORTAL_LAB_NETWORK", "127.77.0.0/20")
LAB_PORT = os.environ.get("PORTAL_LAB_PORT", "10053")
LAB_DIR = VAR / "lab"
# The resolver test's zones (rt.test), served by a process of their own, which writes here what the lab's
# test. zone must hold to delegate them (NS, glue, DS).
DELEGATIONS = LAB_DIR / "delegations.json"
LAB_ENV = {
    "CHECKER_ROOT_HINTS": str(LAB_DIR / "root.hints"),
    "CHECKER_TRUST_ANCHOR": str(LAB_DIR / "trust-anchor.ds"),
    "CHECKER_PORT": LAB_PORT,
    "CHECKER_ALLOW_PRIVATE": "1",
    "CHECKER_LAB_RANGE": LAB_NETWORK,
}


def say(message):
    print(f"[dev] {message}", flush=True)


def fail(message):
    print(f"[dev] ERROR: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def run(*args, env=None):
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if result.returncode != 0:
        shown = (os.path.relpath(a, ROOT) if str(a).startswith(str(ROOT)) else str(a) for a in args)
        fail(f"this step failed: {' '.join(shown)}")


def check_places():
    """PORTAL_PORT, PORTAL_LAB_NETWORK and PORTAL_LAB_PORT, refused with a plain message when wrong."""
    import ipaddress

    for name, value in (("PORTAL_PORT", PORT), ("PORTAL_LAB_PORT", LAB_PORT)):
        if not value.isdigit() or not 1 <= int(value) <= 65535:
            fail(f"{name}={value!r} is not a port number (1-65535)")
    try:
        network = ipaddress.ip_network(LAB_NETWORK)
    except ValueError:
        fail(f"PORTAL_LAB_NETWORK={LAB_NETWORK!r} is not a network such as 127.77.0.0/20")
    if not network.is_loopback:
        fail(
            f"PORTAL_LAB_NETWORK={LAB_NETWORK} is not on loopback (127.0.0.0/8): the demo lab never leaves this machine"
        )


def ensure_venv():
    """Create .venv and install requirements.txt, only when they changed."""
    if sys.version_info[:2] != (3, 11):
        say(f"warning: the portal is tested on Python 3.11; this is {sys.version.split()[0]}")
    if not VENV_PYTHON.exists():
        say("creating the virtual environment in .venv")
        run(sys.executable, "-m", "venv", VENV)
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        say("installing requirements.txt (the first time takes a few minutes)")
        run(VENV_PYTHON, "-m", "pip", "install", "-qq", "--disable-pip-version-check", "-r", REQUIREMENTS)
        STAMP.write_text(wanted)


def manage(*args, env):
    run(VENV_PYTHON, ROOT / "manage.py", *args, env=env)


def setup(env):
    VAR.mkdir(exist_ok=True)
    manage("preflight", env=env)
    say("migrating the database")
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    manage("createcachetable", env=env)
    say("compiling translations")
    manage("compile_translations", env=env)
    say("collecting static files")
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    say("loading the demo content")
    manage("load_initial_data", env=env)
    manage("ensure_admin", f"--admin-url=http://127.0.0.1:{PORT}/admin/", env=env)


class Services:
    """The processes of a running portal, stopped together by PID."""

    # A worker that dies is started again, at most this many times in RESTART_WINDOW seconds.
    RESTARTS = 5
    RESTART_WINDOW = 300

    def __init__(self, env):
        self.env = env
        self.procs = {}
        self.commands = {}
        self.restarts = {}

    def start(self, name, *args):
        self.commands[name] = args
        self.procs[name] = subprocess.Popen([str(a) for a in args], cwd=ROOT, env=self.env, start_new_session=True)
        say(f"started {name} (pid {self.procs[name].pid})")

    def restart(self, name):
        """Start a dead process again; False when it died too often to keep trying."""
        now = time.monotonic()
        recent = [t for t in self.restarts.get(name, []) if now - t < self.RESTART_WINDOW] + [now]
        self.restarts[name] = recent
        if len(recent) > self.RESTARTS:
            return False
        old = self.procs[name]
        say(f"{name} (pid {old.pid}) exited with status {old.returncode}; starting it again")
        try:  # what the dead worker left behind (its pool and embedded beat) goes with it
            os.killpg(old.pid, signal.SIGKILL)
        except OSError:
            pass
        self.start(name, *self.commands[name])
        return True

    def stop(self):
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for name, proc in self.procs.items():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                say(f"{name} (pid {proc.pid}) did not stop in time; killing it")
                proc.kill()
                proc.wait()
            # Each service has a process group of its own: what it leaves behind goes too (a worker killed
            # while a pool process still renders a PDF would leave that process running).
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
        say("everything stopped")

    def wait_for_delegations(self, timeout=120):
        """Wait until the resolver test's server has built its zones and written their delegation."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.procs["rt-dns"].poll() is not None:
                fail("the resolver test's DNS service stopped; see its output above")
            if DELEGATIONS.exists():
                return
            time.sleep(0.3)
        fail(f"the resolver test's DNS service wrote no delegation within {timeout} s")

    def wait_for_lab(self, timeout=60):
        """Wait until the lab's first root server answers a query for the root SOA."""
        import socket

        deadline = time.monotonic() + timeout
        # Header (id 0xabcd, one question) and the question ". SOA IN".
        query = bytes.fromhex("abcd00000001000000000000") + b"\x00\x00\x06\x00\x01"
        while time.monotonic() < deadline:
            if self.procs["dns-lab"].poll() is not None:
                fail("the demo DNS lab stopped; see its output above")
            hints = LAB_DIR / "root.hints"
            records = [line.split() for line in hints.read_text().splitlines()] if hints.exists() else []
            address = next((r[-1] for r in records if len(r) >= 2 and r[-2] == "A"), None)
            if address:
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                    sock.settimeout(0.5)
                    try:
                        sock.sendto(query, (address, int(LAB_PORT)))
                        sock.recvfrom(4096)
                        return
                    except OSError:
                        pass
            time.sleep(0.3)
        fail(f"the demo DNS lab did not answer within {timeout} s")

    def watch(self, restartable=()):
        while True:
            for name, proc in list(self.procs.items()):
                if proc.poll() is not None:
                    if name in restartable and self.restart(name):
                        continue
                    return f"{name} exited with status {proc.returncode}"
            time.sleep(0.5)


def serve(env):
    services = Services(env)

    def on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        # The test zones' server first: the lab's test. zone delegates them with the DS it writes.
        DELEGATIONS.unlink(missing_ok=True)
        services.start("rt-dns", VENV_PYTHON, "manage.py", "serve_resolver_test", "--delegation-file", DELEGATIONS)
        services.wait_for_delegations()
        services.start(
            "dns-lab",
            VENV_PYTHON,
            "-m",
            "checker.lab",
            "serve",
            "--network",
            LAB_NETWORK,
            "--port",
            LAB_PORT,
            "--workdir",
            LAB_DIR,
            "--delegations",
            DELEGATIONS,
        )
        services.wait_for_lab()
        services.start("web", VENV_PYTHON, "manage.py", "runserver", f"{HOST}:{PORT}", "--noreload")
        services.start(
            "worker+beat",
            VENV_PYTHON,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "-B",
            "--loglevel",
            "INFO",
            "--concurrency",
            "2",
        )
        say(f"the portal runs at http://{HOST}:{PORT}/ (admin: http://{HOST}:{PORT}/admin/); Ctrl-C stops it")
        say(
            "try the checker on the demo lab: .venv/bin/python -m checker.engine alg13.test expired.test "
            f"--root-hints {LAB_DIR / 'root.hints'} --trust-anchor {LAB_DIR / 'trust-anchor.ds'} "
            f"--allow-private --lab-range {LAB_NETWORK} --port {LAB_PORT} --lang ja"
        )
        say(f"stopping: {services.watch(restartable={'worker+beat'})}")
        status = 1
    except KeyboardInterrupt:
        say("stopping")
        status = 0
    finally:
        services.stop()
    sys.exit(status)


def test(env, pytest_args):
    env.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal")
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    say(f"tests on {env['DATABASE_URL']} and {env['REDIS_URL']}")
    VAR.mkdir(exist_ok=True)
    manage("compile_translations", env=env)
    # Three workers on two cores: the fault, lab and newcomer tests spend most of their time waiting
    # (for a timeout, a restarted broker, pip), so a third process keeps the cores busy meanwhile.
    # Work stealing: an idle worker takes tests from a busy one, so one worker's long tail no longer
    # ends the run alone (no test depends on the order: tests/database_state.py).
    command = [str(VENV_PYTHON), "-m", "pytest", "-n", "3", "--dist", "worksteal", *pytest_args]
    main = subprocess.run(command, cwd=ROOT, env=env)
    say("search and SQL tests again on SQLite")
    sqlite_env = dict(env, DATABASE_URL=f"sqlite:///{VAR / 'test.sqlite3'}")
    # Two processes: the main run is over, and on SQLite each test loads the demo content itself (about 13 s).
    search = subprocess.run(
        [str(VENV_PYTHON), "-m", "pytest", "-n", "2", "-m", "search or sqlite", *pytest_args], cwd=ROOT, env=sqlite_env
    )
    sys.exit(main.returncode or search.returncode)


def main(argv):
    # Ctrl-C stops every step, set-up included, even where a shell started this process with SIGINT ignored (a
    # command put in the background by a script): the steps' own processes then get it too.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    command = argv[0] if argv else "run"
    if command not in {"run", "setup", "test"}:
        fail(f"unknown command {command!r}; use: python3 dev.py [run|setup|test]")
    check_places()
    ensure_venv()
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    env["PATH"] = f"{VENV / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    if command == "test":
        test(env, argv[1:])
    # Links in mails and sitemap.xml, and the Wagtail Site record, point at this portal (portal/baseurl.py).
    env.setdefault("PORTAL_BASE_URL", f"http://{HOST}:{PORT}")
    setup(env)
    if command == "run":
        env.update(LAB_ENV)
        serve(env)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except KeyboardInterrupt:
        say("stopped")
        sys.exit(130)
