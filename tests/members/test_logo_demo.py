"""The demo logo certificates: a valid one and one in grace, with evidence recorded at load time."""

from django.core.management import call_command
from django.test import Client

from members.logo import lifecycle
from members.logo.models import Certificate
from portal import clock, scheduler


def test_the_demo_loads_a_valid_certificate_and_one_in_grace_due_for_a_real_recheck_at_once(db):
    call_command("load_logo_data", verbosity=0)
    call_command("load_logo_data", verbosity=0)  # a second run adds nothing
    certificates = {c.organisation.slug: c for c in Certificate.objects.select_related("organisation")}
    assert {slug: (c.category, c.state, c.zones) for slug, c in certificates.items()} == {
        "example-hosting-demo": ("dns-hosting", "valid", ["alg13.test", "alg15.test"]),
        "example-registrar-demo": ("registrar", "grace", ["alg13.test", "expired.test"]),
    }
    assert str(certificates["example-hosting-demo"].organisation) == "Example Hosting 株式会社（デモ）"
    grace = certificates["example-registrar-demo"]
    assert grace.last_evaluation.demo is True
    assert grace.last_evaluation.outcome == "fail"
    assert list(grace.events.values_list("from_state", "to_state")) == [("", "valid"), ("valid", "grace")]
    verdicts = dict(grace.last_evaluation.runs.values_list("domain", "verdict"))
    assert verdicts == {"alg13.test": "secure", "expired.test": "bogus"}
    for certificate in certificates.values():
        assert scheduler.due_at(lifecycle.RECHECK, certificate.pk) <= clock.now()
    run = grace.last_evaluation.runs.get(domain="expired.test")
    page = Client().get(f"/en/check/{run.public_id}/")
    assert page.status_code == 200
    assert "this result was recorded when the demo content was loaded" in page.content.decode()


def test_the_demo_certificates_are_never_loaded_under_the_production_settings(db, settings):
    import io

    settings.SETTINGS_MODULE = "portal.settings.production"
    out = io.StringIO()
    call_command("load_logo_data", stdout=out)
    assert out.getvalue() == "Demo logo certificates: not loaded under the production settings.\n"
    assert not Certificate.objects.exists()
