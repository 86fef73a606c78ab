"""What the newcomer tests share: a fresh clone, a browser-like HTTP client, process trees."""

import http.cookiejar
import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.checker.portal.conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]
# The README's check of a demo-lab name for each verdict (checker/lab/zones.py: alg13, expired, unsigned).
LAB_NAMES = {"alg13.test": "secure", "expired.test": "bogus", "unsigned.test": "insecure"}


def fresh_clone(parent: Path) -> Path:
    """`git clone` of this checkout into a folder with nothing else in it (CI lays documents beside the checkout)."""
    target = parent / "portal"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True, timeout=120)
    assert [path.name for path in parent.iterdir()] == ["portal"]
    return target


def readme_first_command() -> str:
    """The first line of the README's first code block, as a newcomer would copy it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^```[^\n]*\n(.*?)^```", readme, re.S | re.M).group(1)
    return block.splitlines()[0]


def user_path() -> str:
    """PATH without this test run's virtual environment: a newcomer has only the machine's Python."""
    venv = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")).resolve()
    kept = [p for p in os.environ.get("PATH", "").split(os.pathsep) if p and not Path(p).resolve().is_relative_to(venv)]
    return os.pathsep.join(kept)


class Browser:
    """Cookies and CSRF tokens as a browser keeps them, over plain HTTP."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, method, path, data=None, headers=None):
        url = path if path.startswith("http") else self.base + path
        request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status, response.geturl(), response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode("utf-8", "replace")

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def submit_form(self, page_path: str, form_class: str, fields: dict):
        """Fill the page's form (found by its class) and post it with its CSRF token, as a browser does."""
        status, _, html = self.get(page_path)
        assert status == 200, (page_path, status)
        form = re.search(rf'<form class="{form_class}" action="([^"]+)" method="post".*?</form>', html, re.S)
        assert form, f"no form.{form_class} on {page_path}"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(0)).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": self.base + page_path}
        return self.request("POST", form.group(1), data=body, headers=headers)

    def finished_run(self, url: str, timeout: float) -> dict:
        """Poll the API's run at `url` until it is done or failed; returns its last state."""
        return wait_for(
            lambda: (run := self.api("GET", url)[1])["state"] in ("done", "failed") and run,
            timeout,
            message=f"the run {url} finished",
        )

    def api(self, method, path, payload=None):
        data = json.dumps(payload).encode() if payload is not None else None
        status, _, body = self.request(method, path, data=data, headers={"Content-Type": "application/json"})
        return status, json.loads(body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def answers(url: str) -> bool:
    """Any HTTP answer counts, a redirect to https included (production settings give one)."""
    try:
        with urllib.request.build_opener(_NoRedirect).open(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def check_through_form(browser: Browser, language: str, domain: str, timeout: float = 30) -> tuple[str, str]:
    """Post the home page's check form; wait for the result page to show a verdict. Returns (run id, verdict)."""
    started = time.monotonic()
    status, url, _ = browser.submit_form(f"/{language}/", "check-form", {"domain": domain})
    assert status == 200, (domain, status)
    run_id = re.search(r"/check/([0-9a-f-]{36})/", url)
    assert run_id, f"the form for {domain} led to {url}, not to a check's page"

    def verdict():
        page_status, _, html = browser.get(urllib.parse.urlsplit(url).path)
        assert page_status == 200
        failed = "verdict-failed" in html
        assert not failed, f"the check of {domain} failed: {re.sub(r'<[^>]+>', ' ', html)[:3000]}"
        found = re.search(r'class="verdict verdict-(secure|insecure|bogus|indeterminate)"', html)
        return found and found.group(1)

    result = wait_for(verdict, timeout - (time.monotonic() - started), message=f"a verdict for {domain}")
    return run_id.group(1), result


@dataclass(frozen=True)
class Process:
    pid: int
    started: str  # field 22 of /proc/<pid>/stat: tells a PID reused by another process apart
    command: str

    @property
    def alive(self) -> bool:
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_text()
        except OSError:
            return False
        fields = stat.rsplit(")", 1)[1].split()
        return fields[19] == self.started and fields[0] != "Z"


def process_tree(root_pid: int) -> list[Process]:
    """The process and all its descendants, whatever session they started."""
    parents, found = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        found[pid] = Process(pid, fields[19], command)
    tree, frontier = [], [root_pid]
    while frontier:
        pid = frontier.pop()
        if pid in found:
            tree.append(found[pid])
        frontier.extend(child for child, parent in parents.items() if parent == pid)
    return tree


def environment_of(pid: int) -> dict | None:
    """The process's environment; None when it has ended since it was listed (a pool process replaced, say)."""
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except FileNotFoundError:
        return None
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)
