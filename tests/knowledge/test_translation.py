"""Translation with wagtail-localize: status shown on pages, PO export and import, the "help translate" page."""

import polib
import pytest
from wagtail_localize.models import Translation, TranslationSource

from knowledge.models import GlossaryTerm, NewsIndexPage, NewsPage, PublicationIndexPage, PublicationPage
from portal import helptranslate as translation
from portal.helptranslate import CURRENT, INCOMPLETE, MISSING, OUTDATED

pytestmark = pytest.mark.django_db
# Queries of /ja/help-translate/ (session, pages, sources, progress, registered records, page chrome: the navigation's
# section indexes in one query, portal.pagecache), whatever the number of pages and records that wait.
HELP_TRANSLATE_QUERIES = 27


@pytest.fixture
def guideline(locales):
    index = PublicationIndexPage.objects.get(locale=locales[0])
    page = index.add_child(
        instance=PublicationPage(
            title="DS 登録の手引き",
            slug="ds-howto",
            kind="guideline",
            summary="DS レコードを登録する手順です。",
            body=[
                ("heading", {"text": "登録の前に", "level": "h2"}),
                ("text", "<p>鍵署名鍵の DS を SHA-256 で作成します。</p>"),
                (
                    "code",
                    {"language": "shell", "caption": "", "code": "$ dnssec-dsfromkey -2 Kexample.jp.+013+12345.key"},
                ),
            ],
        )
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def publish_now(django_capture_on_commit_callbacks):
    """wagtail-localize publishes a translation on commit; the test's transaction never commits."""

    def publish(job):
        with django_capture_on_commit_callbacks(execute=True):
            job.save_target(publish=True)

    return publish


def translate_by_po(page, target, fill=lambda msgid: f"EN: {msgid}"):
    """What an offline translator does: export the PO file, fill it, import it; then publish the translation."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    job = Translation.objects.get_or_create(source=source, target_locale=target)[0]
    po = polib.pofile(str(job.export_po()))
    for entry in po:
        entry.msgstr = fill(entry.msgid)
    job.import_po(po)
    return job, po


def test_po_export_lists_the_segments_and_import_creates_the_translation(guideline, locales, publish_now):
    ja, en = locales
    job, po = translate_by_po(guideline, en)
    msgids = [entry.msgid for entry in po]
    assert (
        "DS 登録の手引き" in msgids and "登録の前に" in msgids and "鍵署名鍵の DS を SHA-256 で作成します。" in msgids
    )
    assert job.get_progress() == (len(msgids), len(msgids))
    publish_now(job)
    english = guideline.get_translation(en).specific
    assert english.live and english.title == "EN: DS 登録の手引き"
    assert english.body[0].value["text"] == "EN: 登録の前に"
    assert translation.page_status(guideline, en) == CURRENT


def test_status_missing_incomplete_outdated_current(guideline, locales, client, publish_now):
    ja, en = locales
    assert translation.page_status(guideline, en) == MISSING
    job, _po = translate_by_po(guideline, en)
    publish_now(job)
    assert translation.page_status(guideline, en) == CURRENT
    # The original is published again: the translation is behind it.
    guideline.save_revision().publish()
    guideline.refresh_from_db()
    assert translation.page_status(guideline, en) == OUTDATED
    english_url = guideline.get_translation(en).url
    html = client.get(english_url).content.decode()
    assert "This translation does not yet follow the latest version of the original." in html
    assert 'href="/ja/publications/ds-howto/"' in html
    # A new sentence in the original waits for a translator, segment by segment.
    guideline.summary = "DS レコードを登録する手順と確認方法です。"
    guideline.save_revision().publish()
    guideline.refresh_from_db()
    TranslationSource.update_or_create_from_instance(guideline)
    assert translation.page_status(guideline, en) == INCOMPLETE
    html = client.get(english_url).content.decode()
    assert "This translation is not finished" in html


def test_an_untranslated_page_says_so_in_japanese(guideline, client):
    html = client.get("/ja/publications/ds-howto/").content.decode()
    assert "このページにはまだ翻訳がありません。" in html
    assert 'href="/ja/help-translate/"' in html


def test_demo_content_is_fully_translated(demo_content, client):
    html = client.get("/ja/publications/trust-anchor-guide/").content.decode()
    assert "translation-status" not in html


def test_help_translate_lists_pages_and_registered_records(guideline, locales, client):
    ja, _en = locales
    news = NewsIndexPage.objects.get(locale=ja).add_child(
        instance=NewsPage(title="日本語だけのお知らせ", slug="ja-only-news", summary="まだ英語版がありません。")
    )
    news.save_revision().publish()
    GlossaryTerm.objects.create(
        locale=ja,
        term="ネガティブトラストアンカー",
        abbreviation="NTA",
        slug="nta",
        definition="<p>検証を一時的に止める設定です。</p>",
    )
    html = client.get("/ja/help-translate/").content.decode()
    assert "<h1>翻訳に協力する</h1>" in html and "英語への翻訳" in html
    for title in ("DS 登録の手引き", "日本語だけのお知らせ", "ネガティブトラストアンカー"):
        assert title in html
    assert "未翻訳" in html
    assert "フルリゾルバーへのトラストアンカー設定ガイド" not in html  # translated and current
    english = client.get("/en/help-translate/").content.decode()
    assert "Into English" in english and "Glossary term" in english


def test_translation_queue_registry_takes_other_features_records(locales):
    record = translation.PendingTranslation(
        kind="Failure report",
        title="署名切れの事例",
        url="/ja/failures/1/",
        status=MISSING,
        source_language="ja",
        target_language="en",
    )
    translation.register("test-feature", lambda language: [record] if language == "en" else [])
    try:
        assert record in translation.pending("en")
    finally:
        translation.unregister("test-feature")
    assert record not in translation.pending("en")


def test_help_translate_lists_work_into_japanese_too(guideline, locales, client):
    _ja, en = locales
    news = NewsIndexPage.objects.get(locale=en).add_child(
        instance=NewsPage(title="English-only notice", slug="en-only-news", summary="Not in Japanese yet.")
    )
    news.save_revision().publish()
    GlossaryTerm.objects.create(
        locale=en, term="Negative trust anchor", slug="nta-en", definition="<p>Turns validation off for a zone.</p>"
    )
    into_japanese = [(item.title, item.source_language, item.status) for item in translation.pending("ja")]
    assert into_japanese == [
        ("English-only notice", "en", MISSING),
        ("Negative trust anchor", "en", MISSING),
    ]
    html = client.get("/ja/help-translate/").content.decode()
    assert "日本語への翻訳" in html and "English-only notice" in html


def test_help_translate_costs_the_same_queries_however_many_pages_wait(
    guideline, locales, client, django_assert_num_queries
):
    client.get("/ja/help-translate/")  # the site root paths are cached from here on
    with django_assert_num_queries(HELP_TRANSLATE_QUERIES):
        client.get("/ja/help-translate/")
    index = NewsIndexPage.objects.get(locale=locales[0])
    for number in range(5):
        notice = NewsPage(title=f"お知らせ {number}", slug=f"notice-{number}", summary="概要")
        index.add_child(instance=notice).save_revision().publish()
    client.get("/ja/help-translate/")  # the publishing purged what pages remember of the site (portal.pagecache)
    with django_assert_num_queries(HELP_TRANSLATE_QUERIES):
        html = client.get("/ja/help-translate/").content.decode()
    assert "お知らせ 4" in html
