"""フルリゾルバーへのトラストアンカー設定ガイド（日本語、原文）。

Blocks: ("h2"|"h3", text), ("text", html), ("code", language, caption, code),
("note"|"warning"|"review", html), ("table", caption, header, rows), ("findings", ids).
"""

TITLE = "フルリゾルバーへのトラストアンカー設定ガイド"
SLUG = "trust-anchor-guide"
SUMMARY = (
    "DNSSEC の検証を行うフルリゾルバーに、ルートゾーンのトラストアンカーを安全に設定し、"
    "RFC 5011 の自動更新で鍵署名鍵（KSK）のロールオーバーに追従させるための BCP です。"
    "Unbound、BIND、Knot Resolver の設定例、動作の確かめ方、2026 年 10 月に KSK-2024 へ切り替わったルート KSK の現状、"
    "2017〜2018 年のルート KSK ロールオーバーから得られた教訓をまとめています。"
)

BODY = [
    ("h2", "このガイドの目的"),
    (
        "text",
        "<p>フルリゾルバーで DNSSEC の検証を有効にすると、応答の正しさはトラストアンカーを起点とした信頼の連鎖によって確かめられます。"
        "トラストアンカーが古い、壊れている、更新できない、といった状態のフルリゾルバーは、正しく署名されたゾーンまで検証に失敗させ、"
        "利用者から見ると「インターネットにつながらない」障害になります。</p>"
        "<p>このガイドは、ISP や企業でフルリゾルバーを運用する方を対象に、ルートゾーンのトラストアンカーを正しく導入し、"
        "その後の鍵の交換に自動で追従させる方法を説明します。結論を先に書くと、次の三つです。</p>"
        "<ol><li>トラストアンカーはソフトウェアに同梱されたものか、IANA が公開するものを検証して使い、文書やウェブページからの手入力は避けます。</li>"
        "<li>RFC 5011 の自動更新を有効にし、フルリゾルバーがトラストアンカーの状態ファイルに書き込めるようにします。</li>"
        "<li>時刻を NTP で合わせ、自動更新の状態を監視します。</li></ol>",
    ),
    ("h2", "トラストアンカーとは"),
    (
        "text",
        "<p>DNSSEC では、各ゾーンが自身の公開鍵を DNSKEY レコードで公開し、親ゾーンが子ゾーンの鍵署名鍵のハッシュ値を DS レコードとして登録・署名します"
        "（RFC 4033 §2、RFC 4034 §5）。この親子の連鎖をルートゾーンまでたどると、最後に「信頼する根拠」が必要になります。"
        "それがトラストアンカーで、通常はルートゾーンの鍵署名鍵の DNSKEY、またはその DS をフルリゾルバーに設定します。</p>"
        "<p>鍵署名鍵（KSK）は DNSKEY RRset に署名する鍵で、DNSKEY の Flags フィールドに SEP ビットが立った 257 の値を持ちます"
        "（RFC 4034 §2.1.1）。ゾーン署名鍵（ZSK）はゾーン内のその他のデータに署名する鍵で、Flags は 256 です。"
        "トラストアンカーとして設定するのはルートゾーンの鍵署名鍵です。</p>",
    ),
    (
        "table",
        "現在のルートゾーンのトラストアンカー（2026 年 12 月時点）",
        ["名前", "鍵タグ", "アルゴリズム", "ダイジェスト（SHA-256）", "状態"],
        [
            [
                "KSK-2024",
                "38696",
                "8（RSASHA256）",
                "683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16",
                "2025 年 1 月 11 日から公開、2026 年 10 月 11 日から DNSKEY RRset に署名",
            ],
            [
                "KSK-2017",
                "20326",
                "8（RSASHA256）",
                "E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
                "公開中（署名には使われていない）。2027 年に失効の予定",
            ],
        ],
    ),
    (
        "text",
        "<p>ルートゾーンの鍵署名鍵は、2026 年 10 月 11 日に KSK-2017 から KSK-2024 に切り替わりました（ICANN の計画による）。"
        "KSK-2024 は 2025 年 1 月 11 日からルートゾーンの DNSKEY RRset に公開されているため、RFC 5011 の自動更新が働いているフルリゾルバーは、"
        "追加ホールドダウン時間ののちに KSK-2024 をトラストアンカーとしてすでに受け入れています。"
        "KSK-2017 は失効（REVOKE ビットの設定）と削除までしばらく DNSKEY RRset に残ります。フルリゾルバーには、両方の鍵がトラストアンカーとして設定されている状態が正常です。"
        "Debian の <code>dns-root-data</code> の <code>/usr/share/dns/root.ds</code> にも、この二つの DS が入っています（Debian 12 の 2024071801~deb12u1 版で確認）。</p>",
    ),
    (
        "text",
        "<p>アルゴリズム 8（RSASHA256）は、検証側が実装しなければならない（MUST）アルゴリズムです。"
        "DS のダイジェスト種別 2（SHA-256）も、作成・検証の両方で MUST です（RFC 8624 §3.1、§3.3。RFC 9904 はこれらの推奨度を IANA のレジストリに移しましたが、推奨度そのものは変えていません）。</p>",
    ),
    (
        "review",
        "<p>KSK-2017 の失効（REVOKE ビットを立てた公開）は 2027 年の予定ですが、正確な日付と、その後ルートゾーンから削除される日付は、このガイドの作成環境からは確認できません。"
        "ICANN・IANA の公開情報で確認し、上の表と「ルート KSK ロールオーバーの主な日程」の表に日付を書き加えてください。</p>",
    ),
    (
        "warning",
        "<p>ダイジェストの値をこのページから手で写して設定しないでください。"
        "値は必ずソフトウェアの同梱ファイルか、IANA が HTTPS で公開している <code>root-anchors.xml</code> とその署名を検証して入手します"
        "（公開の形式は RFC 9718）。ここに載せた値は、入手した値の照合にだけ使ってください。</p>",
    ),
    ("h2", "入手と自動更新の考え方"),
    ("h3", "RFC 5011 による自動更新"),
    (
        "text",
        "<p>RFC 5011 は、フルリゾルバーがすでに信頼している鍵署名鍵を使って、新しい鍵署名鍵を安全に受け入れる手順を定めています。"
        "フルリゾルバーは DNSKEY RRset を定期的に問い合わせ（アクティブリフレッシュ）、すでに信頼している鍵で署名された RRset に新しい鍵署名鍵が現れると、"
        "それを「追加待ち」として記録します。新しい鍵が追加ホールドダウン時間のあいだ継続して見え続けたときに初めて、トラストアンカーとして採用します。</p>",
    ),
    (
        "table",
        "RFC 5011 のタイマー",
        ["項目", "値", "根拠"],
        [
            [
                "追加ホールドダウン時間",
                "30 日、または新しい鍵を最初に含んだ DNSKEY RRset の元の TTL のうち長い方",
                "RFC 5011 §2.4.1",
            ],
            ["削除ホールドダウン時間", "30 日", "RFC 5011 §2.4.2"],
            [
                "問い合わせの間隔",
                "MAX(1 時間, MIN(15 日, 元の TTL の 1/2, 署名の有効期限までの時間の 1/2))",
                "RFC 5011 §2.3",
            ],
        ],
    ),
    (
        "text",
        "<p>古い鍵署名鍵を取り下げるときは、鍵の Flags に REVOKE ビット（ビット 8、値 128）を立て、その鍵自身で DNSKEY RRset に署名して公開します"
        "（RFC 5011 §2.1、§3）。REVOKE ビットを立てると鍵タグも変わります。失効した鍵は、DNSKEY RRset への自己署名以外には使いません。</p>"
        "<p>自動更新が働くためには、フルリゾルバーが状態を書き込めるファイル（またはディレクトリ）が必要です。"
        "読み取り専用のファイルや、起動のたびに初期化されるコンテナのイメージにトラストアンカーを置くと、状態が保存されず、鍵の交換に追従できません。</p>",
    ),
    ("h3", "初期値の入手"),
    (
        "text",
        "<p>最初のトラストアンカー（初期値）は次のいずれかから入手します。</p>"
        "<ul><li>フルリゾルバーのソフトウェアに組み込まれた値（BIND の <code>dnssec-validation auto;</code>、Knot Resolver の組み込みの値）。"
        "古いバージョンに組み込まれた値は KSK-2017 だけのことがあります。KSK-2024 を含むバージョンか確かめてください（Debian 12 の BIND 9.18.49 の <code>bind.keys</code> には、KSK-2024 の <code>initial-ds</code> が含まれています）。</li>"
        "<li>OS のパッケージ（Debian・Ubuntu の <code>dns-root-data</code> など）。パッケージの署名によって改ざんを検出できます。</li>"
        "<li><code>unbound-anchor</code> のように、IANA の <code>root-anchors.xml</code> を取得して署名を検証するツール。</li></ul>"
        "<p>どの方法でも、初期値の入手後は RFC 5011 に任せ、手作業で書き換えないことが原則です。</p>",
    ),
    ("h2", "Unbound の設定"),
    (
        "text",
        "<p>Unbound では <code>auto-trust-anchor-file</code> を使います。このファイルは RFC 5011 の状態ファイルを兼ね、Unbound が書き換えます。"
        "静的な <code>trust-anchor-file</code> や <code>trust-anchor</code> でルートのトラストアンカーを設定すると自動更新されないため、ルートには使いません。</p>",
    ),
    (
        "code",
        "shell",
        "初期値の作成（unbound ユーザーで実行）",
        "$ sudo -u unbound unbound-anchor -a /var/lib/unbound/root.key\n$ ls -l /var/lib/unbound/root.key",
    ),
    (
        "code",
        "unbound.conf",
        "/etc/unbound/unbound.conf",
        "server:\n"
        "    # RFC 5011 で自動更新されるトラストアンカー（unbound が書き込めること）\n"
        '    auto-trust-anchor-file: "/var/lib/unbound/root.key"\n'
        "    # RFC 8145 の鍵タグ通知と RFC 8509 のルート鍵センチネル\n"
        "    trust-anchor-signaling: yes\n"
        "    root-key-sentinel: yes\n"
        "    # 検証に失敗した理由をログに残す\n"
        "    val-log-level: 2\n"
        "    # 追加ホールドダウン時間（秒）。既定値の 30 日を短くしない\n"
        "    add-holddown: 2592000\n"
        "    del-holddown: 2592000",
    ),
    (
        "note",
        "<p>Debian・Ubuntu のパッケージは <code>/etc/unbound/unbound.conf.d/root-auto-trust-anchor-file.conf</code> で同じ設定をすでに行い、"
        "起動前に <code>unbound-anchor</code> を実行します。設定を重複させないよう、既存のファイルを確認してください。</p>",
    ),
    (
        "code",
        "shell",
        "確認",
        "$ unbound-checkconf\n"
        "unbound-checkconf: no errors in /etc/unbound/unbound.conf\n"
        "$ sudo unbound-control reload\n"
        "$ grep -v '^;' /var/lib/unbound/root.key | head -3",
    ),
    ("h2", "BIND の設定"),
    (
        "text",
        "<p>BIND 9 では <code>dnssec-validation auto;</code> と書くと、BIND に組み込まれたルートの鍵署名鍵を初期値として使い、RFC 5011 で自動更新します。"
        "状態は <code>managed-keys-directory</code> の下のファイル（<code>managed-keys.bind</code>、ビューがあればビューごとの <code>.mkeys</code>）に保存されるため、"
        "このディレクトリは named が書き込めなければなりません。</p>",
    ),
    (
        "code",
        "named.conf",
        "/etc/bind/named.conf.options",
        "options {\n"
        '    directory "/var/cache/bind";\n'
        "    // RFC 5011 の状態ファイルを置くディレクトリ（named が書き込めること）\n"
        '    managed-keys-directory "/var/lib/bind";\n'
        "    recursion yes;\n"
        "    allow-recursion { 127.0.0.1; ::1; 192.0.2.0/24; };\n"
        "    // 組み込みのルート KSK を初期値に RFC 5011 で自動更新する\n"
        "    dnssec-validation auto;\n"
        "};",
    ),
    (
        "text",
        "<p>組み込みの値ではなく自分で初期値を与える場合は <code>trust-anchors</code> 文に <code>initial-key</code>（または <code>initial-ds</code>）で書きます。"
        "<code>initial-</code> で始まる種別は RFC 5011 で更新され、<code>static-key</code>・<code>static-ds</code> は更新されません。"
        "ルートには必ず <code>initial-</code> を使い、このときは <code>dnssec-validation yes;</code> とします。</p>",
    ),
    (
        "code",
        "named.conf",
        "trust-anchors で初期値を与える例",
        "trust-anchors {\n"
        "    // KSK-2024（2026 年 10 月 11 日から署名に使われている鍵）\n"
        '    . initial-ds 38696 8 2 "683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16";\n'
        "    // KSK-2017（失効するまで残す。失効後は RFC 5011 が外す）\n"
        '    . initial-ds 20326 8 2 "E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D";\n'
        "};\n"
        "options {\n"
        "    dnssec-validation yes;\n"
        "};",
    ),
    (
        "review",
        "<p>古い <code>managed-keys</code> 文と <code>trusted-keys</code> 文は <code>trust-anchors</code> に置き換えられました。"
        "これらが削除された BIND のバージョンと、<code>dnssec-validation</code> の既定値が <code>auto</code> になったバージョンは、"
        "お使いの BIND の ARM で確認してください。</p>",
    ),
    (
        "code",
        "shell",
        "自動更新の状態を確かめる",
        "$ sudo rndc managed-keys status        # 鍵タグ 38696 と 20326 が trusted であること\n"
        "$ sudo rndc managed-keys refresh\n"
        "$ dig @127.0.0.1 . DNSKEY +dnssec +multi | grep -E 'flags|key id'",
    ),
    ("h2", "Knot Resolver の設定"),
    (
        "text",
        "<p>Knot Resolver はルートのトラストアンカーを組み込みで持ち、既定で RFC 5011 による自動更新を行います。"
        "状態ファイルは kresd が書き込めるディレクトリに置きます。バージョン 5 系は Lua の <code>kresd.conf</code>、6 系は YAML の <code>config.yaml</code> で設定します。</p>",
    ),
    (
        "code",
        "kresd.conf",
        "/etc/knot-resolver/kresd.conf（5 系）",
        "-- RFC 5011 で更新するトラストアンカー。2 番目の引数 false は書き込み可を意味する\n"
        "trust_anchors.add_file('/var/lib/knot-resolver/root.keys', false)\n"
        "-- 追加ホールドダウン時間（既定値 30 日を短くしない）\n"
        "trust_anchors.hold_down_time = 30 * day",
    ),
    (
        "code",
        "knot.conf",
        "/etc/knot-resolver/config.yaml（6 系）",
        "dnssec:\n"
        "  trust-anchor-sentinel: true\n"
        "  trust-anchor-signal-query: true\n"
        "  hold-down-time: 30d\n"
        "  trust-anchors-files:\n"
        "    - file: /var/lib/knot-resolver/root.keys\n"
        "      read-only: false",
    ),
    (
        "review",
        "<p>Knot Resolver 6 系の設定項目名は、お使いのバージョンのドキュメントで確認してください（作成時に照合できていません）。</p>",
    ),
    ("h2", "動作の確かめ方"),
    (
        "text",
        "<p>設定を反映したら、署名されたゾーンで AD ビットが立つこと、署名が壊れたゾーンで SERVFAIL になること、そしてトラストアンカーの状態が保存されていることを確かめます。"
        "DNSSEC の署名には有効期間があるため、フルリゾルバーの時刻がずれていると検証に失敗します（RFC 4035 §5.3.1）。NTP で時刻を合わせてください。</p>",
    ),
    (
        "code",
        "shell",
        "AD ビットと検証失敗の確認",
        "$ dig @127.0.0.1 jprs.jp SOA +dnssec | grep flags\n"
        ";; flags: qr rd ra ad; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1\n"
        "$ dig @127.0.0.1 . DNSKEY +cd +multi | grep -c 'key id'",
    ),
    (
        "text",
        "<p>このポータルのチェッカーは、設定したトラストアンカーが使えない場合や、失効した鍵が誤って使われている場合を次の検出項目として報告します。</p>",
    ),
    ("findings", ["trust_anchor_unusable", "trust_anchor_not_signing", "revoked_key_misuse", "ds_to_revoked_key"]),
    ("h2", "ルート KSK ロールオーバーの経緯と教訓"),
    ("h3", "2024〜2027 年: KSK-2017 から KSK-2024 へ"),
    (
        "text",
        "<p>ICANN は 2 回目のルート KSK ロールオーバーとして KSK-2024（鍵タグ 38696、アルゴリズム 8）を用意し、2025 年 1 月 11 日にルートゾーンの DNSKEY RRset に公開しました。"
        "RFC 5011 に従うフルリゾルバーは、その後の追加ホールドダウン時間（30 日）を経て KSK-2024 をトラストアンカーとして受け入れています。"
        "ICANN の計画どおり、2026 年 10 月 11 日からはルートゾーンの DNSKEY RRset に KSK-2024 が署名しています。"
        "KSK-2017 は、2027 年に予定されている失効（REVOKE ビットを立てた公開）まで DNSKEY RRset に残ります。</p>"
        "<p>2026 年 10 月 11 日以降、KSK-2024 をトラストアンカーとして持たないフルリゾルバーは、ルートゾーンの DNSKEY RRset を検証できず、すべての名前解決で SERVFAIL を返します。"
        "長く止めていた機器や、古いイメージから作り直した機器、ルートの鍵を静的に設定した機器では、次のように KSK-2024（鍵タグ 38696）を信頼しているかを確かめてください。</p>",
    ),
    (
        "code",
        "shell",
        "KSK-2024 を信頼しているかを確かめる",
        "# Unbound: 状態ファイルに 38696 の鍵があり、VALID になっていること\n"
        "$ sudo grep -E '38696|20326' /var/lib/unbound/root.key\n"
        "# BIND: 38696 が trusted であること\n"
        "$ sudo rndc managed-keys status | grep -A4 38696\n"
        "# Debian の dns-root-data に含まれる DS\n"
        "$ cat /usr/share/dns/root.ds\n"
        ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n"
        ". IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16",
    ),
    ("h3", "2017〜2018 年: KSK-2010 から KSK-2017 へ"),
    (
        "text",
        "<p>ルートゾーンの最初の鍵署名鍵 KSK-2010（鍵タグ 19036）は、2010 年 7 月のルートゾーン署名開始から使われてきました。"
        "ICANN は後継の KSK-2017（鍵タグ 20326）を生成し、2017 年 7 月にルートゾーンの DNSKEY RRset に公開しました。"
        "RFC 5011 に従うフルリゾルバーは、追加ホールドダウン時間ののちに KSK-2017 をトラストアンカーとして受け入れます。</p>"
        "<p>切り替えは当初 2017 年 10 月 11 日の予定でしたが、RFC 8145 の鍵タグ通知（フルリゾルバーが信頼している鍵タグをルートサーバーに知らせる仕組み）のデータから、"
        "KSK-2017 を信頼していないフルリゾルバーが無視できない割合で残っていることがわかり、ICANN は 2017 年 9 月に延期を決めました。"
        "その後の調査と周知を経て、切り替えは 2018 年 10 月 11 日に実施されました。"
        "KSK-2010 は 2019 年 1 月に REVOKE ビットを立てて公開され、2019 年 3 月にルートゾーンから削除されました。</p>",
    ),
    (
        "table",
        "ルート KSK ロールオーバーの主な日程",
        ["時期", "出来事"],
        [
            ["2010 年 7 月", "ルートゾーンの署名開始、KSK-2010 の使用開始"],
            ["2017 年 7 月", "KSK-2017 をルートゾーンに公開"],
            ["2017 年 9 月", "鍵タグ通知のデータを受け、切り替えの延期を決定"],
            ["2018 年 10 月 11 日", "KSK-2017 による署名に切り替え"],
            ["2019 年 1 月", "KSK-2010 を失効（REVOKE ビットを設定）"],
            ["2019 年 3 月", "KSK-2010 をルートゾーンから削除"],
            ["2025 年 1 月 11 日", "KSK-2024 をルートゾーンに公開"],
            ["2026 年 10 月 11 日", "KSK-2024 による署名に切り替え（ICANN の計画）"],
            ["2027 年（予定、日付は要確認）", "KSK-2017 を失効（REVOKE ビットを設定）"],
        ],
    ),
    (
        "review",
        "<p>延期の判断に使われた鍵タグ通知のデータで KSK-2010 しか信頼していなかったフルリゾルバーの割合、および切り替え当日に報告された障害の件数は、"
        "ICANN と研究者の公開報告から引用して追記してください（作成環境では照合できません）。</p>",
    ),
    ("h3", "教訓"),
    (
        "text",
        "<ul>"
        "<li><strong>状態ファイルが書き込めない。</strong> RFC 5011 を有効にしていても、状態ファイルが読み取り専用だったり、コンテナや仮想マシンのイメージから毎回初期化されたりして、"
        "新しい鍵を受け入れられない例がありました。状態ファイルは永続する領域に置き、フルリゾルバーのユーザーが書き込めるようにします。</li>"
        "<li><strong>長期間停止していた機器。</strong> 追加ホールドダウン時間を満たさないまま停止していた機器や、古いイメージから復元した機器は、新しい鍵を知りません。"
        "新しい鍵が公開されてからの期間よりも長く止まっていた機器は、起動前に初期値を入れ直します。</li>"
        "<li><strong>手で固定したトラストアンカー。</strong> 静的な設定（<code>trust-anchor-file</code>、<code>static-key</code> など）でルートの鍵を固定していた環境は、切り替えで一斉に検証に失敗します。</li>"
        "<li><strong>見えるようにする。</strong> RFC 8145 の鍵タグ通知と RFC 8509 のルート鍵センチネルを有効にしておくと、ルートの運用者や研究者が世界のフルリゾルバーの状態を測れます。"
        "自組織でも、トラストアンカーの鍵タグを監視項目に加えます。</li>"
        "<li><strong>大きくなる応答。</strong> 切り替えや失効の期間は DNSKEY RRset に鍵と署名が増え、応答が大きくなります。"
        "TCP の 53 番ポートや、大きな UDP 応答とフラグメントを落とすファイアウォールがないか確かめておきます。</li>"
        "</ul>",
    ),
    ("h2", "運用チェックリスト"),
    (
        "table",
        "フルリゾルバーのトラストアンカー運用チェックリスト",
        ["項目", "確かめること"],
        [
            ["初期値", "同梱の値、OS パッケージ、または署名を検証した root-anchors.xml から入手している"],
            ["自動更新", "RFC 5011 が有効で、状態ファイルにフルリゾルバーが書き込める"],
            ["永続性", "状態ファイルが再起動やイメージの再作成で消えない"],
            ["時刻", "NTP で時刻が合っている"],
            ["監視", "トラストアンカーの鍵タグと検証失敗の件数を監視している"],
            ["通信", "TCP 53 番と大きな UDP 応答が通る"],
        ],
    ),
    ("h2", "参考文献"),
    (
        "text",
        "<ul><li>RFC 4033、RFC 4034、RFC 4035: DNSSEC の仕組み</li>"
        "<li>RFC 5011: DNSSEC トラストアンカーの自動更新</li>"
        "<li>RFC 8145: DNSSEC 鍵タグ通知</li>"
        "<li>RFC 8509: ルート鍵センチネル</li>"
        "<li>RFC 8624、RFC 9904: DNSSEC のアルゴリズムの実装要件</li>"
        "<li>RFC 9718: ルートゾーンのトラストアンカーの公開</li></ul>",
    ),
]
