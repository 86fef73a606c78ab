"""The member directory: its order in each language, names missing in one language, and who keeps it."""

import re

import pytest

from members.models import Organisation
from members.roles import Role
from tests.members.test_models import organisation_form

# The seed organisations under /ja/members/, by reading in 五十音 order (members/data/organisations.toml).
JAPANESE_ORDER = {
    "あ": [
        "iij",  # いんたーねっといにしあてぃぶ
        "iri",  # いんたーねっとそうごうけんきゅうしょ
        "internet-multifeed",  # いんたーねっとまるちふぃーど
        "infoblox",  # いんふぉぶろっくす
        "stnet",  # えすてぃーねっと
        "nri-secure",  # えぬあーるあいせきゅあてくのろじーず
        "nec-biglobe",  # えぬいーしーびっぐろーぶ
        "ntt-communications",  # えぬてぃてぃこみゅにけーしょんず
        "nttpc",  # えぬてぃてぃぴーしーこみゅにけーしょんず
        "augment",  # おーぐめんと
    ],
    "さ": [
        "sakura-internet",  # さくらいんたーねっと
        "sarion-systems-research",  # さりおんしすてむずりさーち
        "sanyo-its",  # さんようあいてぃーそりゅーしょんず
        "gmo-hosting-security",  # じーえむおー… (じー reads as しい, before じぇ as しえ)
        "jpcert-cc",  # じぇいぴーさーと…
        "so-net",  # そねっとえんたていんめんと
        "softbank-telecom",  # そふとばんくてれこむ
        "softbank-bb",  # そふとばんくびーびー
    ],
    "た": [
        "thales-japan",  # たれすじゃぱん
        "digital-effect-network",  # でじたる…
        "telecom-isac-japan",  # てれこむ…
        "tokyo-electron-device",  # とうきょう…
    ],
    "な": [
        "jpix",  # にほんいんたーねっと…
        "dnsops-jp",  # にほんでぃーえぬえす…
        "jpnic",  # にほんねっとわーく…
        "jprs",  # にほんれじすとりさーびす
        "neustar",  # にゅーすたー
        "netagent",  # ねっとえーじぇんと
    ],
    "は": [
        "boot-communication",  # ぶーと…
        "future-spirits",  # ふゅーちゃー…
        "broadband-tower",  # ぶろーど…
    ],
    "ま": ["mirai-communication-network"],
    "や": ["yoyo-planning"],
    "ら": ["livedoor", "rakuten"],
}
ENGLISH_ORDER = [
    "augment",
    "boot-communication",
    "broadband-tower",
    "digital-effect-network",
    "dnsops-jp",
    "future-spirits",
    "gmo-hosting-security",
    "infoblox",
    "iij",
    "internet-multifeed",
    "iri",
    "jpcert-cc",
    "jpix",
    "jpnic",
    "jprs",
    "livedoor",
    "mirai-communication-network",
    "nec-biglobe",
    "netagent",
    "neustar",
    "nri-secure",
    "ntt-communications",
    "nttpc",
    "rakuten",
    "sakura-internet",
    "sanyo-its",
    "sarion-systems-research",
    "so-net",
    "softbank-bb",
    "softbank-telecom",
    "stnet",
    "telecom-isac-japan",
    "thales-japan",
    "tokyo-electron-device",
    "yoyo-planning",
]


def listed(html):
    """The directory's organisations by section: {heading: [slug, ...]} ("" when there are no headings)."""
    sections = {}
    heading = ""
    for match in re.finditer(r'<h2 id="section-([^"]+)">|<li id="org-([a-z0-9-]+)">', html):
        if match.group(1):
            heading = match.group(1)
        else:
            sections.setdefault(heading, []).append(match.group(2))
    return sections


def test_the_japanese_directory_is_in_gojuon_order_by_reading_and_the_english_one_by_name(client, demo_content):
    html = client.get("/ja/members/").content.decode()
    assert listed(html) == JAPANESE_ORDER
    assert '<li><a href="#section-あ">あ</a></li>' in html
    assert listed(client.get("/en/members/").content.decode()) == {"": ENGLISH_ORDER}
    # A category filter keeps the order and the headings.
    assert listed(client.get("/ja/members/?category=internet-org").content.decode()) == {
        "さ": ["jpcert-cc"],
        "た": ["telecom-isac-japan"],
        "な": ["dnsops-jp", "jpnic"],
    }
    readings = Organisation.objects.filter(slug__in=["jprs", "ntt-communications", "augment"])
    assert dict(readings.values_list("slug", "reading")) == {
        "augment": "おーぐめんと",
        "jprs": "にほんれじすとりさーびす",
        "ntt-communications": "えぬてぃてぃこみゅにけーしょんず",
    }
    assert list(Organisation.objects.filter(reading="").values_list("slug", flat=True)) == []


@pytest.mark.parametrize(
    "missing, language, shown",
    [
        (
            "name_en",
            "en",
            '<span lang="ja">例示プロバイダー株式会社</span> <small class="name-missing">(no English name)</small>',
        ),
        (
            "name_ja",
            "ja",
            '<span lang="en">Example ISP Inc.</span> <small class="name-missing">（日本語名未登録）</small>',
        ),
    ],
)
def test_a_name_missing_in_one_language_shows_the_other_marked(client, organisation, missing, language, shown):
    # Saved before both names were required (the admin refuses it now).
    Organisation.objects.filter(pk=organisation.pk).update(**{missing: ""})
    directory = client.get(f"/{language}/members/").content.decode()
    assert f'<a href="/{language}/members/example-isp/">{shown}</a>' in directory
    page = client.get(f"/{language}/members/example-isp/").content.decode()
    assert f"<h1>{shown}</h1>" in page


@pytest.mark.parametrize("missing", ["name_ja", "name_en"])
def test_the_admin_refuses_an_organisation_without_either_name(client, administrator, organisation, missing):
    client.force_login(administrator)
    form = organisation_form(organisation) | {missing: ""}
    response = client.post(f"/admin/snippets/members/organisation/edit/{organisation.pk}/", form)
    assert response.status_code == 200
    assert response.context["form"].errors == {missing: ["この項目は必須です"]}
    organisation.refresh_from_db()
    assert (organisation.name_ja, organisation.name_en) == ("例示プロバイダー株式会社", "Example ISP Inc.")


@pytest.mark.parametrize(
    "reading, error",
    [
        ("", "名前に漢字が含まれています。五十音順に並べられるよう、よみをかなで入力してください。"),
        ("reiji", "よみはひらがなかカタカナで入力してください（ー と空白も使えます）。例: にほんれじすとりさーびす"),
    ],
)
def test_the_admin_asks_for_a_reading_in_kana(client, administrator, organisation, reading, error):
    client.force_login(administrator)
    url = f"/admin/snippets/members/organisation/edit/{organisation.pk}/"
    response = client.post(url, organisation_form(organisation) | {"reading": reading})
    assert response.status_code == 200
    assert response.context["form"].errors == {"reading": [error]}
    # Half-width katakana are stored full-width.
    response = client.post(url, organisation_form(organisation) | {"reading": "ﾚｲｼﾞ ぷろばいだー"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.reading == "レイジ ぷろばいだー"


def test_the_pub_wg_confirms_an_organisation_in_the_admin(client, make_user, organisation):
    client.force_login(make_user(Role.EDITOR))
    url = f"/admin/snippets/members/organisation/edit/{organisation.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, organisation_form(organisation) | {"confirmed": "on"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.confirmed
    # Removing a member organisation stays with the administrators.
    delete = client.get(f"/admin/snippets/members/organisation/delete/{organisation.pk}/")
    assert (delete.status_code, delete["Location"]) == (302, "/admin/")
