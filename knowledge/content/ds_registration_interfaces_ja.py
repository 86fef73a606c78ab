"""レジストリの DS 登録インターフェースに関する調査報告（日本語、原文）。

Blocks: ("h2"|"h3", text), ("text", html), ("code", language, caption, code),
("note"|"warning"|"review", html), ("table", caption, header, rows), ("findings", ids).
"""

TITLE = "レジストリの DS 登録インターフェースに関する調査報告"
SLUG = "ds-registration-interfaces"
SUMMARY = (
    "レジストリが DS レコード（鍵情報）の登録のために提供するインターフェースを Tech-WG が調べ、その結果をまとめた報告書です。"
    "EPP の DNSSEC 拡張（RFC 5910）の DS データ方式と鍵データ方式、レジストラの画面と API、受け付ける項目、変更と削除の手順を比べ、"
    "CDS・CDNSKEY による自動化（RFC 7344、RFC 8078、RFC 9615）を含めて、レジストラが鍵登録の仕組みを作るときの注意点を示します。"
)

BODY = [
    ("h2", "この報告について"),
    (
        "text",
        "<p>DNSSEC の信頼の連鎖は、親ゾーンに登録された DS レコードでつながります。DS の登録は、登録者、DNS 事業者、レジストラ、レジストリの"
        "4 者のあいだで情報を受け渡す手続きで、DNSSEC の運用の中で最も人手と誤りが入り込みやすい部分です。</p>"
        "<p>Tech-WG は 2010 年から 2011 年にかけて、レジストリとレジストラのあいだの DS 登録のインターフェースを調べ、その結果を初版にまとめました。"
        "当時は TLD ごとに方式がばらばらで、レジストラが TLD ごとに登録の仕組みを作り直す必要があることが、導入の大きな障害でした。</p>"
        "<p>この改訂版（2.0、2026 年 12 月 3 日）は、個々のレジストリの仕様の一覧ではなく、インターフェースの型、受け渡す項目、変更と削除の手順、"
        "そして 2011 年以降に標準化された CDS・CDNSKEY による自動化を整理します。個々のレジストリの現在の仕様は各レジストリが公開する文書が正本であり、"
        "作成環境から確かめられないものはこの報告の本文には書いていません。</p>",
    ),
    (
        "review",
        "<p>初版の調査表（当時のレジストリごとの方式の比較）は原資料が手元になく、この版には再掲していません。原資料が見つかれば、"
        "「2011 年の調査結果」として、現在の仕様と区別できる形で付録に加えてください。</p>",
    ),
    ("h2", "DS が登録されるまでの流れ"),
    (
        "text",
        "<p>一般的な流れは次のとおりです。レジストラと DNS 事業者が同じ会社である場合や、登録者が自分でゾーンを署名する場合は、途中の受け渡しが減ります。</p>"
        "<ol><li>DNS 事業者（または登録者）がゾーンを署名し、KSK（または CSK）の DNSKEY と、そこから計算した DS を用意する。</li>"
        "<li>登録者が、DNS 事業者の画面に表示された DS（または DNSKEY）を、レジストラの画面や API に入力する。DNS 事業者が登録者に代わってレジストラの API を呼ぶこともある。</li>"
        "<li>レジストラが、レジストリの仕様に従って DS（または DNSKEY）をレジストリに送る。多くの gTLD と ccTLD では EPP を使う。</li>"
        "<li>レジストリが DS を TLD ゾーンに加えて署名し、次のゾーンの更新で公開する。</li>"
        "<li>フルリゾルバーが DS の TTL のあいだキャッシュする。</li></ol>"
        "<p>どの段階でも、値の写し間違い、別の鍵の DS、古い DS の消し忘れが起こり得ます。誤った DS が公開されると、そのゾーンは bogus になり、"
        "検証するフルリゾルバーの利用者からは名前解決できなくなります。</p>",
    ),
    ("h2", "登録の手段"),
    ("h3", "EPP の DNSSEC 拡張（RFC 5910）"),
    (
        "text",
        "<p>レジストリとレジストラのあいだの標準的なプロトコルは EPP（Extensible Provisioning Protocol）で、DNSSEC の情報は RFC 5910 の拡張"
        "（名前空間 <code>urn:ietf:params:xml:ns:secDNS-1.1</code>）で受け渡します。RFC 5910 は初期の RFC 4310（secDNS-1.0）を廃止したもので、"
        "RFC 4310 の問題だった「鍵タグだけで DS を削除する」方式を改め、削除する DS を全項目で指定するようにしました。</p>"
        "<p>RFC 5910 には二つの方式があり、レジストリはどちらか一方を採用します。</p>"
        "<ul><li><strong>DS データ方式</strong>（<code>secDNS:dsData</code>）: レジストラが DS の 4 項目（鍵タグ、アルゴリズム、ダイジェストの種類、ダイジェスト）を送ります。"
        "レジストリによっては、元の DNSKEY（<code>secDNS:keyData</code>）を任意で添えることを認めます。</li>"
        "<li><strong>鍵データ方式</strong>（<code>secDNS:keyData</code>）: レジストラが DNSKEY の 4 項目（Flags、プロトコル、アルゴリズム、公開鍵）を送り、"
        "レジストリが DS を計算します。どのダイジェストの種類で DS を作るかはレジストリが決めます。</li></ul>"
        "<p>このほか、署名の有効期間の希望を伝える任意の項目 <code>secDNS:maxSigLife</code> があります。"
        "更新（<code>domain:update</code>）では、削除（<code>secDNS:rem</code>）、追加（<code>secDNS:add</code>）、変更（<code>secDNS:chg</code>）を一つのコマンドで送れ、"
        "<code>&lt;secDNS:rem&gt;&lt;secDNS:all&gt;true&lt;/secDNS:all&gt;&lt;/secDNS:rem&gt;</code> ですべての DS を削除できます。"
        "<code>secDNS:update</code> の <code>urgent</code> 属性は、レジストリにできるだけ早い反映を求めるものです。</p>",
    ),
    (
        "code",
        "text",
        "EPP: DS データ方式で古い DS を削除し新しい DS を追加する（RFC 5910 の形式）",
        '<domain:update xmlns:domain="urn:ietf:params:xml:ns:domain-1.0">\n'
        "  <domain:name>example.jp</domain:name>\n"
        "</domain:update>\n"
        "...\n"
        "<extension>\n"
        '  <secDNS:update xmlns:secDNS="urn:ietf:params:xml:ns:secDNS-1.1">\n'
        "    <secDNS:rem>\n"
        "      <secDNS:dsData>\n"
        "        <secDNS:keyTag>12345</secDNS:keyTag>\n"
        "        <secDNS:alg>13</secDNS:alg>\n"
        "        <secDNS:digestType>2</secDNS:digestType>\n"
        "        <secDNS:digest>49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE...</secDNS:digest>\n"
        "      </secDNS:dsData>\n"
        "    </secDNS:rem>\n"
        "    <secDNS:add>\n"
        "      <secDNS:dsData>\n"
        "        <secDNS:keyTag>54321</secDNS:keyTag>\n"
        "        <secDNS:alg>13</secDNS:alg>\n"
        "        <secDNS:digestType>2</secDNS:digestType>\n"
        "        <secDNS:digest>7D5B0C4A2E1F9A3B6C8D0E2F4A6B8C0D1E3F5A7B...</secDNS:digest>\n"
        "      </secDNS:dsData>\n"
        "    </secDNS:add>\n"
        "  </secDNS:update>\n"
        "</extension>",
    ),
    (
        "code",
        "text",
        "EPP: 鍵データ方式で送る DNSKEY の項目",
        "<secDNS:keyData>\n"
        "  <secDNS:flags>257</secDNS:flags>\n"
        "  <secDNS:protocol>3</secDNS:protocol>\n"
        "  <secDNS:alg>13</secDNS:alg>\n"
        "  <secDNS:pubKey>HA4tL7HTbODzmbQ3rI2DLNKpdFcVcSkg...</secDNS:pubKey>\n"
        "</secDNS:keyData>",
    ),
    (
        "warning",
        "<p>ロールオーバーのときに古い DS を削除してから新しい DS を追加する（あるいは削除だけが先に反映される）と、そのあいだゾーンは DS を失うか、"
        "公開されていない鍵の DS だけを持つことになります。新しい DS の追加を先に行い、その反映と TTL を待ってから古い DS を削除するのが原則です。"
        "一つの更新コマンドで削除と追加を同時に送る場合も、新しい鍵がすでにゾーンに公開されていることを確かめてから送ります。</p>",
    ),
    ("h3", "レジストラの画面と API"),
    (
        "text",
        "<p>登録者が直接触れるのは、EPP ではなくレジストラの管理画面か、レジストラ独自の API です。画面の作り方によって、誤りの起こりやすさが大きく変わります。</p>"
        "<ul><li><strong>入力の形式</strong>: 4 項目を別々の欄に入れさせる画面と、ゾーンファイルの形式の 1 行（<code>example.jp. IN DS 12345 13 2 ...</code>）を"
        "貼り付けさせる画面があります。後者は写し間違いが少ない一方、空白や改行の混入、別のゾーンの行の貼り付けに注意が要ります。</li>"
        "<li><strong>DS か DNSKEY か</strong>: レジストリが DS データ方式でも、画面では DNSKEY を受け付けてレジストラが DS を計算することもできます。"
        "DNSKEY を受け付ければ、ダイジェストの種類の選択や計算の誤りを登録者に負わせずに済みます。</li>"
        "<li><strong>選択肢</strong>: アルゴリズムとダイジェストの種類を選択式にする場合は、作成してはならないもの（アルゴリズム 5・7、ダイジェスト 1・3）を選べないようにします。</li>"
        "<li><strong>API</strong>: DNS 事業者が登録者に代わって DS を登録・削除できる API があれば、鍵の交換を自動化できます。"
        "ただし、API の認証情報を DNS 事業者に渡すことになるため、権限を DS の操作に限れる設計が望まれます。</li></ul>",
    ),
    ("h3", "EPP 以外の方式"),
    (
        "text",
        "<p>ccTLD の中には、EPP ではなくレジストリ独自のプロトコルやウェブの画面、申請の書式で登録を受け付けるものがあります。"
        "その場合も受け渡す項目は DS の 4 項目か DNSKEY の 4 項目で、考え方は EPP と同じですが、変更と削除の単位（全件の置き換えか、1 件ずつか）や、"
        "反映までの時間が異なることがあります。レジストラは TLD ごとに、次の節の表の項目を確かめる必要があります。</p>",
    ),
    (
        "review",
        "<p>JP の DS の登録の方式（指定事業者とのあいだのインターフェースが EPP か独自の方式か、DS と DNSKEY のどちらを受け付けるか、"
        "受け付けるアルゴリズムとダイジェストの種類、一つのドメイン名に登録できる DS の数、登録から JP ゾーンに反映されるまでの時間、DS の TTL、"
        "CDS・CDNSKEY の自動取り込みへの対応の有無）は、作成環境から確認できません。JPRS の公開資料で確認し、この節に追記してください。</p>",
    ),
    ("h2", "受け渡す項目と確かめること"),
    (
        "table",
        "DS と DNSKEY の項目",
        ["項目", "方式", "値", "確かめること"],
        [
            [
                "鍵タグ",
                "DS",
                "0〜65535",
                "DNSKEY から計算した値と一致するか。鍵タグは重複し得るため、これだけで鍵を特定しない",
            ],
            [
                "アルゴリズム",
                "DS・DNSKEY",
                "8、13、14、15、16 など",
                "DNSKEY のアルゴリズムと一致するか。5・7 は作成してはならない（RFC 9905）",
            ],
            [
                "ダイジェストの種類",
                "DS",
                "2（SHA-256）、4（SHA-384）",
                "2 は必須。1（SHA-1）と 3（GOST）は作成してはならない",
            ],
            [
                "ダイジェスト",
                "DS",
                "16 進数。SHA-256 は 64 桁、SHA-384 は 96 桁",
                "桁数と文字の種類。空白を取り除いてから比べる（大文字と小文字は区別しない）",
            ],
            [
                "Flags",
                "DNSKEY",
                "257（KSK）、256",
                "DS の元にするのは SEP ビットの立った 257 の鍵が原則。REVOKE ビット（128）の立った鍵は使わない",
            ],
            ["プロトコル", "DNSKEY", "3", "3 以外は無効"],
            ["公開鍵", "DNSKEY", "Base64", "子ゾーンが実際に公開している DNSKEY と一致するか"],
        ],
    ),
    (
        "text",
        "<p>どの方式でも、登録の前に最も役に立つ検査は、<strong>子ゾーンが実際に公開している DNSKEY と照合すること</strong>です。"
        "DS から元の鍵を探し、その鍵で DNSKEY RRset の署名が検証できることまで確かめれば、写し間違い、ZSK から作った DS、別のゾーンの DS をほぼすべて防げます。"
        "ただし、DNS 事業者を乗り換える途中のように、まだ公開されていない鍵の DS を先に登録する正当な手順もあるため、一致しない場合は拒否ではなく警告にとどめ、"
        "登録者が理由を確認したうえで進められるようにするのが現実的です。</p>",
    ),
    (
        "code",
        "shell",
        "子ゾーンの DNSKEY から DS を計算して照合する",
        "$ dig +norec @ns1.example.jp example.jp. DNSKEY > example.jp.dnskey\n"
        "$ dnssec-dsfromkey -2 -f example.jp.dnskey example.jp.\n"
        "example.jp. IN DS 12345 13 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE...\n"
        "$ dig example.jp. DS +short          # 親ゾーンに登録されている DS と比べる\n"
        "12345 13 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE...",
    ),
    ("h2", "変更と削除"),
    (
        "text",
        "<p>DS の変更は、KSK のロールオーバー、DNS 事業者の変更、署名の停止のときに必要になります。どの場合も、古い状態と新しい状態のどちらをキャッシュした"
        "フルリゾルバーでも検証が成り立つように、順序と待ち時間を守ります（RFC 6781 §4.1、RFC 7583）。</p>",
    ),
    (
        "table",
        "DS の変更の種類と順序",
        ["場面", "順序", "待ち時間の目安"],
        [
            [
                "KSK のロールオーバー",
                "新しい KSK を公開 → 新しい DS を追加 → 古い DS を削除 → 古い KSK を削除",
                "新しい DS の反映 + DS の TTL を待ってから古い KSK を外す",
            ],
            [
                "DNS 事業者の変更",
                "鍵の交換 → 新しい事業者の DS を追加 → NS の変更 → 古い DS を削除",
                "レジストラ移転ガイドラインを参照",
            ],
            ["署名の停止", "DS をすべて削除 → 反映と DS の TTL を待つ → 署名を停止", "削除の反映 + DS の TTL"],
            [
                "署名の開始",
                "署名 → 検証できることを確認 → DS を追加",
                "署名済みゾーンがすべてのサーバーに行き渡ってから",
            ],
        ],
    ),
    (
        "text",
        "<p>レジストラとレジストリのあいだでは、次の点が TLD ごとに違い、レジストラの仕組みの作りを左右します。</p>"
        "<ul><li>更新が「追加と削除の差分」か「全件の置き換え」か。全件の置き換えの場合、画面で 1 件を消したつもりが全件を送り直すことになるため、送る内容を登録者に確認させます。</li>"
        "<li>一つのドメイン名に登録できる DS の上限。ロールオーバーや事業者の変更の途中は、DS が 2 件以上になります。上限が 1 件だと、安全な順序で変更できません。</li>"
        "<li>登録から公開までの時間。数分で反映されるレジストリもあれば、1 日に数回のゾーンの更新を待つレジストリもあります。待ち時間の計算に必要です。</li>"
        "<li>削除と再登録、レジストラの変更のときに DS が残るか消えるか。</li></ul>",
    ),
    ("h2", "CDS・CDNSKEY による自動化"),
    ("h3", "RFC 7344: 子ゾーンから親ゾーンへの通知"),
    (
        "text",
        "<p>RFC 7344 は、子ゾーンが「親ゾーンにこの DS を置いてほしい」という内容を、自分のゾーンの頂点に CDS（DS と同じ形式）と CDNSKEY（DNSKEY と同じ形式）"
        "として公開する方法を定めました。親ゾーンの側（レジストリ、またはレジストラ）は、子ゾーンの CDS・CDNSKEY を定期的に問い合わせ、現在の DS と違えば DS を更新します。</p>"
        "<p>この方式の安全性は、CDS・CDNSKEY の RRset が、現在の DS が指す鍵で署名されていること、つまり既存の信頼の連鎖で検証できることにあります（RFC 7344 §4.1）。"
        "そのため RFC 7344 だけでは、すでに DS が登録されているゾーンの鍵の交換にしか使えません。"
        "また、CDS と CDNSKEY を両方公開する場合は、同じ鍵を指していなければなりません。すべての権威DNSサーバーが同じ CDS・CDNSKEY を返すことも必要です。</p>",
    ),
    (
        "code",
        "zone",
        "子ゾーンが公開する CDS と CDNSKEY",
        "example.jp. 3600 IN CDS     54321 13 2 7D5B0C4A2E1F9A3B6C8D0E2F4A6B8C0D1E3F5A7B...\n"
        "example.jp. 3600 IN CDNSKEY 257 3 13 ( HA4tL7HTbODzmbQ3rI2DLNKpdFcVcSkg... )",
    ),
    ("h3", "RFC 8078: 署名の開始と DS の削除"),
    (
        "text",
        "<p>RFC 8078 は RFC 7344 を拡張し、二つの場面を加えました。</p>"
        "<ul><li><strong>署名の開始（初めての DS の登録）</strong>: まだ DS がないゾーンの CDS・CDNSKEY は、既存の信頼の連鎖で検証できません。"
        "RFC 8078 は、親ゾーンの側が受け入れる前に追加の確認を行う方法を挙げています。たとえば、一定の期間同じ CDS が見え続けることを確かめる、"
        "すべての権威DNSサーバーに TCP で問い合わせて一致を確かめる、登録者に別の経路で確認を求める、といった方法です。</li>"
        "<li><strong>DS の削除</strong>: 子ゾーンが、特別な値の CDS（<code>0 0 0 00</code>）と CDNSKEY（<code>0 3 0 AA==</code>）を公開すると、"
        "親ゾーンに DS の削除を求める意味になります。この通知も現在の DS の鍵で署名されている必要があり、ほかの CDS・CDNSKEY と混在させてはいけません。</li></ul>",
    ),
    (
        "code",
        "zone",
        "DS の削除を求める CDS と CDNSKEY（RFC 8078 §4）",
        "example.jp. 3600 IN CDS     0 0 0 00\nexample.jp. 3600 IN CDNSKEY 0 3 0 AA==",
    ),
    (
        "review",
        "<p>RFC 8078 が挙げる署名の開始の受け入れ方法（節の番号と正式な名称）は、作成環境で原文と照合できていません。原文を確認し、必要なら上の説明を直してください。</p>",
    ),
    ("h3", "RFC 9615: 認証付きの初めての DS の登録"),
    (
        "text",
        "<p>RFC 9615（2024 年 7 月）は、署名の開始の場面に認証を持ち込みました。ゾーンの DNS 事業者は、自分の権威DNSサーバーのホスト名の下に、"
        "<code>_dsboot.&lt;子ゾーン名&gt;._signal.&lt;ネームサーバー名&gt;</code> という名前で、子ゾーンと同じ CDS・CDNSKEY を公開します。"
        "ネームサーバーのホスト名のゾーンが DNSSEC で署名されていれば、親ゾーンの側はこの通知を既存の信頼の連鎖で検証できます。"
        "子ゾーンの委任に含まれるすべてのネームサーバーについて通知が一致すれば、親ゾーンは待ち時間なしに最初の DS を登録できます。</p>"
        "<p>この方式を使うには、DNS 事業者がネームサーバーのホスト名のゾーンを署名していること、すべてのネームサーバーの名前の下に通知を公開していることが必要です。"
        "署名を自動で行う DNS 事業者のソフトウェアの中には、この通知を自動で作るものもあります。</p>",
    ),
    (
        "code",
        "zone",
        "ネームサーバー ns1.dns-provider.example の下に置く通知の例",
        "$ORIGIN _signal.ns1.dns-provider.example.\n"
        "_dsboot.example.jp 3600 IN CDS     54321 13 2 7D5B0C4A2E1F9A3B6C8D0E2F4A6B8C0D1E3F5A7B...\n"
        "_dsboot.example.jp 3600 IN CDNSKEY 257 3 13 ( HA4tL7HTbODzmbQ3rI2DLNKpdFcVcSkg... )",
    ),
    ("h3", "どの場面でどの仕組みを使うか"),
    (
        "table",
        "DS の更新の場面と使える仕組み",
        ["場面", "手作業（画面・EPP）", "CDS・CDNSKEY（RFC 7344）", "RFC 8078", "RFC 9615"],
        [
            ["初めての DS の登録", "可", "不可（検証の根拠がない）", "追加の確認のうえで可", "可（認証付き）"],
            ["KSK のロールオーバー", "可", "可", "—", "—"],
            ["DS の削除（署名の停止）", "可", "—", "削除の通知で可", "—"],
            ["DNS 事業者の変更", "可", "移転元と移転先の協力が必要", "—", "いったん insecure にする場合の再登録に可"],
        ],
    ),
    (
        "text",
        "<p>親ゾーンの側の実装としては、BIND の <code>dnssec-cds</code> が、子ゾーンの CDS・CDNSKEY を現在の DS で検証し、新しい DS の一覧を作ります。"
        "CDS と CDNSKEY の両方があれば CDS を優先し、リプレイを防ぐために前回より古い署名は受け入れません。"
        "子ゾーンの側では、BIND の <code>dnssec-policy</code> や Knot DNS の自動署名が、KSK のロールオーバーに合わせて CDS・CDNSKEY を自動で公開します。</p>",
    ),
    (
        "review",
        "<p>CDS・CDNSKEY の自動取り込みや RFC 9615 に対応している TLD（たとえば一部の欧州の ccTLD）の一覧と、それぞれの待ち時間などの条件は、"
        "第三者がまとめた一覧はあるものの、各レジストリの公開文書で確認できていません。確認できたものだけを表として追記してください。</p>",
    ),
    ("h2", "レジストラが仕組みを作るときの注意点"),
    (
        "text",
        "<ol><li><strong>内部では DNSKEY を持つ</strong>: DNSKEY から DS は計算できますが、DS から DNSKEY は戻せません。DNSKEY を受け付けて保持すれば、"
        "DS データ方式と鍵データ方式のどちらのレジストリにも送れ、ダイジェストの種類の変更にも対応できます。</li>"
        "<li><strong>送る前に DNS と照合する</strong>: 子ゾーンの DNSKEY を問い合わせ、DS が公開中の KSK と一致し、その鍵で DNSKEY RRset が検証できるかを確かめ、結果を登録者に示します。</li>"
        "<li><strong>作成してはならない値を受け付けない</strong>: アルゴリズム 5・7 の DS とダイジェスト 1（SHA-1）・3（GOST）の DS は、RFC 9905 と RFC 8624 の表"
        "（現在は IANA のレジストリ）に従い新たに作りません。</li>"
        "<li><strong>削除より追加を先に</strong>: 画面の操作の順序と、レジストリに送るコマンドの順序の両方で、追加を先にします。</li>"
        "<li><strong>現在の DS を表示する</strong>: レジストリに登録されている DS と、DNS で見える DS の両方を表示します。</li>"
        "<li><strong>ネームサーバーの変更と連動させる</strong>: DS があるドメイン名のネームサーバーを変えるときは、移転先が署名しているか、その DS が登録されているかを確かめ、"
        "条件を満たさなければ警告します。</li>"
        "<li><strong>削除、再登録、移転で DS を扱う</strong>: ドメイン名の削除や、他のレジストラからの移転の受け入れのときに、DS が意図どおりに残る・消えることを確かめます。</li>"
        "<li><strong>記録を残す</strong>: いつ、誰が、どの DS を追加・削除したかを記録します。障害の調査で最初に必要になる情報です。</li>"
        "<li><strong>自動化に対応する</strong>: CDS・CDNSKEY の読み取り、DNS 事業者向けの API、RFC 9615 の通知の確認に対応すれば、登録者の手作業を減らせます。</li></ol>",
    ),
    ("h2", "登録者と DNS 事業者が確かめること"),
    (
        "text",
        "<p>レジストラの仕組みがどれほど丁寧でも、最後に値を確かめられるのは、ゾーンを署名している側です。登録者と DNS 事業者は、次の点を習慣にしてください。</p>"
        "<ul><li><strong>登録するのは KSK（または CSK）の DS</strong>: DNS 事業者の画面に複数の鍵が表示される場合、Flags が 257 の鍵の DS を登録します。"
        "ZSK から作った DS では信頼の連鎖がつながりません。</li>"
        "<li><strong>ダイジェストは SHA-256 を一つ</strong>: 同じ鍵について SHA-1 と SHA-256 の DS を両方登録する必要はありません。"
        "RFC 4509 §3 に従うフルリゾルバーは、同じ鍵に SHA-256 の DS があれば SHA-1 の DS を無視するため、SHA-256 の DS が誤っていれば SHA-1 の DS が正しくても検証に失敗します。</li>"
        "<li><strong>登録の後に DNS で確かめる</strong>: 親ゾーンに DS が現れたら、検証するフルリゾルバーで名前解決でき AD ビットが立つこと、"
        "チェッカーにエラーがないことを確かめます。反映の前に鍵を変えたり事業者を変えたりしないでください。</li>"
        "<li><strong>鍵を交換したら DS も</strong>: DNS 事業者が KSK を交換するとき、親ゾーンが CDS を読み取らない TLD では、新しい DS の登録は登録者の作業です。"
        "事業者からの依頼を見落とすと、古い鍵が取り除かれた時点でゾーンが bogus になります。</li></ul>",
    ),
    (
        "text",
        "<p>このポータルのチェッカーは、親ゾーンの DS と子ゾーンの鍵の対応、CDS・CDNSKEY の内容を確かめ、次の検出項目として報告します。"
        "DS を登録する前と後に、チェッカーで確かめることを勧めます。</p>",
    ),
    (
        "findings",
        [
            "no_secure_entry_point",
            "ds_digest_mismatch",
            "ds_orphan",
            "ds_to_non_sep_key",
            "ds_digest_deprecated",
            "ds_digest_invalid",
            "ds_sha256_missing",
            "cds_cdnskey_mismatch",
            "cds_not_signed_by_ds_key",
            "cds_would_break_chain",
            "cds_differs_from_ds",
            "cds_cdnskey_inconsistent_servers",
            "cds_delete_malformed",
            "cds_delete_requested",
            "cds_weak_algorithms",
        ],
    ),
    ("h2", "参考文献"),
    (
        "text",
        "<ul><li>RFC 4034 §5: DS レコード</li>"
        "<li>RFC 5910: EPP の DNSSEC 拡張（secDNS-1.1、RFC 4310 を廃止）</li>"
        "<li>RFC 6781: DNSSEC の運用慣行</li>"
        "<li>RFC 7344: CDS・CDNSKEY による DS の自動更新</li>"
        "<li>RFC 7583: 鍵ロールオーバーのタイミング</li>"
        "<li>RFC 8078: CDS・CDNSKEY による署名の開始と DS の削除</li>"
        "<li>RFC 9615: 認証付きの DNSSEC の自動的な初期登録</li>"
        "<li>RFC 9904、RFC 9905: アルゴリズムの推奨度と SHA-1 の廃止</li></ul>",
    ),
]
