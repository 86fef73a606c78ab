"""Demo content in Japanese and English, from the community's own overview.

The one entry point (`python3 dev.py` runs it on every start): it loads
portal's own pages (home, about) and calls each app's loader in turn,
`load_members_data`, `load_service_status`, `load_logo_data`, `load_campaign_data`, `load_knowledge_data` and
`load_failure_reports`.

Demo content is loaded once and then belongs to the editors (the rule is in
`portal.demo`): a second run only adds what was never loaded; an item whose
number in `VERSIONS` is raised reaches an existing database only where nobody
has changed it since it was loaded; what an editor deleted stays deleted.
"""

import datetime

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site

from knowledge.localize import adopt_demo_translations
from portal import baseurl
from portal.demo import DemoContent
from portal.models import AboutPage, HomePage, Officer, WorkingGroup

# Content version of each item ("home", "about"; both languages), 1 when not listed. After improving an item's
# texts below, raise its number: databases where nobody has edited that page then get the new texts.
VERSIONS = {"home": 2, "about": 2}

# The officers and the working groups' chairs as the seed (docs/seed/) names them: in Latin letters only.
# Their names in kanji (and the Japanese titles of their roles) are ours and stay unconfirmed, shown as
# 要確認, until the Pub-WG confirms them; the English rows state what the seed states.
ROWS_CONFIRMED = {"ja": False, "en": True}

HOME = {
    "ja": {
        "title": "DNSSEC Japan",
        "lead": "DNSSEC Japan（DNSSEC.jp）は、DNSSEC の導入と普及を目指す、レジストリ、レジストラ、DNS 運用者、ネットワーク運用者のためのフォーラムです。",
        "body": (
            "<h2>DNSSEC は何をするのか</h2>"
            "<p>DNSSEC（DNS Security Extensions）は、DNS の応答に電子署名を付ける仕組みです。検証を行うフルリゾルバーは、署名をルートゾーンから順にたどって、"
            "応答が正しいゾーンから改ざんされずに届いたことを確かめ、偽の応答（キャッシュポイズニングなど）を捨てます。"
            "応答を暗号化するものではなく、応答が正しいことを証明するものです。</p>"
            "<p>効果が出るには両側の対応が必要です。ドメイン名の側ではゾーンに署名して親ゾーンに DS を登録し、利用者の側ではフルリゾルバーで検証を有効にします。"
            "あなたの立場ですべきことを、次の一覧から選んでください。</p>"
            "<p>DNSSEC.jp は参加者の相互協力を原則に、導入と運用にかかわる課題を整理し、技術検証を重ね、ガイドラインや BCP として公開しています。"
            "このサイトでは、それらの刊行物、障害事例、ドメイン名の DNSSEC の状態を確かめるチェッカーを、日本語と英語で提供します。</p>"
        ),
    },
    "en": {
        "title": "DNSSEC Japan",
        "lead": "DNSSEC Japan (DNSSEC.jp) is a forum of registries, registrars, DNS operators and network operators working to introduce and deploy DNSSEC.",
        "body": (
            "<h2>What DNSSEC does</h2>"
            "<p>DNSSEC (the DNS Security Extensions) adds digital signatures to DNS answers. A validating resolver follows the signatures down from "
            "the root zone, confirms that an answer comes unaltered from the right zone, and throws forged answers away (cache poisoning, for instance). "
            "It does not encrypt answers; it proves that they are genuine.</p>"
            "<p>It takes both sides: the domain name's side signs its zone and registers a DS at the parent, and the users' side turns validation on "
            "in its resolvers. Pick your role below to see what to do.</p>"
            "<p>Working by mutual cooperation among its participants, DNSSEC.jp sorts out the issues of introducing and operating DNSSEC, "
            "verifies them in the lab, and publishes what it learns as guidelines and best current practices. This site offers those publications, "
            "failure reports and a checker of any domain name's DNSSEC, in Japanese and English.</p>"
        ),
    },
}

ABOUT = {
    "ja": {
        "title": "DNSSEC Japan について",
        "charter": (
            "<p>本会の名称は「DNSSEC ジャパン」（英文名 DNSSEC Japan）とし、略称を「DNSSEC.jp」とします。</p>"
            "<p>DNSSEC.jp は、DNS のセキュリティを高める DNSSEC の導入と普及を目的として、ドメイン名のレジストリ、レジストラ、登録者、"
            "DNS やネットワークの運用者などの関係者が集うフォーラムとして設立されました。"
            "活動は参加者の相互協力に基づいて行うことを原則とします。</p>"
        ),
        "objectives": (
            "<p>DNSSEC の導入と運用にかかわる課題を整理・議論し、参加者の技術力の向上と技術的知見の共有を図ります。"
            "あわせて、関連ツールの提供や技術解説などの普及啓発活動を行います。</p>"
        ),
        "activities": (
            "<ul><li>DNSSEC の導入と運用に関する課題の整理と共有</li>"
            "<li>導入と運用に向けた技術検証とノウハウの蓄積</li>"
            "<li>導入と運用に関する BCP の策定</li>"
            "<li>活動成果の発信による DNSSEC の普及</li></ul>"
        ),
        "structure": "<p>総会を隔月で開催し、その下で二つのワーキンググループが活動しています。</p>",
        "officers": [("会長", "石田 慶樹"), ("副会長", "豊野 剛"), ("副会長", "米谷 嘉朗")],  # 要確認
        "working_groups": [
            (
                "技術検証ワーキンググループ",
                "Tech-WG",
                "豊野 剛",
                "メンバーのサービスや製品に DNSSEC がどのような影響を及ぼすかを調べてラボ環境で検証し、"
                "DNSSEC への対応状況を確認して運用ノウハウを共有・蓄積し、その成果をガイドラインや BCP として公開します。",
            ),
            (
                "広報ワーキンググループ",
                "Pub-WG",
                "高田 美紀",
                "ウェブサイトや Twitter（@dnssec_jp）、国内の関連会議での発表を通じて、DNSSEC.jp の活動と成果を発信します。",
            ),
        ],
    },
    "en": {
        "title": "About DNSSEC Japan",
        "charter": (
            "<p>The official name of this organization is “DNSSEC Japan”, abbreviated as “DNSSEC.jp”.</p>"
            "<p>DNSSEC Japan is established as a forum for domain name registries, registrars, registrants and relevant parties "
            "such as DNS and network operators, with the aim of introducing and deploying DNSSEC, which enhances the security of the DNS. "
            "DNSSEC.jp makes it a principle to carry out its activities through the mutual cooperation of its participants.</p>"
        ),
        "objectives": (
            "<p>DNSSEC.jp sorts out and discusses the issues of deploying and operating DNSSEC, to raise the technical capability of its "
            "participants and to share technical expertise. It also conducts outreach, such as providing relevant tools and technical commentaries.</p>"
        ),
        "activities": (
            "<ul><li>Sorting out and sharing the issues of introducing and operating DNSSEC</li>"
            "<li>Technical verification, and accumulating expertise for introduction and operation</li>"
            "<li>Developing best current practices (BCPs) for introduction and operation</li>"
            "<li>Deploying DNSSEC by propagating the results of these activities</li></ul>"
        ),
        "structure": "<p>A plenary meeting is held every two months; two working groups work under it.</p>",
        "officers": [
            ("Chairman", "Yoshiki Ishida"),
            ("Co-Chairman", "Tsuyoshi Toyono"),
            ("Co-Chairman", "Yoshiro Yoneya"),
        ],
        "working_groups": [
            (
                "Technology Verification WG",
                "Tech-WG",
                "Tsuyoshi Toyono",
                "Investigates how DNSSEC affects members' services and products and verifies it in a lab; checks the DNSSEC status of "
                "members' services and products to share and accumulate operational know-how; publishes guidelines and BCPs from that expertise.",
            ),
            (
                "Public Relations WG",
                "Pub-WG",
                "Miki Takata",
                "Spreads the word about DNSSEC.jp's activities and results through the web site, Twitter (@dnssec_jp) and talks at related conferences in Japan.",
            ),
        ],
    },
}
ESTABLISHED = datetime.date(2009, 11, 24)


class Command(BaseCommand):
    help = (
        "Load the demo content (home, about, and each app's: members, knowledge, failures) in Japanese and English. "
        "Safe to run again: it adds what was never loaded and never overwrites an editor's change."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        demo = DemoContent("portal")
        ja = Locale.objects.get_or_create(language_code="ja")[0]
        en = Locale.objects.get_or_create(language_code="en")[0]
        home_ja = demo.load(
            "home:ja",
            version=VERSIONS.get("home", 1),
            find=lambda: HomePage.objects.filter(locale=ja, depth=2).first(),
            build=lambda page: self.home(page, ja),
        )
        home_en = demo.load(
            "home:en",
            version=VERSIONS.get("home", 1),
            find=lambda: HomePage.objects.filter(locale=en).first(),
            build=lambda page: self.translation(page, home_ja, en, HOME["en"]),
        )
        about_related = {"officers": ("role", "name"), "working_groups": ("name", "short_name", "chair", "purpose")}
        about_ja = demo.load(
            "about:ja",
            version=VERSIONS.get("about", 1),
            related=about_related,
            find=lambda: AboutPage.objects.filter(locale=ja, slug="about").first(),
            build=lambda page: self.about(page, home_ja),
        )
        demo.load(
            "about:en",
            version=VERSIONS.get("about", 1),
            related=about_related,
            find=lambda: AboutPage.objects.filter(locale=en, slug="about").first(),
            build=lambda page: self.fill_about(self.translation(page, about_ja, en, ABOUT["en"]), ABOUT["en"]),
        )
        if verbosity >= 1:
            homes = ", ".join(page.url_path for page in (home_ja, home_en) if page is not None)
            self.stdout.write(f"Demo content ready: home ({homes}), about.")
        demo.report(self, verbosity)
        for command in (
            "load_members_data",
            "load_service_status",
            "load_logo_data",
            "load_campaign_data",
            "load_knowledge_data",
            "load_failure_reports",
        ):
            call_command(command, verbosity=verbosity, stdout=self.stdout)
        # The demo's translations were written beside their originals; wagtail-localize takes them over here,
        # so that translators work on them as on any other (knowledge/localize.py).
        adopted, unmatched = adopt_demo_translations()
        if verbosity >= 1:
            self.stdout.write(
                f"wagtail-localize: {adopted} demo translations taken over, {unmatched} left as they are "
                "(already managed, or not the same structure as their original)."
            )

    def home(self, home, ja):
        if home is None:
            # Wagtail's own "Welcome" page holds the slug "home"; the home page replaces it.
            Page.objects.filter(depth=2, slug="home", content_type__model="page").update(slug="wagtail-welcome")
            # Wagtail's migrations create the tree's root; a flushed database has none.
            root = Page.get_first_root_node() or Page.add_root(instance=Page(title="ルート", slug="root", locale=ja))
            home = root.add_child(instance=HomePage(slug="home", locale=ja, **HOME["ja"]))
            hostname, port = baseurl.site_address()
            site = Site.objects.filter(is_default_site=True).first() or Site(
                hostname=hostname, port=port, is_default_site=True
            )
            site.root_page = home
            site.site_name = settings.WAGTAIL_SITE_NAME
            site.save()
            for welcome in Page.objects.filter(depth=2, slug="wagtail-welcome", content_type__model="page"):
                welcome.delete()
        else:
            self.set_fields(home, HOME["ja"])
        home.save_revision().publish()
        return home

    def about(self, about, home_ja):
        if about is None:
            if home_ja is None:
                return None
            about = home_ja.add_child(
                instance=AboutPage(slug="about", established=ESTABLISHED, title=ABOUT["ja"]["title"])
            )
        return self.fill_about(about, ABOUT["ja"])

    def fill_about(self, page, content):
        if page is None:
            return None
        fields = {k: v for k, v in content.items() if k not in {"officers", "working_groups"}}
        self.set_fields(page, fields)
        page.established = ESTABLISHED
        confirmed = ROWS_CONFIRMED[page.locale.language_code]
        page.officers.set([Officer(role=role, name=name, confirmed=confirmed) for role, name in content["officers"]])
        page.working_groups.set(
            [
                WorkingGroup(name=n, short_name=s, chair=c, purpose=p, confirmed=confirmed)
                for n, s, c, p in content["working_groups"]
            ]
        )
        page.save_revision().publish()
        return page

    def translation(self, translated, original, locale, content):
        """The translation of `original` into `locale`, made when missing, with the demo texts of that language."""
        if translated is None:
            if original is None:
                return None
            translated = original.copy_for_translation(locale, copy_parents=True)
        translated = translated.specific
        self.set_fields(translated, {k: v for k, v in content.items() if isinstance(v, str)})
        translated.save_revision().publish()
        return translated

    @staticmethod
    def set_fields(page, fields):
        for name, value in fields.items():
            setattr(page, name, value)
