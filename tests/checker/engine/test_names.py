"""Normalising what a visitor types."""

import pytest

from checker.engine.names import InputError, normalize


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Example.JP", "example.jp."),
        ("example.jp.", "example.jp."),
        ("  example.jp  ", "example.jp."),
        ("https://www.Example.jp:8443/path?q=1#frag", "www.example.jp."),
        ("http://user:pw@example.jp/", "example.jp."),
        ("example.jp/index.html", "example.jp."),
        ("example.jp:443", "example.jp."),
        ("hostmaster@Example.JP", "example.jp."),
        ("mailto:someone@example.jp", "example.jp."),
        ("日本語.jp", "xn--wgv71a119e.jp."),
        ("日本語。ＪＰ", "xn--wgv71a119e.jp."),
        ("ｅｘａｍｐｌｅ．ｊｐ", "example.jp."),
        ("XN--WGV71A119E.jp", "xn--wgv71a119e.jp."),
        ("_dmarc.example.jp", "_dmarc.example.jp."),
        ("jp", "jp."),
    ],
)
def test_accepted_forms(text, expected):
    assert normalize(text).to_text() == expected


@pytest.mark.parametrize(
    "text, code",
    [
        ("", "input_empty"),
        ("   ", "input_empty"),
        (".", "input_empty"),
        ("192.0.2.1", "input_ip_address"),
        ("[2001:db8::1]", "input_ip_address"),
        ("http://[2001:db8::1]/", "input_ip_address"),
        ("a..example.jp", "input_empty_label"),
        ("exa mple.jp", "input_invalid_characters"),
        ("exa$mple.jp", "input_invalid_characters"),
        ("-example.jp", "input_invalid_characters"),
        ("a" * 64 + ".jp", "input_label_too_long"),
        (".".join(["a" * 60] * 5), "input_too_long"),
        ("x" * 3000, "input_too_long"),
        ("http://", "input_invalid_url"),
    ],
)
def test_refused_forms(text, code):
    with pytest.raises(InputError) as caught:
        normalize(text)
    assert caught.value.code == code
