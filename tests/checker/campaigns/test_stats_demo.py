"""The demo campaigns (load_campaign_data): two finished campaigns over the demo lab's names, marked demo."""

from collections import Counter

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from campaigns.management.commands import load_campaign_data as loader
from campaigns.models import Campaign, DomainList
from checker.lab import CONDITIONS


def test_two_demo_campaigns_show_a_trend_from_the_labs_definition(client, db):
    call_command("load_campaign_data", verbosity=0)
    call_command("load_campaign_data", verbosity=0)  # a second run adds nothing
    domain_list = DomainList.objects.get(slug=loader.LIST_SLUG)
    assert (domain_list.demo, domain_list.public) == (True, True)
    measured = [c for c in CONDITIONS.values() if c.trust_anchor == "default"]
    names = {c.check_name.rstrip(".") for c in measured}
    assert domain_list.entries.count() == len(names)
    first, second = Campaign.objects.filter(domain_list=domain_list).order_by("created_at")
    assert (first.demo, second.demo) == (True, True)
    assert (second.created_at - first.created_at).days == 21
    assert second.figures["total"] == len(names)
    assert first.figures["total"] == round(len(names) * 2 / 3)
    expected = Counter(loader.result_of(c)["verdict"] for c in loader._unique(measured))
    assert second.figures["verdicts"] == {
        verdict: expected[verdict] for verdict in ("secure", "insecure", "bogus", "indeterminate")
    }
    alg13 = second.batch.names.get(domain="alg13.test")
    assert (alg13.verdict, alg13.algorithms, alg13.ds_digest_types, alg13.denial, alg13.ns_operator) == (
        "secure",
        [13],
        [2],
        {"type": "nsec"},
        "alg13.test",
    )
    with translation.override("en"):
        page = client.get(reverse("campaigns:stats")).content.decode()
    assert "Zones of the demo DNS lab (demo)" in page
    assert "Demo data: these campaigns were recorded" in page
    assert page.count("<polyline") == 2 * 5  # the trend: five series, wide and phone sizes
