"""S10: random domain strings, JSON bodies and query strings against the form and the API: 0 HTTP 500s.

CHECKER_FUZZ_EXAMPLES examples per test (700 by default, about 2,000 in all);
`bench/checker_fuzz.py` runs the same tests with more.
"""

import json
import os

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow
EXAMPLES = int(os.environ.get("CHECKER_FUZZ_EXAMPLES", "700"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

domain_like = st.one_of(
    st.text(max_size=300),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-._:/@[]%?#日本語ｊｐ。．", max_size=300),
    st.from_regex(r"[a-z0-9-]{0,70}(\.[a-z0-9-]{0,70}){0,5}\.?", fullmatch=True),
    st.builds(lambda n: "a." * n + "jp", st.integers(0, 200)),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=10,
)
bodies = st.one_of(
    json_values.map(json.dumps),
    st.fixed_dictionaries({"domain": st.one_of(domain_like, json_values)}, optional={"fresh": json_values}).map(
        json.dumps
    ),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
)
addresses = st.ip_addresses().map(str)


@pytest.fixture(autouse=True)
def unpublished(monkeypatch):
    monkeypatch.setattr("checker.runs.publish", lambda pk: False)


def assert_clean(response):
    assert response.status_code < 500, response.content[:500]
    body = response.content.decode("utf-8", "replace")
    assert "Traceback" not in body and "SELECT " not in body


@pytest.mark.django_db
@FUZZ
@given(
    domain=domain_like,
    fresh=st.sampled_from(["", "on", "1", "x" * 50]),
    address=addresses,
    language=st.sampled_from(["ja", "en"]),
)
def test_form_never_answers_500(domain, fresh, address, language):
    assert_clean(Client(REMOTE_ADDR=address).post(f"/{language}/check/", {"domain": domain, "fresh": fresh}))


@pytest.mark.django_db
@FUZZ
@given(
    body=bodies,
    address=addresses,
    content_type=st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded"]),
)
def test_api_never_answers_500(body, address, content_type):
    assert_clean(Client(REMOTE_ADDR=address).post("/api/v1/checks", body, content_type=content_type))


@pytest.mark.django_db
@FUZZ
@given(segment=st.text(max_size=120), query=st.text(max_size=120), which=st.integers(0, 5))
def test_get_urls_never_answer_500(segment, query, which):
    from urllib.parse import quote

    part = quote(segment, safe="")
    paths = [
        f"/api/v1/checks/{part}",
        f"/api/v1/domains/{part}/checks",
        f"/ja/check/{part}/",
        f"/en/check/domain/{part}/",
        f"/ja/findings/{part}/",
        "/ja/check/",
    ]
    assert_clean(Client().get(paths[which], {"domain": query, "q": query}))
