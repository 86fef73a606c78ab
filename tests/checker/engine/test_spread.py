"""Equivalent servers share the names many checks look up: each name starts at a server of its own, always the same."""

import dns.name
import dns.reversename

from checker.engine.walker import spread

ROOT = ["127.77.0.1", "127.77.0.2"]


def test_each_name_starts_at_the_server_its_checksum_chooses_and_keeps_the_others_in_order():
    starts = {a: spread(ROOT, dns.reversename.from_address(a))[0] for a in ("127.77.0.18", "127.77.0.19")}
    assert starts == {"127.77.0.18": "127.77.0.2", "127.77.0.19": "127.77.0.1"}
    assert spread(ROOT, dns.reversename.from_address("127.77.0.18")) == ["127.77.0.2", "127.77.0.1"]
    assert spread(["a", "b", "c"], dns.name.from_text("ns1.example.jp.")) == ["a", "b", "c"]


def test_the_choice_ignores_case_and_a_single_server_is_left_alone():
    mixed, lower = dns.name.from_text("NS1.Example.JP."), dns.name.from_text("ns1.example.jp.")
    assert spread(["a", "b", "c"], mixed) == spread(["a", "b", "c"], lower)
    assert spread(["x"], lower) == ["x"]
    assert spread([], lower) == []
