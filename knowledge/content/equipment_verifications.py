"""Tech-WG's network-equipment verifications (the seed's "Verification of network equipments"), Japanese first.

The only entry is an example with made-up equipment (`fictional`): it shows how a verification is reported and is
marked 例（架空の機器） / Example (fictional equipment) on its page and in the list. It names no vendor and no product.
The test set-up and the expectations follow RFC 6891 (EDNS), RFC 7766 (TCP), RFC 9715 (fragmentation) and the
EDNS buffer size of 1232 bytes that Unbound 1.17.1 uses by default (unbound.conf(5)).
"""

import datetime

INDEX = {
    "ja": (
        "ネットワーク機器の検証",
        "<p>Tech-WG が、ファイアウォール、負荷分散装置、家庭用ルーターなどのネットワーク機器が、DNSSEC の大きな応答、IP フラグメント、"
        "TCP による DNS を通すかどうかを検証した結果です。機器ごとに、試験の構成、EDNS のバッファーサイズ、フラグメントと TCP の扱い、結果の表を載せています。</p>",
    ),
    "en": (
        "Network equipment verification",
        "<p>Tech-WG's checks of whether network equipment (firewalls, load balancers, home routers and others) passes DNSSEC's "
        "large answers, IP fragments and DNS over TCP. Each entry gives the test set-up, the EDNS buffer size, how fragments and "
        "TCP were handled, and a table of results.</p>",
    ),
}

# (slug, {language: fields}, {language: [(case, expected, observed, passed)]}, facts the same in both languages)
VERIFICATIONS = [
    (
        "example-firewall",
        {
            "ja": dict(
                title="例: 架空のファイアウォール「FW-EXAMPLE 100」の検証",
                equipment_class="ファイアウォール（ステートフル、DNS の検査機能あり）",
                product="FW-EXAMPLE 100（架空の機器）",
                software_version="1.0",
                summary=(
                    "検証結果の書き方を示すための例です。機器と結果は架空のもので、実在の製品の結果ではありません。"
                    "既定の設定では IP フラグメントを落とし、DNS の検査機能が 512 バイトを超える UDP の応答を捨てるため、"
                    "フルリゾルバーは TCP に切り替えて名前解決を続けた、という想定です。"
                ),
                setup=(
                    "<p>検証用の権威DNSサーバー（ECDSA P-256 と RSA 2048 ビットで署名したゾーン）と、検証を有効にしたフルリゾルバーの間に機器を置き、"
                    "フルリゾルバー側から問い合わせました。応答の大きさは、TXT レコードの数で 500、1,200、1,500、4,000 バイトに変えました。"
                    "両側でパケットを記録し、機器を通る前と後を比べました。</p>"
                ),
                edns_buffer_size=(
                    "<p>フルリゾルバーの EDNS のバッファーサイズは 1232 バイト（DNS Flag Day 2020 の推奨値）と 4096 バイトで試しました。"
                    "機器は EDNS の OPT レコードを書き換えませんでしたが、DNS の検査機能を有効にしたままでは 512 バイトを超える UDP の応答を捨てました。</p>"
                ),
                fragments=(
                    "<p>4096 バイトで問い合わせると、イーサネットの MTU（1,500 バイト）に収まらない応答は IP フラグメントに分かれます。"
                    "機器は既定の設定でフラグメントを再構成せずに捨てたため、その応答はフルリゾルバーに届きませんでした。1232 バイトでは応答が分割されず、影響はありませんでした。</p>"
                ),
                tcp_fallback=(
                    "<p>TC ビットの付いた応答を受けたフルリゾルバーは TCP の 53 番ポートで問い合わせ直し、機器はこれを通しました。"
                    "ただし UDP の応答そのものが捨てられた場合、フルリゾルバーはタイムアウトを待ってから再送するため、名前解決が数秒遅れました。</p>"
                ),
                conclusion=(
                    "<p>この例の機器では、DNS の検査機能で UDP の応答の上限を 512 バイトから引き上げるか検査を外し、フルリゾルバーの EDNS のバッファーサイズを 1232 バイトにすれば、"
                    "フラグメントに頼らず、TCP への切り替えで名前解決が続きます。実際の機器を検証するときは、同じ表の形で結果を記録してください。</p>"
                ),
            ),
            "en": dict(
                title="Example: verifying “FW-EXAMPLE 100”, a fictional firewall",
                equipment_class="Firewall (stateful, with DNS inspection)",
                product="FW-EXAMPLE 100 (fictional equipment)",
                software_version="1.0",
                summary=(
                    "An example of how a verification is reported. The equipment and its results are made up: this is no real "
                    "product's result. It assumes that the default settings drop IP fragments and that DNS inspection discards UDP "
                    "answers over 512 bytes, so the resolver switched to TCP and resolution went on."
                ),
                setup=(
                    "<p>The equipment sat between a test authoritative server (a zone signed with ECDSA P-256 and with RSA 2048 bits) "
                    "and a validating resolver, which sent the queries. TXT records set the answer sizes to 500, 1,200, 1,500 and 4,000 "
                    "bytes. Packets were captured on both sides and compared before and after the equipment.</p>"
                ),
                edns_buffer_size=(
                    "<p>The resolver's EDNS buffer size was 1232 bytes (the DNS Flag Day 2020 recommendation) and 4096 bytes. The "
                    "equipment did not rewrite the EDNS OPT record, but with DNS inspection on it discarded UDP answers over 512 bytes.</p>"
                ),
                fragments=(
                    "<p>Asked with 4096 bytes, answers that do not fit Ethernet's MTU (1,500 bytes) arrive as IP fragments. With its default settings the equipment "
                    "dropped fragments without reassembling them, so those answers never reached the resolver. With 1232 bytes answers "
                    "were not fragmented and nothing was lost.</p>"
                ),
                tcp_fallback=(
                    "<p>On a truncated answer (TC bit) the resolver asked again over TCP port 53, and the equipment passed it. When the "
                    "UDP answer itself was discarded, though, the resolver waited for its timeout before retrying, and resolution took "
                    "a few seconds longer.</p>"
                ),
                conclusion=(
                    "<p>With this example's equipment, raising DNS inspection's UDP limit above 512 bytes (or turning inspection off) and "
                    "a resolver EDNS buffer size of 1232 bytes keep resolution working through TCP, without relying on fragments. When "
                    "you verify real equipment, record the results in the same table.</p>"
                ),
            ),
        },
        {
            "ja": [
                ("UDP 500 バイトの応答（EDNS 1232）", "届く", "届いた", True),
                ("UDP 1,200 バイトの応答（EDNS 1232、検査あり）", "届く", "捨てられた（512 バイトの上限）", False),
                ("UDP 1,200 バイトの応答（EDNS 1232、検査なし）", "届く", "届いた", True),
                (
                    "UDP 4,000 バイトの応答（EDNS 4096、IP フラグメント）",
                    "再構成して届く",
                    "フラグメントが捨てられた",
                    False,
                ),
                ("TC ビットの付いた応答のあとの TCP での問い合わせ", "TCP で届く", "届いた", True),
                ("TCP 4,000 バイトの応答", "届く", "届いた", True),
                ("EDNS の OPT レコード", "変更されない", "変更されなかった", True),
            ],
            "en": [
                ("UDP answer of 500 bytes (EDNS 1232)", "arrives", "arrived", True),
                (
                    "UDP answer of 1,200 bytes (EDNS 1232, inspection on)",
                    "arrives",
                    "discarded (512-byte limit)",
                    False,
                ),
                ("UDP answer of 1,200 bytes (EDNS 1232, inspection off)", "arrives", "arrived", True),
                (
                    "UDP answer of 4,000 bytes (EDNS 4096, IP fragments)",
                    "reassembled and arrives",
                    "fragments dropped",
                    False,
                ),
                ("Query over TCP after a truncated answer", "arrives over TCP", "arrived", True),
                ("TCP answer of 4,000 bytes", "arrives", "arrived", True),
                ("EDNS OPT record", "left unchanged", "left unchanged", True),
            ],
        },
        dict(fictional=True, tested_on=datetime.date(2026, 12, 4)),
    ),
]
