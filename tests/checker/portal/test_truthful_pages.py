"""The result page, the history and the API say what really happened, in the reader's language."""

import datetime

import pytest
from django.utils import translation

from checker import presenters
from checker.models import CheckRun
from checker.svg import zone_svg

from .pages import text, unpublished  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unpublished")]

NOW = datetime.datetime(2026, 12, 3, 3, 53, 21, tzinfo=datetime.UTC)  # 12:53:21 in Tokyo
SILENT = {"event": "server", "zone": "jp.", "server": "192.0.2.53", "queries": 6, "answered": 0}
SILENT["errors"] = {"timeout": 5, "network": 1}
PARTIAL = {"event": "server", "zone": "jp.", "server": "192.0.2.54", "queries": 6, "answered": 5}
PARTIAL["errors"] = {"timeout": 1}
ANSWERED = {"event": "server", "zone": ".", "server": "192.0.2.1", "queries": 6, "answered": 6, "errors": {}}


def make_run(domain="example.jp", **fields):
    fields.setdefault("created", NOW)
    fields.setdefault("deadline", NOW + datetime.timedelta(minutes=2))
    return CheckRun.objects.create(domain=domain, query=domain, **fields)


def test_a_reused_running_run_says_a_check_is_in_progress(client):
    run = make_run(state=CheckRun.State.RUNNING, started=NOW + datetime.timedelta(seconds=2), published=True)
    response = client.post("/api/v1/checks", {"domain": "example.jp"}, content_type="application/json")
    body = response.json()
    assert (response.status_code, body["reused"], body["id"]) == (200, True, str(run.public_id))
    assert body["reused_at"] == "2026-12-03T03:53:23Z"
    assert body["fresh_check_from"] is None
    form = client.post("/en/check/", {"domain": "example.jp"})
    assert form.status_code == 302 and form["Location"] == f"/en/check/{run.public_id}/?reused=1"
    page = text(client.get(form["Location"]))
    assert "A check of this domain started at 12:53:23 JST is in progress; its result will appear on this page." in page
    assert "This is the result" not in page
    ja = text(client.get(f"/ja/check/{run.public_id}/?reused=1"))
    assert "このドメインの検査が 12:53:23 JST に始まり、実行中です。結果はこのページに表示されます。" in ja


def test_a_reused_queued_run_says_it_waits(client):
    run = make_run(state=CheckRun.State.QUEUED)
    page = text(client.get(f"/en/check/{run.public_id}/?reused=1"))
    assert (
        "A check of this domain requested at 12:53:21 JST is waiting for a free checker; "
        "its result will appear on this page." in page
    )


def test_a_reused_finished_run_gives_its_time_and_when_a_new_check_is_made(client, settings):
    settings.CHECKER_REUSE_SECONDS = 60
    from django.utils import timezone

    finished = (timezone.now() - datetime.timedelta(seconds=10)).replace(microsecond=0)
    run = make_run(
        state=CheckRun.State.DONE, created=finished, started=finished, finished=finished, verdict="secure", report={}
    )
    body = client.post("/api/v1/checks", {"domain": "example.jp"}, content_type="application/json").json()
    assert body["reused"] is True and body["id"] == str(run.public_id)
    assert body["reused_at"] == finished.isoformat().replace("+00:00", "Z")
    assert body["fresh_check_from"] == (finished + datetime.timedelta(seconds=60)).isoformat().replace("+00:00", "Z")
    page = text(client.get(f"/en/check/{run.public_id}/?reused=1"))
    at = timezone.localtime(finished).strftime("%H:%M:%S")
    until = timezone.localtime(finished + datetime.timedelta(seconds=60)).strftime("%H:%M:%S")
    assert (
        f"This is the result of the check finished at {at} JST, not a new check. Until {until} JST, asking again "
        "shows this result; “Check again” below starts a new check now." in page
    )


def test_a_fresh_request_reports_no_reuse_times(client):
    body = client.post("/api/v1/checks", {"domain": "new.example.jp"}, content_type="application/json").json()
    assert (body["reused"], body["reused_at"], body["fresh_check_from"]) == (False, None, None)


FAILURES = [
    (
        "engine_error:KeyError",
        1,
        "engine_error",
        "The checker failed with an internal error while checking this domain. This is a fault of the checker, "
        "not a finding about the domain; it is recorded in the portal's log.",
        "このドメインの検査中に、チェッカー内部でエラーが起きました。ドメインの問題ではなくチェッカーの不具合で、"
        "ポータルのログに記録されています。",
    ),
    (
        "time_limit",
        1,
        "time_limit",
        "The check took longer than its time limit of 60 seconds and was stopped.",
        "検査が制限時間（60 秒）を超えたため、中止しました。",
    ),
    (
        "worker_lost",
        3,
        "worker_lost",
        "The worker process running this check stopped unexpectedly in each of 3 attempts, so the check was given up.",
        "この検査を実行していたワーカープロセスが予期せず停止したため（3 回試行）、検査を打ち切りました。",
    ),
    (
        "retries_exhausted",
        1,
        "retries_exhausted",
        "The worker process running this check stopped unexpectedly (1 attempt), so the check was given up.",
        "この検査を実行していたワーカープロセスが予期せず停止したため（1 回試行）、検査を打ち切りました。",
    ),
    (
        "lost",
        1,
        "lost",
        "The worker process running this check stopped unexpectedly, so the check could not be finished.",
        "この検査を実行していたワーカープロセスが予期せず停止したため、検査を完了できませんでした。",
    ),
]


@pytest.mark.parametrize("stored, attempts, code, en, ja", FAILURES, ids=[f[0] for f in FAILURES])
def test_a_failed_run_says_what_happened_in_the_readers_language(client, settings, stored, attempts, code, en, ja):
    settings.CHECKER_HARD_LIMIT = 60
    run = make_run(state=CheckRun.State.FAILED, error=stored, attempts=attempts, finished=NOW)
    english = text(client.get(f"/en/check/{run.public_id}/"))
    assert f"{en} Please try again later." in english and f"Reason code: {code} " in english
    japanese = text(client.get(f"/ja/check/{run.public_id}/"))
    assert f"{ja} しばらくしてからもう一度お試しください。" in japanese
    for page in (english, japanese):
        assert "KeyError" not in page and "time limit or" not in page
    body = client.get(f"/api/v1/checks/{run.public_id}").json()
    assert (body["error"], body["error_message"]) == (code, {"ja": ja, "en": en})


def test_the_progress_line_says_whether_a_server_answered(client):
    run = make_run(state=CheckRun.State.RUNNING, started=NOW, progress=[ANSWERED, SILENT, PARTIAL])
    english = text(client.get(f"/en/check/{run.public_id}/"))
    assert ".: server 192.0.2.1 answered all 6 questions" in english
    assert "jp.: server 192.0.2.53 did not answer (no answer in time: 5, network error: 1)" in english
    assert "jp.: server 192.0.2.54 answered 5 of 6 questions (no answer in time: 1)" in english
    japanese = text(client.get(f"/ja/check/{run.public_id}/"))
    assert (
        "jp.: 権威DNSサーバー 192.0.2.53 は応答しませんでした（時間内に応答なし 5 件、ネットワークエラー 1 件）"
        in japanese
    )
    progress = client.get(f"/api/v1/checks/{run.public_id}").json()["progress"]
    assert [p["text"]["en"] for p in progress] == [
        ".: server 192.0.2.1 answered all 6 questions",
        "jp.: server 192.0.2.53 did not answer (no answer in time: 5, network error: 1)",
        "jp.: server 192.0.2.54 answered 5 of 6 questions (no answer in time: 1)",
    ]
    idn = {"event": "server", "zone": "xn--r8jz45g.jp.", "server": "192.0.2.80", "queries": 2, "answered": 2}
    with translation.override("en"):
        assert presenters.progress_text(idn) == "例え.jp.: server 192.0.2.80 answered all 2 questions"
    assert progress[1]["answered"] == 0 and progress[1]["errors"] == {"timeout": 5, "network": 1}
    assert progress[2]["text"]["ja"] == (
        "jp.: 権威DNSサーバー 192.0.2.54 は 6 件の問い合わせのうち 5 件に応答しました（時間内に応答なし 1 件）"
    )


def test_progress_recorded_before_answers_were_counted_claims_no_answer(client):
    old = {"event": "server", "zone": "jp.", "server": "192.0.2.53", "queries": 6}
    run = make_run(state=CheckRun.State.RUNNING, started=NOW, progress=[old])
    assert "jp.: server 192.0.2.53 was asked 6 questions" in text(client.get(f"/en/check/{run.public_id}/"))
    assert "jp.: 権威DNSサーバー 192.0.2.53 に 6 件問い合わせました" in text(client.get(f"/ja/check/{run.public_id}/"))


def test_history_shows_translated_severity_labels(client):
    make_run(state=CheckRun.State.DONE, finished=NOW, verdict="bogus", worst_severity="CRIT", report={})
    ja = client.get("/ja/check/domain/example.jp/").content.decode()
    assert "<td>致命的</td>" in ja and ">CRIT<" not in ja
    assert "<td>Critical</td>" in client.get("/en/check/domain/example.jp/").content.decode()


def test_an_idn_is_shown_as_people_write_it_beside_its_a_label(client):
    run = make_run(domain="xn--r8jz45g.jp", state=CheckRun.State.DONE, finished=NOW, verdict="insecure", report={})
    page = client.get(f"/ja/check/{run.public_id}/").content.decode()
    assert '<h1>例え.jp の検査 <span class="a-label">xn--r8jz45g.jp</span></h1>' in page
    assert '<a href="/ja/check/domain/xn--r8jz45g.jp/">例え.jp の検査履歴</a>' in page
    history = client.get("/en/check/domain/xn--r8jz45g.jp/").content.decode()
    assert '<h1>Checks of 例え.jp <span class="a-label">xn--r8jz45g.jp</span></h1>' in history
    body = client.get(f"/api/v1/checks/{run.public_id}").json()
    assert (body["domain"], body["unicode_domain"]) == ("xn--r8jz45g.jp", "例え.jp")
    ascii_run = client.post("/api/v1/checks", {"domain": "example.jp"}, content_type="application/json").json()
    assert ascii_run["unicode_domain"] == "example.jp"


def test_times_on_the_result_page_and_history_name_their_zone(client):
    run = make_run(state=CheckRun.State.DONE, finished=NOW + datetime.timedelta(seconds=4), verdict="secure", report={})
    english = text(client.get(f"/en/check/{run.public_id}/"))
    assert "Requested at 3 December 2026 12:53 JST · finished at 3 December 2026 12:53 JST" in english
    japanese = text(client.get(f"/ja/check/{run.public_id}/"))
    assert "2026年12月3日 12:53 JST に依頼 · 2026年12月3日 12:53 JST に完了" in japanese
    history = client.get("/ja/check/domain/example.jp/").content.decode()
    assert "<th>依頼日時（日本時間）</th>" in history and ">2026年12月3日 12:53 JST</a>" in history
    assert "<th>Requested at (JST)</th>" in client.get("/en/check/domain/example.jp/").content.decode()


@pytest.mark.parametrize(
    "algorithm, stored, shown",
    [
        (13, 512, "alg 13 · 256 bit"),
        (13, 256, "alg 13 · 256 bit"),
        (14, 768, "alg 14 · 384 bit"),
        (15, 256, "alg 15 · 256 bit"),
        (16, 456, "alg 16 · 456 bit"),
        (8, 2048, "alg 8 · 2048 bit"),
    ],
)
def test_the_chain_picture_labels_key_sizes_as_operators_name_them(algorithm, stored, shown):
    key = {"key_tag": 1, "algorithm": algorithm, "flags": 257, "role": "KSK", "signs": [], "key_bits": stored}
    assert f">{shown}<" in zone_svg({"zone": "example.jp.", "ds": [], "dnskeys": [key], "signatures": []})


def test_a_name_that_does_not_exist_is_said_plainly_in_both_languages(client):
    """Issue 13, item 9: the report's name_exists is false (例え.test answers NXDOMAIN)."""
    report = {"name_exists": False, "verdict": "secure", "findings": [], "chain": []}
    run = make_run(domain="xn--r8jz45g.test", state=CheckRun.State.DONE, finished=NOW, verdict="secure", report=report)
    ja = text(client.get(f"/ja/check/{run.public_id}/"))
    assert "例え.test という名前は存在しません（NXDOMAIN）。入力した名前に誤りがないか確認してください。" in ja
    assert "この判定は、「存在しない」という応答とその不在証明（NSEC/NSEC3）を検証した結果です。" in ja
    en = text(client.get(f"/en/check/{run.public_id}/"))
    assert "The name 例え.test does not exist (NXDOMAIN). Check that the name you entered is spelt correctly." in en
    assert "The verdict is that of this “does not exist” answer and its proof (NSEC/NSEC3)." in en
    assert client.get(f"/api/v1/checks/{run.public_id}").json()["name_exists"] is False
    existing = make_run(
        state=CheckRun.State.DONE, finished=NOW, verdict="secure", report={**report, "name_exists": True}
    )
    assert "does not exist" not in text(client.get(f"/en/check/{existing.public_id}/"))
    assert client.get(f"/api/v1/checks/{existing.public_id}").json()["name_exists"] is True
