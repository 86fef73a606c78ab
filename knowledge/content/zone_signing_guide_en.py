"""Signing a zone on authoritative servers (English translation). Same block format as the Japanese original."""

TITLE = "Signing your zone on authoritative servers"
SLUG = "zone-signing-guide"
SUMMARY = (
    "A guideline for operators of authoritative servers: how to start signing a zone with DNSSEC, roll its keys safely, and stop signing "
    "safely when needed. It gives configurations for BIND 9.18 and later (dnssec-policy), Knot DNS automatic signing and PowerDNS (pdnsutil), "
    "explains key rollovers, keeping the parent's DS current with CDS/CDNSKEY, choosing between NSEC and NSEC3 per RFC 9276 and monitoring, "
    "and says after every step what this portal's checker should show."
)

BODY = [
    ("h2", "What this guide is for"),
    (
        "text",
        "<p>Starting to sign a zone is not the hard part. Today's authoritative server software generates keys, signs, refreshes signatures and "
        "even rolls keys by itself. Most failures happen in the steps around it: registering the DS at the parent too early, not waiting long enough "
        "during a key rollover, or stopping in the wrong order. Then validating resolvers throw the zone's answers away, and for users the name "
        "simply does not resolve.</p>"
        "<p>This guide is for people who run authoritative servers for their own zones or their customers'. It goes from the first signature "
        "to key rollovers, monitoring and going back to unsigned, in that order. After each step it says what this portal's checker (the page that "
        "gives a domain name's DNSSEC verdict) should show: the verdict and the ids of the findings. In short:</p>"
        "<ol><li>Leave key management to the software (BIND's <code>dnssec-policy</code>, Knot DNS's <code>policy</code>, PowerDNS's <code>pdnsutil</code>); do not sign by hand.</li>"
        "<li>Sign with ECDSA P-256 (algorithm 13) and use SHA-256 (digest type 2) for the DS. Never sign with the SHA-1 algorithms 5 and 7.</li>"
        "<li>Prefer NSEC. If you use NSEC3, use zero extra iterations and no salt, and opt-out only in large zones full of delegations.</li>"
        "<li>Register the DS only once every authoritative server serves the signed zone and the checker's only finding is <code>signed_without_ds</code> (signed, but no DS at the parent).</li>"
        "<li>Monitor signature expiry, key states and the parent's DS.</li>"
        "<li>To stop signing, remove the DS at the parent first, wait for its TTL, and only then stop signing. Never the other way round.</li></ol>",
    ),
    (
        "note",
        "<p>The configurations and command output in this guide were checked by running BIND 9.18.49, Knot DNS 3.2.6 and PowerDNS "
        "Authoritative Server 4.7.3 from Debian 12. Other versions may name options differently or use other defaults.</p>",
    ),
    ("h2", "Before you start"),
    (
        "text",
        "<p>Check the following before signing. Each is easier to fix before the zone is signed than to diagnose afterwards.</p>"
        "<ul>"
        "<li><strong>The clock.</strong> Signatures have a validity period with a start and an end. A signer with a wrong clock hands out signatures "
        "that are not valid yet or have already expired. Keep the signer's clock right with NTP.</li>"
        "<li><strong>Every authoritative server.</strong> A zone signed on the primary reaches the secondaries by zone transfer. If another company runs "
        "your secondaries, confirm that they transfer and serve the signed zone as it is (with its RRSIG, NSEC or NSEC3 and DNSKEY records). "
        "If some servers answer without signatures, validation fails.</li>"
        "<li><strong>Large answers and TCP.</strong> Signed answers are larger. Use an EDNS UDP payload size of about 1232 octets, and make sure no "
        "firewall or load balancer blocks TCP port 53.</li>"
        "<li><strong>An inventory of TTLs.</strong> How long a rollover must wait depends on the longest TTL in the zone and on the DNSKEY TTL. "
        "Review extremely long TTLs before signing.</li>"
        "<li><strong>How the DS reaches the parent.</strong> Ask your registrar or the parent's operator where, and in which form (the DS itself or "
        "the DNSKEY), a DS is registered, and whether the parent reads CDS/CDNSKEY to update it.</li>"
        "</ul>",
    ),
    (
        "text",
        "<p><strong>What the checker shows (before signing).</strong> The verdict is Insecure, with the finding <code>zone_unsigned</code> (Info). "
        "If it also reports problems with the authoritative servers (a server that does not answer, no answer over TCP, broken EDNS, large answers "
        "that are lost), fix them before signing.</p>",
    ),
    (
        "findings",
        ["zone_unsigned", "tcp_unresponsive", "edns_broken", "pmtu_fragmentation", "soa_serial_mismatch"],
    ),
    ("h2", "Algorithms and key layout"),
    (
        "text",
        "<p>Sign new zones with ECDSA P-256 and SHA-256 (algorithm 13, ECDSAP256SHA256): keys and signatures are short, answers stay small, and every "
        "major authoritative server and resolver supports it. RSA with SHA-256 (algorithm 8, RSASHA256) also validates everywhere, but makes answers larger.</p>"
        "<p>RFC 9905 deprecates algorithms 5 (RSASHA1) and 7 (RSASHA1-NSEC3-SHA1), which use SHA-1, for creating DNSKEY and RRSIG records. "
        "Zones signed with them should move to algorithm 13 with an algorithm rollover. Algorithm 10 (RSASHA512) is not recommended either. "
        "RFC 9904 moved the implementation and usage recommendations for each algorithm from RFC 8624's tables to the IANA registries "
        "(without changing them itself).</p>",
    ),
    (
        "table",
        "Signing algorithms and DS digests",
        ["Kind", "Number and name", "In this guide"],
        [
            ["Signing", "13 ECDSAP256SHA256", "Recommended; use it for new zones"],
            ["Signing", "8 RSASHA256", "Usable; larger answers"],
            ["Signing", "15 ED25519", "Usable; check support in older resolvers first"],
            ["Signing", "10 RSASHA512", "Not recommended"],
            ["Signing", "5 RSASHA1, 7 RSASHA1-NSEC3-SHA1", "Do not sign with them (RFC 9905)"],
            ["DS digest", "2 SHA-256", "Recommended"],
            ["DS digest", "1 SHA-1", "Do not register new ones"],
        ],
    ),
    (
        "review",
        "<p>Check the text of RFC 9904 and RFC 9905 and the current recommendation columns (signing and validation) of IANA's DNSSEC algorithm registry. "
        "From the environment this guide was written in, only their abstracts could be verified: RFC 9904 moves the canonical recommendations to the IANA "
        "registries without changing them, and RFC 9905 deprecates algorithms 5 and 7 for creating DNSKEY and RRSIG records, updating RFC 4034 and RFC 5155. "
        "Confirm the status of algorithm 15 and what validators are to do with algorithms 5 and 7 against the registry, and update the table above.</p>",
    ),
    (
        "text",
        "<p>There are two key layouts. With a separate key signing key (KSK) and zone signing key (ZSK), only the KSK has a DS at the parent, and the "
        "ZSK can be rolled without involving the parent. A combined signing key (CSK) does both jobs: one key and smaller answers, but every rollover "
        "needs a DS update. A CSK is a good choice where the parent updates the DS from CDS/CDNSKEY. Where the DS is registered by hand, keep KSK and "
        "ZSK apart and give the KSK a long (or unlimited) lifetime, so that DS changes stay rare.</p>"
        "<p><strong>What the checker shows.</strong> With algorithm 13 or 8 there is no algorithm finding. Signing with 5 or 7 gives "
        "<code>dnskey_alg_sha1</code> (Error), with 10 <code>dnskey_alg_not_recommended</code> (Warning), and a SHA-1 DS alone gives "
        "<code>ds_digest_deprecated</code> and <code>ds_sha256_missing</code>.</p>",
    ),
    ("findings", ["dnskey_alg_sha1", "dnskey_alg_not_recommended", "ds_digest_deprecated", "ds_sha256_missing"]),
    ("h2", "BIND 9.18 and later: signing with dnssec-policy"),
    (
        "text",
        "<p><code>dnssec-policy</code>, introduced in BIND 9.16, lets BIND generate keys, sign, refresh signatures and roll keys by itself. "
        "The older <code>auto-dnssec</code> is deprecated in 9.18; use <code>dnssec-policy</code> for anything new. The built-in policy "
        "<code>default</code> uses one algorithm 13 CSK with an unlimited lifetime and NSEC. The example below keeps KSK and ZSK apart, rolls the ZSK "
        "every 90 days and uses NSEC3 with the values RFC 9276 recommends.</p>",
    ),
    (
        "code",
        "named.conf",
        "/etc/bind/named.conf (BIND 9.18)",
        'dnssec-policy "jp-standard" {\n'
        "    keys {\n"
        "        // KSK without end (fewer manual DS changes), ZSK rolled every 90 days\n"
        "        ksk lifetime unlimited algorithm ecdsap256sha256;\n"
        "        zsk lifetime P90D algorithm ecdsap256sha256;\n"
        "    };\n"
        "    dnskey-ttl PT1H;\n"
        "    max-zone-ttl P1D;              // longest TTL in the zone (used for rollover timing)\n"
        "    signatures-validity P14D;\n"
        "    signatures-validity-dnskey P14D;\n"
        "    signatures-refresh P5D;        // refresh signatures 5 days before they expire\n"
        "    zone-propagation-delay PT5M;   // time for the secondaries to catch up\n"
        "    parent-ds-ttl P1D;             // the parent's DS TTL (set to the real value)\n"
        "    parent-propagation-delay PT1H;\n"
        "    nsec3param iterations 0 optout no salt-length 0;\n"
        "};\n"
        "\n"
        'zone "example.jp" {\n'
        "    type primary;\n"
        '    file "/var/lib/bind/example.jp.zone";\n'
        '    dnssec-policy "jp-standard";\n'
        "    inline-signing yes;            // required explicitly in 9.18\n"
        '    key-directory "/var/lib/bind/keys";\n'
        "};",
    ),
    (
        "text",
        "<p>With <code>inline-signing yes;</code> BIND leaves the zone file you edit alone and keeps the signed zone separately (its file name ends in "
        "<code>.signed</code>). In BIND 9.18, a zone with <code>dnssec-policy</code> that does not use dynamic updates (<code>allow-update</code> or "
        "<code>update-policy</code>) must say <code>inline-signing yes;</code> explicitly, or <code>named-checkconf</code> reports an error. "
        "Key files (<code>.key</code>, <code>.private</code> and <code>.state</code>, which records each key's state) are created in "
        "<code>key-directory</code>: named must be able to write there, and the directory belongs in your backups.</p>",
    ),
    (
        "review",
        "<p>BIND 9.20 reportedly lets <code>inline-signing</code> be set inside <code>dnssec-policy</code> and changed its default. Check the 9.20 ARM "
        "and add an example for 9.20 and later (the BIND used to write this guide is 9.18.49; only 9.18's behaviour was verified).</p>",
    ),
    (
        "code",
        "shell",
        "Checking the configuration and the key states (output from BIND 9.18.49)",
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
        "<p>Key states go from <code>hidden</code> (not visible yet) to <code>rumoured</code> (published, but not yet in every cache), "
        "<code>omnipresent</code> (in every cache) and <code>unretentive</code> (being withdrawn). While the KSK's <code>ds</code> is "
        "<code>hidden</code>, it is too early to register a DS. Once the DNSKEY is <code>omnipresent</code>, BIND publishes CDS and CDNSKEY in the zone.</p>"
        "<p><strong>What the checker shows (signed, before the DS).</strong> The verdict is still Insecure, with the finding <code>signed_without_ds</code> "
        "(Warning): the signed zone is served correctly, but the parent has no DS. That is exactly what this stage should look like. "
        "If <code>signed_state_inconsistent</code> or <code>dnskey_rrset_differs</code> appears, some server is not serving the signed zone: fix that "
        "before registering the DS.</p>",
    ),
    ("findings", ["signed_without_ds", "signed_state_inconsistent", "dnskey_rrset_differs", "rrsig_missing"]),
    ("h2", "Knot DNS: automatic signing with a policy"),
    (
        "text",
        "<p>In Knot DNS, <code>dnssec-signing: on</code> on a zone turns automatic signing on, and a <code>policy</code> section sets how keys and "
        "signatures are handled. Without a policy, Knot uses algorithm 13, a separate KSK and ZSK, a 30-day ZSK lifetime and NSEC. The example below "
        "follows the same plan as the BIND one and adds a <code>submission</code> section that checks the parent's DS during KSK rollovers.</p>",
    ),
    (
        "code",
        "knot.conf",
        "/etc/knot/knot.conf (Knot DNS 3.2)",
        "remote:\n"
        "  - id: validating-resolver\n"
        "    address: 192.0.2.53@53        # a resolver asked whether the DS is there\n"
        "\n"
        "submission:\n"
        "  - id: jp-parent\n"
        "    parent: validating-resolver\n"
        "    check-interval: 1h\n"
        "    parent-delay: 1d               # wait after seeing the DS (the parent's DS TTL)\n"
        "\n"
        "policy:\n"
        "  - id: jp-standard\n"
        "    algorithm: ecdsap256sha256\n"
        "    ksk-lifetime: 0                # 0 means no end\n"
        "    zsk-lifetime: 90d\n"
        "    dnskey-ttl: 1h\n"
        "    zone-max-ttl: 1d\n"
        "    propagation-delay: 1h\n"
        "    rrsig-lifetime: 14d\n"
        "    rrsig-refresh: 7d\n"
        "    nsec3: on\n"
        "    nsec3-iterations: 0\n"
        "    nsec3-salt-length: 0           # 3.2 defaults to 8; RFC 9276 says no salt\n"
        "    nsec3-opt-out: off\n"
        "    ksk-submission: jp-parent\n"
        "    cds-cdnskey-publish: always\n"
        "    cds-digest-type: sha256\n"
        "\n"
        "zone:\n"
        "  - domain: example.jp\n"
        "    file: example.jp.zone\n"
        "    zonefile-sync: -1              # never rewrite the zone file you edit\n"
        "    zonefile-load: difference-no-serial\n"
        "    journal-content: all           # keep the signed zone in the journal\n"
        "    dnssec-signing: on\n"
        "    dnssec-policy: jp-standard",
    ),
    (
        "text",
        "<p>In Knot DNS 3.2 <code>nsec3-salt-length</code> defaults to 8 octets; RFC 9276 says to use no salt, so set it to 0 explicitly. "
        "<code>zonefile-sync: -1</code> with <code>zonefile-load: difference-no-serial</code> and <code>journal-content: all</code> keeps Knot from "
        "rewriting the zone file the operator edits and keeps the signed zone in the journal. Keys live in the KASP database (by default "
        "<code>keys</code> under <code>storage</code>), which belongs in your backups.</p>",
    ),
    (
        "code",
        "shell",
        "Checking the configuration and the key states (output from Knot DNS 3.2.6)",
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
        "<p>A KSK in the <code>ready</code> state is waiting for its DS; the log says \u201cKSK submission, waiting for confirmation\u201d. When the "
        "servers named in the submission's <code>parent</code> show the DS, Knot waits <code>parent-delay</code> and makes the KSK <code>active</code>. "
        "Without automatic DS checks, confirm the registration yourself and then tell Knot with <code>knotc zone-ksk-submitted example.jp</code>.</p>"
        "<p><strong>What the checker shows.</strong> As with BIND: before the DS is registered, Insecure with <code>signed_without_ds</code> (Warning). "
        "Since the zone publishes CDS/CDNSKEY, also check that they agree (no <code>cds_cdnskey_mismatch</code>).</p>",
    ),
    ("findings", ["signed_without_ds", "cds_cdnskey_mismatch", "nsec3_salt_nonempty"]),
    ("h2", "PowerDNS Authoritative Server: signing with pdnsutil"),
    (
        "text",
        "<p>PowerDNS Authoritative Server signs answers for zones kept in its backend (a database, for example) as it serves them, and caches the "
        "signatures. In 4.7, <code>pdnsutil secure-zone</code> creates one algorithm 13 CSK, and the zone uses NSEC. For NSEC3, set the parameters "
        "with <code>set-nsec3</code> and rebuild the ordering data with <code>rectify-zone</code>.</p>",
    ),
    (
        "code",
        "shell",
        "Signing and checking (output from PowerDNS 4.7.3)",
        "$ sudo pdnsutil secure-zone example.jp\n"
        "Adding CSK (257) with algorithm ecdsa256\n"
        "Zone example.jp secured\n"
        "$ sudo pdnsutil set-nsec3 example.jp '1 0 0 -'   # hash 1, flags 0 (no opt-out), 0 iterations, no salt\n"
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
        "<p>The end of the <code>show-zone</code> output lists the DS records for the parent (SHA-256 and SHA-384); register the SHA-256 one "
        "(digest type 2). PowerDNS does not roll keys by itself: roll them with <code>add-zone-key</code>, <code>activate-zone-key</code>, "
        "<code>deactivate-zone-key</code> and <code>remove-zone-key</code>, keeping to the waiting times described below. If your secondaries are not "
        "PowerDNS, make sure they receive the signed zone by transfer.</p>",
    ),
    (
        "note",
        "<p>From PowerDNS 5.0 on, <code>pdnsutil</code> subcommands take the form \u201cobject action\u201d, such as <code>pdnsutil zone show</code>. "
        "The examples here use the 4.7 syntax; check <code>pdnsutil --help</code> for your version.</p>",
    ),
    ("h2", "Registering the DS at the parent"),
    (
        "text",
        "<p>Register the DS only when three things hold: every authoritative server serves the same signed zone; the DNSKEY RRset has been published for "
        "at least its TTL (in BIND, the KSK's <code>dnskey</code> is <code>omnipresent</code>); and the checker reports nothing but "
        "<code>signed_without_ds</code>.</p>"
        "<p>Register the DS exactly as the signer produced it, with a SHA-256 digest (type 2). Copying digests by hand invites mistakes: after pasting "
        "it into the registrar's form, compare what the parent serves with what you meant.</p>",
    ),
    (
        "code",
        "shell",
        "Getting the DS to register, and checking it afterwards",
        "# BIND: from the KSK's public key file\n"
        "$ dnssec-dsfromkey -2 /var/lib/bind/keys/Kexample.jp.+013+14472.key\n"
        "# Knot DNS\n"
        "$ sudo keymgr example.jp ds\n"
        "# Afterwards: is the DS on every server of the parent?\n"
        "$ for ns in $(dig +short jp NS); do dig @$ns example.jp DS +norec +short; done\n"
        "# Does the parent's DS match the one computed from your DNSKEY (KSK)?\n"
        "$ dig example.jp DNSKEY +noall +answer | dnssec-dsfromkey -2 -f - example.jp\n"
        "$ dig example.jp DS +short",
    ),
    (
        "text",
        "<p><strong>What the checker shows (after the DS).</strong> The verdict becomes Secure, with no findings about the DS or the zone's keys. "
        "A wrong DS makes the verdict Bogus, with <code>no_secure_entry_point</code> (Critical) or <code>ds_digest_mismatch</code> (Error): correct "
        "the DS at the registrar or delete it at once. A DS for the ZSK instead of the KSK gives <code>ds_to_non_sep_key</code>.</p>",
    ),
    ("findings", ["no_secure_entry_point", "ds_digest_mismatch", "ds_orphan", "ds_to_non_sep_key", "chain_bogus"]),
    ("h2", "Letting the parent follow with CDS/CDNSKEY"),
    (
        "text",
        "<p>CDS and CDNSKEY records are published at the child's apex and say which DS (or key) the child wants at the parent (RFC 7344). If the "
        "parent's operator (the registry or the registrar) reads them regularly, checks that they are signed with the child's current key and updates "
        "the DS, nobody has to re-register the DS by hand at each KSK rollover.</p>"
        "<ul>"
        "<li><strong>RFC 7344</strong> defines CDS/CDNSKEY and how a parent updates the DS of a zone that already has one (an existing chain of trust).</li>"
        "<li><strong>RFC 8078</strong> covers the first DS for a zone that has none (bootstrapping) and the signal to delete the DS "
        "(CDS <code>0 0 0 00</code>, CDNSKEY <code>0 3 0 AA==</code>).</li>"
        "<li><strong>RFC 9615</strong> lets a zone without a DS get its first DS securely: signalling records placed in the (signed) zones of its "
        "name servers' names, at <code>_dsboot.&lt;zone&gt;._signal.&lt;NS name&gt;</code>, authenticate the CDS/CDNSKEY.</li>"
        "</ul>"
        "<p>Whether a parent reads CDS/CDNSKEY at all, and which of these methods it supports, differs from parent to parent. Where it does not, "
        "publishing CDS changes nothing at the parent, and the DS must be re-registered through the registrar at each KSK rollover.</p>",
    ),
    (
        "review",
        "<p>Whether the .jp registry reads CDS/CDNSKEY, for which kinds of JP domain names (organisational, geographic, general-use), how often it checks, "
        "whether it supports RFC 8078 deletion and RFC 9615 authenticated bootstrapping, and the TTL of DS records in .jp could not be checked from "
        "the environment this guide was written in. Check JPRS's published information and give concrete values here and in the waiting times of "
        "\u201cGoing back safely\u201d.</p>",
    ),
    (
        "text",
        "<p><strong>What the checker shows.</strong> When the CDS equals the current DS there is no CDS finding. During a KSK rollover, while the new DS "
        "waits to be registered, <code>cds_differs_from_ds</code> (Info) appears: not a fault, just \u201cwaiting for the parent\u201d. Only one of "
        "CDS and CDNSKEY gives <code>cds_cdnskey_only_one</code> (Notice); CDS and CDNSKEY naming different keys give <code>cds_cdnskey_mismatch</code> "
        "(Error); CDS not signed with the key of the current DS gives <code>cds_not_signed_by_ds_key</code> (Error); and a CDS whose adoption would "
        "break the chain gives <code>cds_would_break_chain</code> (Error). Fix a CDS with errors before the parent reads it.</p>",
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
    ("h2", "Key rollovers"),
    (
        "text",
        "<p>One principle governs every rollover: any mix of old data still cached by resolvers (DNSKEY, signatures, DS) and new data must validate. "
        "So the new thing comes first, and the old thing stays until it has left every cache. How long to wait follows from the TTLs and from the time "
        "data takes to reach every server (the propagation delay) (RFC 6781 §4.1, RFC 7583). <code>dnssec-policy</code> and Knot DNS compute these "
        "waits themselves, so the values you give them (DNSKEY TTL, maximum zone TTL, propagation delays, the parent's DS TTL) must match reality.</p>",
    ),
    ("h3", "ZSK rollover by pre-publication"),
    (
        "text",
        "<p>Roll ZSKs with the pre-publish method (RFC 6781 §4.1.1.1):</p>"
        "<ol><li>Add the new ZSK to the DNSKEY RRset, without signing with it yet.</li>"
        "<li>Wait for the propagation delay plus the DNSKEY TTL, so that every cache holds a DNSKEY RRset with the new ZSK.</li>"
        "<li>Switch signing to the new ZSK, leaving the old one in the DNSKEY RRset.</li>"
        "<li>Wait for the propagation delay plus the maximum TTL in the zone, so that signatures made with the old ZSK have left every cache.</li>"
        "<li>Remove the old ZSK from the DNSKEY RRset.</li></ol>"
        "<p>Skip the wait in step 2 and resolvers with the old DNSKEY RRset cached cannot validate the new signatures. Skip the wait in step 4 and the "
        "old signatures still cached lose the key that validates them.</p>",
    ),
    ("h3", "KSK rollover: double-KSK and double-DS"),
    (
        "text",
        "<p>A KSK rollover involves the parent's DS, so choose a method (RFC 6781 §4.1.2):</p>"
        "<ul>"
        "<li><strong>Double-KSK (double signature).</strong> Add the new KSK to the DNSKEY RRset and sign the RRset with both KSKs. After the DNSKEY TTL "
        "and the propagation delay, replace the DS at the parent with the new KSK's. After the parent's DS TTL and its propagation delay, remove the old KSK. "
        "It needs only one exchange with the parent, which is why BIND's <code>dnssec-policy</code> and Knot DNS use it.</li>"
        "<li><strong>Double-DS.</strong> First add the new KSK's DS at the parent (two DS records). After the parent's DS TTL, swap the KSK in the zone. "
        "After the DNSKEY TTL, remove the old DS at the parent. The DNSKEY RRset stays small, but the parent is involved twice.</li>"
        "</ul>",
    ),
    (
        "table",
        "How long to wait during rollovers (RFC 7583's reasoning, simplified)",
        ["Stage", "Wait", "In this example"],
        [
            [
                "From publishing a new ZSK to signing with it",
                "propagation delay + DNSKEY TTL + safety margin",
                "5 min + 1 h + margin",
            ],
            [
                "From signing with the new ZSK to removing the old one",
                "propagation delay + maximum zone TTL + margin",
                "5 min + 1 day + margin",
            ],
            [
                "From publishing a new KSK to replacing the DS",
                "propagation delay + DNSKEY TTL + margin",
                "5 min + 1 h + margin",
            ],
            [
                "From replacing the DS to removing the old KSK",
                "parent's propagation delay + parent's DS TTL + margin",
                "1 h + 1 day + margin",
            ],
        ],
    ),
    (
        "text",
        "<p>In BIND, named must learn that the new DS is at the parent. With <code>parental-agents</code> configured, named checks the parent's DS "
        "itself. Otherwise, once you have confirmed the registration run <code>rndc dnssec -checkds -key &lt;key tag&gt; published example.jp</code>, "
        "and once the old DS is gone <code>rndc dnssec -checkds -key &lt;key tag&gt; withdrawn example.jp</code>. To roll earlier than planned, use "
        "<code>rndc dnssec -rollover -key &lt;key tag&gt; example.jp</code>, or in Knot DNS <code>knotc zone-key-rollover example.jp zsk</code> "
        "(or <code>ksk</code>).</p>",
    ),
    (
        "text",
        "<p><strong>What the checker shows (during a rollover).</strong> While a ZSK is pre-published, the DNSKEY RRset just has one more key: the "
        "verdict stays Secure, with no findings. During a double-KSK rollover, until the new DS is at the parent, a zone publishing CDS shows "
        "<code>cds_differs_from_ds</code> (Info). During a double-DS rollover, once only the new DS has been added, <code>ds_orphan</code> (Warning) "
        "appears because its key is not in the zone yet; the verdict stays Secure as long as the old DS still completes the chain. Removing an old key "
        "too early makes the verdict Bogus, with <code>no_secure_entry_point</code>, <code>rrsig_key_absent</code>, <code>rrsig_invalid</code> and "
        "the like. Note that the checker judges what one check can see. The catalogue has findings for mistakes that span time (a ZSK removed too early, "
        "for instance), but they are not implemented yet: run a check at every stage of a rollover and keep the results.</p>",
    ),
    ("findings", ["ds_orphan", "cds_differs_from_ds", "rrsig_key_absent", "rrsig_invalid", "rrsig_algorithm_missing"]),
    (
        "warning",
        "<p>Changing the algorithm (from 8 to 13, say) is not an ordinary rollover: signatures with the new algorithm must cover the whole zone before "
        "a key of that algorithm is published (RFC 6781 §4.1.4). In BIND, changing the algorithm of the keys in <code>dnssec-policy</code> is enough, "
        "and BIND follows that order. Done by hand, it is easy to publish a key whose algorithm has no signatures yet "
        "(<code>rrsig_algorithm_missing</code>).</p>",
    ),
    ("h2", "Choosing NSEC or NSEC3"),
    (
        "text",
        "<p>Answers about names or types that do not exist carry NSEC or NSEC3 records that prove it. NSEC chains the names of the zone in order, so the "
        "list of names can be collected (zone walking). NSEC3 hashes the names, but as RFC 9276 explains, the original names are easily guessed from "
        "the hashes with a dictionary, and more iterations or a salt barely help while adding load on authoritative servers and resolvers.</p>"
        "<p>This guide therefore settles on the following (RFC 9276):</p>"
        "<ul>"
        "<li>Use NSEC unless the list of names must be hidden.</li>"
        "<li>With NSEC3, use zero extra iterations and an empty salt (NSEC3PARAM <code>1 0 0 -</code>).</li>"
        "<li>Use opt-out only in large zones made mostly of unsigned delegations (a TLD, for instance), when the zone's size must be kept down; "
        "not in an ordinary organisation's zone.</li>"
        "</ul>"
        "<p>With high iteration counts, resolvers treat the zone as insecure or answer SERVFAIL; many enforce a limit.</p>",
    ),
    (
        "code",
        "shell",
        "Checking the NSEC3 settings",
        "$ dig example.jp NSEC3PARAM +short\n"
        "1 0 0 -\n"
        "# NSEC3 records in a negative answer (fields 2 to 4: flags, iterations, salt)\n"
        "$ dig nonexistent.example.jp A +dnssec | grep NSEC3",
    ),
    (
        "text",
        "<p><strong>What the checker shows.</strong> Non-zero NSEC3 iterations give <code>nsec3_iterations_nonzero</code> (Error); more than resolvers "
        "accept give <code>nsec3_iterations_over_resolver_limit</code> (Critical); a salt gives <code>nsec3_salt_nonempty</code> (Warning); opt-out in a "
        "small zone gives <code>nsec3_optout_small_zone</code> (Notice). If servers disagree while you switch from NSEC to NSEC3, "
        "<code>denial_type_inconsistent</code> (Error) appears. <code>nsec3_without_need</code> (Info) only says that NSEC might do; nothing needs fixing.</p>",
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
    ("h2", "Monitoring"),
    (
        "text",
        "<p>Left alone, a signed zone will break within weeks, because signatures expire. Re-signing is automatic, but it stops when the signer stops, "
        "when zone transfers stall and a secondary keeps serving old signatures, or when key files disappear. Monitor:</p>"
        "<ul>"
        "<li><strong>Remaining signature validity.</strong> Measure the time until the RRSIGs of the SOA and the DNSKEY RRset expire, on every "
        "authoritative server. Warn when it falls below the refresh interval (5 to 7 days before expiry in this example), and page someone below one day.</li>"
        "<li><strong>SOA serials.</strong> The same on every server, with no secondary lagging behind.</li>"
        "<li><strong>Key states.</strong> Record the output of <code>rndc dnssec -status</code>, <code>keymgr list</code> or "
        "<code>pdnsutil show-zone</code> regularly and look for unplanned changes, including a KSK stuck waiting for its DS (BIND's <code>ds</code> in "
        "<code>rumoured</code>, Knot's <code>ready</code>).</li>"
        "<li><strong>The parent's DS and your CDS.</strong> Does the DS match the current KSK? Have CDS and DS differed for long?</li>"
        "<li><strong>This portal's checker.</strong> Run checks regularly and alert when the verdict is not Secure or when findings of Warning or above appear.</li>"
        "</ul>",
    ),
    (
        "code",
        "shell",
        "Time until the signatures expire (on each authoritative server)",
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
        "Getting the checker's verdict regularly through its API",
        "$ PORTAL=https://portal.example.jp   # this portal's address\n"
        "$ curl -s -X POST \"$PORTAL/api/v1/checks\" -H 'Content-Type: application/json' \\\n"
        '       -d \'{"domain": "example.jp", "fresh": true}\' | jq -r .id\n'
        "$ curl -s \"$PORTAL/api/v1/checks/<id>\" | jq '{verdict, worst_severity, findings: [.findings[].id]}'",
    ),
    (
        "text",
        "<p><strong>What the checker shows.</strong> While re-signing works, there are no findings about signature expiry. As the remaining validity "
        "shrinks, <code>rrsig_remaining_short</code> (Warning) or <code>rrsig_expiration_imminent</code> (Warning) appear, and signatures that would expire "
        "while cached give <code>rrsig_expires_within_ttl</code> (Error). Once they expire the verdict is Bogus with <code>rrsig_expired</code> "
        "(Critical). A secondary serving an old zone gives <code>soa_serial_mismatch</code> or <code>secondary_stale</code>.</p>",
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
    ("h2", "Going back safely (stopping without going bogus)"),
    (
        "text",
        "<p>A change of DNS operator or of signing platform sometimes means signing has to stop for a while. If the signatures go while the DS is still "
        "at the parent, the DS claims that the zone is signed, no signature can be found, and validation fails. Always go in this order:</p>"
        "<ol>"
        "<li><strong>Remove the DS at the parent.</strong> Delete the DS at the registrar, or, where the parent supports RFC 8078 deletion, publish "
        "CDS <code>0 0 0 00</code> and CDNSKEY <code>0 3 0 AA==</code>. Keep signing meanwhile.</li>"
        "<li><strong>Confirm the DS is gone, then wait.</strong> Check that no server of the parent returns the DS any more, then wait for the parent's "
        "DS TTL plus its propagation delay. Signatures are needed until the DS has left resolvers' caches.</li>"
        "<li><strong>Stop signing.</strong> Only after that wait, remove the keys and signatures from the zone.</li>"
        "</ol>",
    ),
    (
        "code",
        "named.conf",
        "BIND 9.18: the policy for going unsigned",
        'zone "example.jp" {\n'
        "    type primary;\n"
        '    file "/var/lib/bind/example.jp.zone";\n'
        '    dnssec-policy "insecure";      // built in: removes the keys only once the DS is known to be gone\n'
        "    inline-signing yes;\n"
        '    key-directory "/var/lib/bind/keys";\n'
        "};",
    ),
    (
        "text",
        "<p>In BIND, switch the zone to the built-in policy <code>insecure</code>. Do not switch to <code>dnssec-policy none;</code> or delete the "
        "<code>dnssec-policy</code> line: that drops the signatures at once, DS or no DS. With <code>insecure</code>, BIND keeps keys and signatures "
        "until it knows the DS has left the parent. Without <code>parental-agents</code>, tell it after confirming the deletion with "
        "<code>rndc dnssec -checkds -key &lt;key tag&gt; withdrawn example.jp</code>. Once every key is gone and <code>rndc dnssec -status</code> "
        "shows them all <code>hidden</code>, the policy may become <code>none</code>.</p>"
        "<p>In Knot DNS, signal the deletion with <code>cds-cdnskey-publish: delete-dnssec</code>, and set <code>dnssec-signing: off</code> once the "
        "DS is gone and the wait is over. In PowerDNS, <code>pdnsutil set-publish-cds example.jp 0</code> publishes the CDS delete signal "
        "(<code>0 0 0 00</code>); once the DS is gone and the wait is over, run <code>pdnsutil disable-dnssec example.jp</code> and tidy the zone "
        "with <code>rectify-zone</code>.</p>",
    ),
    (
        "review",
        "<p>Not fully verified in the environment this guide was written in: how Knot DNS drops RRSIG and NSEC/NSEC3 records kept in its journal after "
        "<code>dnssec-signing: off</code> (whether a reload with <code>zonefile-load: whole</code> is needed), and whether BIND 9.18 publishes the "
        "CDS/CDNSKEY delete signal by itself under the <code>insecure</code> policy. Check each program's documentation and add the answer. "
        "That PowerDNS 4.7.3 answers CDS <code>0 0 0 00</code> after <code>set-publish-cds example.jp 0</code> was verified.</p>",
    ),
    (
        "text",
        "<p><strong>What the checker shows.</strong> With the delete signal published in step 1, the verdict is still Secure, with "
        "<code>cds_delete_requested</code> (Info). Once the DS is gone and the zone is still signed, the verdict is Insecure with "
        "<code>signed_without_ds</code> (Warning): the expected state halfway through. After signing stops, the verdict is Insecure with only "
        "<code>zone_unsigned</code> (Info). Get the order wrong, removing signatures while the DS is still there, and the verdict is Bogus with "
        "<code>ds_but_unsigned</code> (Critical): restore the signatures or delete the DS at once.</p>",
    ),
    (
        "findings",
        ["cds_delete_requested", "signed_without_ds", "zone_unsigned", "ds_but_unsigned", "cds_delete_malformed"],
    ),
    ("h2", "Operations checklist"),
    (
        "table",
        "Zone signing operations checklist",
        ["Item", "What to check"],
        [
            ["Clock", "The signer's clock is kept right by NTP"],
            ["Every server", "Every authoritative server serves the same signed zone"],
            ["Algorithm", "Signed with 13 (or 8); DS digest SHA-256"],
            ["Denial of existence", "NSEC, or NSEC3 with zero iterations and no salt"],
            [
                "DS registration",
                "Registered once the checker showed only signed_without_ds, and Secure confirmed afterwards",
            ],
            [
                "Rollovers",
                "DNSKEY TTL, maximum zone TTL, parent's DS TTL and propagation delays set correctly in the policy",
            ],
            ["CDS/CDNSKEY", "Known whether the parent reads them; the published CDS has no errors"],
            [
                "Monitoring",
                "Signature validity, SOA serials, key states, the DS and the checker's verdict are monitored",
            ],
            ["Backups", "Key material is backed up (BIND's key-directory, Knot's KASP database, PowerDNS's backend)"],
            ["Stopping", "The runbook says: remove the DS, wait for its TTL, then stop signing"],
        ],
    ),
    ("h2", "References"),
    (
        "text",
        "<ul><li>RFC 4033, RFC 4034, RFC 4035: how DNSSEC works (RFC 9364: BCP 237)</li>"
        "<li>RFC 6781: DNSSEC Operational Practices, Version 2</li>"
        "<li>RFC 7583: DNSSEC Key Rollover Timing Considerations</li>"
        "<li>RFC 7344, RFC 8078: maintaining the DS with CDS/CDNSKEY</li>"
        "<li>RFC 9615: automatic DNSSEC bootstrapping using authenticated signals from the zone's operator</li>"
        "<li>RFC 9276: guidance for NSEC3 parameter settings (BCP 236)</li>"
        "<li>RFC 9904: DNSSEC cryptographic algorithm recommendation update process (obsoletes RFC 8624)</li>"
        "<li>RFC 9905: deprecating SHA-1 in DNSSEC signature algorithms</li>"
        "<li>The BIND 9.18 ARM and named.conf(5), Knot DNS 3.2's knot.conf(5), and PowerDNS Authoritative Server's pdnsutil documentation</li></ul>",
    ),
]
