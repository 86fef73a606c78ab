"""Report on the DS registration interface for the various registries (English translation). Same block format as the Japanese original."""

TITLE = "Report on the DS registration interface for the various registries"
SUMMARY = (
    "Tech-WG's survey of the interfaces that registries offer for registering DS records (key information). It compares the DS data and key data "
    "interfaces of the EPP DNSSEC extension (RFC 5910), registrars' control panels and APIs, the fields accepted, and how changes and deletions are "
    "made, and, including automation with CDS and CDNSKEY (RFC 7344, RFC 8078, RFC 9615), points out what registrars must watch when building their "
    "key registration systems."
)

BODY = [
    ("h2", "About this report"),
    (
        "text",
        "<p>The DNSSEC chain of trust is linked by the DS records registered in the parent zone. Registering a DS means passing information between "
        "four parties, the registrant, the DNS provider, the registrar and the registry, and it is the part of DNSSEC operations where manual work and "
        "mistakes most easily creep in.</p>"
        "<p>In 2010 and 2011 Tech-WG surveyed the DS registration interfaces between registries and registrars, and the first edition summarised the "
        "results. At the time each TLD had its own way, and having to rebuild the registration system for each TLD was a major obstacle for registrars.</p>"
        "<p>This revised edition (2.0, 3 December 2026) is not a list of each registry's specification. It sorts out the types of interface, the fields "
        "passed on, the change and deletion procedures, and the automation with CDS and CDNSKEY standardised since 2011. Each registry's current "
        "specification is defined by the documents it publishes; what could not be checked from the environment this was written in is not stated in "
        "the text of this report.</p>",
    ),
    (
        "review",
        "<p>The first edition's survey table (the comparison of registries' methods at the time) is not at hand and is not reproduced in this edition. "
        "If the source is found, add it as an appendix titled \u201cThe 2011 survey results\u201d, clearly separated from current specifications.</p>",
    ),
    ("h2", "How a DS gets registered"),
    (
        "text",
        "<p>The usual flow is as follows. When the registrar and the DNS provider are the same company, or the registrant signs the zone, some hand-overs "
        "disappear.</p>"
        "<ol><li>The DNS provider (or the registrant) signs the zone and prepares the DNSKEY of the KSK (or CSK) and the DS computed from it.</li>"
        "<li>The registrant enters the DS (or DNSKEY) shown in the DNS provider's control panel into the registrar's control panel or API. Sometimes the "
        "DNS provider calls the registrar's API on the registrant's behalf.</li>"
        "<li>The registrar sends the DS (or DNSKEY) to the registry as its specification requires; most gTLDs and ccTLDs use EPP.</li>"
        "<li>The registry adds the DS to the TLD zone, signs it and publishes it with the next zone update.</li>"
        "<li>Resolvers cache the DS for its TTL.</li></ol>"
        "<p>At every stage a value can be miscopied, the DS of another key sent, or an old DS left behind. Once a wrong DS is published the zone is bogus, "
        "and users of validating resolvers cannot resolve it.</p>",
    ),
    ("h2", "Means of registration"),
    ("h3", "The EPP DNSSEC extension (RFC 5910)"),
    (
        "text",
        "<p>The standard protocol between registries and registrars is EPP (Extensible Provisioning Protocol), and DNSSEC information travels in the "
        "extension of RFC 5910 (namespace <code>urn:ietf:params:xml:ns:secDNS-1.1</code>). RFC 5910 obsoleted the earlier RFC 4310 (secDNS-1.0); among "
        "other things it replaced RFC 4310's removal of DS records by key tag alone, a known problem, with removal naming every field of the DS.</p>"
        "<p>RFC 5910 has two interfaces, and a registry adopts one of them:</p>"
        "<ul><li><strong>DS data interface</strong> (<code>secDNS:dsData</code>): the registrar sends the four DS fields (key tag, algorithm, digest type, "
        "digest). Some registries allow the original DNSKEY (<code>secDNS:keyData</code>) to be added optionally.</li>"
        "<li><strong>Key data interface</strong> (<code>secDNS:keyData</code>): the registrar sends the four DNSKEY fields (flags, protocol, algorithm, "
        "public key) and the registry computes the DS. The registry decides which digest types it uses.</li></ul>"
        "<p>There is also an optional <code>secDNS:maxSigLife</code> for the preferred signature lifetime. An update (<code>domain:update</code>) can carry "
        "removals (<code>secDNS:rem</code>), additions (<code>secDNS:add</code>) and changes (<code>secDNS:chg</code>) in one command, and "
        "<code>&lt;secDNS:rem&gt;&lt;secDNS:all&gt;true&lt;/secDNS:all&gt;&lt;/secDNS:rem&gt;</code> removes every DS. The <code>urgent</code> attribute of "
        "<code>secDNS:update</code> asks the registry to apply the change as soon as it can.</p>",
    ),
    (
        "code",
        "text",
        "EPP: removing the old DS and adding the new one with the DS data interface (RFC 5910 format)",
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
        "EPP: the DNSKEY fields sent with the key data interface",
        "<secDNS:keyData>\n"
        "  <secDNS:flags>257</secDNS:flags>\n"
        "  <secDNS:protocol>3</secDNS:protocol>\n"
        "  <secDNS:alg>13</secDNS:alg>\n"
        "  <secDNS:pubKey>HA4tL7HTbODzmbQ3rI2DLNKpdFcVcSkg...</secDNS:pubKey>\n"
        "</secDNS:keyData>",
    ),
    (
        "warning",
        "<p>If, in a rollover, the old DS is removed before the new one is added (or only the removal takes effect first), the zone is left without a DS, "
        "or with only the DS of a key it does not publish. The rule is to add the new DS first, wait for it to be published and for the TTL, and only then "
        "remove the old DS. When sending the removal and the addition in one update command, first make sure the new key is already published in the zone.</p>",
    ),
    ("h3", "Registrars' control panels and APIs"),
    (
        "text",
        "<p>Registrants do not touch EPP; they use the registrar's control panel or its own API. How these are designed makes a large difference to how "
        "often mistakes happen.</p>"
        "<ul><li><strong>Input format</strong>: some panels ask for the four fields in separate boxes, others for one line in zone file format "
        "(<code>example.jp. IN DS 12345 13 2 ...</code>). The latter causes fewer copying errors, but stray spaces and line breaks, or a line from another "
        "zone, must be watched for.</li>"
        "<li><strong>DS or DNSKEY</strong>: even when the registry uses the DS data interface, the panel can accept a DNSKEY and let the registrar compute "
        "the DS. Accepting the DNSKEY spares registrants the choice of digest type and the computation.</li>"
        "<li><strong>Choices</strong>: when algorithms and digest types are offered as choices, make the values that must not be created (algorithms 5 and "
        "7, digests 1 and 3) impossible to choose.</li>"
        "<li><strong>API</strong>: an API through which a DNS provider can add and remove DS records on the registrant's behalf makes automated key "
        "rollovers possible. Since the API credentials are then handed to the DNS provider, it should be possible to limit them to DS operations.</li></ul>",
    ),
    ("h3", "Methods other than EPP"),
    (
        "text",
        "<p>Some ccTLDs accept registrations not over EPP but through the registry's own protocol, a web interface or an application form. The fields are "
        "still the four DS fields or the four DNSKEY fields, as with EPP, but the unit of change and deletion (replacing the whole set, or one record at a "
        "time) and the time until publication may differ. For each TLD, registrars need to check the points in the table of the next section.</p>",
    ),
    (
        "review",
        "<p>How DS records are registered for JP cannot be checked from the environment this was written in: whether the interface with JP's designated "
        "registrars is EPP or the registry's own, whether it accepts DS or DNSKEY, which algorithms and digest types it accepts, how many DS records one "
        "name may have, how long until a registration appears in the JP zone, the DS TTL, and whether CDS and CDNSKEY are read automatically. Check JPRS's "
        "publications and add them to this section.</p>",
    ),
    ("h2", "Fields passed on, and what to check"),
    (
        "table",
        "DS and DNSKEY fields",
        ["Field", "Interface", "Values", "What to check"],
        [
            [
                "Key tag",
                "DS",
                "0 to 65535",
                "Matches the value computed from the DNSKEY. Key tags can collide, so never identify a key by the tag alone",
            ],
            [
                "Algorithm",
                "DS and DNSKEY",
                "8, 13, 14, 15, 16 and so on",
                "Matches the DNSKEY's algorithm. 5 and 7 must not be created (RFC 9905)",
            ],
            [
                "Digest type",
                "DS",
                "2 (SHA-256), 4 (SHA-384)",
                "2 is required. 1 (SHA-1) and 3 (GOST) must not be created",
            ],
            [
                "Digest",
                "DS",
                "Hexadecimal: 64 digits for SHA-256, 96 for SHA-384",
                "Length and characters. Remove spaces before comparing (case does not matter)",
            ],
            [
                "Flags",
                "DNSKEY",
                "257 (KSK), 256",
                "The DS is normally made from a key with flags 257 (SEP bit). Never use a key with the REVOKE bit (128)",
            ],
            ["Protocol", "DNSKEY", "3", "Anything else is invalid"],
            ["Public key", "DNSKEY", "Base64", "Matches a DNSKEY the child zone actually publishes"],
        ],
    ),
    (
        "text",
        "<p>Whatever the interface, the most useful check before registering is <strong>comparing with the DNSKEYs the child zone actually publishes</strong>. "
        "Finding the key behind the DS, and checking that it validates the signature over the DNSKEY RRset, stops nearly every miscopied value, DS made from a "
        "ZSK, or DS of another zone. There are legitimate procedures that register the DS of a key not yet published, such as a change of DNS provider, so in "
        "practice a mismatch should produce a warning rather than a refusal, letting the registrant proceed after checking why.</p>",
    ),
    (
        "code",
        "shell",
        "Computing the DS from the child's DNSKEY and comparing",
        "$ dig +norec @ns1.example.jp example.jp. DNSKEY > example.jp.dnskey\n"
        "$ dnssec-dsfromkey -2 -f example.jp.dnskey example.jp.\n"
        "example.jp. IN DS 12345 13 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE...\n"
        "$ dig example.jp. DS +short          # compare with the DS registered in the parent\n"
        "12345 13 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE...",
    ),
    ("h2", "Changes and deletions"),
    (
        "text",
        "<p>DS changes are needed for KSK rollovers, changes of DNS provider and when signing stops. In every case, keep the order and the waiting times "
        "so that validation works for resolvers that cached the old state as well as for those with the new (RFC 6781 §4.1, RFC 7583).</p>",
    ),
    (
        "table",
        "Kinds of DS change and their order",
        ["Situation", "Order", "Waiting time, roughly"],
        [
            [
                "KSK rollover",
                "Publish the new KSK → add the new DS → remove the old DS → remove the old KSK",
                "Remove the old KSK only after the new DS is published plus the DS TTL",
            ],
            [
                "Change of DNS provider",
                "Exchange keys → add the gaining provider's DS → change NS → remove the old DS",
                "See the Registrar Transfer Guideline",
            ],
            [
                "Stopping signing",
                "Remove every DS → wait for publication and the DS TTL → stop signing",
                "Publication of the removal plus the DS TTL",
            ],
            [
                "Starting to sign",
                "Sign → check that it validates → add the DS",
                "After the signed zone has reached every server",
            ],
        ],
    ),
    (
        "text",
        "<p>Between registrars and registries the following points differ per TLD and shape the registrar's system:</p>"
        "<ul><li>Whether an update is a difference (additions and removals) or a replacement of the whole set. With whole-set replacement, removing one "
        "record in the panel means sending the whole set again, so let the registrant confirm what is sent.</li>"
        "<li>The maximum number of DS records per name. During a rollover or a change of provider there are two or more DS records; with a limit of one, "
        "no safe order of changes exists.</li>"
        "<li>The time from registration to publication: some registries publish within minutes, others wait for zone updates a few times a day. It is "
        "needed to compute waiting times.</li>"
        "<li>Whether the DS stays or goes on deletion and re-registration, and on a change of registrar.</li></ul>",
    ),
    ("h2", "Automation with CDS and CDNSKEY"),
    ("h3", "RFC 7344: signals from the child to the parent"),
    (
        "text",
        "<p>RFC 7344 defined how a child zone publishes what it wants the parent to hold as DS records, at its own apex, as CDS (same format as DS) and "
        "CDNSKEY (same format as DNSKEY) records. The parent side (the registry, or the registrar) queries the child's CDS and CDNSKEY regularly and "
        "updates the DS when they differ from the current one.</p>"
        "<p>The method is safe because the CDS and CDNSKEY RRsets are signed with a key the current DS points to, that is, they validate through the "
        "existing chain of trust (RFC 7344 §4.1). RFC 7344 alone therefore only serves key changes in zones that already have a DS. When both CDS and "
        "CDNSKEY are published they must describe the same keys, and every authoritative server must return the same CDS and CDNSKEY.</p>",
    ),
    (
        "code",
        "zone",
        "CDS and CDNSKEY published by the child zone",
        "example.jp. 3600 IN CDS     54321 13 2 7D5B0C4A2E1F9A3B6C8D0E2F4A6B8C0D1E3F5A7B...\n"
        "example.jp. 3600 IN CDNSKEY 257 3 13 ( HA4tL7HTbODzmbQ3rI2DLNKpdFcVcSkg... )",
    ),
    ("h3", "RFC 8078: starting to sign and deleting the DS"),
    (
        "text",
        "<p>RFC 8078 extended RFC 7344 with two situations:</p>"
        "<ul><li><strong>Starting to sign (the first DS)</strong>: the CDS and CDNSKEY of a zone without a DS cannot be validated through an existing "
        "chain of trust. RFC 8078 lists ways for the parent side to check further before accepting: for example checking that the same CDS stays visible "
        "for a period of time, querying every authoritative server over TCP to check they agree, or asking the registrant to confirm through another "
        "channel.</li>"
        "<li><strong>Deleting the DS</strong>: a child zone that publishes the special CDS <code>0 0 0 00</code> and CDNSKEY <code>0 3 0 AA==</code> asks "
        "the parent to remove its DS. This signal too must be signed with the current DS's key, and must not be mixed with other CDS or CDNSKEY records.</li></ul>",
    ),
    (
        "code",
        "zone",
        "CDS and CDNSKEY asking for DS deletion (RFC 8078 §4)",
        "example.jp. 3600 IN CDS     0 0 0 00\nexample.jp. 3600 IN CDNSKEY 0 3 0 AA==",
    ),
    (
        "review",
        "<p>The acceptance methods RFC 8078 lists for starting to sign (their section numbers and formal names) could not be compared with the original "
        "text from the environment this was written in. Check the RFC and correct the description above if needed.</p>",
    ),
    ("h3", "RFC 9615: authenticated first DS registration"),
    (
        "text",
        "<p>RFC 9615 (July 2024) brought authentication to starting to sign. The zone's DNS provider publishes, under the host name of each of its "
        "authoritative servers, the same CDS and CDNSKEY as the child zone, at the name "
        "<code>_dsboot.&lt;child zone&gt;._signal.&lt;name server&gt;</code>. When the zone of the name server's host name is signed with DNSSEC, the "
        "parent side can validate these signals through an existing chain of trust. If the signals agree for every name server in the child's delegation, "
        "the parent can register the first DS without waiting.</p>"
        "<p>This requires the DNS provider to have signed the zone of its name servers' host names and to publish the signals under every name server's "
        "name. Some signing software used by DNS providers creates the signals automatically.</p>",
    ),
    (
        "code",
        "zone",
        "Signals published under the name server ns1.dns-provider.example",
        "$ORIGIN _signal.ns1.dns-provider.example.\n"
        "_dsboot.example.jp 3600 IN CDS     54321 13 2 7D5B0C4A2E1F9A3B6C8D0E2F4A6B8C0D1E3F5A7B...\n"
        "_dsboot.example.jp 3600 IN CDNSKEY 257 3 13 ( HA4tL7HTbODzmbQ3rI2DLNKpdFcVcSkg... )",
    ),
    ("h3", "Which mechanism for which situation"),
    (
        "table",
        "DS update situations and the mechanisms that serve them",
        ["Situation", "Manual (panel, EPP)", "CDS/CDNSKEY (RFC 7344)", "RFC 8078", "RFC 9615"],
        [
            [
                "First DS registration",
                "Yes",
                "No (nothing to validate against)",
                "Yes, after further checks",
                "Yes (authenticated)",
            ],
            ["KSK rollover", "Yes", "Yes", "—", "—"],
            ["DS deletion (stopping signing)", "Yes", "—", "Yes, with the delete signal", "—"],
            [
                "Change of DNS provider",
                "Yes",
                "Needs the losing and gaining operators to cooperate",
                "—",
                "Yes, for re-registration after going insecure",
            ],
        ],
    ),
    (
        "text",
        "<p>On the parent side, BIND's <code>dnssec-cds</code> validates a child's CDS and CDNSKEY against the current DS and produces the new DS set. "
        "When both CDS and CDNSKEY exist it prefers CDS, and it refuses signatures older than those seen on its previous run, against replay. On the "
        "child side, BIND's <code>dnssec-policy</code> and Knot DNS's automatic signing publish CDS and CDNSKEY automatically along with KSK rollovers.</p>",
    ),
    (
        "review",
        "<p>The TLDs that read CDS and CDNSKEY automatically or support RFC 9615 (for example some European ccTLDs), and their conditions such as waiting "
        "times, appear in third-party lists but could not be checked against each registry's own documents. Add as a table only what has been checked.</p>",
    ),
    ("h2", "What registrars must watch when building their systems"),
    (
        "text",
        "<ol><li><strong>Keep the DNSKEY internally</strong>: a DS can be computed from a DNSKEY but not the other way round. Accepting and keeping the "
        "DNSKEY lets you serve registries with either the DS data or the key data interface, and adapt to changes of digest type.</li>"
        "<li><strong>Compare with the DNS before sending</strong>: query the child's DNSKEY, check that the DS matches a published KSK that validates the "
        "DNSKEY RRset, and show the result to the registrant.</li>"
        "<li><strong>Do not accept values that must not be created</strong>: following RFC 9905 and the tables of RFC 8624 (now the IANA registries), "
        "create no new DS records for algorithms 5 and 7 or with digests 1 (SHA-1) and 3 (GOST).</li>"
        "<li><strong>Add before removing</strong>: in the order of the panel's operations and in the order of commands sent to the registry alike.</li>"
        "<li><strong>Show the current DS</strong>: show both the DS registered at the registry and the DS visible in the DNS.</li>"
        "<li><strong>Tie it to name server changes</strong>: when the name servers of a name with a DS are changed, check that the gaining servers sign "
        "and that their DS is registered, and warn otherwise.</li>"
        "<li><strong>Handle the DS on deletion, re-registration and transfer</strong>: check that the DS stays or goes as intended when a name is deleted "
        "or transferred in from another registrar.</li>"
        "<li><strong>Keep a record</strong>: record when and by whom each DS was added or removed. It is the first thing an incident investigation needs.</li>"
        "<li><strong>Support automation</strong>: reading CDS and CDNSKEY, an API for DNS providers, and checking RFC 9615 signals save registrants "
        "manual work.</li></ol>",
    ),
    ("h2", "What registrants and DNS providers should check"),
    (
        "text",
        "<p>However careful the registrar's system, only the side that signs the zone can check the values in the end. Registrants and DNS providers "
        "should make the following a habit:</p>"
        "<ul><li><strong>Register the DS of the KSK (or CSK)</strong>: when the DNS provider's panel shows several keys, register the DS of the key with "
        "flags 257. A DS made from the ZSK does not link the chain of trust.</li>"
        "<li><strong>One SHA-256 digest</strong>: there is no need to register both SHA-1 and SHA-256 DS records for the same key. Resolvers following "
        "RFC 4509 §3 ignore a SHA-1 DS when a SHA-256 DS for the same key exists, so a wrong SHA-256 DS makes validation fail even if the SHA-1 DS is "
        "right.</li>"
        "<li><strong>Check in the DNS after registering</strong>: once the DS appears in the parent, check that the name resolves through a validating "
        "resolver with the AD bit set and that the checker shows no errors. Do not change keys or providers before the DS is published.</li>"
        "<li><strong>A new key means a new DS</strong>: when the DNS provider replaces the KSK in a TLD that does not read CDS, registering the new DS is "
        "the registrant's job. Missing the provider's request leaves the zone bogus as soon as the old key is removed.</li></ul>",
    ),
    (
        "text",
        "<p>The portal's checker compares the parent's DS with the child's keys and examines CDS and CDNSKEY, and reports the following findings. "
        "Check with it before and after registering a DS.</p>",
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
    ("h2", "References"),
    (
        "text",
        "<ul><li>RFC 4034 §5: the DS record</li>"
        "<li>RFC 5910: the DNSSEC extension of EPP (secDNS-1.1, obsoletes RFC 4310)</li>"
        "<li>RFC 6781: DNSSEC operational practices</li>"
        "<li>RFC 7344: automating DS maintenance with CDS and CDNSKEY</li>"
        "<li>RFC 7583: key rollover timing</li>"
        "<li>RFC 8078: starting to sign and deleting the DS with CDS and CDNSKEY</li>"
        "<li>RFC 9615: automatic DNSSEC bootstrapping with authenticated signals</li>"
        "<li>RFC 9904, RFC 9905: algorithm recommendations and the deprecation of SHA-1</li></ul>",
    ),
]
