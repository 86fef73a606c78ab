"""What a reader sees of a page, for the result-page tests."""

import html
import re

import pytest


def text(response) -> str:
    """The page's text without tags, whitespace collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", "", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture
def unpublished(monkeypatch):
    """Runs made by the test stay where they are: no task is sent for them."""
    monkeypatch.setattr("checker.runs.publish", lambda pk: False)
