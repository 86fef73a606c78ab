"""The report form: one draft per form, typed values kept on errors, finding ids and addresses checked."""

import pytest

from failures.models import FailureReport
from tests.failures.conftest import form_data

pytestmark = pytest.mark.django_db


def test_submitting_the_same_form_twice_creates_one_report(client, categories, member):
    client.force_login(member)
    data = form_data(categories)
    first = client.post("/ja/failures/new/", data)
    second = client.post("/ja/failures/new/", data)
    assert FailureReport.objects.count() == 1
    assert first.url == second.url == FailureReport.objects.get().get_absolute_url()


def test_the_form_keeps_what_was_typed_when_validation_fails(client, categories, member):
    client.force_login(member)
    data = form_data(
        categories,
        title="題名は残る",
        finding_ids="rrsig_expired no_such_finding",
        references="javascript:alert(1)",
        timeline="2024-04-01 09:00 正しい行\n昨日の朝 書式の誤り",
    )
    response = client.post("/ja/failures/new/", data)
    assert response.status_code == 200 and FailureReport.objects.count() == 0
    errors = response.context["form"].errors
    assert set(errors) == {"finding_ids", "references", "timeline"}
    assert "no_such_finding" in errors["finding_ids"][0] and "2" in errors["timeline"][0]
    html = response.content.decode()
    assert 'value="題名は残る"' in html and "昨日の朝 書式の誤り" in html and "移転手順に DS がなかった。" in html
    assert f'value="{data["submission_token"]}"' in html  # the retry stays one report
    assert "入力した内容は残っています" in html


def test_english_reports_and_translations(client, categories, member, reviewer):
    client.force_login(member)
    data = form_data(
        categories,
        language="en",
        title="Stale DS",
        summary="The old DS stayed.",
        timeline="2024-04-01 09:00 NS changed",
    )
    client.post("/en/failures/new/", data)
    report = FailureReport.objects.get()
    assert report.original_language == "en" and report.title_en == "Stale DS" and not report.title_ja
    assert report.missing_languages() == ["ja"]
    # A colleague adds the Japanese text; the English stays, and the timeline keeps both languages.
    client.post(
        f"/ja/failures/{report.pk}/edit/?language=ja",
        form_data(categories, title="古い DS", summary="古い DS が残った。", timeline="2024-04-01 09:00 NS を変更"),
    )
    report.refresh_from_db()
    assert (report.title_ja, report.title_en) == ("古い DS", "Stale DS")
    assert [(e.text_ja, e.text_en) for e in report.timeline.all()] == [("NS を変更", "NS changed")]
    assert report.missing_languages() == []
    page = client.get(f"/ja/failures/{report.pk}/edit/?language=en").content.decode()
    assert 'value="Stale DS"' in page


def test_rich_text_keeps_lists_and_links_and_drops_the_rest(client, categories, member):
    client.force_login(member)
    data = form_data(
        categories,
        fix='<ul><li onclick="x()">DS を削除</li></ul>'
        '<p>参照 <a href="https://www.rfc-editor.org/rfc/rfc8901" target="_blank">RFC 8901</a></p>'
        '<iframe src="https://example.jp"></iframe>',
        lessons="1 行目\n2 行目\n\n次の段落 <b>太字</b>",
    )
    client.post("/ja/failures/new/", data)
    report = FailureReport.objects.get()
    assert (
        report.fix_ja
        == '<ul><li>DS を削除</li></ul><p>参照 <a href="https://www.rfc-editor.org/rfc/rfc8901">RFC 8901</a></p>'
    )
    assert report.lessons_ja == "<p>1 行目<br/>2 行目</p><p>次の段落 <b>太字</b></p>"
