"""How a finding's evidence reads in the catalogue's sentences."""

from checker.engine.report import Finding


def test_an_internationalised_name_reads_as_typed_with_the_name_that_was_asked():
    finding = Finding("name_not_found", zone="test.", evidence={"name": "xn--r8jz45g.test."})
    assert finding.texts("ja")["message"] == (
        "test. の権威DNSサーバーは、例え.test. (xn--r8jz45g.test.) は存在しない（NXDOMAIN）と応答しました。"
    )
    assert finding.texts("en")["message"] == (
        "The authoritative servers of test. answer that 例え.test. (xn--r8jz45g.test.) does not exist (NXDOMAIN)."
    )


def test_an_ascii_name_and_a_malformed_a_label_read_as_they_are():
    for name in ("www.test.", "xn--zz.test."):
        finding = Finding("name_not_found", zone="test.", evidence={"name": name})
        assert finding.texts("en")["message"] == (
            f"The authoritative servers of test. answer that {name} does not exist (NXDOMAIN)."
        )
