"""A newcomer's first run: a fresh clone, the README's first command, a check through the form.

The portal runs exactly as a newcomer starts it: from a `git clone` with nothing beside it,
the README's first command typed into a shell, and an environment that holds nothing of this test
run (only PATH without the tests' virtualenv, HOME, LANG and the three PORTAL_* places that move
it beside a developer's portal). Its Celery worker, web server, demo lab and the resolver test's DNS
service are real processes.
"""

import os
import signal
import subprocess
import time

import dns.message
import dns.query
import dns.rdatatype
import pytest

from tests import slots
from tests.checker.portal.conftest import wait_for
from tests.newcomer.support import (
    LAB_NAMES,
    Browser,
    answers,
    check_through_form,
    environment_of,
    fresh_clone,
    process_tree,
    readme_first_command,
    user_path,
)

pytestmark = [pytest.mark.newcomer, pytest.mark.slow]
WEB_PORT_OFFSET, LAB_PORT_OFFSET = 90, 91
FIRST_RUN_TIMEOUT = 900  # a fresh .venv installs every requirement
LEAKS = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "TEST_SLOT", "VIRTUAL_ENV", "PYTEST_XDIST_WORKER"}


def newcomer_environment() -> dict:
    return {
        "PATH": user_path(),
        "HOME": os.environ["HOME"],
        "LANG": "C.UTF-8",
        "PORTAL_PORT": str(slots.port_base() + WEB_PORT_OFFSET),
        "PORTAL_LAB_NETWORK": str(slots.lab_network()),
        "PORTAL_LAB_PORT": str(slots.port_base() + LAB_PORT_OFFSET),
    }


def test_fresh_clone_runs_the_readme_and_checks_from_the_form(tmp_path):
    clone = fresh_clone(tmp_path)
    command = readme_first_command()
    assert command.split("#")[0].split() == ["python3", "dev.py"]
    env = newcomer_environment()
    base = f"http://127.0.0.1:{env['PORTAL_PORT']}"
    log = (tmp_path / "dev.log").open("w")
    # A new session: Ctrl-C reaches the shell's foreground process group, which this emulates.
    portal = subprocess.Popen(
        ["bash", "-c", command], cwd=clone, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    tree = []
    try:
        wait_for(
            lambda: portal.poll() is not None or answers(base + "/healthz"),
            FIRST_RUN_TIMEOUT,
            step=1,
            message="the portal answering",
        )
        assert portal.poll() is None, (tmp_path / "dev.log").read_text()[-5000:]
        tree = process_tree(portal.pid)
        names = " ".join(p.command for p in tree)
        assert "celery -A portal worker" in names and "checker.lab serve" in names and "runserver" in names
        assert "serve_resolver_test" in names

        # The resolver test's zones are served, and the lab's test. zone delegates them with their DS.
        network, lab_port = slots.lab_network(), int(env["PORTAL_LAB_PORT"])
        token = dns.query.udp(
            dns.message.make_query("newcomer.secure.rt.test", "A"), str(network[-3]), port=lab_port, timeout=5
        )
        assert [rdata.address for rdata in token.answer[0]] == ["127.0.0.1"]
        ds = dns.query.udp(dns.message.make_query("rt.test", "DS"), str(network[3]), port=lab_port, timeout=5)
        assert [rrset.rdtype for rrset in ds.answer] == [dns.rdatatype.DS]

        # Nothing of the test run leaked into the portal's processes; dev.py chose the dev settings itself.
        for process in tree:
            environment = environment_of(process.pid)
            if environment is None:
                continue  # it ended since the tree was listed: nothing of it can leak any more
            assert not set(environment) & LEAKS, (process.command, set(environment) & LEAKS)
            assert environment.get("DJANGO_SETTINGS_MODULE", "portal.settings.dev") == "portal.settings.dev"

        browser = Browser(base)
        status, _, home = browser.get("/ja/")
        assert status == 200 and "ドメイン名" in home and 'lang="ja"' in home
        status, _, home = browser.get("/en/")
        assert status == 200 and "Domain name" in home and 'lang="en"' in home

        verdicts = {}
        for domain in LAB_NAMES:
            started = time.monotonic()
            run_id, verdicts[domain] = check_through_form(browser, "ja", domain, timeout=30)
            assert time.monotonic() - started < 30
            status, run = browser.api("GET", f"/api/v1/checks/{run_id}")
            assert (status, run["state"], run["verdict"], run["error"]) == (200, "done", verdicts[domain], None)
        assert verdicts == LAB_NAMES

        # The API, asked afresh, reaches the same verdicts.
        for domain, verdict in LAB_NAMES.items():
            status, run = browser.api("POST", "/api/v1/checks", {"domain": domain, "fresh": True})
            assert status == 202, run
            done = browser.finished_run(run["url"], 30)
            assert (done["state"], done["verdict"]) == ("done", verdict)

        tree = process_tree(portal.pid)
    finally:
        if portal.poll() is None:
            os.killpg(portal.pid, signal.SIGINT)  # Ctrl-C
        try:
            portal.wait(timeout=60)
        except subprocess.TimeoutExpired:
            for process in process_tree(portal.pid):
                os.kill(process.pid, signal.SIGKILL)
            portal.wait()
        log.close()

    assert portal.returncode == 0, (tmp_path / "dev.log").read_text()[-3000:]
    assert "everything stopped" in (tmp_path / "dev.log").read_text()
    assert len(tree) >= 5  # dev.py, the lab, the web server, the worker and its pool
    deadline = time.monotonic() + 10
    while any(p.alive for p in tree) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [p.command for p in tree if p.alive] == []
