"""Finding pages, the home page form, bad input, lab mode and the chain picture (no worker needed)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from checker import catalog, conf
from checker.models import CheckRun
from checker.svg import zone_svg
from portal import findingrefs


@pytest.mark.django_db
def test_every_catalog_id_has_a_page_in_both_languages(client):
    for finding in catalog.all_findings():
        for language in ("ja", "en"):
            response = client.get(f"/{language}/findings/{finding.id}/")
            assert response.status_code == 200, finding.id
            body = response.content.decode()
            assert finding.title.in_language(language) in body.replace("&#x27;", "'").replace("&quot;", '"').replace(
                "&amp;", "&"
            ).replace("&lt;", "<").replace("&gt;", ">")
            assert catalog.severity_label(finding.severity, language) in body
    assert client.get("/en/findings/no_such_finding/").status_code == 404
    assert "<var>rrset</var>" in client.get("/ja/findings/rrsig_expired/").content.decode(), (
        "placeholders read as variables"
    )


@pytest.mark.django_db
def test_finding_page_lists_registered_references(client):
    findingrefs.register(
        "test",
        lambda fid, lang: (
            [findingrefs.FindingReference("guideline", f"KSK rollover ({lang})", "/ja/kb/rollover/")]
            if fid == "ds_digest_mismatch"
            else []
        ),
    )
    try:
        body = client.get("/ja/findings/ds_digest_mismatch/").content.decode()
        assert "KSK rollover (ja)" in body and "/ja/kb/rollover/" in body and "ガイドライン" in body
        assert "KSK rollover" not in client.get("/ja/findings/rrsig_expired/").content.decode()
    finally:
        findingrefs.unregister("test")


@pytest.mark.django_db
def test_home_page_and_check_page_show_the_form(client, demo_content):
    for path in ("/ja/", "/en/", "/ja/check/"):
        body = client.get(path).content.decode()
        assert 'action="/' in body and 'name="domain"' in body and 'name="fresh"' in body, path
        assert "root_hints" not in body and "trust" not in body.split('name="domain"')[1].split("</form>")[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text,code_ja",
    [
        ("192.0.2.1", "IP アドレスではなくドメイン名"),
        ("a..b.jp", "空のラベル"),
        ("exa mple.jp", "使えない文字"),
        ("x" * 64 + ".jp", "63文字"),
    ],
)
def test_bad_names_are_refused_with_a_translated_message(client, text, code_ja):
    response = client.post("/ja/check/", {"domain": text})
    assert response.status_code == 400 and code_ja in response.content.decode()
    assert client.post("/api/v1/checks", {"domain": text}, content_type="application/json").status_code == 400
    assert CheckRun.objects.count() == 0


@pytest.mark.django_db
def test_urls_and_mail_addresses_are_normalised(client, monkeypatch):
    monkeypatch.setattr("checker.runs.publish", lambda pk: False)
    for text, domain in (
        ("https://WWW.Example.JP/a?b", "www.example.jp"),
        ("hostmaster@example.jp", "example.jp"),
        ("日本語.jp", "xn--wgv71a119e.jp"),
    ):
        client.post("/en/check/", {"domain": text})
        assert CheckRun.objects.filter(domain=domain).exists(), text


def test_lab_mode_comes_only_from_the_environment_and_is_refused_in_production(monkeypatch):
    for name in (
        "CHECKER_ROOT_HINTS",
        "CHECKER_TRUST_ANCHOR",
        "CHECKER_PORT",
        "CHECKER_ALLOW_PRIVATE",
        "CHECKER_LAB_RANGE",
    ):
        monkeypatch.delenv(name, raising=False)
    assert not conf.lab_mode().active
    monkeypatch.setenv("CHECKER_ALLOW_PRIVATE", "1")
    assert conf.lab_mode().active
    assert not conf.is_production()
    monkeypatch.setattr(conf, "is_production", lambda: True)
    with pytest.raises(ImproperlyConfigured):
        conf.lab_mode()


def test_public_options_never_allow_private_addresses(monkeypatch):
    for name in (
        "CHECKER_ROOT_HINTS",
        "CHECKER_TRUST_ANCHOR",
        "CHECKER_PORT",
        "CHECKER_ALLOW_PRIVATE",
        "CHECKER_LAB_RANGE",
    ):
        monkeypatch.delenv(name, raising=False)
    options = conf.engine_options()
    assert options.allow_private is False and options.lab_range is None and options.port == 53
    assert options.root_hints is None and options.trust_anchors is None


def test_chain_svg_draws_keys_links_and_status():
    zone = {
        "zone": "example.jp.",
        "ds": [
            {"key_tag": 111, "algorithm": 13, "digest_type": 2, "status": "match", "source": "parent"},
            {"key_tag": 999, "algorithm": 13, "digest_type": 2, "status": "no_key", "source": "parent"},
        ],
        "dnskeys": [
            {"key_tag": 111, "algorithm": 13, "flags": 257, "role": "KSK", "signs": ["example.jp./DNSKEY"]},
            {"key_tag": 222, "algorithm": 13, "flags": 256, "role": "ZSK", "signs": []},
        ],
        "signatures": [
            {"rrset": "example.jp./DNSKEY", "key_tag": 111, "algorithm": 13, "status": "valid"},
            {"rrset": "example.jp./SOA", "key_tag": 222, "algorithm": 13, "status": "expired"},
        ],
    }
    svg = zone_svg(zone)
    assert svg.startswith("<svg") and svg.endswith("</svg>") and "style=" not in svg
    assert "KSK 111" in svg and "ZSK 222" in svg and "DS 999" in svg and "SOA" in svg
    assert svg.count("<line") == 3  # DS 111 -> KSK, KSK -> DNSKEY, ZSK -> SOA (expired: red, dashed)
    assert svg.count("stroke-dasharray") == 1
    assert "<script" not in zone_svg({**zone, "zone": "<script>x</script>."})
