"""Demo content of the knowledge base from the community's own overview (docs/seed/dnssec-jp-overview.txt).

Japanese first; every entry has its English translation beside it.
"""

import datetime

from knowledge.content import (
    dnssec_overview_en,
    dnssec_overview_ja,
    ds_registration_interfaces_en,
    ds_registration_interfaces_ja,
    equipment_verifications,
    issues_on_adopting_dnssec_en,
    issues_on_adopting_dnssec_ja,
    registrar_transfer_guideline_en,
    registrar_transfer_guideline_ja,
    role_guides_en,
    role_guides_ja,
    trust_anchor_guide_en,
    trust_anchor_guide_ja,
    zone_signing_guide_en,
    zone_signing_guide_ja,
)

# Content version of an item, by key without the language: "index:<name>", "publication:<slug>",
# "event:<slug>", "news:<slug>", "term:<slug>"; 1 when not listed. `load_knowledge_data` loads each item
# once. After improving an item below (a rewritten publication, say), raise its number here: the new text
# then reaches every database where nobody has changed that page or term since it was loaded.
VERSIONS = {
    "publication:dnssec-overview": 2,
    "publication:issues-on-adopting-dnssec": 2,
    "publication:ds-registration-interfaces": 2,
    "publication:registrar-transfer-guideline": 2,
    "publication:trust-anchor-guide": 2,
    "event:summer-forum-2010": 2,
    # The Japanese terms with kanji got their readings (GLOSSARY_READINGS).
    "term:ksk": 2,
    "term:zsk": 2,
    "term:key-rollover": 2,
    "term:hold-down-time": 2,
    "term:authoritative-server": 2,
}

INDEXES = {
    "publications": {
        "ja": (
            "刊行物",
            "<p>技術検証ワーキンググループ（Tech-WG）が、ラボでの検証と参加者の運用経験をもとにまとめたガイドライン、BCP、報告書です。</p>",
        ),
        "en": (
            "Publications",
            "<p>Guidelines, BCPs and reports of the Technology Verification WG (Tech-WG), written from lab verification and the participants' operational experience.</p>",
        ),
    },
    "events": {
        "ja": ("イベント", "<p>フォーラム、ワークショップ、BoF、ハンズオン勉強会の予定と記録です。</p>"),
        "en": (
            "Events",
            "<p>Forums, workshops, BoFs and hands-on study groups: what is coming and what took place.</p>",
        ),
    },
    "news": {
        "ja": ("お知らせ", ""),
        "en": ("News", ""),
    },
    "guide": {
        "ja": (role_guides_ja.TITLE, role_guides_ja.INTRO),
        "en": (role_guides_en.TITLE, role_guides_en.INTRO),
    },
    "verification": equipment_verifications.INDEX,
    "glossary": {
        "ja": (
            "用語集",
            "<p>DNSSEC の用語を、運用者がふだん使う言葉で説明します。ガイドラインの本文から各用語にリンクしています。</p>",
        ),
        "en": (
            "Glossary",
            "<p>DNSSEC terms explained in the words operators use every day. Guidelines link to them from their text.</p>",
        ),
    },
}

# The first edition of every Tech-WG publication (the community's overview, docs/seed/, lists them in early 2011) and the
# Tech-WG rewrite of 2026-12-03.
FIRST_EDITION = ("1.0", datetime.date(2011, 3, 1), {"ja": "初版（Tech-WG）", "en": "First edition (Tech-WG)"})
TECH_WG_REWRITE = datetime.date(2026, 12, 3)

# (slug, kind, version, date, {language: (title, summary)}, revision history [(version, date, {language: note})],
# body modules (Japanese, English) or None: a publication without a body is shown as in preparation, with no date or version)
PUBLICATIONS = [
    (
        "zone-signing-guide",
        "guideline",
        "1.0",
        datetime.date(2026, 12, 3),
        {
            "ja": (zone_signing_guide_ja.TITLE, zone_signing_guide_ja.SUMMARY),
            "en": (zone_signing_guide_en.TITLE, zone_signing_guide_en.SUMMARY),
        },
        [
            (
                "1.0",
                datetime.date(2026, 12, 3),
                {
                    "ja": "初版: BIND 9.18 の dnssec-policy、Knot DNS 3.2、PowerDNS 4.7 で確かめた設定例、鍵のロールオーバー、CDS/CDNSKEY、RFC 9276、監視、署名の停止",
                    "en": "First edition: configurations checked on BIND 9.18 (dnssec-policy), Knot DNS 3.2 and PowerDNS 4.7, key rollovers, CDS/CDNSKEY, RFC 9276, monitoring, going unsigned",
                },
            ),
        ],
        (zone_signing_guide_ja, zone_signing_guide_en),
    ),
    (
        "dnssec-overview",
        "report",
        "2.0",
        TECH_WG_REWRITE,
        {
            "ja": (dnssec_overview_ja.TITLE, dnssec_overview_ja.SUMMARY),
            "en": (dnssec_overview_en.TITLE, dnssec_overview_en.SUMMARY),
        },
        [
            FIRST_EDITION,
            (
                "2.0",
                TECH_WG_REWRITE,
                {
                    "ja": "全面改訂: 仕組みの説明を RFC 9364（BCP 237）に沿って書き直し、NSEC3（RFC 9276）、アルゴリズム（RFC 9904・RFC 9905）、ルート KSK-2024 など 2026 年 12 月時点の現状を反映",
                    "en": "Rewritten: the mechanisms along RFC 9364 (BCP 237), and the present status as of December 2026: NSEC3 (RFC 9276), algorithms (RFC 9904, RFC 9905), the root's KSK-2024",
                },
            ),
        ],
        (dnssec_overview_ja, dnssec_overview_en),
    ),
    (
        "issues-on-adopting-dnssec",
        "guideline",
        "2.0",
        TECH_WG_REWRITE,
        {
            "ja": (issues_on_adopting_dnssec_ja.TITLE, issues_on_adopting_dnssec_ja.SUMMARY),
            "en": (issues_on_adopting_dnssec_en.TITLE, issues_on_adopting_dnssec_en.SUMMARY),
        },
        [
            FIRST_EDITION,
            (
                "2.0",
                TECH_WG_REWRITE,
                {
                    "ja": "全面改訂: 立場ごとの課題を RFC 6781 の運用慣行、RFC 9276、RFC 9904・RFC 9905、TCP とフラグメント（RFC 7766、RFC 9715）、CDS・CDNSKEY に合わせて更新",
                    "en": "Rewritten: each player's issues brought up to date with RFC 6781's practice, RFC 9276, RFC 9904 and RFC 9905, TCP and fragments (RFC 7766, RFC 9715), CDS and CDNSKEY",
                },
            ),
        ],
        (issues_on_adopting_dnssec_ja, issues_on_adopting_dnssec_en),
    ),
    (
        "trust-anchor-guide",
        "bcp",
        "2.1",
        datetime.date(2026, 12, 3),
        {
            "ja": (trust_anchor_guide_ja.TITLE, trust_anchor_guide_ja.SUMMARY),
            "en": (trust_anchor_guide_en.TITLE, trust_anchor_guide_en.SUMMARY),
        },
        [
            ("1.0", datetime.date(2011, 3, 1), {"ja": "初版（Tech-WG）", "en": "First edition (Tech-WG)"}),
            (
                "2.0",
                datetime.date(2026, 11, 30),
                {
                    "ja": "全面改訂: 2017〜2018 年のルート KSK ロールオーバーの教訓、Unbound・BIND・Knot Resolver の現行の設定、RFC 8145・RFC 8509・RFC 9718 を反映",
                    "en": "Rewritten: lessons of the 2017–2018 root KSK rollover, current Unbound, BIND and Knot Resolver configuration, RFC 8145, RFC 8509 and RFC 9718",
                },
            ),
            (
                "2.1",
                datetime.date(2026, 12, 3),
                {
                    "ja": "ルート KSK-2024（鍵タグ 38696）への切り替えを反映: トラストアンカーの表、BIND の設定例、確認の手順、ロールオーバーの日程表を更新",
                    "en": "The root's switch to KSK-2024 (key tag 38696): the trust anchor table, the BIND example, how to check, and the rollover timeline updated",
                },
            ),
        ],
        (trust_anchor_guide_ja, trust_anchor_guide_en),
    ),
    (
        "ds-registration-interfaces",
        "survey",
        "2.0",
        TECH_WG_REWRITE,
        {
            "ja": (ds_registration_interfaces_ja.TITLE, ds_registration_interfaces_ja.SUMMARY),
            "en": (ds_registration_interfaces_en.TITLE, ds_registration_interfaces_en.SUMMARY),
        },
        [
            FIRST_EDITION,
            (
                "2.0",
                TECH_WG_REWRITE,
                {
                    "ja": "全面改訂: EPP（RFC 5910）の DS データ方式と鍵データ方式、変更と削除の順序、CDS・CDNSKEY による自動化（RFC 7344、RFC 8078、RFC 9615）を追加",
                    "en": "Rewritten: EPP's DS data and key data interfaces (RFC 5910), the order of changes and deletions, and automation with CDS and CDNSKEY (RFC 7344, RFC 8078, RFC 9615)",
                },
            ),
        ],
        (ds_registration_interfaces_ja, ds_registration_interfaces_en),
    ),
    (
        "registrar-transfer-guideline",
        "guideline",
        "2.0",
        TECH_WG_REWRITE,
        {
            "ja": (registrar_transfer_guideline_ja.TITLE, registrar_transfer_guideline_ja.SUMMARY),
            "en": (registrar_transfer_guideline_en.TITLE, registrar_transfer_guideline_en.SUMMARY),
        },
        [
            FIRST_EDITION,
            (
                "2.0",
                TECH_WG_REWRITE,
                {
                    "ja": "全面改訂: RFC 8901 のモデル 2 による鍵の交換の手順、TTL に基づく待ち時間（RFC 7583）、insecure 経由の方法とその危険を記述",
                    "en": "Rewritten: the key-exchange procedure of RFC 8901's Model 2, waiting times from TTLs (RFC 7583), and the go-insecure method with its risks",
                },
            ),
        ],
        (registrar_transfer_guideline_ja, registrar_transfer_guideline_en),
    ),
]

# (slug, kind, starts, ends, participants, closed, {language: (title, venue, summary, agenda html)})
EVENTS = [
    (
        "hands-on-study-group-2010",
        "study-group",
        datetime.date(2010, 3, 1),
        datetime.date(2010, 9, 30),
        None,
        False,
        {
            "ja": (
                "DNSSEC プロトコルと運用技術のハンズオン勉強会",
                "",
                "2010 年 3 月から 9 月にかけて、DNSSEC のプロトコルと運用技術をハンズオン形式で学ぶ勉強会を開きました（各回の日付は原資料にありません）。",
                "",
            ),
            "en": (
                "Hands-on study group on DNSSEC protocols and operational technology",
                "",
                "From March to September 2010, a study group learnt DNSSEC protocols and operational technology hands-on (the dates of the sessions are not in the source).",
                "",
            ),
        },
    ),
    (
        "summer-forum-2010",
        "forum",
        datetime.date(2010, 7, 21),
        None,
        120,
        False,
        {
            "ja": (
                "DNSSEC 2010 サマーフォーラム",
                "",
                "ISP、DNS 事業者、ホスティング事業者、SIer、企業や学術機関の DNS 運用者など約 120 名が参加しました。",
                "<ol><li>DNSSEC とは</li><li>DNSSEC ジャパンの紹介</li><li>DNSSEC ジャパンのワーキンググループ</li><li>ルートゾーン署名の状況</li>"
                "<li>ccTLD、gTLD のゾーン署名の状況</li><li>「.JP」ゾーン署名のスケジュール</li><li>DNSSEC の鍵管理</li><li>クロージング</li></ol>",
            ),
            "en": (
                "DNSSEC 2010 Summer Forum",
                "",
                "About 120 people attended: ISPs, DNS providers, hosting providers, system integrators, and DNS operators of companies and academic organisations.",
                "<ol><li>What is DNSSEC</li><li>Introduction of DNSSEC Japan</li><li>DNSSEC Japan's working groups</li><li>The status of root zone signing</li>"
                "<li>The status of ccTLD and gTLD zone signing</li><li>The schedule of “.JP” zone signing</li><li>DNSSEC key management</li><li>Closing</li></ol>",
            ),
        },
    ),
    (
        "service-model-workshop-2010",
        "workshop",
        datetime.date(2010, 11, 15),
        None,
        12,
        True,
        {
            "ja": (
                "DNSSEC サービスモデルワークショップ",
                "",
                "通信事業者、ISP、ホスティング事業者、レジストラ、レジストリの 12 名による非公開の会合です。権威DNSサーバーとフルリゾルバーのそれぞれについて、"
                "DNSSEC をサービスとしてどう提供し、料金をどうするかを議論しました。得られた知見の一部は 11 月 25 日の DNS DAY で発表しました。",
                "<ul><li>サービスの形態: 権威DNSサーバー、フルリゾルバー</li><li>料金</li></ul>",
            ),
            "en": (
                "DNSSEC Service Model Workshop",
                "",
                "A closed meeting of 12 people from carriers, ISPs, hosting providers, registrars and registries. It discussed how to offer DNSSEC as a service, "
                "for authoritative servers and for resolvers, and what to charge. Some practices derived from the discussion were presented at DNS DAY on 25 November.",
                "<ul><li>Service styles: authoritative DNS servers, recursive DNS servers</li><li>Charges</li></ul>",
            ),
        },
    ),
    (
        "dns-day-2010",
        "forum",
        datetime.date(2010, 11, 25),
        None,
        None,
        False,
        {
            "ja": (
                "DNS DAY（Internet Week 2010）",
                "Internet Week 2010",
                "Internet Week 2010 の中で開かれた DNS DAY で、DNSSEC サービスモデルワークショップから得られた実践を発表しました。",
                "",
            ),
            "en": (
                "DNS DAY (Internet Week 2010)",
                "Internet Week 2010",
                "At DNS DAY, held within Internet Week 2010, practices derived from the DNSSEC Service Model Workshop were presented.",
                "",
            ),
        },
    ),
    (
        "spring-forum-2011",
        "forum",
        datetime.date(2011, 4, 1),
        None,
        None,
        False,
        {
            "ja": (
                "DNSSEC 2011 スプリングフォーラム",
                "",
                "2011 年 4 月の開催として告知されたフォーラムです（開催日は原資料にないため、4 月 1 日として掲載しています）。",
                "",
            ),
            "en": (
                "DNSSEC 2011 Spring Forum",
                "",
                "A forum announced for April 2011 (the source gives no day; it is listed here as 1 April).",
                "",
            ),
        },
    ),
]

NEWS = [
    (
        "zone-signing-guide-published",
        datetime.date(2026, 12, 3),
        {
            "ja": (
                "ゾーン署名ガイドを公開し、トラストアンカー設定ガイドを KSK-2024 に合わせて改訂しました",
                "権威DNSサーバーでゾーンに署名する運用者向けのガイドラインを公開しました。"
                "フルリゾルバーへのトラストアンカー設定ガイドは、2026 年 10 月 11 日に KSK-2024 へ切り替わったルート KSK に合わせて改訂しました（2.1 版）。",
                "<p>「権威DNSサーバーでのゾーン署名ガイド」は、BIND 9.18 の dnssec-policy、Knot DNS、PowerDNS での署名の始め方から、"
                "鍵のロールオーバー、CDS/CDNSKEY、NSEC と NSEC3 の選び方、監視、安全に署名をやめる手順までを、"
                "各手順のあとにチェッカーで何が見えるべきかとあわせて説明しています。</p>"
                "<p>フルリゾルバーを運用している方は、KSK-2024（鍵タグ 38696）をトラストアンカーとして信頼しているかを確かめてください。</p>",
            ),
            "en": (
                "A zone-signing guide, and the trust anchor guide revised for KSK-2024",
                "A guideline for operators who sign zones on authoritative servers is out. The trust anchor guide for resolvers is revised for the root KSK, "
                "which changed to KSK-2024 on 11 October 2026 (version 2.1).",
                "<p>“Signing your zone on authoritative servers” goes from starting to sign with BIND 9.18's dnssec-policy, Knot DNS or PowerDNS "
                "to key rollovers, CDS/CDNSKEY, choosing NSEC or NSEC3, monitoring and stopping safely, and says after each step what the checker "
                "should show.</p>"
                "<p>If you operate resolvers, check that they trust KSK-2024 (key tag 38696).</p>",
            ),
        },
    ),
    (
        "knowledge-base-opened",
        datetime.date(2026, 11, 30),
        {
            "ja": (
                "ナレッジベースを公開しました",
                "Tech-WG の刊行物、イベントの記録、DNSSEC 用語集を日本語と英語で読めるようになりました。フルリゾルバーへのトラストアンカー設定ガイドは全面改訂版です。",
                "<p>英語への翻訳にご協力いただける方を募集しています。翻訳を待っているページは「翻訳に協力する」ページで確認できます。</p>",
            ),
            "en": (
                "The knowledge base is open",
                "Tech-WG's publications, the record of our events and a DNSSEC glossary can now be read in Japanese and English. The trust anchor guide for resolvers is a full rewrite.",
                "<p>We are looking for volunteers to translate. The “Help translate” page lists the pages waiting for a translator.</p>",
            ),
        },
    ),
]

# The reading (よみ) of each Japanese term written with kanji, by slug: the Japanese glossary sorts by it
# (portal/kana.py). Terms in kana or Latin letters need none.
GLOSSARY_READINGS = {
    "ksk": "かぎしょめいかぎ",
    "zsk": "ぞーんしょめいかぎ",
    "key-rollover": "かぎろーるおーばー",
    "hold-down-time": "ほーるどだうんじかん",
    "authoritative-server": "けんいでぃーえぬえすさーばー",
}

# (slug, {language: (term, abbreviation, definition html, reference)})
GLOSSARY = [
    (
        "cds",
        {
            "ja": (
                "CDS レコード",
                "CDS",
                "<p>子ゾーンが、親ゾーンに置いてほしい DS をゾーンの頂点に公開するレコードです。鍵そのものを示す CDNSKEY と対で使います。"
                "親ゾーンがこれを読み取って DS を更新すれば、鍵の交換のたびに DS を手で登録し直す必要がなくなります。"
                "<code>CDS 0 0 0 00</code> は DS の削除を求める合図です。</p>",
                "RFC 7344、RFC 8078、RFC 9615",
            ),
            "en": (
                "CDS record",
                "CDS",
                "<p>A record at the child zone's apex naming the DS the child wants at the parent; CDNSKEY, naming the key itself, goes with it. "
                "A parent that reads them updates the DS, so nobody re-registers it by hand at each key rollover. "
                "<code>CDS 0 0 0 00</code> asks for the DS to be removed.</p>",
                "RFC 7344, RFC 8078, RFC 9615",
            ),
        },
    ),
    (
        "nsec3",
        {
            "ja": (
                "NSEC3",
                "",
                "<p>名前をハッシュ値にして、存在しない名前や型を証明する（不在証明）レコードです。ハッシュ値からもとの名前を推測するのは容易なため、"
                "RFC 9276 は追加の反復回数を 0、ソルトを空にするよう求めています。名前の一覧を隠す必要がなければ NSEC で足ります。</p>",
                "RFC 5155、RFC 9276",
            ),
            "en": (
                "NSEC3",
                "",
                "<p>A record proving that a name or type does not exist (denial of existence), with the names hashed. Since the names are easily "
                "guessed from the hashes, RFC 9276 asks for zero extra iterations and an empty salt. Where the list of names need not be hidden, NSEC will do.</p>",
                "RFC 5155, RFC 9276",
            ),
        },
    ),
    (
        "ksk",
        {
            "ja": (
                "鍵署名鍵",
                "KSK",
                "<p>ゾーンの DNSKEY RRset に署名する鍵です。親ゾーンにはこの鍵の DS レコードを登録します。DNSKEY の Flags は SEP ビットを含む 257 です。</p>",
                "RFC 4034 §2.1.1",
            ),
            "en": (
                "Key signing key",
                "KSK",
                "<p>The key that signs a zone's DNSKEY RRset. Its DS record is registered in the parent zone. Its DNSKEY Flags value is 257, with the SEP bit.</p>",
                "RFC 4034 §2.1.1",
            ),
        },
    ),
    (
        "zsk",
        {
            "ja": (
                "ゾーン署名鍵",
                "ZSK",
                "<p>DNSKEY RRset 以外のゾーンのデータに署名する鍵です。鍵署名鍵より短い周期で交換するのが一般的です。</p>",
                "RFC 6781 §3.1",
            ),
            "en": (
                "Zone signing key",
                "ZSK",
                "<p>The key that signs a zone's data other than the DNSKEY RRset. It is usually rolled more often than the key signing key.</p>",
                "RFC 6781 §3.1",
            ),
        },
    ),
    (
        "ds",
        {
            "ja": (
                "DS レコード",
                "DS",
                "<p>子ゾーンの鍵署名鍵のハッシュ値を親ゾーンに置くレコードです。親の署名により、子の鍵への信頼の連鎖をつなぎます。ダイジェスト種別は SHA-256（2）を使います。</p>",
                "RFC 4034 §5、RFC 8624 §3.3",
            ),
            "en": (
                "DS record",
                "DS",
                "<p>A record in the parent zone holding a hash of the child zone's key signing key. Signed by the parent, it links the chain of trust to the child's key. Use digest type SHA-256 (2).</p>",
                "RFC 4034 §5, RFC 8624 §3.3",
            ),
        },
    ),
    (
        "trust-anchor",
        {
            "ja": (
                "トラストアンカー",
                "",
                "<p>検証の起点としてフルリゾルバーに設定する鍵（DNSKEY）またはその DS です。通常はルートゾーンの鍵署名鍵を設定し、RFC 5011 で自動更新します。</p>",
                "RFC 4033 §2、RFC 5011",
            ),
            "en": (
                "Trust anchor",
                "",
                "<p>A key (DNSKEY), or its DS, configured in a resolver as the starting point of validation. Usually the root zone's key signing key, kept current with RFC 5011.</p>",
                "RFC 4033 §2, RFC 5011",
            ),
        },
    ),
    (
        "key-rollover",
        {
            "ja": (
                "鍵ロールオーバー",
                "",
                "<p>署名に使う鍵を新しい鍵に交換する手順です。キャッシュの TTL を考えて、新しい鍵の公開、署名の切り替え、古い鍵の削除を順に行います。</p>",
                "RFC 6781 §4.1、RFC 7583",
            ),
            "en": (
                "Key rollover",
                "",
                "<p>Replacing a signing key with a new one. Publishing the new key, switching signatures and removing the old key happen in turn, with cached TTLs in mind.</p>",
                "RFC 6781 §4.1, RFC 7583",
            ),
        },
    ),
    (
        "hold-down-time",
        {
            "ja": (
                "ホールドダウン時間",
                "",
                "<p>RFC 5011 で、新しい鍵署名鍵をトラストアンカーとして採用する前に待つ時間です。30 日、または DNSKEY RRset の TTL の長い方です。</p>",
                "RFC 5011 §2.4.1",
            ),
            "en": (
                "Hold-down time",
                "",
                "<p>In RFC 5011, the time to wait before a new key signing key is adopted as a trust anchor: 30 days or the DNSKEY RRset's TTL, whichever is longer.</p>",
                "RFC 5011 §2.4.1",
            ),
        },
    ),
    (
        "full-resolver",
        {
            "ja": (
                "フルリゾルバー",
                "",
                "<p>利用者からの問い合わせを受けて、ルートから順に権威DNSサーバーへ問い合わせ、答えを得るサーバーです。DNSSEC の検証はここで行います。キャッシュ DNS サーバーとも呼ばれます。</p>",
                "RFC 9499 §6",
            ),
            "en": (
                "Resolver",
                "",
                "<p>A server that takes users' queries and asks the authoritative servers, starting at the root, for the answer. DNSSEC validation happens here. Also called a recursive or caching server.</p>",
                "RFC 9499 §6",
            ),
        },
    ),
    (
        "authoritative-server",
        {
            "ja": (
                "権威DNSサーバー",
                "",
                "<p>ゾーンのデータを持ち、そのゾーンについて権威ある応答を返すサーバーです。DNSSEC では署名済みのゾーンを配信します。</p>",
                "RFC 9499 §6",
            ),
            "en": (
                "Authoritative server",
                "",
                "<p>A server that holds a zone's data and gives authoritative answers for it. With DNSSEC it serves the signed zone.</p>",
                "RFC 9499 §6",
            ),
        },
    ),
    (
        "revoke-bit",
        {
            "ja": (
                "REVOKE ビット",
                "",
                "<p>DNSKEY の Flags のビット 8（値 128）です。立てた鍵は、その鍵自身で DNSKEY RRset に署名して公開し、トラストアンカーから外されます。</p>",
                "RFC 5011 §3",
            ),
            "en": (
                "REVOKE bit",
                "",
                "<p>Bit 8 (value 128) of the DNSKEY Flags. A key with it set signs the DNSKEY RRset itself and is then removed from trust anchors.</p>",
                "RFC 5011 §3",
            ),
        },
    ),
]

# The adoption decision guide: (role, the publications to read next, by slug), in the order of the guide's index.
# The pages' texts are in role_guides_ja and role_guides_en, by role.
ROLE_GUIDES = [
    ("registrant", ["dnssec-overview", "zone-signing-guide", "registrar-transfer-guideline"]),
    ("zone-operator", ["zone-signing-guide", "ds-registration-interfaces", "registrar-transfer-guideline"]),
    ("registrar", ["ds-registration-interfaces", "registrar-transfer-guideline", "zone-signing-guide"]),
    ("resolver-operator", ["trust-anchor-guide", "dnssec-overview"]),
    (
        "enterprise",
        ["issues-on-adopting-dnssec", "zone-signing-guide", "trust-anchor-guide", "registrar-transfer-guideline"],
    ),
]
ROLE_GUIDE_TEXTS = {"ja": role_guides_ja.ROLES, "en": role_guides_en.ROLES}

VERIFICATIONS = equipment_verifications.VERIFICATIONS
