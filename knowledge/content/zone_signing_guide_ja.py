"""権威DNSサーバーでのゾーン署名ガイド（日本語、原文）。

Blocks: ("h2"|"h3", text), ("text", html), ("code", language, caption, code),
("note"|"warning"|"review", html), ("table", caption, header, rows), ("findings", ids).

Checked against BIND 9.18.49 (named-checkconf, named, rndc), Knot DNS 3.2.6 (knotc conf-check, knotd,
keymgr) and PowerDNS Authoritative 4.7.3 (pdnsutil, pdns_server) from Debian 12, run on loopback, and against
the texts of RFC 6781, RFC 7344, RFC 7583, RFC 8078, RFC 9276, RFC 9615, RFC 9904 and RFC 9905.
"""

TITLE = "権威DNSサーバーでのゾーン署名ガイド"
SLUG = "zone-signing-guide"
SUMMARY = (
    "権威DNSサーバーを運用する方が、自分のゾーンに DNSSEC の署名を始め、鍵を安全に交換し、必要になれば安全に署名をやめるためのガイドラインです。"
    "BIND 9.18 以降の dnssec-policy、Knot DNS の自動署名、PowerDNS の pdnsutil による設定例、鍵のロールオーバー、CDS/CDNSKEY による DS の更新、"
    "RFC 9276 に沿った NSEC と NSEC3 の選び方、監視の方法を、各手順のあとにこのポータルのチェッカーで何が見えるべきかとあわせて説明します。"
)

BODY = [
    ("h2", "このガイドの目的"),
    (
        "text",
        "<p>DNSSEC の署名は、始めること自体はむずかしくありません。いまの権威DNSサーバーのソフトウェアは、鍵の生成、署名、署名の更新、鍵の交換までを自動で行います。"
        "障害の多くは、その前後の手順で起きます。親ゾーンに DS を登録する時期、鍵を交換するときの待ち時間、署名をやめるときの順序を誤ると、"
        "検証を行うフルリゾルバーはゾーンの応答を捨て、利用者からはドメイン名が「引けない」状態になります。</p>"
        "<p>このガイドは、自社のゾーンや顧客のゾーンを権威DNSサーバーで運用する方を対象に、署名の開始から鍵の交換、監視、署名の停止までを順に説明します。"
        "各手順のあとに、このポータルのチェッカー（ドメイン名を入力すると DNSSEC の状態を判定するページ）で何が見えるべきかを、判定と検出項目の ID で示します。"
        "結論を先に書くと、次の六つです。</p>"
        "<ol><li>鍵の管理はソフトウェアの自動管理（BIND の <code>dnssec-policy</code>、Knot DNS の <code>policy</code>、PowerDNS の <code>pdnsutil</code>）に任せ、手作業の署名はしません。</li>"
        "<li>アルゴリズムは ECDSA P-256（13）を使い、DS のダイジェストは SHA-256（2）にします。SHA-1 を使うアルゴリズム（5、7）では署名しません。</li>"
        "<li>不在証明は NSEC を基本とし、NSEC3 を使うなら反復回数 0、ソルトなしにします。オプトアウトは委任の多い大きなゾーンに限ります。</li>"
        "<li>DS は、すべての権威DNSサーバーが署名済みのゾーンを返し、チェッカーの検出項目が <code>signed_without_ds</code>（署名されているが親ゾーンに DS がない）だけになってから登録します。</li>"
        "<li>署名の有効期限、鍵の状態、親ゾーンの DS を監視します。</li>"
        "<li>署名をやめるときは、先に親ゾーンの DS を外し、その TTL が切れてから署名を止めます。順序を逆にしてはいけません。</li></ol>",
    ),
    (
        "note",
        "<p>このガイドの設定例とコマンドの出力は、Debian 12 の BIND 9.18.49、Knot DNS 3.2.6、PowerDNS Authoritative Server 4.7.3 を"
        "実際に動かして確かめたものです。ほかのバージョンでは、設定項目の名前や既定値が違うことがあります。</p>",
    ),
    ("h2", "始める前に"),
    (
        "text",
        "<p>署名を始める前に、次の点を確かめます。どれも署名そのものより前に直しておくべきもので、署名したあとに見つかると原因の切り分けが難しくなります。</p>"
        "<ul>"
        "<li><strong>時刻。</strong> 署名には有効期間（開始と終了の時刻）があります。署名する側の時刻がずれていると、まだ有効でない署名や、すでに切れた署名を配ることになります。"
        "署名を行うサーバーは NTP で時刻を合わせます。</li>"
        "<li><strong>すべての権威DNSサーバー。</strong> プライマリーで署名したゾーンは、ゾーン転送でセカンダリーに届きます。セカンダリーを別の事業者に任せている場合は、"
        "署名済みのゾーン（RRSIG、NSEC または NSEC3、DNSKEY を含む）をそのまま転送して配れるか、事前に確認します。一部のサーバーだけが署名のない応答を返すと、検証は失敗します。</li>"
        "<li><strong>大きな応答と TCP。</strong> 署名を含む応答は大きくなります。EDNS の UDP ペイロードは 1232 バイトを目安にし、TCP の 53 番ポートがファイアウォールやロードバランサーで止められていないことを確かめます。</li>"
        "<li><strong>TTL の棚卸し。</strong> 鍵の交換で待つ時間は、ゾーンの中でいちばん長い TTL と DNSKEY の TTL で決まります。極端に長い TTL があれば、署名の前に見直します。</li>"
        "<li><strong>親ゾーンへの登録の手段。</strong> DS をどこから、どの形式（DS そのもの、または DNSKEY）で登録するかを、レジストラや親ゾーンの管理者に確認します。"
        "CDS/CDNSKEY を読み取って DS を更新してくれる親ゾーンかどうかも、ここで確かめておきます。</li>"
        "</ul>",
    ),
    (
        "text",
        "<p><strong>チェッカーでの確認（署名前）。</strong> 判定は「署名なし（insecure）」で、検出項目 <code>zone_unsigned</code>（情報）が出ます。"
        "このとき、権威DNSサーバーに関する問題（応答しないサーバー、TCP で応答しない、EDNS を正しく扱わない、大きな応答が届かないなど）が出ていれば、署名の前に直します。</p>",
    ),
    (
        "findings",
        ["zone_unsigned", "tcp_unresponsive", "edns_broken", "pmtu_fragmentation", "soa_serial_mismatch"],
    ),
    ("h2", "アルゴリズムと鍵の構成"),
    (
        "text",
        "<p>新しく署名するゾーンでは、ECDSA P-256 と SHA-256 の組み合わせ（アルゴリズム 13、ECDSAP256SHA256）を使います。"
        "鍵と署名が短く応答が小さく収まること、主要な権威DNSサーバーとフルリゾルバーがすべて対応していることが理由です。"
        "RSA と SHA-256 の組み合わせ（アルゴリズム 8、RSASHA256）も広く検証できますが、応答が大きくなります。</p>"
        "<p>SHA-1 を使うアルゴリズム 5（RSASHA1）と 7（RSASHA1-NSEC3-SHA1）は、RFC 9905 により DNSKEY と RRSIG の作成に使うことが廃止されました。"
        "これらで署名しているゾーンは、アルゴリズムのロールオーバーで 13 に移ります。アルゴリズム 10（RSASHA512）も推奨されません。"
        "各アルゴリズムの実装と利用の推奨度は、RFC 9904 によって RFC 8624 の表から IANA のレジストリに移されました（RFC 9904 自体は推奨度を変えていません）。</p>",
    ),
    (
        "table",
        "署名に使うアルゴリズムと DS のダイジェスト",
        ["種類", "番号と名前", "このガイドの扱い"],
        [
            ["署名", "13 ECDSAP256SHA256", "推奨。新しいゾーンはこれを使う"],
            ["署名", "8 RSASHA256", "使える。応答が大きくなる"],
            ["署名", "15 ED25519", "使える。古いフルリゾルバーの対応を確かめてから"],
            ["署名", "10 RSASHA512", "推奨されない"],
            ["署名", "5 RSASHA1、7 RSASHA1-NSEC3-SHA1", "署名に使わない（RFC 9905）"],
            ["DS のダイジェスト", "2 SHA-256", "推奨"],
            ["DS のダイジェスト", "1 SHA-1", "新しく登録しない"],
        ],
    ),
    (
        "review",
        "<p>RFC 9904・RFC 9905 の本文と、IANA の DNSSEC アルゴリズムのレジストリにある現在の推奨度（署名と検証の列）を照合してください。"
        "このガイドの作成環境では、RFC 9904 の要旨（推奨度の正本を IANA のレジストリに移し、推奨度自体は変えない）と、"
        "RFC 9905 の要旨（アルゴリズム 5 と 7 を DNSKEY と RRSIG の作成に使うことを廃止し、RFC 4034 と RFC 5155 を更新する）までしか確認できていません。"
        "アルゴリズム 15 の扱い、および検証側がアルゴリズム 5・7 をどう扱うべきかの記述は、レジストリの表で確かめて上の表に反映してください。</p>",
    ),
    (
        "text",
        "<p>鍵の構成には二つの方式があります。鍵署名鍵（KSK）とゾーン署名鍵（ZSK）を分ける方式では、親ゾーンに DS を登録するのは KSK だけで、"
        "ZSK は親ゾーンとやり取りせずに交換できます。一つの鍵で両方を兼ねる CSK（Combined Signing Key）方式は、鍵が一つで済み応答も小さくなりますが、"
        "鍵を交換するたびに DS の更新が必要です。CDS/CDNSKEY で DS を自動更新できる親ゾーンなら CSK も選べます。手作業で DS を登録する場合は、"
        "KSK の交換を少なくするため、KSK と ZSK を分け、KSK の寿命を長く（または無期限に）します。</p>"
        "<p><strong>チェッカーでの確認。</strong> アルゴリズム 13 や 8 で署名していれば、アルゴリズムについての検出項目は出ません。"
        "5 または 7 で署名していると <code>dnskey_alg_sha1</code>（エラー）、10 では <code>dnskey_alg_not_recommended</code>（警告）、"
        "SHA-1 の DS だけを登録していると <code>ds_digest_deprecated</code> と <code>ds_sha256_missing</code> が出ます。</p>",
    ),
    ("findings", ["dnskey_alg_sha1", "dnskey_alg_not_recommended", "ds_digest_deprecated", "ds_sha256_missing"]),
    ("h2", "BIND 9.18 以降: dnssec-policy による署名"),
    (
        "text",
        "<p>BIND 9.16 で導入された <code>dnssec-policy</code> は、鍵の生成、署名、署名の更新、鍵のロールオーバーを BIND 自身が行う仕組みです。"
        "以前の <code>auto-dnssec</code> は 9.18 で非推奨になっており、新しく設定するなら <code>dnssec-policy</code> を使います。"
        "組み込みのポリシー <code>default</code> は、アルゴリズム 13 の CSK を一つ、無期限で使い、不在証明に NSEC を使います。"
        "次の例は KSK と ZSK を分け、ZSK を 90 日ごとに交換し、NSEC3 を RFC 9276 の推奨値で使うポリシーです。</p>",
    ),
    (
        "code",
        "named.conf",
        "/etc/bind/named.conf（BIND 9.18）",
        'dnssec-policy "jp-standard" {\n'
        "    keys {\n"
        "        // KSK は無期限（DS の手作業の更新を減らす）、ZSK は 90 日で交換\n"
        "        ksk lifetime unlimited algorithm ecdsap256sha256;\n"
        "        zsk lifetime P90D algorithm ecdsap256sha256;\n"
        "    };\n"
        "    dnskey-ttl PT1H;\n"
        "    max-zone-ttl P1D;              // ゾーンの最大 TTL（鍵の交換の待ち時間に使う）\n"
        "    signatures-validity P14D;\n"
        "    signatures-validity-dnskey P14D;\n"
        "    signatures-refresh P5D;        // 期限の 5 日前に署名を更新\n"
        "    zone-propagation-delay PT5M;   // セカンダリーに届くまでの時間\n"
        "    parent-ds-ttl P1D;             // 親ゾーンの DS の TTL（要確認の値に合わせる）\n"
        "    parent-propagation-delay PT1H;\n"
        "    nsec3param iterations 0 optout no salt-length 0;\n"
        "};\n"
        "\n"
        'zone "example.jp" {\n'
        "    type primary;\n"
        '    file "/var/lib/bind/example.jp.zone";\n'
        '    dnssec-policy "jp-standard";\n'
        "    inline-signing yes;            // 9.18 では明示が必要\n"
        '    key-directory "/var/lib/bind/keys";\n'
        "};",
    ),
    (
        "text",
        "<p><code>inline-signing yes;</code> を指定すると、BIND は元のゾーンファイルを書き換えず、署名済みのゾーンを別に持ちます（ファイル名に <code>.signed</code> が付きます）。"
        "BIND 9.18 では、動的更新（<code>allow-update</code> または <code>update-policy</code>）を使わないゾーンに <code>dnssec-policy</code> を設定するとき、"
        "<code>inline-signing yes;</code> を明示しないと <code>named-checkconf</code> がエラーにします。"
        "鍵のファイル（<code>.key</code>、<code>.private</code>、鍵の状態を記録する <code>.state</code>）は <code>key-directory</code> に作られるので、"
        "named が書き込めるようにし、バックアップの対象に含めます。</p>",
    ),
    (
        "review",
        "<p>BIND 9.20 では <code>inline-signing</code> を <code>dnssec-policy</code> の中で指定でき、既定値も変わったとされています。"
        "9.20 以降の ARM で確認し、9.20 向けの設定例を追記してください（作成環境の BIND は 9.18.49 で、9.18 の動作だけを確かめています）。</p>",
    ),
    (
        "code",
        "shell",
        "設定の確認と鍵の状態（BIND 9.18.49 での出力の例）",
        "$ sudo named-checkconf /etc/bind/named.conf\n"
        "$ sudo rndc reconfig\n"
        "$ sudo rndc dnssec -status example.jp\n"
        "dnssec-policy: jp-standard\n"
        "current time:  Thu Dec  3 08:14:31 2026\n"
        "\n"
        "key: 18976 (ECDSAP256SHA256), ZSK\n"
        "  published:      yes - since Thu Dec  3 08:14:16 2026\n"
        "  zone signing:   yes - since Thu Dec  3 08:14:16 2026\n"
        "\n"
        "  Next rollover scheduled on Wed Mar  3 06:09:16 2027\n"
        "  - goal:           omnipresent\n"
        "  - dnskey:         rumoured\n"
        "  - zone rrsig:     rumoured\n"
        "\n"
        "key: 14472 (ECDSAP256SHA256), KSK\n"
        "  published:      yes - since Thu Dec  3 08:14:16 2026\n"
        "  key signing:    yes - since Thu Dec  3 08:14:16 2026\n"
        "\n"
        "  No rollover scheduled\n"
        "  - goal:           omnipresent\n"
        "  - dnskey:         rumoured\n"
        "  - ds:             hidden\n"
        "  - key rrsig:      rumoured",
    ),
    (
        "text",
        "<p>鍵の状態は <code>hidden</code>（まだ見えていない）、<code>rumoured</code>（公開したがキャッシュにはまだ行き渡っていない）、"
        "<code>omnipresent</code>（どのキャッシュにも行き渡った）、<code>unretentive</code>（取り下げ中）と進みます。"
        "KSK の <code>ds</code> が <code>hidden</code> のあいだは、まだ親ゾーンに DS を登録する段階ではありません。"
        "DNSKEY が <code>omnipresent</code> になると、BIND は CDS と CDNSKEY をゾーンに公開します。</p>"
        "<p><strong>チェッカーでの確認（署名直後、DS 登録前）。</strong> 判定は「署名なし（insecure）」のままで、検出項目 <code>signed_without_ds</code>（警告）が出ます。"
        "これは「署名は正しく配られているが、親ゾーンに DS がない」という、この段階で期待どおりの状態です。"
        "<code>signed_state_inconsistent</code> や <code>dnskey_rrset_differs</code> が出る場合は、署名済みのゾーンを配っていないサーバーがあります。DS を登録する前に直します。</p>",
    ),
    ("findings", ["signed_without_ds", "signed_state_inconsistent", "dnskey_rrset_differs", "rrsig_missing"]),
    ("h2", "Knot DNS: policy による自動署名"),
    (
        "text",
        "<p>Knot DNS では、ゾーンに <code>dnssec-signing: on</code> を設定すると自動署名が有効になり、<code>policy</code> セクションで鍵と署名の方針を決めます。"
        "ポリシーを指定しない場合の既定値は、アルゴリズム 13、KSK と ZSK を分け、ZSK を 30 日で交換、NSEC を使う設定です。"
        "次の例は BIND の例と同じ方針で、KSK の交換時に親ゾーンの DS を確かめる <code>submission</code> を組み合わせています。</p>",
    ),
    (
        "code",
        "knot.conf",
        "/etc/knot/knot.conf（Knot DNS 3.2）",
        "remote:\n"
        "  - id: validating-resolver\n"
        "    address: 192.0.2.53@53        # DS の有無を確かめるフルリゾルバー\n"
        "\n"
        "submission:\n"
        "  - id: jp-parent\n"
        "    parent: validating-resolver\n"
        "    check-interval: 1h\n"
        "    parent-delay: 1d               # DS を確認してから待つ時間（親の DS の TTL）\n"
        "\n"
        "policy:\n"
        "  - id: jp-standard\n"
        "    algorithm: ecdsap256sha256\n"
        "    ksk-lifetime: 0                # 0 は無期限\n"
        "    zsk-lifetime: 90d\n"
        "    dnskey-ttl: 1h\n"
        "    zone-max-ttl: 1d\n"
        "    propagation-delay: 1h\n"
        "    rrsig-lifetime: 14d\n"
        "    rrsig-refresh: 7d\n"
        "    nsec3: on\n"
        "    nsec3-iterations: 0\n"
        "    nsec3-salt-length: 0           # 3.2 の既定値は 8。RFC 9276 に合わせて 0 にする\n"
        "    nsec3-opt-out: off\n"
        "    ksk-submission: jp-parent\n"
        "    cds-cdnskey-publish: always\n"
        "    cds-digest-type: sha256\n"
        "\n"
        "zone:\n"
        "  - domain: example.jp\n"
        "    file: example.jp.zone\n"
        "    zonefile-sync: -1              # 元のゾーンファイルを書き換えない\n"
        "    zonefile-load: difference-no-serial\n"
        "    journal-content: all           # 署名済みのゾーンはジャーナルに持つ\n"
        "    dnssec-signing: on\n"
        "    dnssec-policy: jp-standard",
    ),
    (
        "text",
        "<p>Knot DNS 3.2 では <code>nsec3-salt-length</code> の既定値が 8 オクテットです。RFC 9276 に従いソルトを使わないため、0 を明示します。"
        "<code>zonefile-sync: -1</code> と <code>zonefile-load: difference-no-serial</code>、<code>journal-content: all</code> の組み合わせは、"
        "運用者が編集する元のゾーンファイルを Knot に書き換えさせず、署名済みのゾーンをジャーナルに保持するための設定です。"
        "鍵は KASP データベース（既定では <code>storage</code> の下の <code>keys</code>）に保存されるので、バックアップの対象に含めます。</p>",
    ),
    (
        "code",
        "shell",
        "設定の確認と鍵の状態（Knot DNS 3.2.6 での出力の例）",
        "$ sudo knotc conf-check\n"
        "Configuration is valid\n"
        "$ sudo knotc reload\n"
        "$ sudo keymgr example.jp list\n"
        "9de11d778cfddacdb0635c51974a8691ae4fbcef 44151 ZSK ECDSAP256SHA256 publish=1796285698 active=1796285698\n"
        "e0d50048fcd4cebf07d61eed66aa012f4c914580 22907 KSK ECDSAP256SHA256 publish=1796285698 ready=1796285698\n"
        "$ sudo knotc zone-status example.jp\n"
        "[example.jp.] role: master | serial: 2026120302 | re-sign: +6D23h59m55s | DS-check: +59m55s\n"
        "$ kdig @127.0.0.1 example.jp NSEC3PARAM +short\n"
        "1 0 0 -",
    ),
    (
        "text",
        "<p>KSK が <code>ready</code> の状態は、DS の登録を待っていることを表します。ログには「KSK submission, waiting for confirmation」と出ます。"
        "<code>submission</code> の <code>parent</code> に指定したサーバーで DS が見えると、Knot は <code>parent-delay</code> だけ待って KSK を <code>active</code> にします。"
        "DS の有無を自動で確かめない場合は、登録を確認したあとに <code>knotc zone-ksk-submitted example.jp</code> で Knot に伝えます。</p>"
        "<p><strong>チェッカーでの確認。</strong> BIND と同じく、DS の登録前は「署名なし（insecure）」と <code>signed_without_ds</code>（警告）です。"
        "CDS/CDNSKEY を公開しているので、CDS と CDNSKEY が食い違っていないこと（<code>cds_cdnskey_mismatch</code> が出ないこと）もここで確かめます。</p>",
    ),
    ("findings", ["signed_without_ds", "cds_cdnskey_mismatch", "nsec3_salt_nonempty"]),
    ("h2", "PowerDNS Authoritative Server: pdnsutil による署名"),
    (
        "text",
        "<p>PowerDNS Authoritative Server では、データベースなどのバックエンドに置いたゾーンを、応答のたびに署名します（署名はキャッシュされます）。"
        "<code>pdnsutil secure-zone</code> で鍵を作ると、4.7 ではアルゴリズム 13 の CSK が一つ作られ、不在証明は NSEC になります。"
        "NSEC3 を使う場合は <code>set-nsec3</code> でパラメータを設定し、<code>rectify-zone</code> で順序の情報を作り直します。</p>",
    ),
    (
        "code",
        "shell",
        "署名の開始と確認（PowerDNS 4.7.3 での出力の例）",
        "$ sudo pdnsutil secure-zone example.jp\n"
        "Adding CSK (257) with algorithm ecdsa256\n"
        "Zone example.jp secured\n"
        "$ sudo pdnsutil set-nsec3 example.jp '1 0 0 -'   # ハッシュ 1、フラグ 0（オプトアウトなし）、反復 0、ソルトなし\n"
        "$ sudo pdnsutil rectify-zone example.jp\n"
        "$ sudo pdnsutil set-publish-cds example.jp\n"
        "$ sudo pdnsutil set-publish-cdnskey example.jp\n"
        "$ sudo pdnsutil show-zone example.jp\n"
        "This is a Native zone\n"
        "Metadata items:\n"
        "\tNSEC3PARAM\t1 0 0 -\n"
        "\tPUBLISH-CDNSKEY\t1\n"
        "\tPUBLISH-CDS\t2\n"
        "Zone has hashed NSEC3 semantics, configuration: 1 0 0 -\n"
        "keys:\n"
        "ID = 1 (CSK), flags = 257, tag = 45713, algo = 13, bits = 256\t  Active\t Published  ( ECDSAP256SHA256 )\n"
        "$ sudo pdnsutil check-zone example.jp",
    ),
    (
        "text",
        "<p><code>show-zone</code> の出力の最後に、親ゾーンに登録する DS（SHA-256 と SHA-384）が表示されます。登録するのは SHA-256（ダイジェスト種別 2）の行です。"
        "PowerDNS は鍵の自動ロールオーバーを行わないため、鍵の交換は <code>add-zone-key</code>、<code>activate-zone-key</code>、"
        "<code>deactivate-zone-key</code>、<code>remove-zone-key</code> を使い、後述の待ち時間を守って手で進めます。"
        "セカンダリーが PowerDNS 以外の場合は、署名済みのゾーンが転送されることを確かめます。</p>",
    ),
    (
        "note",
        "<p>PowerDNS 5.0 から、<code>pdnsutil</code> のサブコマンドは <code>pdnsutil zone show</code> のような「対象 動作」の形に改められました。"
        "このガイドの例は 4.7 の書き方です。お使いのバージョンの <code>pdnsutil --help</code> で確かめてください。</p>",
    ),
    ("h2", "親ゾーンへの DS の登録"),
    (
        "text",
        "<p>DS を登録してよいのは、次の三つがそろってからです。すべての権威DNSサーバーが同じ署名済みのゾーンを返していること、"
        "DNSKEY RRset が DNSKEY の TTL 以上のあいだ公開されていること（BIND なら KSK の <code>dnskey</code> が <code>omnipresent</code>）、"
        "そしてチェッカーが <code>signed_without_ds</code> 以外の問題を示していないことです。</p>"
        "<p>DS は、署名を行うサーバーで作ったものをそのまま登録します。ダイジェストは SHA-256（2）を選びます。"
        "DS の値を手で写すと誤りが入りやすいので、レジストラの画面に貼り付けたら、登録後に親ゾーンの応答と突き合わせます。</p>",
    ),
    (
        "code",
        "shell",
        "登録する DS の取り出しと、登録後の確認",
        "# BIND: KSK の公開鍵ファイルから\n"
        "$ dnssec-dsfromkey -2 /var/lib/bind/keys/Kexample.jp.+013+14472.key\n"
        "# Knot DNS\n"
        "$ sudo keymgr example.jp ds\n"
        "# 登録後: 親ゾーンのすべての権威DNSサーバーで DS が見えるか\n"
        "$ for ns in $(dig +short jp NS); do dig @$ns example.jp DS +norec +short; done\n"
        "# 自分の DNSKEY（KSK）から計算した DS と、親ゾーンの DS が一致するか\n"
        "$ dig example.jp DNSKEY +noall +answer | dnssec-dsfromkey -2 -f - example.jp\n"
        "$ dig example.jp DS +short",
    ),
    (
        "text",
        "<p><strong>チェッカーでの確認（DS 登録後）。</strong> 判定が「検証成功（secure）」になり、DS とゾーンの鍵に関する検出項目は出ません。"
        "DS の値を誤って登録すると、判定は「検証失敗（bogus）」になり、<code>no_secure_entry_point</code>（致命的）や <code>ds_digest_mismatch</code>（エラー）が出ます。"
        "この場合はすぐにレジストラで正しい DS に直すか、DS を削除します。KSK ではなく ZSK の DS を登録すると <code>ds_to_non_sep_key</code> が出ます。</p>",
    ),
    ("findings", ["no_secure_entry_point", "ds_digest_mismatch", "ds_orphan", "ds_to_non_sep_key", "chain_bogus"]),
    ("h2", "CDS/CDNSKEY で親ゾーンに追従させる"),
    (
        "text",
        "<p>CDS と CDNSKEY は、子ゾーンが「親ゾーンに置いてほしい DS（または鍵）」を自分のゾーンの頂点に公開するレコードです（RFC 7344）。"
        "親ゾーンの運用者（レジストリやレジストラ）がこれを定期的に読み取り、子ゾーンのいまの鍵で署名されていることを確かめて DS を更新すれば、"
        "KSK の交換のたびに手で DS を登録し直す必要がなくなります。</p>"
        "<ul>"
        "<li><strong>RFC 7344</strong> は、CDS/CDNSKEY の形式と、すでに DS がある（信頼の連鎖がある）ゾーンの DS を更新する方法を定めています。</li>"
        "<li><strong>RFC 8078</strong> は、DS がまだないゾーンへの最初の登録（ブートストラップ）と、DS の削除の合図（CDS <code>0 0 0 00</code>、CDNSKEY <code>0 3 0 AA==</code>）を定めています。</li>"
        "<li><strong>RFC 9615</strong> は、DS がまだないゾーンでも、権威DNSサーバーの名前のゾーン（署名済み）に置いた合図のレコード（<code>_dsboot.&lt;ゾーン名&gt;._signal.&lt;NS 名&gt;</code>）で"
        "CDS/CDNSKEY を認証し、最初の DS を安全に登録できるようにする方法です。</li>"
        "</ul>"
        "<p>ただし、CDS/CDNSKEY を読み取るかどうか、どの RFC のどの方法に対応するかは、親ゾーンごとに違います。"
        "読み取らない親ゾーンでは、CDS を公開していても DS は変わりません。その場合は、KSK の交換のたびにレジストラ経由で DS を登録し直します。</p>",
    ),
    (
        "review",
        "<p>JP ドメイン名（.jp）のレジストリが CDS/CDNSKEY を読み取るかどうか、読み取る場合の対象（属性型・地域型・汎用 JP ドメイン名）、"
        "確認の間隔、RFC 8078 の削除の合図と RFC 9615 の認証付きブートストラップへの対応、そして .jp の DS レコードの TTL は、作成環境からは確認できません。"
        "JPRS の公開情報で確認し、ここと「安全に元に戻す」の待ち時間に具体的な値を書いてください。</p>",
    ),
    (
        "text",
        "<p><strong>チェッカーでの確認。</strong> CDS が現在の DS と同じなら、CDS についての検出項目は出ません。KSK の交換中で新しい DS の登録を待っているあいだは "
        "<code>cds_differs_from_ds</code>（情報）が出ます。これは異常ではなく「親ゾーンの更新待ち」を示します。"
        "CDS と CDNSKEY の片方しか公開していないと <code>cds_cdnskey_only_one</code>（注意）、両者が違う鍵を示すと <code>cds_cdnskey_mismatch</code>（エラー）、"
        "いまの DS の鍵で署名されていないと <code>cds_not_signed_by_ds_key</code>（エラー）、取り込むと連鎖が切れる内容なら <code>cds_would_break_chain</code>（エラー）が出ます。"
        "エラーが出ている CDS は、親ゾーンが読み取る前に直してください。</p>",
    ),
    (
        "findings",
        [
            "cds_differs_from_ds",
            "cds_cdnskey_only_one",
            "cds_cdnskey_mismatch",
            "cds_not_signed_by_ds_key",
            "cds_would_break_chain",
            "cds_cdnskey_inconsistent_servers",
        ],
    ),
    ("h2", "鍵のロールオーバー"),
    (
        "text",
        "<p>鍵の交換で守るべき原則は一つです。フルリゾルバーのキャッシュに残っている古いデータ（DNSKEY、署名、DS）と、新しいデータのどの組み合わせでも検証できるように、"
        "新しいものを先に出し、古いものはキャッシュから消えるまで残すことです。待つ時間は TTL と、データが全サーバーに届くまでの時間（伝搬時間）で決まります（RFC 6781 §4.1、RFC 7583）。"
        "<code>dnssec-policy</code> や Knot DNS の自動管理はこの待ち時間を自分で計算するので、設定値（DNSKEY の TTL、ゾーンの最大 TTL、伝搬時間、親の DS の TTL）を実際の値と合わせておくことが大切です。</p>",
    ),
    ("h3", "ZSK の事前公開（pre-publish）方式"),
    (
        "text",
        "<p>ZSK の交換には事前公開方式を使います（RFC 6781 §4.1.1.1）。</p>"
        "<ol><li>新しい ZSK を DNSKEY RRset に加えます。署名にはまだ使いません。</li>"
        "<li>伝搬時間と DNSKEY の TTL が過ぎるまで待ちます。これで、どのキャッシュも新しい ZSK を含む DNSKEY RRset を持ちます。</li>"
        "<li>署名を新しい ZSK に切り替えます。古い ZSK は DNSKEY RRset に残します。</li>"
        "<li>伝搬時間とゾーンの最大 TTL が過ぎるまで待ちます。これで、古い ZSK の署名はキャッシュから消えます。</li>"
        "<li>古い ZSK を DNSKEY RRset から外します。</li></ol>"
        "<p>手順 2 の待ちを省くと、古い DNSKEY RRset をキャッシュしたフルリゾルバーが新しい署名を検証できず、検証に失敗します。"
        "手順 4 の待ちを省くと、キャッシュに残った古い署名を検証する鍵がなくなります。</p>",
    ),
    ("h3", "KSK の交換: double-KSK と double-DS"),
    (
        "text",
        "<p>KSK の交換には親ゾーンの DS がかかわるため、方式を選びます（RFC 6781 §4.1.2）。</p>"
        "<ul>"
        "<li><strong>double-KSK（二重署名）方式。</strong> 新しい KSK を DNSKEY RRset に加え、新旧両方の KSK で DNSKEY RRset に署名します。"
        "DNSKEY の TTL と伝搬時間が過ぎたら、親ゾーンの DS を新しい KSK のものに替えます。親の DS の TTL と親ゾーンの伝搬時間が過ぎてから、古い KSK を外します。"
        "親ゾーンとのやり取りが一度で済むため、BIND の <code>dnssec-policy</code> と Knot DNS の自動管理はこの方式を使います。</li>"
        "<li><strong>double-DS 方式。</strong> 先に新しい KSK の DS を親ゾーンに追加し（DS が二つになる）、親の DS の TTL が過ぎてから、ゾーンの KSK を新しいものに入れ替えます。"
        "DNSKEY の TTL が過ぎたら、古い DS を親ゾーンから外します。DNSKEY RRset が大きくならない代わりに、親ゾーンとのやり取りが二度必要です。</li>"
        "</ul>",
    ),
    (
        "table",
        "ロールオーバーで待つ時間の目安（RFC 7583 の考え方を簡略化）",
        ["段階", "待つ時間", "この例での値"],
        [
            [
                "新しい ZSK を公開してから署名に使うまで",
                "伝搬時間 + DNSKEY の TTL + 安全のための余裕",
                "5 分 + 1 時間 + 余裕",
            ],
            [
                "新しい ZSK で署名してから古い ZSK を外すまで",
                "伝搬時間 + ゾーンの最大 TTL + 余裕",
                "5 分 + 1 日 + 余裕",
            ],
            ["新しい KSK を公開してから DS を替えるまで", "伝搬時間 + DNSKEY の TTL + 余裕", "5 分 + 1 時間 + 余裕"],
            [
                "DS を替えてから古い KSK を外すまで",
                "親ゾーンの伝搬時間 + 親の DS の TTL + 余裕",
                "1 時間 + 1 日 + 余裕",
            ],
        ],
    ),
    (
        "text",
        "<p>BIND では、KSK の交換中に新しい DS が親ゾーンに載ったことを named に伝える必要があります。"
        "<code>parental-agents</code> を設定すれば named が自分で親ゾーンの DS を確かめます。設定しない場合は、"
        "DS の登録を確認してから <code>rndc dnssec -checkds -key &lt;鍵タグ&gt; published example.jp</code> を、古い DS の削除を確認してから "
        "<code>rndc dnssec -checkds -key &lt;鍵タグ&gt; withdrawn example.jp</code> を実行します。"
        "予定より早く交換したいときは <code>rndc dnssec -rollover -key &lt;鍵タグ&gt; example.jp</code>、Knot DNS では <code>knotc zone-key-rollover example.jp zsk</code>（または <code>ksk</code>）を使います。</p>",
    ),
    (
        "text",
        "<p><strong>チェッカーでの確認（交換の途中）。</strong> ZSK の事前公開の段階では、DNSKEY RRset に鍵が一つ増えるだけで、判定は secure のまま、検出項目は出ません。"
        "double-KSK 方式で新しい DS が親に載るまでのあいだは、CDS を公開していれば <code>cds_differs_from_ds</code>（情報）が出ます。"
        "double-DS 方式で新しい DS だけを先に登録した段階では、対応する鍵がまだないため <code>ds_orphan</code>（警告）が出ますが、古い DS で連鎖がつながっていれば判定は secure です。"
        "待ち時間を守らずに古い鍵を外すと、判定は bogus になり <code>no_secure_entry_point</code>、<code>rrsig_key_absent</code>、<code>rrsig_invalid</code> などが出ます。"
        "なお、チェッカーは一回のチェックで見える状態だけを判定します。時間をまたいだ誤り（古い ZSK を外すのが早すぎた、など）を直接示す検出項目はカタログにありますが、まだ実装されていません。"
        "交換の各段階でチェックを実行し、結果を残しておくことを勧めます。</p>",
    ),
    ("findings", ["ds_orphan", "cds_differs_from_ds", "rrsig_key_absent", "rrsig_invalid", "rrsig_algorithm_missing"]),
    (
        "warning",
        "<p>アルゴリズムを変える交換（例: 8 から 13）は、通常の鍵の交換と手順が違います。新しいアルゴリズムの鍵を公開する前に、そのアルゴリズムの署名をゾーン全体に加えておく必要があります"
        "（RFC 6781 §4.1.4）。BIND では <code>dnssec-policy</code> の鍵のアルゴリズムを書き換えるだけで、この順序で進みます。"
        "手作業で行うと、署名のないアルゴリズムの鍵が先に見える状態（<code>rrsig_algorithm_missing</code>）になりやすいので注意してください。</p>",
    ),
    ("h2", "NSEC と NSEC3 の選び方"),
    (
        "text",
        "<p>存在しない名前や型への応答には、それを証明する NSEC または NSEC3 が付きます。NSEC はゾーン内の名前を順につなぐため、ゾーンの名前の一覧を集められます（ゾーンウォーキング）。"
        "NSEC3 は名前をハッシュ値にしますが、RFC 9276 が述べるとおり、ハッシュ値からもとの名前を辞書攻撃で推測することは容易で、"
        "反復回数やソルトを増やしても防ぐ効果はほとんどなく、権威DNSサーバーとフルリゾルバーの負荷が増えるだけです。</p>"
        "<p>そのため、このガイドでは次のように決めます（RFC 9276）。</p>"
        "<ul>"
        "<li>名前の一覧を隠す必要がなければ NSEC を使います。</li>"
        "<li>NSEC3 を使う場合、追加の反復回数は 0、ソルトは空にします（NSEC3PARAM は <code>1 0 0 -</code>）。</li>"
        "<li>オプトアウトは、署名のない委任が大部分を占める大きなゾーン（TLD など）で、ゾーンの大きさを抑える必要があるときだけ使います。一般の組織のゾーンでは使いません。</li>"
        "</ul>"
        "<p>反復回数が大きいと、フルリゾルバーはそのゾーンを insecure として扱ったり、SERVFAIL を返したりします。多くのフルリゾルバーが上限を設けています。</p>",
    ),
    (
        "code",
        "shell",
        "NSEC3 の設定を確かめる",
        "$ dig example.jp NSEC3PARAM +short\n"
        "1 0 0 -\n"
        "# 存在しない名前への応答に付く NSEC3 のパラメータ（2 番目から 4 番目の欄: フラグ、反復回数、ソルト）\n"
        "$ dig nonexistent.example.jp A +dnssec | grep NSEC3",
    ),
    (
        "text",
        "<p><strong>チェッカーでの確認。</strong> NSEC3 の反復回数が 0 でなければ <code>nsec3_iterations_nonzero</code>（エラー）、"
        "フルリゾルバーの上限を超えると <code>nsec3_iterations_over_resolver_limit</code>（致命的）、ソルトを使っていると <code>nsec3_salt_nonempty</code>（警告）、"
        "小さなゾーンでオプトアウトを使っていると <code>nsec3_optout_small_zone</code>（注意）が出ます。"
        "NSEC から NSEC3 に切り替える途中で、サーバーによって方式が違うと <code>denial_type_inconsistent</code>（エラー）が出ます。"
        "<code>nsec3_without_need</code>（情報）は、NSEC で足りる可能性を知らせるもので、直す必要はありません。</p>",
    ),
    (
        "findings",
        [
            "nsec3_iterations_nonzero",
            "nsec3_iterations_over_resolver_limit",
            "nsec3_salt_nonempty",
            "nsec3_optout_small_zone",
            "denial_type_inconsistent",
            "nsec3_without_need",
        ],
    ),
    ("h2", "監視"),
    (
        "text",
        "<p>署名したゾーンは、何もしなければ数週間で必ず壊れます。署名に有効期限があるからです。署名の更新は自動ですが、"
        "署名を行うサーバーが止まる、ゾーン転送が止まってセカンダリーが古い署名を配り続ける、鍵のファイルが消える、といった理由で更新が止まることがあります。"
        "次の項目を監視します。</p>"
        "<ul>"
        "<li><strong>署名の残りの有効期間。</strong> SOA と DNSKEY の RRSIG の有効期限までの時間を、すべての権威DNSサーバーで測ります。"
        "署名の更新の間隔（この例では期限の 5〜7 日前）を下回ったら警告、1 日を下回ったら緊急とします。</li>"
        "<li><strong>SOA のシリアル。</strong> すべてのサーバーで同じか。セカンダリーが遅れていないか。</li>"
        "<li><strong>鍵の状態。</strong> <code>rndc dnssec -status</code>、<code>keymgr list</code>、<code>pdnsutil show-zone</code> の出力を定期的に記録し、予定外の変化を見つけます。"
        "KSK が DS の登録待ち（BIND の <code>ds</code> が <code>rumoured</code>、Knot の <code>ready</code>）のまま止まっていないかも見ます。</li>"
        "<li><strong>親ゾーンの DS と CDS。</strong> DS がいまの KSK と一致しているか。CDS と DS が長く食い違ったままになっていないか。</li>"
        "<li><strong>このポータルのチェッカー。</strong> 定期的にチェックを実行し、判定が secure 以外になった、または警告以上の検出項目が増えたら通知します。</li>"
        "</ul>",
    ),
    (
        "code",
        "shell",
        "署名の有効期限までの時間を測る（各権威DNSサーバーで）",
        "$ for ns in $(dig +short example.jp NS); do\n"
        "    exp=$(dig @$ns example.jp SOA +dnssec +norec +short | awk '$1 == \"SOA\" {print $5}')\n"
        '    echo "$ns $exp"\n'
        "  done\n"
        "ns1.example.jp. 20261217081458\n"
        "ns2.example.jp. 20261217081458",
    ),
    (
        "code",
        "shell",
        "チェッカーの API で定期的に判定を取る",
        "$ PORTAL=https://portal.example.jp   # このポータルのアドレス\n"
        "$ curl -s -X POST \"$PORTAL/api/v1/checks\" -H 'Content-Type: application/json' \\\n"
        '       -d \'{"domain": "example.jp", "fresh": true}\' | jq -r .id\n'
        "$ curl -s \"$PORTAL/api/v1/checks/<id>\" | jq '{verdict, worst_severity, findings: [.findings[].id]}'",
    ),
    (
        "text",
        "<p><strong>チェッカーでの確認。</strong> 署名の更新が正常なら、署名の期限についての検出項目は出ません。残りの有効期間が短くなると "
        "<code>rrsig_remaining_short</code>（警告）や <code>rrsig_expiration_imminent</code>（警告）、キャッシュされている間に切れる署名には "
        "<code>rrsig_expires_within_ttl</code>（エラー）が出ます。期限が切れると判定は bogus になり <code>rrsig_expired</code>（致命的）が出ます。"
        "セカンダリーが古いゾーンを配っていると <code>soa_serial_mismatch</code> や <code>secondary_stale</code> が出ます。</p>",
    ),
    (
        "findings",
        [
            "rrsig_remaining_short",
            "rrsig_expiration_imminent",
            "rrsig_expires_within_ttl",
            "rrsig_expired",
            "rrsig_not_yet_valid",
            "secondary_stale",
        ],
    ),
    ("h2", "安全に元に戻す（bogus にせずに署名をやめる）"),
    (
        "text",
        "<p>DNS 事業者の変更や署名の基盤の入れ替えで、いったん署名をやめることがあります。このとき、親ゾーンに DS が残ったまま署名を外すと、"
        "DS は「このゾーンは署名されている」と宣言しているのに署名が見つからないため、検証は失敗します。必ず次の順序で進めます。</p>"
        "<ol>"
        "<li><strong>親ゾーンの DS を外します。</strong> レジストラで DS を削除します。親ゾーンが RFC 8078 の削除の合図に対応していれば、CDS <code>0 0 0 00</code> と CDNSKEY <code>0 3 0 AA==</code> を公開する方法もあります。"
        "この間も署名は続けます。</li>"
        "<li><strong>DS が消えたことを確かめ、待ちます。</strong> 親ゾーンのすべての権威DNSサーバーで DS が返らなくなったことを確かめ、"
        "そのうえで親ゾーンの DS の TTL と伝搬時間が過ぎるまで待ちます。フルリゾルバーのキャッシュに残った DS が消えるまで、署名は必要です。</li>"
        "<li><strong>署名を止めます。</strong> 待ち時間が過ぎてから、鍵と署名をゾーンから外します。</li>"
        "</ol>",
    ),
    (
        "code",
        "named.conf",
        "BIND 9.18: 署名をやめるときのポリシー",
        'zone "example.jp" {\n'
        "    type primary;\n"
        '    file "/var/lib/bind/example.jp.zone";\n'
        '    dnssec-policy "insecure";      // 組み込みのポリシー: DS が外れたのを確かめてから鍵を外す\n'
        "    inline-signing yes;\n"
        '    key-directory "/var/lib/bind/keys";\n'
        "};",
    ),
    (
        "text",
        "<p>BIND では、ゾーンのポリシーを組み込みの <code>insecure</code> に替えます。<code>dnssec-policy none;</code> に替えたり、<code>dnssec-policy</code> の行を消したりすると、"
        "DS が残っていても署名がすぐに外れるので、使ってはいけません。<code>insecure</code> の BIND は、DS が親ゾーンから外れたことを知るまで鍵と署名を残します。"
        "<code>parental-agents</code> を設定していなければ、DS の削除を確認したあとに <code>rndc dnssec -checkds -key &lt;鍵タグ&gt; withdrawn example.jp</code> で伝えます。"
        "鍵がすべて外れ、<code>rndc dnssec -status</code> で全鍵が <code>hidden</code> になってから、ポリシーを <code>none</code> にしてかまいません。</p>"
        "<p>Knot DNS では <code>cds-cdnskey-publish: delete-dnssec</code> で削除の合図を出し、DS が消えて待ち時間が過ぎてから <code>dnssec-signing: off</code> にします。"
        "PowerDNS では <code>pdnsutil set-publish-cds example.jp 0</code> で CDS の削除の合図（<code>0 0 0 00</code>）を出し、"
        "DS が消えて待ち時間が過ぎてから <code>pdnsutil disable-dnssec example.jp</code> を実行し、<code>rectify-zone</code> でゾーンを整えます。</p>",
    ),
    (
        "review",
        "<p>Knot DNS で <code>dnssec-signing: off</code> にしたとき、ジャーナルに保持された署名済みのゾーンから RRSIG と NSEC/NSEC3 が外れるまでの手順"
        "（<code>zonefile-load: whole</code> での読み込み直しが必要か）と、BIND 9.18 が <code>insecure</code> ポリシーで CDS/CDNSKEY の削除の合図を自動で公開するかどうかは、"
        "作成環境で確かめきれていません。各ソフトウェアのドキュメントで確認して追記してください。PowerDNS 4.7.3 の <code>set-publish-cds example.jp 0</code> が "
        "CDS <code>0 0 0 00</code> を返すことは確認済みです。</p>",
    ),
    (
        "text",
        "<p><strong>チェッカーでの確認。</strong> 手順 1 で削除の合図を公開した段階は、判定は secure のままで <code>cds_delete_requested</code>（情報）が出ます。"
        "DS が外れたあと、署名を止める前の段階では、判定は「署名なし（insecure）」で <code>signed_without_ds</code>（警告）が出ます。これは手順どおりの途中の状態です。"
        "署名を止めたあとは、判定は insecure で <code>zone_unsigned</code>（情報）だけになります。"
        "順序を誤って DS が残ったまま署名を外すと、判定は bogus になり <code>ds_but_unsigned</code>（致命的）が出ます。この場合は、すぐに署名を戻すか、DS を削除してください。</p>",
    ),
    (
        "findings",
        ["cds_delete_requested", "signed_without_ds", "zone_unsigned", "ds_but_unsigned", "cds_delete_malformed"],
    ),
    ("h2", "運用チェックリスト"),
    (
        "table",
        "ゾーン署名の運用チェックリスト",
        ["項目", "確かめること"],
        [
            ["時刻", "署名を行うサーバーの時刻が NTP で合っている"],
            ["全サーバー", "すべての権威DNSサーバーが同じ署名済みのゾーンを返す"],
            ["アルゴリズム", "13（または 8）で署名し、DS のダイジェストは SHA-256"],
            ["不在証明", "NSEC、または反復 0・ソルトなしの NSEC3"],
            ["DS の登録", "チェッカーが signed_without_ds だけを示してから登録し、登録後に secure を確認した"],
            ["鍵の交換", "DNSKEY の TTL、ゾーンの最大 TTL、親の DS の TTL、伝搬時間をポリシーに正しく設定した"],
            ["CDS/CDNSKEY", "親ゾーンが読み取るかを確認し、公開している CDS にエラーがない"],
            ["監視", "署名の残りの有効期間、SOA のシリアル、鍵の状態、DS、チェッカーの判定を監視している"],
            [
                "バックアップ",
                "鍵のファイル（BIND の key-directory、Knot の KASP データベース、PowerDNS のバックエンド）を保存している",
            ],
            ["停止の手順", "DS を外す → DS の TTL を待つ → 署名を止める、の順序を手順書に書いた"],
        ],
    ),
    ("h2", "参考文献"),
    (
        "text",
        "<ul><li>RFC 4033、RFC 4034、RFC 4035: DNSSEC の仕組み（RFC 9364: BCP 237）</li>"
        "<li>RFC 6781: DNSSEC の運用の実践（第 2 版）</li>"
        "<li>RFC 7583: DNSSEC の鍵のロールオーバーのタイミング</li>"
        "<li>RFC 7344、RFC 8078: CDS/CDNSKEY による DS の維持</li>"
        "<li>RFC 9615: 権威DNSサーバーの合図による DNSSEC の自動ブートストラップ</li>"
        "<li>RFC 9276: NSEC3 のパラメータの設定（BCP 236）</li>"
        "<li>RFC 9904: DNSSEC のアルゴリズムの推奨度の更新の手続き（RFC 8624 を廃止）</li>"
        "<li>RFC 9905: DNSSEC の署名アルゴリズムでの SHA-1 の廃止</li>"
        "<li>BIND 9.18 の ARM と named.conf(5)、Knot DNS 3.2 の knot.conf(5)、PowerDNS Authoritative Server の pdnsutil のドキュメント</li></ul>",
    ),
]
