"""The DNS service's settings and its command's delegation output."""

import io
import time

import pytest
from django.core.management import CommandError, call_command

from resolvertest import conf
from resolvertest.dnszones import build_test_zones

LAB = {"CHECKER_LAB_RANGE": "127.77.0.0/20", "CHECKER_PORT": "10053", "CHECKER_ALLOW_PRIVATE": "1"}


@pytest.fixture
def environment(monkeypatch, tmp_path):
    for name in (
        "RESOLVER_TEST_ZONE",
        "RESOLVER_TEST_ADDRESSES",
        "RESOLVER_TEST_PORT",
        "RESOLVER_TEST_WEB_ADDRESSES",
        "RESOLVER_TEST_ACME_ZONE",
        "CHECKER_ROOT_HINTS",
        "CHECKER_TRUST_ANCHOR",
        *LAB,
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RESOLVER_TEST_DIR", str(tmp_path / "rt"))
    return monkeypatch


def test_in_lab_mode_the_service_takes_the_labs_last_two_addresses_and_port(environment):
    for name, value in LAB.items():
        environment.setenv(name, value)
    assert (conf.zone(), conf.server_addresses(), conf.server_port(), conf.web_addresses()) == (
        "rt.test",
        ["127.77.15.253", "127.77.15.254"],
        10053,
        ["127.0.0.1"],
    )


def test_in_production_every_place_is_set_explicitly(environment):
    assert (conf.zone(), conf.server_addresses(), conf.server_port(), conf.web_addresses()) == (None, [], 53, [])
    environment.setenv("RESOLVER_TEST_ZONE", "RT-DNSSEC.jp.")
    environment.setenv("RESOLVER_TEST_ADDRESSES", "192.0.2.53, 198.51.100.53")
    environment.setenv("RESOLVER_TEST_WEB_ADDRESSES", "192.0.2.80,2001:DB8::80")
    environment.setenv("RESOLVER_TEST_ACME_ZONE", "Acme.example.jp.")
    assert (conf.zone(), conf.server_addresses(), conf.server_port(), conf.web_addresses(), conf.acme_zone()) == (
        "rt-dnssec.jp",
        ["192.0.2.53", "198.51.100.53"],
        53,
        ["192.0.2.80", "2001:db8::80"],
        "acme.example.jp",
    )
    assert conf.key_dir() == conf.work_dir() / "keys"


def test_the_command_refuses_to_start_without_a_zone(environment):
    with pytest.raises(CommandError, match="RESOLVER_TEST_ZONE is not set"):
        call_command("serve_resolver_test", "--print-delegation")


def test_the_command_prints_what_the_parent_must_hold(environment):
    environment.setenv("RESOLVER_TEST_ZONE", "rt-dnssec.jp")
    environment.setenv("RESOLVER_TEST_ADDRESSES", "192.0.2.53,198.51.100.53")
    environment.setenv("RESOLVER_TEST_WEB_ADDRESSES", "192.0.2.80")
    out = io.StringIO()
    call_command("serve_resolver_test", "--print-delegation", stdout=out)
    tree = build_test_zones(
        "rt-dnssec.jp", ["192.0.2.53"], ["192.0.2.80"], conf.work_dir() / "again", time.time(), key_dir=conf.key_dir()
    )
    (ds,) = tree.ds["rt-dnssec.jp."]  # the same key, kept in RESOLVER_TEST_KEY_DIR
    assert out.getvalue().splitlines() == [
        "rt-dnssec.jp.\t3600\tIN\tNS\tns1.rt-dnssec.jp.",
        "rt-dnssec.jp.\t3600\tIN\tNS\tns2.rt-dnssec.jp.",
        "ns1.rt-dnssec.jp.\t3600\tIN\tA\t192.0.2.53",
        "ns2.rt-dnssec.jp.\t3600\tIN\tA\t198.51.100.53",
        f"rt-dnssec.jp.\t3600\tIN\tDS\t{ds}",
    ]
    assert ds.split()[1:3] == ["13", "2"]
