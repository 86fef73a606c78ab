"""campaigns.figures.compute: exact figures from a campaign's BatchName rows."""

import json

import pytest

from campaigns import figures
from campaigns.models import Campaign

from .conftest import AT, ROWS, make_campaign


@pytest.mark.sqlite  # JSON keys grouped in SQL: PostgreSQL's ->> and SQLite's differ (JSON null is 'null' there)
def test_the_figures_count_every_name_exactly(campaign):
    result = figures.compute(campaign)
    assert result["version"] == figures.FIGURES_VERSION
    assert (result["total"], result["checked"], result["errors"], result["measured"]) == (10, 9, 1, 8)
    assert result["verdicts"] == {"secure": 4, "insecure": 2, "bogus": 1, "indeterminate": 1}
    assert (result["signed"], result["with_ds"]) == (7, 6)
    assert result["algorithms"] == {"8": 2, "13": 6}
    assert list(result["algorithms"]) == ["8", "13"]
    assert result["ds_digest_types"] == {"1": 1, "2": 6}
    assert result["denial"] == {"nsec": 4, "nsec3": 2, "none": 1}
    assert result["nsec3_iterations"] == {"0": 1, "10": 1}
    assert result["nsec3_salt_lengths"] == {"0": 1, "4": 1}
    assert result["nsec3_opt_out"] == 1
    json.dumps(result)  # kept as JSON on the campaign


def test_operators_are_ranked_by_names_and_their_member_category_is_a_verified_domain(campaign):
    result = figures.compute(campaign)
    operators = {entry["operator"]: entry for entry in result["operators"]}
    assert [entry["operator"] for entry in result["operators"]] == [
        "other-dns.jp",
        "dns-host.jp",
        "",
        "dns-host.jp, other-dns.jp",
    ]
    assert operators["dns-host.jp"]["verdicts"] == {"secure": 3, "insecure": 0, "bogus": 0, "indeterminate": 0}
    assert operators["other-dns.jp"]["verdicts"] == {"secure": 1, "insecure": 1, "bogus": 1, "indeterminate": 1}
    assert operators[""]["errors"] == 1
    # dns-host.jp is a verified domain of the hosting member; other-dns.jp only a claim.
    assert operators["dns-host.jp"]["member_category"] == "hosting"
    assert operators["dns-host.jp, other-dns.jp"]["member_category"] == "hosting"
    assert operators["other-dns.jp"]["member_category"] == ""
    assert result["other_operators"]["operators"] == 0
    by_operator_category = {entry["category"]: entry["checked"] for entry in result["operator_categories"]}
    assert by_operator_category == {"hosting": 4, "": 5}


def test_names_count_for_the_category_of_the_member_their_list_entry_names(campaign):
    result = figures.compute(campaign)
    assert [entry["category"] for entry in result["categories"]] == ["isp", "hosting", ""]
    categories = {entry["category"]: entry for entry in result["categories"]}
    assert categories["hosting"]["verdicts"]["secure"] == 1
    assert categories["isp"]["verdicts"] == {"secure": 1, "insecure": 0, "bogus": 1, "indeterminate": 0}
    assert categories[""]["checked"] == 6


def test_operators_past_the_top_are_summed_as_other(domain_list, monkeypatch):
    monkeypatch.setattr(figures, "TOP_OPERATORS", 2)
    result = make_campaign(domain_list, ROWS, AT).figures
    assert [entry["operator"] for entry in result["operators"]] == ["other-dns.jp", "dns-host.jp"]
    other = result["other_operators"]
    assert (other["operators"], other["checked"], other["errors"], other["verdicts"]["insecure"]) == (2, 2, 1, 1)


def test_a_campaign_without_names_or_batch_gives_zeros(domain_list):
    result = figures.compute(Campaign(domain_list=domain_list, created_at=AT))
    assert (result["total"], result["checked"], result["operators"], result["categories"]) == (0, 0, [], [])
    empty = make_campaign(domain_list, [], AT).figures
    assert (empty["total"], empty["measured"], empty["verdicts"]["secure"]) == (1, 0, 0)  # the one unchecked name


def test_the_figures_take_two_queries_whatever_the_number_of_names(campaign, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        figures.compute(campaign)
