"""How to set up DNSSEC trust anchors for the resolver (English translation). Same block format as the Japanese original."""

TITLE = "How to set up DNSSEC trust anchors for the resolver"
SUMMARY = (
    "A best current practice for configuring the root zone's trust anchor on a validating resolver securely, and for letting RFC 5011 "
    "automated updates follow rollovers of the key signing key (KSK). It gives configurations for Unbound, BIND and Knot Resolver, "
    "shows how to check them, describes the root KSK as it stands since the switch to KSK-2024 in October 2026, "
    "and draws the lessons of the 2017–2018 root KSK rollover."
)

BODY = [
    ("h2", "What this guide is for"),
    (
        "text",
        "<p>When a resolver validates DNSSEC, every answer is checked along a chain of trust that starts at a trust anchor. "
        "A resolver whose trust anchor is stale, broken or cannot be updated fails to validate even correctly signed zones, "
        "and its users see it as \u201cthe Internet is down\u201d.</p>"
        "<p>This guide is for people who operate resolvers at ISPs and enterprises. It explains how to install the root zone's trust anchor "
        "correctly and let it follow later key changes automatically. In short:</p>"
        "<ol><li>Use the trust anchor shipped with the software or the one IANA publishes, verified; do not type it in from documents or web pages.</li>"
        "<li>Enable RFC 5011 automated updates, and make sure the resolver can write its trust anchor state file.</li>"
        "<li>Keep the clock right with NTP, and monitor the state of the automated updates.</li></ol>",
    ),
    ("h2", "What a trust anchor is"),
    (
        "text",
        "<p>In DNSSEC each zone publishes its public keys as DNSKEY records, and the parent zone registers and signs a hash of the child's key signing key "
        "as a DS record (RFC 4033 §2, RFC 4034 §5). Following this chain from parent to child up to the root, validation finally needs a reason to trust. "
        "That is the trust anchor: usually the DNSKEY of the root zone's key signing key, or its DS, configured in the resolver.</p>"
        "<p>The key signing key (KSK) signs the DNSKEY RRset; its DNSKEY Flags field is 257, with the SEP bit set (RFC 4034 §2.1.1). "
        "The zone signing key (ZSK) signs the rest of the zone's data; its Flags value is 256. The trust anchor is the root zone's key signing key.</p>",
    ),
    (
        "table",
        "The root zone's trust anchors (December 2026)",
        ["Name", "Key tag", "Algorithm", "Digest (SHA-256)", "State"],
        [
            [
                "KSK-2024",
                "38696",
                "8 (RSASHA256)",
                "683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16",
                "Published since 11 January 2025; signs the DNSKEY RRset since 11 October 2026",
            ],
            [
                "KSK-2017",
                "20326",
                "8 (RSASHA256)",
                "E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
                "Still published, no longer signing; revocation planned for 2027",
            ],
        ],
    ),
    (
        "text",
        "<p>The root zone's key signing key changed from KSK-2017 to KSK-2024 on 11 October 2026 (ICANN's plan). "
        "KSK-2024 has been in the root zone's DNSKEY RRset since 11 January 2025, so resolvers whose RFC 5011 updates work accepted it as a trust anchor "
        "after the add hold-down time. KSK-2017 stays in the DNSKEY RRset for a while, until it is revoked (REVOKE bit set) and removed. "
        "A resolver with both keys as trust anchors is in the normal state. Debian's <code>dns-root-data</code> carries "
        "both DS records in <code>/usr/share/dns/root.ds</code> (checked in version 2024071801~deb12u1 of Debian 12).</p>",
    ),
    (
        "text",
        "<p>Algorithm 8 (RSASHA256) is one that validators MUST implement, and DS digest type 2 (SHA-256) is MUST for both creating and validating "
        "(RFC 8624 §3.1, §3.3; RFC 9904 moved these recommendations into the IANA registries without changing them).</p>",
    ),
    (
        "review",
        "<p>KSK-2017's revocation (publication with the REVOKE bit set) is planned for 2027, but its exact date, and the date of its removal from the root zone, "
        "cannot be checked from the "
        "environment this guide was written in. Check them against ICANN's and IANA's publications and add the dates to the table above and to "
        "\u201cMain dates of the root KSK rollovers\u201d.</p>",
    ),
    (
        "warning",
        "<p>Do not copy the digest from this page into a configuration by hand. Always obtain it from the file shipped with the software, or by fetching "
        "<code>root-anchors.xml</code>, which IANA publishes over HTTPS, and verifying its signature (the publication format is RFC 9718). "
        "Use the values shown here only to compare with what you obtained.</p>",
    ),
    ("h2", "How anchors are obtained and kept current"),
    ("h3", "Automated updates with RFC 5011"),
    (
        "text",
        "<p>RFC 5011 defines how a resolver safely accepts a new key signing key with the help of the one it already trusts. "
        "The resolver queries the DNSKEY RRset periodically (active refresh). When a new key signing key appears in an RRset signed by a key it already trusts, "
        "it records the new key as pending. Only when the new key has been seen continuously for the add hold-down time does the resolver adopt it as a trust anchor.</p>",
    ),
    (
        "table",
        "RFC 5011 timers",
        ["Item", "Value", "Source"],
        [
            [
                "Add hold-down time",
                "30 days, or the original TTL of the first DNSKEY RRset that contained the new key, whichever is longer",
                "RFC 5011 §2.4.1",
            ],
            ["Remove hold-down time", "30 days", "RFC 5011 §2.4.2"],
            [
                "Query interval",
                "MAX(1 hour, MIN(15 days, 1/2 of the original TTL, 1/2 of the time until the signatures expire))",
                "RFC 5011 §2.3",
            ],
        ],
    ),
    (
        "text",
        "<p>To withdraw an old key signing key, the operator sets the REVOKE bit (bit 8, value 128) in the key's Flags, signs the DNSKEY RRset with that key itself "
        "and publishes it (RFC 5011 §2.1, §3). Setting the REVOKE bit changes the key tag. A revoked key signs nothing but the DNSKEY RRset.</p>"
        "<p>Automated updates need a file (or directory) that the resolver can write its state to. A trust anchor kept in a read-only file, or in a container "
        "image that is reset at every start, loses its state and cannot follow a key change.</p>",
    ),
    ("h3", "Obtaining the initial anchor"),
    (
        "text",
        "<p>Obtain the first trust anchor (the initial value) from one of these:</p>"
        "<ul><li>the value built into the resolver software (BIND's <code>dnssec-validation auto;</code>, Knot Resolver's built-in value); "
        "older versions may carry KSK-2017 only, so make sure yours includes KSK-2024 (the <code>bind.keys</code> of BIND 9.18.49 in Debian 12 has KSK-2024 as an <code>initial-ds</code>);</li>"
        "<li>an operating system package (such as <code>dns-root-data</code> on Debian and Ubuntu), whose signature detects tampering;</li>"
        "<li>a tool such as <code>unbound-anchor</code> that fetches IANA's <code>root-anchors.xml</code> and verifies its signature.</li></ul>"
        "<p>Whichever you use, leave the anchor to RFC 5011 afterwards and do not edit it by hand.</p>",
    ),
    ("h2", "Unbound"),
    (
        "text",
        "<p>Unbound uses <code>auto-trust-anchor-file</code>. The file also holds the RFC 5011 state, and Unbound rewrites it. "
        "A root trust anchor set with the static <code>trust-anchor-file</code> or <code>trust-anchor</code> is never updated, so do not use those for the root.</p>",
    ),
    (
        "code",
        "shell",
        "Create the initial anchor (as the unbound user)",
        "$ sudo -u unbound unbound-anchor -a /var/lib/unbound/root.key\n$ ls -l /var/lib/unbound/root.key",
    ),
    (
        "code",
        "unbound.conf",
        "/etc/unbound/unbound.conf",
        "server:\n"
        "    # Trust anchor updated by RFC 5011 (unbound must be able to write it)\n"
        '    auto-trust-anchor-file: "/var/lib/unbound/root.key"\n'
        "    # RFC 8145 key tag signalling and the RFC 8509 root key sentinel\n"
        "    trust-anchor-signaling: yes\n"
        "    root-key-sentinel: yes\n"
        "    # Log why validation failed\n"
        "    val-log-level: 2\n"
        "    # Add hold-down time in seconds: do not shorten the 30-day default\n"
        "    add-holddown: 2592000\n"
        "    del-holddown: 2592000",
    ),
    (
        "note",
        "<p>The Debian and Ubuntu packages already make this setting in <code>/etc/unbound/unbound.conf.d/root-auto-trust-anchor-file.conf</code> "
        "and run <code>unbound-anchor</code> before starting. Check the existing files so that the setting is not made twice.</p>",
    ),
    (
        "code",
        "shell",
        "Check",
        "$ unbound-checkconf\n"
        "unbound-checkconf: no errors in /etc/unbound/unbound.conf\n"
        "$ sudo unbound-control reload\n"
        "$ grep -v '^;' /var/lib/unbound/root.key | head -3",
    ),
    ("h2", "BIND"),
    (
        "text",
        "<p>In BIND 9, <code>dnssec-validation auto;</code> uses the root key signing key built into BIND as the initial value and updates it with RFC 5011. "
        "The state is kept in files under <code>managed-keys-directory</code> (<code>managed-keys.bind</code>, or one <code>.mkeys</code> file per view), "
        "so named must be able to write to that directory.</p>",
    ),
    (
        "code",
        "named.conf",
        "/etc/bind/named.conf.options",
        "options {\n"
        '    directory "/var/cache/bind";\n'
        "    // Directory of the RFC 5011 state files (named must be able to write it)\n"
        '    managed-keys-directory "/var/lib/bind";\n'
        "    recursion yes;\n"
        "    allow-recursion { 127.0.0.1; ::1; 192.0.2.0/24; };\n"
        "    // Built-in root KSK as the initial value, updated by RFC 5011\n"
        "    dnssec-validation auto;\n"
        "};",
    ),
    (
        "text",
        "<p>To give the initial value yourself instead of the built-in one, write it in a <code>trust-anchors</code> statement as <code>initial-key</code> "
        "(or <code>initial-ds</code>). Types starting with <code>initial-</code> are updated by RFC 5011; <code>static-key</code> and <code>static-ds</code> are not. "
        "Always use an <code>initial-</code> type for the root, together with <code>dnssec-validation yes;</code>.</p>",
    ),
    (
        "code",
        "named.conf",
        "Giving the initial value with trust-anchors",
        "trust-anchors {\n"
        "    // KSK-2024 (the key signing since 11 October 2026)\n"
        '    . initial-ds 38696 8 2 "683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16";\n'
        "    // KSK-2017 (keep it until it is revoked; RFC 5011 then removes it)\n"
        '    . initial-ds 20326 8 2 "E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D";\n'
        "};\n"
        "options {\n"
        "    dnssec-validation yes;\n"
        "};",
    ),
    (
        "review",
        "<p>The old <code>managed-keys</code> and <code>trusted-keys</code> statements have been replaced by <code>trust-anchors</code>. "
        "Check in the ARM of your BIND which version removed them, and from which version the default of <code>dnssec-validation</code> is <code>auto</code>.</p>",
    ),
    (
        "code",
        "shell",
        "Checking the state of the automated updates",
        "$ sudo rndc managed-keys status        # key tags 38696 and 20326 must be trusted\n"
        "$ sudo rndc managed-keys refresh\n"
        "$ dig @127.0.0.1 . DNSKEY +dnssec +multi | grep -E 'flags|key id'",
    ),
    ("h2", "Knot Resolver"),
    (
        "text",
        "<p>Knot Resolver has the root trust anchor built in and updates it with RFC 5011 by default. Keep its state file in a directory kresd can write. "
        "Version 5 is configured in Lua (<code>kresd.conf</code>), version 6 in YAML (<code>config.yaml</code>).</p>",
    ),
    (
        "code",
        "kresd.conf",
        "/etc/knot-resolver/kresd.conf (version 5)",
        "-- Trust anchor updated by RFC 5011; the second argument false means writable\n"
        "trust_anchors.add_file('/var/lib/knot-resolver/root.keys', false)\n"
        "-- Add hold-down time (do not shorten the 30-day default)\n"
        "trust_anchors.hold_down_time = 30 * day",
    ),
    (
        "code",
        "knot.conf",
        "/etc/knot-resolver/config.yaml (version 6)",
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
        "<p>Check the option names of Knot Resolver 6 in the documentation of your version (they could not be checked when this guide was written).</p>",
    ),
    ("h2", "Checking that it works"),
    (
        "text",
        "<p>Once the configuration is loaded, check that answers from a signed zone carry the AD bit, that a zone with broken signatures gives SERVFAIL, "
        "and that the trust anchor state is saved. DNSSEC signatures have a validity period, so a resolver with a wrong clock fails to validate "
        "(RFC 4035 §5.3.1): keep its time right with NTP.</p>",
    ),
    (
        "code",
        "shell",
        "Checking the AD bit and a validation failure",
        "$ dig @127.0.0.1 jprs.jp SOA +dnssec | grep flags\n"
        ";; flags: qr rd ra ad; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1\n"
        "$ dig @127.0.0.1 . DNSKEY +cd +multi | grep -c 'key id'",
    ),
    (
        "text",
        "<p>This portal's checker reports an unusable trust anchor, or a revoked key used by mistake, as these findings.</p>",
    ),
    ("findings", ["trust_anchor_unusable", "trust_anchor_not_signing", "revoked_key_misuse", "ds_to_revoked_key"]),
    ("h2", "Root KSK rollovers and their lessons"),
    ("h3", "2024–2027: from KSK-2017 to KSK-2024"),
    (
        "text",
        "<p>For the second root KSK rollover, ICANN prepared KSK-2024 (key tag 38696, algorithm 8) and published it in the root zone's DNSKEY RRset on "
        "11 January 2025. Resolvers following RFC 5011 accepted it as a trust anchor after the add hold-down time (30 days). As ICANN planned, KSK-2024 "
        "has signed the root zone's DNSKEY RRset since 11 October 2026. KSK-2017 stays in the DNSKEY RRset until its revocation (publication with the "
        "REVOKE bit set), planned for 2027.</p>"
        "<p>Since 11 October 2026, a resolver without KSK-2024 as a trust anchor cannot validate the root zone's DNSKEY RRset and answers SERVFAIL to "
        "everything. On machines that were switched off for a long time, rebuilt from old images, or given a static root key, check that KSK-2024 "
        "(key tag 38696) is trusted:</p>",
    ),
    (
        "code",
        "shell",
        "Checking that KSK-2024 is trusted",
        "# Unbound: the state file holds key 38696, marked VALID\n"
        "$ sudo grep -E '38696|20326' /var/lib/unbound/root.key\n"
        "# BIND: 38696 is trusted\n"
        "$ sudo rndc managed-keys status | grep -A4 38696\n"
        "# The DS records in Debian's dns-root-data\n"
        "$ cat /usr/share/dns/root.ds\n"
        ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n"
        ". IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16",
    ),
    ("h3", "2017–2018: from KSK-2010 to KSK-2017"),
    (
        "text",
        "<p>The root zone's first key signing key, KSK-2010 (key tag 19036), was in use from the signing of the root zone in July 2010. "
        "ICANN generated its successor, KSK-2017 (key tag 20326), and published it in the root zone's DNSKEY RRset in July 2017. "
        "Resolvers following RFC 5011 accepted KSK-2017 as a trust anchor after the add hold-down time.</p>"
        "<p>The switch was first planned for 11 October 2017. Data from RFC 8145 key tag signalling (resolvers telling the root servers which key tags they trust) "
        "showed that a significant share of resolvers did not trust KSK-2017, and ICANN decided in September 2017 to postpone. "
        "After further study and outreach, the switch took place on 11 October 2018. "
        "KSK-2010 was published with the REVOKE bit set in January 2019 and removed from the root zone in March 2019.</p>",
    ),
    (
        "table",
        "Main dates of the root KSK rollovers",
        ["When", "What"],
        [
            ["July 2010", "Root zone signed; KSK-2010 in use"],
            ["July 2017", "KSK-2017 published in the root zone"],
            ["September 2017", "Switch postponed after the key tag signalling data"],
            ["11 October 2018", "Root zone signed with KSK-2017"],
            ["January 2019", "KSK-2010 revoked (REVOKE bit set)"],
            ["March 2019", "KSK-2010 removed from the root zone"],
            ["11 January 2025", "KSK-2024 published in the root zone"],
            ["11 October 2026", "Root zone signed with KSK-2024 (ICANN's plan)"],
            ["2027 (planned; exact date to be confirmed)", "KSK-2017 revoked (REVOKE bit set)"],
        ],
    ),
    (
        "review",
        "<p>Add the share of resolvers that trusted only KSK-2010 in the key tag signalling data behind the postponement, and the number of failures reported "
        "on the day of the switch, quoting ICANN's and researchers' public reports (they could not be checked where this guide was written).</p>",
    ),
    ("h3", "Lessons"),
    (
        "text",
        "<ul>"
        "<li><strong>A state file that cannot be written.</strong> Even with RFC 5011 enabled, some resolvers could not accept the new key because their state file "
        "was read-only or was reset from a container or virtual machine image at every start. Keep the state file on persistent storage, writable by the resolver's user.</li>"
        "<li><strong>Machines switched off for a long time.</strong> A machine that was off before the add hold-down time had passed, or one restored from an old image, "
        "does not know the new key. Install the initial value again before starting a machine that was off for longer than the new key has been published.</li>"
        "<li><strong>Trust anchors fixed by hand.</strong> Sites that pinned the root key with a static setting (<code>trust-anchor-file</code>, <code>static-key</code> and so on) "
        "all fail to validate at the switch.</li>"
        "<li><strong>Make it visible.</strong> With RFC 8145 key tag signalling and the RFC 8509 root key sentinel enabled, root operators and researchers can measure "
        "the state of resolvers worldwide. Monitor the key tags of your own trust anchors too.</li>"
        "<li><strong>Larger answers.</strong> During a switch or a revocation the DNSKEY RRset carries more keys and signatures, and answers grow. "
        "Check that no firewall drops TCP port 53, large UDP answers or fragments.</li>"
        "</ul>",
    ),
    ("h2", "Operations checklist"),
    (
        "table",
        "Checklist for a resolver's trust anchor",
        ["Item", "What to check"],
        [
            [
                "Initial value",
                "Taken from the shipped value, an OS package, or a root-anchors.xml whose signature was verified",
            ],
            ["Automated updates", "RFC 5011 enabled, and the resolver can write its state file"],
            ["Persistence", "The state file survives restarts and image rebuilds"],
            ["Clock", "The time is kept right with NTP"],
            ["Monitoring", "The trust anchor's key tags and the count of validation failures are monitored"],
            ["Network", "TCP port 53 and large UDP answers get through"],
        ],
    ),
    ("h2", "References"),
    (
        "text",
        "<ul><li>RFC 4033, RFC 4034, RFC 4035: how DNSSEC works</li>"
        "<li>RFC 5011: automated updates of DNSSEC trust anchors</li>"
        "<li>RFC 8145: signalling trust anchor knowledge in DNSSEC</li>"
        "<li>RFC 8509: a root key trust anchor sentinel for DNSSEC</li>"
        "<li>RFC 8624, RFC 9904: algorithm implementation requirements for DNSSEC</li>"
        "<li>RFC 9718: trust anchor publication for the root zone</li></ul>",
    ),
]
