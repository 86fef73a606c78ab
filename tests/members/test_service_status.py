"""The service-status registry: who sees and edits which entries, anonymous letters, filters, sort orders, the CSV,
the per-quarter chart, the history of changes, translated errors and the seed's rows A–L as demo content."""

import csv
import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from members.models import Organisation, ServiceKind, ServiceStatus, ServiceStatusChange, anonymous_letter
from members.roles import Role
from portal.search import site_search

BOM = b"\xef\xbb\xbf"


def entry(organisation, kind=ServiceKind.REGISTRAR, visibility="named", start="started", since=(2011, 3), **values):
    defaults = {
        ServiceKind.REGISTRAR: {"key_owner": "registrant"},
        ServiceKind.DNS_HOSTING: {"service_style": "optional", "key_owner": "provider"},
        ServiceKind.RESOLVER: {"validation": "enabled"},
    }[kind]
    status = ServiceStatus(
        organisation=organisation,
        kind=kind,
        fee=values.pop("fee", "free"),
        start=start,
        since=datetime.date(*since, 1) if since else None,
        visibility=visibility,
        **{**defaults, **values},
    )
    status.full_clean()
    status.save()
    return status


def providers(html):
    """The registry table's first column, in order."""
    return re.findall(r'<th scope="row">(?:<a [^>]*>|<span class="status-letter">)([^<]+)<', html)


def csv_rows(response):
    assert response.content.startswith(BOM)
    return list(csv.reader(io.StringIO(response.content[len(BOM) :].decode("utf-8"))))


@pytest.fixture
def third_organisation(db):
    return Organisation.objects.create(
        slug="third-registrar", name_ja="第三レジストラ株式会社", name_en="Third Registrar K.K.", reading="だいさん"
    )


@pytest.fixture
def three_visibilities(organisation, other_organisation, third_organisation):
    """A named entry, an anonymous one and a members-only one, of three organisations."""
    return {
        "named": entry(other_organisation, ServiceKind.DNS_HOSTING, since=(2011, 1)),
        "anonymous": entry(organisation, ServiceKind.RESOLVER, visibility="anonymous", since=(2010, 11)),
        "members": entry(third_organisation, visibility="members", start="undecided", since=None),
    }


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# Who sees what


@pytest.mark.parametrize(
    "role, shown",
    [
        (None, ["Other DNS Ltd.", "Member A"]),
        (Role.MEMBER, ["Other DNS Ltd.", "Third Registrar K.K.", "Member A"]),
        (Role.REVIEWER, ["Other DNS Ltd.", "Third Registrar K.K.", "Member A"]),
        (Role.ADMINISTRATOR, ["Other DNS Ltd.", "Third Registrar K.K.", "Member A"]),
    ],
)
def test_members_only_entries_are_listed_only_for_signed_in_members(
    three_visibilities, make_user, other_organisation, role, shown
):
    user = make_user(role, other_organisation if role == Role.MEMBER else None) if role else None
    client = client_for(user)
    page = client.get("/en/members/status/?sort=name")
    assert page.status_code == 200
    assert providers(page.content.decode()) == shown
    rows = csv_rows(client.get("/en/members/status/export.csv?sort=name"))
    assert [row[0] for row in rows[1:]] == shown
    assert ("Members only" in page.content.decode()) is (role is not None)


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("role", [None, "own-member", "administrator"])
def test_an_anonymous_entry_never_shows_its_organisation(
    three_visibilities, make_user, organisation, administrator, role, language
):
    """Not to the public, not even to its own organisation's users or an administrator: not in the HTML, not in the
    CSV."""
    user = {None: None, "own-member": make_user(Role.MEMBER, organisation), "administrator": administrator}[role]
    client = client_for(user)
    html = client.get(f"/{language}/members/status/").content.decode()
    exported = client.get(f"/{language}/members/status/export.csv").content.decode("utf-8")
    # The organisation's own users have a link to their own entries in the page's menu; the table must not name it.
    shown = html[html.index("<table") :] if role == "own-member" else html
    for text in (shown, exported):
        for secret in (organisation.name_ja, organisation.name_en, organisation.slug, organisation.reading):
            assert secret not in text
    letter = {"ja": "会員 A", "en": "Member A"}[language]
    assert f'<span class="status-letter">{letter}</span>' in html
    assert letter in exported


@pytest.mark.parametrize(
    "who, status",
    [("anonymous", 302), ("other-member", 403), ("own-member", 200), ("own-reviewer", 200), ("administrator", 200)],
)
def test_only_the_organisations_users_and_administrators_keep_its_entries(
    three_visibilities, make_user, organisation, other_organisation, administrator, who, status
):
    user = {
        "anonymous": None,
        "other-member": make_user(Role.MEMBER, other_organisation, email="other@example.jp"),
        "own-member": make_user(Role.MEMBER, organisation),
        "own-reviewer": make_user(Role.REVIEWER, organisation),
        "administrator": administrator,
    }[who]
    client = client_for(user)
    own = three_visibilities["anonymous"]
    pages = [
        "/ja/members/example-isp/status/",
        "/ja/members/example-isp/status/new/registrar/",
        f"/ja/members/example-isp/status/{own.pk}/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == status, path
        if status == 302:
            assert response["Location"] == f"/ja/accounts/login/?next={path}"
    deletion = client.post(f"/ja/members/example-isp/status/{own.pk}/delete/")
    assert deletion.status_code == {"own-member": 302, "own-reviewer": 302, "administrator": 302}.get(who, status)
    assert ServiceStatus.objects.filter(pk=own.pk).exists() is (status != 200)


def test_an_entry_is_reached_only_through_its_own_organisation(three_visibilities, make_user, other_organisation):
    """A member of other-dns cannot reach example-isp's entry by putting its number under their own slug."""
    client = client_for(make_user(Role.MEMBER, other_organisation))
    foreign = three_visibilities["anonymous"]
    assert client.get(f"/ja/members/other-dns/status/{foreign.pk}/").status_code == 404
    assert client.post(f"/ja/members/other-dns/status/{foreign.pk}/delete/").status_code == 404
    assert client.get("/ja/members/no-such-org/status/").status_code == 404
    assert client.get("/ja/members/other-dns/status/new/no-such-kind/").status_code == 404
    assert ServiceStatus.objects.filter(pk=foreign.pk).exists()


def test_changes_need_the_csrf_token(make_user, organisation):
    user = make_user(Role.MEMBER, organisation)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    form = {"key_owner": "registrant", "fee": "free", "start": "undecided", "visibility": "named"}
    assert client.post("/ja/members/example-isp/status/new/registrar/", form).status_code == 403
    assert not ServiceStatus.objects.exists()


# Editing and its history


def test_every_change_is_kept_with_who_when_and_the_values(make_user, organisation):
    member = make_user(Role.MEMBER, organisation)
    client = client_for(member)
    created = client.post(
        "/ja/members/example-isp/status/new/dns-hosting/",
        {
            "service_style": "default-for-new",
            "key_owner": "provider",
            "fee": "paid",
            "start": "planned",
            "since": "2027-04",
            "visibility": "named",
        },
    )
    assert (created.status_code, created["Location"]) == (302, "/ja/members/example-isp/status/")
    status = ServiceStatus.objects.get()
    assert (status.kind, status.service_style, status.since, status.letter) == (
        "dns-hosting",
        "default-for-new",
        datetime.date(2027, 4, 1),
        "",
    )
    changed = client.post(
        f"/ja/members/example-isp/status/{status.pk}/",
        {
            "service_style": "default-for-new",
            "key_owner": "provider",
            "fee": "paid",
            "start": "started",
            "since": "2026-04",
            "visibility": "anonymous",
        },
    )
    assert changed.status_code == 302
    unchanged = client.post(
        f"/ja/members/example-isp/status/{status.pk}/",
        {
            "service_style": "default-for-new",
            "key_owner": "provider",
            "fee": "paid",
            "start": "started",
            "since": "2026-04",
            "visibility": "anonymous",
        },
    )
    assert unchanged.status_code == 302
    assert client.post(f"/ja/members/example-isp/status/{status.pk}/delete/").status_code == 302
    assert not ServiceStatus.objects.exists()

    history = list(ServiceStatusChange.objects.order_by("pk"))
    assert [(c.action, c.actor, c.entry_number, c.organisation) for c in history] == [
        ("created", member, status.pk, organisation),
        ("changed", member, status.pk, organisation),
        ("deleted", member, status.pk, organisation),
    ]
    assert history[0].values == {
        "kind": "dns-hosting",
        "service_style": "default-for-new",
        "validation": "",
        "key_owner": "provider",
        "fee": "paid",
        "start": "planned",
        "since": "2027-04-01",
        "visibility": "named",
        "letter": "",
    }
    assert {k: history[1].values[k] for k in ("start", "since", "visibility", "letter")} == {
        "start": "started",
        "since": "2026-04-01",
        "visibility": "anonymous",
        "letter": "A",
    }
    assert history[2].values == history[1].values

    html = client.get("/ja/members/example-isp/status/").content.decode()
    assert html.count('<span class="status-changed-mark">（変更）</span>') == 4  # start, month, visibility, letter
    assert f"削除：権威DNSホスティング（項目番号 {status.pk}）" in html
    assert "default-for-new" not in html  # values are shown by their labels
    assert html.count(member.email) == 3
    assert "自組織の項目はまだありません。" in html


def test_the_history_is_shown_only_to_the_organisations_users(three_visibilities, make_user, other_organisation):
    ServiceStatusChange.record(three_visibilities["anonymous"], "created", actor=None)
    client = client_for(make_user(Role.MEMBER, other_organisation))
    assert client.get("/ja/members/example-isp/status/").status_code == 403
    own = client.get("/ja/members/other-dns/status/").content.decode()
    assert "まだ変更はありません。" in own


@pytest.mark.parametrize(
    "kind, form, errors",
    [
        (
            "registrar",
            {"fee": "", "start": "started", "since": "", "visibility": ""},
            [
                "鍵の管理者を選んでください。",
                "無料か有料かを選んでください。",
                "サービスを開始した年月を入力してください。",
                "この項目の公開範囲を選んでください。",
            ],
        ),
        (
            "dns-hosting",
            {"key_owner": "provider", "fee": "free", "start": "undecided", "since": "2011-03", "visibility": "named"},
            ["提供形態を選んでください。", "開始が未定の場合、年月は空欄にしてください。"],
        ),
        (
            "resolver",
            {"validation": "enabled", "fee": "free", "start": "started", "since": "2011-13", "visibility": "named"},
            ["年と月を 2011-03 のように入力してください。"],
        ),
        (
            "resolver",
            {"validation": "enabled", "fee": "free", "start": "started", "since": "2999-01", "visibility": "named"},
            ["提供中のサービスの開始年月に未来の月は指定できません。「予定」を選んでください。"],
        ),
        (
            "resolver",
            {"fee": "free", "start": "planned", "since": "", "visibility": "members"},
            ["DNSSEC 検証の状況を選んでください。"],
        ),
    ],
)
def test_bad_input_gets_clear_errors_in_japanese(make_user, organisation, kind, form, errors):
    client = client_for(make_user(Role.MEMBER, organisation))
    response = client.post(f"/ja/members/example-isp/status/new/{kind}/", form)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r'<ul class="field-errors" id="[^"]+"><li>([^<]+)</li>', html) == errors
    assert not ServiceStatus.objects.exists()


def test_a_field_of_another_kind_is_refused_by_the_model(organisation):
    status = ServiceStatus(
        organisation=organisation, kind="registrar", key_owner="registrant", validation="enabled", fee="free"
    )
    status.start, status.visibility = "undecided", "named"
    with translation.override("ja"), pytest.raises(ValidationError) as refused:
        status.full_clean()
    assert refused.value.message_dict == {
        "validation": ["「レジストラの DS レコード取り扱い」には「DNSSEC 検証」の項目はありません。"]
    }


def test_anonymous_entries_take_the_first_free_letter_and_lose_it_when_named(organisation, other_organisation):
    assert [anonymous_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]
    first = entry(organisation, visibility="anonymous")
    second = entry(other_organisation, ServiceKind.RESOLVER, visibility="anonymous")
    assert (first.letter, second.letter) == ("A", "B")
    first.visibility = "named"
    first.save()
    assert first.letter == ""
    third = entry(organisation, ServiceKind.DNS_HOSTING, visibility="anonymous")
    assert third.letter == "A"


def test_status_is_a_reserved_organisation_slug(db):
    organisation = Organisation(slug="status", name_ja="状況株式会社", name_en="Status Inc.", reading="じょうきょう")
    with translation.override("ja"), pytest.raises(ValidationError) as refused:
        organisation.full_clean()
    assert refused.value.message_dict == {
        "slug": ["「status」は別のページのアドレスです。別のスラッグを選んでください。"]
    }


# The public table: filters, sort orders, CSV, chart


@pytest.fixture
def table(db):
    """Six organisations' entries, all named, with English names that sort A… F."""
    made = {}
    specs = [
        ("alpha", "あるふぁ", ServiceKind.REGISTRAR, {"fee": "paid"}, "started", (2011, 3)),
        (
            "bravo",
            "ぶらぼー",
            ServiceKind.DNS_HOSTING,
            {"key_owner": "individual", "fee": "paid"},
            "started",
            (2010, 11),
        ),
        ("charlie", "ちゃーりー", ServiceKind.DNS_HOSTING, {"fee": "free"}, "planned", (2027, 1)),
        ("delta", "でるた", ServiceKind.RESOLVER, {"fee": "free"}, "started", (2011, 8)),
        ("echo", "えこー", ServiceKind.RESOLVER, {"fee": "paid", "validation": "opt-in"}, "undecided", None),
        ("foxtrot", "ふぉっくすとろっと", ServiceKind.REGISTRAR, {"fee": "free"}, "started", (2011, 1)),
    ]
    for slug, reading, kind, values, start, since in specs:
        organisation = Organisation.objects.create(
            slug=slug, name_en=slug.capitalize(), name_ja=reading, reading=reading
        )
        made[slug] = entry(organisation, kind, start=start, since=since, **values)
    return made


@pytest.mark.parametrize(
    "query, shown",
    [
        ("", ["Alpha", "Foxtrot", "Bravo", "Charlie", "Delta", "Echo"]),
        ("?sort=name", ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"]),
        ("?sort=since", ["Bravo", "Foxtrot", "Alpha", "Delta", "Charlie", "Echo"]),
        ("?sort=-since", ["Delta", "Alpha", "Foxtrot", "Bravo", "Charlie", "Echo"]),
        ("?kind=dns-hosting", ["Bravo", "Charlie"]),
        ("?fee=paid&sort=name", ["Alpha", "Bravo", "Echo"]),
        ("?key_owner=registrant", ["Alpha", "Foxtrot"]),
        ("?key_owner=individual", ["Bravo"]),
        ("?start=started&sort=since", ["Bravo", "Foxtrot", "Alpha", "Delta"]),
        ("?start=planned", ["Charlie"]),
        ("?kind=resolver&fee=free", ["Delta"]),
        ("?kind=resolver&key_owner=provider", []),
        ("?kind=nonsense&fee=gratis&sort=random", ["Alpha", "Foxtrot", "Bravo", "Charlie", "Delta", "Echo"]),
    ],
)
def test_filters_and_sort_orders_give_exact_rows_in_the_page_and_the_csv(client, table, query, shown):
    html = client.get(f"/en/members/status/{query}").content.decode()
    assert providers(html) == shown
    rows = csv_rows(client.get(f"/en/members/status/export.csv{query}"))
    assert [row[0] for row in rows[1:]] == shown


def test_the_japanese_table_sorts_names_by_reading(client, table):
    html = client.get("/ja/members/status/?sort=name").content.decode()
    # あるふぁ えこー ちゃーりー でるた ふぉっくすとろっと ぶらぼー (五十音順)
    assert providers(html) == ["あるふぁ", "えこー", "ちゃーりー", "でるた", "ふぉっくすとろっと", "ぶらぼー"]


def test_the_csv_is_utf8_with_a_bom_and_headers_in_the_page_language(client, table):
    response = client.get("/ja/members/status/export.csv?kind=registrar&sort=name")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="dnssec-services.csv"'
    japanese = (
        "事業者,サービス,提供形態・検証,鍵の管理者,料金,開始,年月\r\n"
        "あるふぁ,レジストラの DS レコード取り扱い,,登録者,有料,提供中,2011-03\r\n"
        "ふぉっくすとろっと,レジストラの DS レコード取り扱い,,登録者,無料,提供中,2011-01\r\n"
    )
    assert response.content == BOM + japanese.encode()
    english = client.get("/en/members/status/export.csv?kind=resolver")
    assert english.content == BOM + (
        b"Provider,Service,Service style or validation,Owner of the keys,Fee,Start,Month\r\n"
        b"Delta,ISP resolver validation,Validation enabled,,Free,In service,2011-08\r\n"
        b"Echo,ISP resolver validation,Opt-in (customers choose),,Paid,To be decided,\r\n"
    )
    page = client.get("/ja/members/status/?kind=registrar&sort=name").content.decode()
    assert 'href="/ja/members/status/export.csv?kind=registrar&amp;sort=name"' in page


def test_the_chart_counts_services_started_per_quarter_with_a_table_of_the_same_numbers(client, table):
    html = client.get("/ja/members/status/").content.decode()
    # 2010-11 (Q4), 2011-01 and 2011-03 (Q1), none in Q2, 2011-08 (Q3); the planned and undecided ones do not count.
    expected = [
        ("2010年 第4四半期", "1"),
        ("2011年 第1四半期", "2"),
        ("2011年 第2四半期", "0"),
        ("2011年 第3四半期", "1"),
    ]
    assert re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td></tr>', html) == expected
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<title>四半期ごとのサービス開始数</title>" in svg
    assert re.findall(r"<g><title>([^<]+): (\d+)</title>", svg) == expected
    assert "style=" not in svg and "<script" not in html
    only_resolvers = client.get("/en/members/status/?kind=resolver").content.decode()
    assert re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td></tr>', only_resolvers) == [("2011 Q3", "1")]
    nothing_started = client.get("/en/members/status/?start=planned").content.decode()
    assert "<svg" not in nothing_started
    assert "None of these entries has started yet." in nothing_started


def test_the_page_is_bilingual(client, table):
    japanese = client.get("/ja/members/status/").content.decode()
    assert "<h1>会員の DNSSEC 対応状況</h1>" in japanese
    assert "<td>権威DNSホスティング</td>" in japanese
    assert '<time datetime="2011-03">2011年3月</time>' in japanese
    assert '<td><time datetime="2027-01">予定（2027年1月）</time></td>' in japanese
    english = client.get("/en/members/status/").content.decode()
    assert "<h1>Members' DNSSEC services</h1>" in english
    assert '<time datetime="2011-03">March 2011</time>' in english
    assert '<td><time datetime="2027-01">Planned (January 2027)</time></td>' in english


def test_the_directory_and_the_account_page_link_to_the_registry(client, make_user, organisation):
    directory = client.get("/ja/members/").content.decode()
    assert '<a href="/ja/members/status/">会員の DNSSEC 対応状況</a>' in directory
    client.force_login(make_user(Role.MEMBER, organisation))
    assert (
        '<a href="/ja/members/example-isp/status/">自組織の DNSSEC サービス</a>'
        in client.get("/ja/members/status/").content.decode()
    )
    account = client.get("/ja/accounts/").content.decode()
    assert '<a href="/ja/members/example-isp/status/">' in account
    own_page = client.get("/ja/members/example-isp/").content.decode()
    assert '<a href="/ja/members/example-isp/status/">この組織の DNSSEC 対応状況を編集する</a>' in own_page


# Demo content


SEED_ROWS = [
    # letter, kind, service style or validation, key owner, fee, start, month: the seed's tables A–L
    ("A", "registrar", "", "registrant", "free", "undecided", None),
    ("B", "registrar", "", "registrant", "paid", "started", datetime.date(2011, 3, 1)),
    ("C", "dns-hosting", "optional", "provider", "paid", "started", datetime.date(2011, 3, 1)),
    ("D", "dns-hosting", "optional", "provider", "free", "undecided", None),
    ("E", "dns-hosting", "default", "provider", "free", "undecided", None),
    ("F", "dns-hosting", "default-for-new", "provider", "free", "started", datetime.date(2011, 3, 1)),
    ("G", "dns-hosting", "integration", "individual", "paid", "started", datetime.date(2011, 1, 1)),
    ("H", "dns-hosting", "oem", "provider", "paid", "started", datetime.date(2011, 3, 1)),
    ("I", "resolver", "opt-in", "", "free", "started", datetime.date(2011, 1, 1)),
    ("J", "resolver", "some-services", "", "free", "undecided", None),
    ("K", "resolver", "undecided", "", "free", "undecided", None),
    ("L", "resolver", "enabled", "", "free", "undecided", None),
]


def test_the_demo_content_loads_the_seeds_rows_a_to_l_all_anonymous(client, demo_content):
    rows = [
        (
            s.letter,
            s.kind,
            s.service_style or s.validation,
            s.key_owner,
            s.fee,
            s.start,
            s.since,
        )
        for s in ServiceStatus.objects.select_related("organisation").order_by("letter")
    ]
    assert rows == SEED_ROWS
    assert set(ServiceStatus.objects.values_list("visibility", flat=True)) == {"anonymous"}
    owners = Organisation.objects.filter(service_statuses__isnull=False)
    assert sorted(owners.values_list("slug", "demo")) == [(f"demo-member-{c}", True) for c in "abcdefghijkl"]
    assert ServiceStatusChange.objects.filter(action="created", actor=None).count() == 12

    html = client.get("/ja/members/status/").content.decode()
    assert providers(html) == [f"会員 {letter}" for letter, *_rest in SEED_ROWS]
    assert "デモ会員" not in html
    # Jan 2011 (G, I) and Mar 2011 (B, C, F, H): six services started in 2011 Q1.
    assert re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td></tr>', html) == [("2011年 第1四半期", "6")]
    # The demo organisations stay out of the member directory, whose count is the seed's 35.
    directory = client.get("/ja/members/").content.decode()
    assert "demo-member-" not in directory
    assert "DNSSEC Japan には 35 の組織が参加しています。" in directory
    # … and out of the site search, whose index holds them like any organisation.
    assert [r.url for r in site_search("デモ会員", "ja") if r.kind == "members.organisation"] == []
    assert [r.url for r in site_search("JPRS", "ja") if r.kind == "members.organisation"] == ["/ja/members/jprs/"]

    call_command("load_service_status", verbosity=0)
    assert ServiceStatus.objects.count() == 12
    assert ServiceStatusChange.objects.count() == 12


def test_an_entry_shows_the_live_badge_of_its_organisations_current_certificate_of_that_kind(
    client, organisation, other_organisation
):
    """Only on a named entry (an anonymous one would name its organisation through the certificate's page), only
    for the certificate's own kind, and not once the certificate has ended."""
    from django.utils import timezone

    from members.logo.models import Certificate

    now = timezone.now()

    def certify(org, number, category, state="valid"):
        return Certificate.objects.create(
            number=number,
            organisation=org,
            category=category,
            zones=["a.example"],
            criteria_version="2026.1",
            state=state,
            state_since=now,
            issued_at=now,
            expires_at=now + datetime.timedelta(days=365),
        )

    entry(organisation, ServiceKind.REGISTRAR)
    entry(organisation, ServiceKind.DNS_HOSTING)
    entry(other_organisation, ServiceKind.REGISTRAR, visibility="anonymous")
    certify(organisation, "2026-0001", ServiceKind.REGISTRAR, state="grace")
    certify(other_organisation, "2026-0002", ServiceKind.REGISTRAR)
    certify(organisation, "2026-0003", ServiceKind.DNS_HOSTING, state="revoked")
    html = client.get("/en/members/status/").content.decode()
    badges = re.findall(r'<a href="(/en/logo/[^"]+)"><img class="status-badge" src="([^"]+)" alt="([^"]+)"', html)
    assert badges == [
        ("/en/logo/2026-0001/", "/en/logo/2026-0001/badge.svg", "DNSSEC enabled logo 2026-0001: In grace period")
    ]
    assert "2026-0002" not in html
