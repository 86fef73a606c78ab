"""Verification that anyone can do: the register, the criteria, each certificate's page, its badge,
its signed JSON and the key, and `python -m members.verify` run as a user runs it."""

import base64
import json
import stat
import subprocess
import sys
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.urls import resolve, reverse

from checker import catalog
from checker.models import CheckRun
from members.logo import lifecycle, signing
from members.logo.models import Certificate
from portal import clock
from portal.baseurl import base_url
from tests.members import test_logo_lifecycle
from tests.members.test_logo_lifecycle import BOGUS, SECURE, recheck

ROOT = Path(__file__).resolve().parents[2]
certified = test_logo_lifecycle.certified  # the fixture: a certificate issued through application and review
State = Certificate.State


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def another(certificate, number, state):
    """A second certificate of the same organisation in `state`, made directly (its life is tested elsewhere)."""
    return Certificate.objects.create(
        number=number,
        organisation=certificate.organisation,
        category="registrar",
        zones=["c.example"],
        criteria_version=certificate.criteria_version,
        state=state,
        state_since=certificate.issued_at,
        issued_at=certificate.issued_at,
        expires_at=certificate.expires_at,
    )


def test_the_criteria_and_key_segments_are_never_numbers():
    assert reverse("logo:criteria", kwargs={}) == "/ja/logo/criteria/"
    assert resolve("/ja/logo/criteria/").url_name == "criteria"
    assert resolve("/ja/logo/key.json").url_name == "key"
    assert resolve("/ja/logo/2026-0001.json").url_name == "certificate_json"
    assert resolve("/ja/logo/2026-0001/badge.svg").url_name == "badge"


def test_the_register_lists_exactly_the_current_certificates(client, certified):
    certificate, _applicant = certified
    year = certificate.number[:4]
    for sequence, state in enumerate(
        [State.GRACE, State.SUSPENDED, State.REVOKED, State.EXPIRED, State.WITHDRAWN], start=2
    ):
        another(certificate, f"{year}-{sequence:04d}", state)
    page = html(client.get("/ja/logo/"))
    listed = [
        number for number in Certificate.objects.values_list("number", flat=True) if f"/ja/logo/{number}/" in page
    ]
    assert listed == [certificate.number, f"{year}-0002", f"{year}-0003"]
    assert "<h1>「DNSSEC enabled」ロゴ認定の一覧</h1>" in page
    assert '<span class="logo-state logo-state-grace">猶予期間中</span>' in page
    assert '<span lang="ja">例示プロバイダー株式会社</span>' in page
    english = html(client.get("/en/logo/"))
    assert '<span class="logo-state logo-state-suspended">Suspended</span>' in english
    assert '<span lang="en">Example ISP Inc.</span>' in english


def test_the_criteria_page_states_the_pass_rule_with_the_catalogue_titles(client, db):
    page = html(client.get("/ja/logo/criteria/"))
    assert "第2026.1版（2026年12月1日から適用）" in page
    assert "グループ D, E, F, G, H, I のすべての項目" in page
    for number, finding_id in (("B2", "tcp_unresponsive"), ("B8", "edns_broken")):
        title = catalog.get(finding_id).title.ja
        assert f'<a href="/ja/findings/{finding_id}/">{number}</a> {title}' in page
    assert "14日間の猶予期間が始まり" in page
    assert "一時停止から30日たっても" in page
    english = html(client.get("/en/logo/criteria/"))
    assert "Version 2026.1 (in force since 1 December 2026)" in english
    assert f"B17</a> {catalog.get('ns_address_not_global').title.en}" not in english  # B17 is its own row
    assert "every row of groups D, E, F, G, H, I" in english
    assert (
        f">{catalog.get('ns_address_not_global').number}</a> {catalog.get('ns_address_not_global').title.en}" in english
    )


def test_the_certificate_page_shows_state_zones_judgements_and_the_trail(client, certified, settings):
    certificate, _applicant = certified
    evaluation = recheck(certificate, {"a.example": SECURE, "b.example": BOGUS})
    assert certificate.state == State.GRACE
    page = html(client.get(f"/ja/logo/{certificate.number}/"))
    ends = certificate.state_since + timedelta(days=settings.LOGO_GRACE_DAYS)
    from django.utils import formats, timezone, translation

    with translation.override("ja"):
        ends_text = formats.date_format(timezone.localtime(ends), "DATE_FORMAT")
    assert f"事業者は{ends_text}までに修正する必要があります" in page
    assert f"<dt>猶予期間の終了</dt><dd>{ends_text}</dd>" in page
    run_a = evaluation.runs.get(domain="a.example")
    run_b = evaluation.runs.get(domain="b.example")
    assert '<span class="logo-judgement logo-judgement-pass">基準を満たす</span>' in page
    # The reason in words, as on the application page, not as the stored id.
    assert (
        '<span class="logo-judgement logo-judgement-fail">基準を満たさない</span><br><small>検証失敗（bogus）</small>'
        in page
    )
    assert f'href="/ja/check/{run_a.public_id}/"' in page
    assert f'href="/ja/check/{run_b.public_id}/"' in page
    assert "<td>有効 → 猶予期間中</td>" in page
    assert "<td>定期検査（自動）</td>" in page
    assert "<td>日本DNSSEC事務局</td>" in page  # the reviewer who issued it
    assert f"<title>DNSSEC enabled ロゴ認定 {certificate.number}：猶予期間中</title>" in page  # the badge, drawn in
    # Built on PORTAL_BASE_URL, not on the request's Host.
    assert f"python -m members.verify {base_url()}/ja/logo/{certificate.number}.json" in page
    english = html(client.get(f"/en/logo/{certificate.number}/"))
    assert "<td>the scheduler</td>" in english
    assert f'aria-label="DNSSEC enabled logo certificate {certificate.number}: In grace period" lang="en"' in english
    assert (
        f"&lt;a href=&quot;{base_url()}/en/logo/{certificate.number}/&quot;&gt;&lt;img "
        f"src=&quot;{base_url()}/en/logo/{certificate.number}/badge.svg&quot; "
        f"alt=&quot;DNSSEC enabled logo certificate {certificate.number}&quot;&gt;&lt;/a&gt;"
    ) in english


@pytest.mark.parametrize(
    "state, language, label, fill",
    [
        (State.VALID, "ja", "有効", "#1a7f37"),
        (State.VALID, "en", "Valid", "#1a7f37"),
        (State.GRACE, "ja", "猶予期間中", "#f2b705"),
        (State.GRACE, "en", "In grace period", "#f2b705"),
        (State.SUSPENDED, "en", "Suspended", "#57606a"),
        (State.REVOKED, "ja", "取り消し", "#b42318"),
        (State.EXPIRED, "en", "Expired", "#57606a"),
        (State.WITHDRAWN, "ja", "取り下げ", "#57606a"),
    ],
)
def test_the_badge_shows_the_state_in_the_language_of_the_url(client, certified, state, language, label, fill):
    certificate, _applicant = certified
    Certificate.objects.filter(pk=certificate.pk).update(state=state)
    response = client.get(f"/{language}/logo/{certificate.number}/badge.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    svg = response.content.decode()
    number = certificate.number
    title = {
        "ja": f"DNSSEC enabled ロゴ認定 {number}：{label}",
        "en": f"DNSSEC enabled logo certificate {number}: {label}",
    }
    heading = {"ja": "DNSSEC 対応", "en": "DNSSEC enabled"}
    subheading = {"ja": f"DNSSEC.jp 認定 第{number}号", "en": f"DNSSEC Japan No. {number}"}
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert f'role="img" aria-label="{title[language]}" lang="{language}"' in svg
    assert f"<title>{title[language]}</title>" in svg
    assert f'fill="#ffffff">{heading[language]}</text>' in svg
    assert f">{subheading[language]}</text>" in svg
    assert f'text-anchor="middle" fill="{"#1f2328" if state == State.GRACE else "#ffffff"}">{label}</text>' in svg
    assert '<rect x="' in svg and f'fill="{fill}"/>' in svg


def test_the_badge_is_cached_and_answers_304_to_its_etag(client, certified):
    certificate, _applicant = certified
    url = f"/ja/logo/{certificate.number}/badge.svg"
    first = client.get(url)
    assert first["Cache-Control"] == "public, max-age=300"
    assert (first["Content-Security-Policy"], first["X-Content-Type-Options"]) == ("default-src 'none'", "nosniff")
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) == 34
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert (again.status_code, again["ETag"], again["Cache-Control"], again.content) == (
        304,
        etag,
        "public, max-age=300",
        b"",
    )
    assert client.get(url, HTTP_IF_NONE_MATCH='"other", ' + etag).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH="*").status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    assert client.get(f"/en/logo/{certificate.number}/badge.svg")["ETag"] != etag  # another language
    lifecycle.withdraw(certificate, None, "test")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert ">取り下げ</text>" in changed.content.decode()


def test_an_unknown_certificate_has_no_badge(client, db):
    assert client.get("/ja/logo/2026-9999/badge.svg").status_code == 404
    assert client.get("/ja/logo/2026-9999.json").status_code == 404
    assert client.get("/ja/logo/2026-9999/").status_code == 404


def test_a_badge_request_costs_at_most_two_queries_and_never_checks(
    client, certified, django_assert_max_num_queries, make_user, organisation
):
    certificate, applicant = certified
    url = f"/ja/logo/{certificate.number}/badge.svg"
    runs_before = CheckRun.objects.count()
    with django_assert_max_num_queries(2):
        etag = client.get(url)["ETag"]
    with django_assert_max_num_queries(2):
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # Someone signed in to the portal sends the session cookie: the badge is answered before the
    # session is read (members.logo.middleware), so it costs them no more.
    client.force_login(applicant)
    with django_assert_max_num_queries(2):
        response = client.get(url)
    assert (response.status_code, response["ETag"]) == (200, etag)
    assert "Vary" not in response  # nothing about the reader changes the badge
    assert CheckRun.objects.count() == runs_before


def signed_record(client, number, language="ja"):
    response = client.get(f"/{language}/logo/{number}.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def key_document(client):
    response = client.get("/ja/logo/key.json")
    assert response.status_code == 200
    return response.json()


def test_the_json_is_the_certificate_signed_with_the_key_of_key_json(client, certified):
    certificate, _applicant = certified
    record = signed_record(client, certificate.number)
    assert sorted(record) == ["payload", "signature"]
    payload = json.loads(record["payload"])
    signed_at = payload.pop("signed_at")
    assert payload == {
        "number": certificate.number,
        "organisation": {"ja": "例示プロバイダー株式会社", "en": "Example ISP Inc."},
        "category": "dns-hosting",
        "state": "valid",
        "zones": ["a.example", "b.example"],
        "criteria_version": "2026.1",
        "last_pass": utc(certificate.last_pass_at),
        "expires": utc(certificate.expires_at),
    }
    assert signed_at[:16] == utc(clock.now())[:16] and signed_at.endswith("Z")
    key = key_document(client)
    assert sorted(key) == ["alg", "public_key"]
    assert key["alg"] == "Ed25519"
    raw = base64.b64decode(key["public_key"])
    assert len(raw) == 32
    public = Ed25519PublicKey.from_public_bytes(raw)
    public.verify(base64.b64decode(record["signature"]), record["payload"].encode("utf-8"))
    tampered = record["payload"].replace('"state":"valid"', '"state":"grace"')
    assert tampered != record["payload"]
    with pytest.raises(InvalidSignature):
        public.verify(base64.b64decode(record["signature"]), tampered.encode("utf-8"))
    assert signed_record(client, certificate.number, "en")["payload"].startswith(f'{{"number":"{certificate.number}"')


def utc(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_the_signing_key_is_made_once_in_its_file_with_mode_0600(settings, tmp_path):
    settings.LOGO_SIGNING_KEY = ""
    settings.LOGO_SIGNING_KEY_FILE = str(tmp_path / "keys" / "logo.pem")
    first = signing.public_key_base64()
    path = Path(settings.LOGO_SIGNING_KEY_FILE)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    signing._load.cache_clear()
    assert signing.public_key_base64() == first
    assert list(path.parent.iterdir()) == [path]  # no temporary file left beside it
    # The setting's PEM text, when given, is the key (a deployment's secret store).
    settings.LOGO_SIGNING_KEY = path.read_text()
    settings.LOGO_SIGNING_KEY_FILE = str(tmp_path / "unused.pem")
    assert signing.public_key_base64() == first
    assert not (tmp_path / "unused.pem").exists()


def run_verify(*args):
    result = subprocess.run(
        [sys.executable, "-m", "members.verify", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def files(client, certified, tmp_path):
    certificate, _applicant = certified
    record_path = tmp_path / f"{certificate.number}.json"
    record_path.write_text(json.dumps(signed_record(client, certificate.number)), encoding="utf-8")
    key_path = tmp_path / "key.json"
    key_path.write_text(json.dumps(key_document(client)))
    return certificate, record_path, key_path


def test_verify_offline_accepts_a_valid_certificate(files):
    certificate, record_path, key_path = files
    code, out, _err = run_verify(str(record_path), "--key", str(key_path))
    assert code == 0
    assert out.splitlines()[1:5] == [
        "State:         valid",
        f"Number:        {certificate.number}",
        "Organisation:  例示プロバイダー株式会社 / Example ISP Inc.",
        "Category:      dns-hosting",
    ]
    assert "Zones:         a.example, b.example" in out
    assert out.splitlines()[-1] == "VALID."


def test_verify_rejects_a_tampered_record_with_1(files):
    _certificate, record_path, key_path = files
    record = json.loads(record_path.read_text())
    record["payload"] = record["payload"].replace('"zones":["a.example"', '"zones":["evil.example"')
    record_path.write_text(json.dumps(record))
    code, out, _err = run_verify(str(record_path), "--key", str(key_path))
    assert (code, out.startswith("BAD SIGNATURE:")) == (1, True)


def test_verify_reports_usage_and_input_errors_with_2(files, tmp_path):
    _certificate, record_path, key_path = files
    assert run_verify(str(record_path))[0] == 2  # a file needs --key
    assert run_verify(str(tmp_path / "missing.json"), "--key", str(key_path))[0] == 2
    (tmp_path / "not-json.json").write_text("<html>")
    assert run_verify(str(tmp_path / "not-json.json"), "--key", str(key_path))[0] == 2
    assert run_verify(str(record_path), "--key", str(record_path))[0] == 2  # not a key


def test_verify_says_a_certificate_in_grace_is_not_valid_with_3(client, files):
    certificate, record_path, key_path = files
    recheck(certificate, {"a.example": SECURE, "b.example": BOGUS})
    record_path.write_text(json.dumps(signed_record(client, certificate.number)))
    code, out, _err = run_verify(str(record_path), "--key", str(key_path))
    assert code == 3
    assert out.splitlines()[-1] == "NOT VALID: the certificate is grace."


def test_verify_fetches_the_record_and_its_key_from_the_portal(live_server, certified):
    certificate, _applicant = certified
    code, out, err = run_verify(f"{live_server.url}/en/logo/{certificate.number}.json")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"Signature good (Ed25519, key {live_server.url}/en/logo/key.json)."
