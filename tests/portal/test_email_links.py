"""Every link in every e-mail is on PORTAL_BASE_URL (portal.baseurl), never on a request's host or a default."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
EMAIL_TEMPLATES = sorted(p for p in ROOT.glob("*/templates/*/emails/*.txt"))
BASE = "https://portal.example.jp"


def test_every_email_template_links_through_the_one_helper():
    """A link in an e-mail template is `{% absolute_url … %}` or a `url` its sender built with baseurl.absolute."""
    assert len(EMAIL_TEMPLATES) > 30
    for path in EMAIL_TEMPLATES:
        text = path.read_text()
        assert not re.search(r"\{% url |\{\{ ?base|https?://", text), path.relative_to(ROOT)
        if "absolute_url" in text:
            assert "{% load portal_tags" in text, path.relative_to(ROOT)


@pytest.mark.django_db
def test_the_helper_builds_on_the_base_url_in_the_active_language(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE + "/"
    template = Template('{% load portal_tags %}{% absolute_url "logo:certificate" "2026-0001" %}')
    with translation.override("en"):
        assert template.render(Context()) == f"{BASE}/en/logo/2026-0001/"
