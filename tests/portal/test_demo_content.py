"""Demo content is loaded once and then belongs to the editors (portal/demo.py).

`python3 dev.py` runs `load_initial_data` on every start; these tests run it
again as dev.py does and check that nothing an editor did is undone, that a
versioned update step reaches only objects nobody changed, and that what an
editor deleted stays deleted.
"""

import copy
import io

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from wagtail.models import Page

from failures.demo import REPORTS
from failures.management.commands import load_failure_reports as failures_loader
from failures.models import FailureReport
from knowledge.content import seed
from knowledge.models import EventPage, GlossaryTerm, NewsPage, PublicationPage
from members.management.commands import load_members_data as members_loader
from members.models import Organisation
from portal.demo import digest, field_values, keep_fingerprints_after_new_fields
from portal.management.commands import load_initial_data as portal_loader
from portal.models import AboutPage, DemoRecord, HomePage

pytestmark = pytest.mark.django_db

REPORT = REPORTS[0]["key"]
OTHER_REPORT = REPORTS[1]["key"]
TERM = seed.GLOSSARY[0][0]
EVENT = seed.EVENTS[0][0]
NEWS = seed.NEWS[0][0]


def run_setup_again():
    """What `python3 dev.py` does on every start."""
    call_command("load_initial_data", verbosity=0)


def page(model, language, slug):
    return model.objects.get(locale__language_code=language, slug=slug)


def edit_page(page_, **fields):
    """As the page editor does: a new revision, published."""
    for name, value in fields.items():
        setattr(page_, name, value)
    page_.save_revision().publish()


def report(key):
    return FailureReport.objects.get(submission_token=failures_loader.uuid.uuid5(failures_loader.DEMO_NAMESPACE, key))


def record(app_label, key):
    return DemoRecord.objects.get(app_label=app_label, key=key)


def test_a_second_run_keeps_every_edit(demo_content):
    edit_page(page(AboutPage, "ja", "about"), charter="<p>編集者が書き直した会則</p>")
    edit_page(HomePage.objects.get(locale__language_code="ja"), lead="編集者のリード")
    edit_page(HomePage.objects.get(locale__language_code="en"), lead="The editor's lead")
    edit_page(page(PublicationPage, "ja", "trust-anchor-guide"), title="編集者の題")
    edit_page(page(EventPage, "en", EVENT), title="The editor's event")
    edit_page(page(NewsPage, "ja", NEWS), summary="編集者の要約")
    jprs = Organisation.objects.get(slug="jprs")
    jprs.confirmed, jprs.category, jprs.name_ja = True, Organisation.Category.ISP, "編集者の名前"
    jprs.save()
    failure = report(REPORT)
    failure.title_ja = "査読者が直した題"
    failure.save()
    term = GlossaryTerm.objects.get(locale__language_code="ja", slug=TERM)
    term.definition = "<p>編集者の定義</p>"
    term.save()
    pages = Page.objects.count()

    run_setup_again()
    run_setup_again()

    assert page(AboutPage, "ja", "about").charter == "<p>編集者が書き直した会則</p>"
    assert HomePage.objects.get(locale__language_code="ja").lead == "編集者のリード"
    assert HomePage.objects.get(locale__language_code="en").lead == "The editor's lead"
    assert page(PublicationPage, "ja", "trust-anchor-guide").title == "編集者の題"
    assert page(EventPage, "en", EVENT).title == "The editor's event"
    assert page(NewsPage, "ja", NEWS).summary == "編集者の要約"
    jprs.refresh_from_db()
    assert (jprs.confirmed, jprs.category, jprs.name_ja) == (True, "isp", "編集者の名前")
    assert report(REPORT).title_ja == "査読者が直した題"
    assert GlossaryTerm.objects.get(locale__language_code="ja", slug=TERM).definition == "<p>編集者の定義</p>"
    assert Page.objects.count() == pages
    # The seed's 35 members, the 12 demo organisations that own the service-status registry's rows A–L and the
    # logo programme's two fictional certified providers and its fictional ISP applying for the resolver category.
    assert (Organisation.objects.filter(demo=False).count(), Organisation.objects.filter(demo=True).count()) == (35, 15)


# The demo publications that with_new_texts() improves, and the content version each had before it.
IMPROVED_PUBLICATIONS = ("trust-anchor-guide", "dnssec-overview")


def shipped_version(slug):
    return seed.VERSIONS.get(f"publication:{slug}", 1)


def with_new_texts(monkeypatch):
    """The next version of some demo items, as the project would ship an improvement."""
    monkeypatch.setitem(portal_loader.VERSIONS, "about", portal_loader.VERSIONS.get("about", 1) + 1)
    for language, charter in (("ja", "<p>改訂した会則</p>"), ("en", "<p>The revised charter</p>")):
        monkeypatch.setitem(portal_loader.ABOUT[language], "charter", charter)

    publications = []
    for slug, kind, version, date, texts, history, body in seed.PUBLICATIONS:
        if slug in IMPROVED_PUBLICATIONS:
            texts = {code: (f"{title} (rev. 2)", summary) for code, (title, summary) in texts.items()}
            monkeypatch.setitem(seed.VERSIONS, f"publication:{slug}", shipped_version(slug) + 1)
        publications.append((slug, kind, version, date, texts, history, body))
    monkeypatch.setattr(seed, "PUBLICATIONS", publications)

    reports = copy.deepcopy(REPORTS)
    for entry in reports[:2]:
        entry["version"] = 2
        entry["ja"]["summary"] = "改訂した要約"
    monkeypatch.setattr(failures_loader, "REPORTS", reports)

    entries = members_loader.entries()
    for entry in entries:
        if entry["slug"] in ("jprs", "iij"):
            entry["version"], entry["status"], entry["description_ja"] = entry["version"] + 1, "確認済", "改訂した紹介"
    monkeypatch.setattr(members_loader, "entries", lambda path=None: entries)


def test_an_update_step_reaches_what_nobody_edited_and_spares_what_an_editor_changed(demo_content, monkeypatch):
    edit_page(page(AboutPage, "ja", "about"), charter="<p>編集者の会則</p>")
    edit_page(page(PublicationPage, "en", "trust-anchor-guide"), title="The editor's title")
    draft = page(PublicationPage, "ja", "dnssec-overview")
    draft.summary = "編集者の下書き"
    draft.save_revision()  # a draft, not yet published, is an edit too
    jprs = Organisation.objects.get(slug="jprs")
    jprs.name_ja = "編集者の名前"
    jprs.save()
    failure = report(REPORT)
    failure.fix_ja = "<p>査読者の修正</p>"
    failure.save()
    shipped = {slug: shipped_version(slug) for slug in IMPROVED_PUBLICATIONS}
    shipped_about = portal_loader.VERSIONS.get("about", 1)
    shipped_organisations = {entry["slug"]: entry.get("version", 1) for entry in members_loader.entries()}
    with_new_texts(monkeypatch)

    run_setup_again()

    # Nobody edited these: the new version reached them.
    assert page(AboutPage, "en", "about").charter == "<p>The revised charter</p>"
    assert page(PublicationPage, "ja", "trust-anchor-guide").title.endswith("(rev. 2)")
    assert page(PublicationPage, "en", "dnssec-overview").title == "DNSSEC mechanisms and the present status (rev. 2)"
    iij = Organisation.objects.get(slug="iij")
    assert (iij.confirmed, iij.description_ja) == (True, "改訂した紹介")
    assert report(OTHER_REPORT).summary_ja == "改訂した要約"
    assert report(OTHER_REPORT).revisions.count() == 1
    for app_label, key, version in (
        ("portal", "about:en", shipped_about + 1),
        ("knowledge", "publication:trust-anchor-guide:ja", shipped["trust-anchor-guide"] + 1),
        ("knowledge", "publication:dnssec-overview:en", shipped["dnssec-overview"] + 1),
        ("members", "organisation:iij", shipped_organisations["iij"] + 1),
        ("failures", f"report:{OTHER_REPORT}", 2),
    ):
        assert record(app_label, key).version == version, key

    # An editor changed these: they are as the editor left them, and stay so.
    assert page(AboutPage, "ja", "about").charter == "<p>編集者の会則</p>"
    assert page(PublicationPage, "en", "trust-anchor-guide").title == "The editor's title"
    draft = page(PublicationPage, "ja", "dnssec-overview")
    assert draft.title == "DNSSEC の仕組みと現状" and draft.get_latest_revision_as_object().summary == "編集者の下書き"
    jprs.refresh_from_db()
    assert (jprs.name_ja, jprs.confirmed, jprs.description_ja) == ("編集者の名前", False, "")
    failure = report(REPORT)
    assert failure.fix_ja == "<p>査読者の修正</p>" and failure.summary_ja == REPORTS[0]["ja"]["summary"]
    for app_label, key, version in (
        ("portal", "about:ja", shipped_about),
        ("knowledge", "publication:trust-anchor-guide:en", shipped["trust-anchor-guide"]),
        ("knowledge", "publication:dnssec-overview:ja", shipped["dnssec-overview"]),
        ("members", "organisation:jprs", shipped_organisations["jprs"]),
        ("failures", f"report:{REPORT}", 1),
    ):
        assert record(app_label, key).version == version, key

    # Running again changes nothing more.
    fingerprints = dict(DemoRecord.objects.values_list("pk", "fingerprint"))
    run_setup_again()
    assert dict(DemoRecord.objects.values_list("pk", "fingerprint")) == fingerprints
    assert page(AboutPage, "ja", "about").charter == "<p>編集者の会則</p>"


def as_before_readings(model, app_label, key_prefix, translated=()):
    """Put the demo objects of `model` back as a database loaded before the `reading` column had them: no
    reading, version 1, and each record's fingerprint as it was computed without the column."""
    for item in DemoRecord.objects.filter(app_label=app_label, key__startswith=key_prefix):
        model.objects.filter(pk=item.object_id).update(reading="")
        obj = model.objects.get(pk=item.object_id)
        item.version = 1
        item.fingerprint = digest(field_values(obj, skip={"reading", *translated}))
        item.save()


def test_a_new_field_reaches_demo_objects_loaded_before_it_unless_an_editor_changed_them(demo_content):
    as_before_readings(Organisation, "members", "organisation:", translated={"name", "description"})
    as_before_readings(GlossaryTerm, "knowledge", "term:")
    Organisation.objects.filter(slug="jprs").update(name_ja="編集者の名前")

    # Without the migrations' step every organisation looks edited, and none gets its reading.
    call_command("load_members_data", verbosity=0)
    assert Organisation.objects.get(slug="iij").reading == ""

    keep_fingerprints_after_new_fields(django_apps, "members", "Organisation", {"reading"}, {"name", "description"})
    keep_fingerprints_after_new_fields(django_apps, "knowledge", "GlossaryTerm", {"reading"})
    run_setup_again()

    assert Organisation.objects.get(slug="iij").reading == "いんたーねっといにしあてぃぶ"
    assert GlossaryTerm.objects.get(locale__language_code="ja", slug="ksk").reading == "かぎしょめいかぎ"
    jprs = Organisation.objects.get(slug="jprs")
    assert (jprs.name_ja, jprs.reading) == ("編集者の名前", "")
    assert record("members", "organisation:jprs").version == 1


def test_what_an_editor_deleted_is_not_created_again(demo_content):
    page(EventPage, "en", EVENT).delete()
    Organisation.objects.get(slug="jprs").delete()
    GlossaryTerm.objects.get(locale__language_code="en", slug=TERM).delete()
    report(REPORT).delete()

    run_setup_again()

    assert not EventPage.objects.filter(locale__language_code="en", slug=EVENT).exists()
    assert EventPage.objects.filter(locale__language_code="ja", slug=EVENT).exists()
    assert not Organisation.objects.filter(slug="jprs").exists()
    assert not GlossaryTerm.objects.filter(locale__language_code="en", slug=TERM).exists()
    assert not FailureReport.objects.filter(title_ja=REPORTS[0]["ja"]["title"]).exists()
    assert record("members", "organisation:jprs").target() is None


def test_content_loaded_before_records_were_kept_is_never_overwritten(demo_content, monkeypatch):
    # A database loaded by the loaders of before: the objects are there, the records are not.
    DemoRecord.objects.all().delete()
    Organisation.objects.get(slug="augment").delete()
    with_new_texts(monkeypatch)

    run_setup_again()

    assert page(PublicationPage, "ja", "trust-anchor-guide").title == seed.trust_anchor_guide_ja.TITLE
    assert page(AboutPage, "en", "about").charter != "<p>The revised charter</p>"
    assert Organisation.objects.get(slug="iij").confirmed is False
    assert report(OTHER_REPORT).summary_ja == REPORTS[1]["ja"]["summary"]
    assert record("knowledge", "publication:trust-anchor-guide:ja").found
    # What was missing is loaded, and recorded as loaded.
    assert Organisation.objects.filter(slug="augment").exists()
    assert not record("members", "organisation:augment").found

    monkeypatch.setitem(seed.VERSIONS, "publication:trust-anchor-guide", 3)
    run_setup_again()
    assert page(PublicationPage, "ja", "trust-anchor-guide").title == seed.trust_anchor_guide_ja.TITLE


def test_each_app_loads_its_own_demo_data():
    call_command("load_members_data", verbosity=0)
    assert Organisation.objects.count() == 35
    assert not HomePage.objects.exists()
    assert set(DemoRecord.objects.values_list("app_label", flat=True)) == {"members"}


def test_loaders_are_quiet_at_verbosity_0_and_summarise_at_1(demo_content):
    quiet = io.StringIO()
    call_command("load_initial_data", verbosity=0, stdout=quiet)
    assert quiet.getvalue() == ""
    out = io.StringIO()
    call_command("load_initial_data", verbosity=1, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Demo content ready: home (")
    assert "Member organisations: 35 in the demo data." in lines
    assert any(line.startswith(f"Knowledge base ready: {len(seed.PUBLICATIONS)} publications") for line in lines)
    assert any(line.startswith("Failure-case library: ") for line in lines)
    assert "Demo records (members): 35 kept." in lines
    assert "Service-status registry: 12 demo rows." in lines
    assert "Demo records (members): 24 kept." in lines
    # Two providers, each with its certificate, and an ISP with its resolver application.
    assert "Demo records (logo): 6 kept." in lines
    assert "Demo records (campaigns): 3 kept." in lines  # a list and its two campaigns


def test_setup_still_runs_after_an_editor_deleted_the_english_home_page(demo_content):
    HomePage.objects.get(locale__language_code="en").delete()  # and with it the whole English tree

    run_setup_again()

    assert not HomePage.objects.filter(locale__language_code="en").exists()
    assert not PublicationPage.objects.filter(locale__language_code="en").exists()
    assert PublicationPage.objects.filter(locale__language_code="ja").count() == len(seed.PUBLICATIONS)
    assert GlossaryTerm.objects.filter(locale__language_code="en").count() == len(seed.GLOSSARY)
