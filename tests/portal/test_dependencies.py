"""Known vulnerabilities (docs/RELIABILITY.md, S12): the lowest safe version of each package whose advisories
matter here. No advisory service is reachable from CI; the README says how to audit where the internet is.
Raise a floor here when an advisory about a package we run appears."""

import ast
import re
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]

# package: (lowest safe version, why)
FLOORS = {
    "dnspython": ("2.6.1", "CVE-2023-29483: a stub resolver took the first, possibly forged, answer (TuDoor)"),
    "Django": ("5.2.19", "security fixes come only as patch releases: the newest 5.2 LTS one on 2026-12-03"),
    "wagtail": ("8.0.1", "security fixes come only as patch releases: the newest 8.0 one on 2026-12-03"),
    "cryptography": ("44.0.1", "CVE-2024-12797: the OpenSSL bundled in its wheels"),
    "idna": ("3.7", "CVE-2024-3651: quadratic time on crafted input, which the checker's form passes to it"),
    "Pillow": ("11.3.0", "CVE-2025-48379; Pillow decodes the images attached to failure reports"),
    "gunicorn": ("23.0.0", "CVE-2024-6827, CVE-2024-1135: request smuggling through Transfer-Encoding"),
    "sqlparse": ("0.5.0", "CVE-2024-4340: deep nesting exhausts the stack (Django formats SQL with it)"),
    "requests": ("2.32.4", "CVE-2024-47081: credentials leaked through .netrc for crafted URLs"),
    "urllib3": ("2.5.0", "CVE-2025-50181, CVE-2025-50182: redirects not disabled as asked"),
}


def pinned_versions() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)(\[[^\]]*\])?==([^\s#]+)", line)
        if match:
            pins[match[1].lower()] = match[3]
    return pins


@pytest.mark.parametrize("package", sorted(FLOORS))
def test_the_installed_version_is_at_or_above_its_floor(package):
    floor, why = FLOORS[package]
    installed = version(package)
    assert Version(installed) >= Version(floor), f"{package} {installed} is below {floor}: {why}"


@pytest.mark.parametrize("package", sorted(p for p in FLOORS if p.lower() in pinned_versions()))
def test_the_pin_in_requirements_is_at_or_above_its_floor_and_is_what_runs(package):
    pin = pinned_versions()[package.lower()]
    assert Version(pin) >= Version(FLOORS[package][0])
    assert version(package) == pin


def test_every_package_the_code_imports_is_pinned():
    """Imported directly means pinned directly: a package that arrives only through another can vanish with it."""
    pins = pinned_versions()
    imported_as = {
        "django": "django",
        "wagtail": "wagtail",
        "wagtail_localize": "wagtail-localize",
        "modeltranslation": "django-modeltranslation",
        "modelcluster": "django-modelcluster",
        "modelsearch": "modelsearch",
        "ninja": "django-ninja",
        "PIL": "pillow",
        "csp": "django-csp",
        "dj_database_url": "dj-database-url",
        "celery": "celery",
        "kombu": "kombu",
        "billiard": "billiard",
        "redis": "redis",
        "dns": "dnspython",
        "cryptography": "cryptography",
        "idna": "idna",
        "publicsuffixlist": "publicsuffixlist",
        "polib": "polib",
        "pygments": "pygments",
        "pytest": "pytest",
        "pytest_django": "pytest-django",
        "hypothesis": "hypothesis",
        "playwright": "playwright",
        "packaging": "packaging",
        "weasyprint": "weasyprint",
        "pypdf": "pypdf",
    }
    first_party = {
        "checker",
        "portal",
        "members",
        "knowledge",
        "failures",
        "watch",
        "resolvertest",
        "batches",
        "campaigns",
        "tests",
        "bench",
        "manage",
        "dev",
    }
    found = set()
    for path in ROOT.rglob("*.py"):
        if {".venv", "var", ".git"} & set(path.relative_to(ROOT).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                found.add(node.module.split(".")[0])
    third_party = found - set(sys.stdlib_module_names) - first_party
    assert sorted(third_party - set(imported_as)) == [], "a new import: pin its package and name it here"
    assert sorted(imported_as[name] for name in third_party if imported_as[name] not in pins) == []
