"""Issues on adopting DNSSEC (English translation). Same block format as the Japanese original."""

TITLE = "Issues on adopting DNSSEC"
SUMMARY = (
    "A guideline that sorts out, for each kind of player (registries, registrars, DNS providers, ISPs and content providers), the issues to consider "
    "when adopting DNSSEC: key generation and management, zone signing, updating authoritative servers, key registration systems that follow each "
    "registry's specification, the registrant's interface, and reviewing load balancers, rate limits, TCP port 53 and EDNS and fragment filtering, "
    "following current operational practice such as RFC 6781."
)

BODY = [
    ("h2", "What this guideline is for"),
    (
        "text",
        "<p>Adopting DNSSEC is more than changing the configuration of signing software. Who manages the keys and where, how DS registrations are passed "
        "on to the registry, what interface registrants are given, whether network equipment passes large answers and TCP: these issues appear for every "
        "party involved in the service.</p>"
        "<p>In 2010 Tech-WG ran scenario simulations of registries, registrars, DNS providers and ISPs adopting DNSSEC, and the first edition (2011) "
        "summarised the results. This revised edition (2.0, 3 December 2026) keeps those points and rewrites them for today: the operational practice "
        "of RFC 6781, RFC 9276's NSEC3 recommendations, the algorithm updates of RFC 9904 and RFC 9905, and DS automation with CDS and CDNSKEY.</p>"
        '<p>The mechanisms themselves are explained in <a href="/en/publications/dnssec-overview/">DNSSEC mechanisms and the present status</a>; '
        "reading it first makes the terms used here easier to follow.</p>",
    ),
    ("h2", "What the scenario simulations found"),
    (
        "text",
        "<p>The 2010 simulations reached three conclusions shared by every kind of player. Fifteen years later, deployments still stumble at almost the "
        "same places.</p>"
        "<ol><li><strong>Many parts of the specification must change.</strong> Key generation, key management, zone signing and authoritative server "
        "updates are needed, and key registration systems must be rebuilt to follow each registry's specification.</li>"
        "<li><strong>The registrant's interface is very important.</strong> Registrants must be able to start and stop signing, and delete and re-register "
        "domain names, without mistakes.</li>"
        "<li><strong>Every configuration needs review.</strong> Load balancers, rate limits against amplification and DDoS attacks, and filters on TCP "
        "port 53 can get in the way of DNSSEC answers.</li></ol>"
        "<p>The service model workshop of the same year shared the view that adopting DNSSEC brings little additional income at a high cost, while not "
        "adopting it has large disadvantages. Today, with the root zone and most TLDs signed and RFC 9364 declaring DNSSEC best current practice "
        "(BCP 237), DNSSEC support is one of the criteria for choosing a DNS provider or a registrar.</p>",
    ),
    ("h2", "Players and roles"),
    (
        "text",
        "<p>The table lists the players involved in adopting DNSSEC and the work each takes on. One organisation often plays several roles (a registrar "
        "that is also a DNS provider, a company that runs its own zone, and so on).</p>",
    ),
    (
        "table",
        "Main work by player",
        ["Player", "Main work", "What a failure affects"],
        [
            [
                "Registry",
                "Signing the TLD zone, accepting and publishing DS records, reading CDS and CDNSKEY",
                "The whole TLD, or every name with a DS",
            ],
            [
                "Registrar",
                "Accepting DS records (or keys) from registrants and registering them at the registry; the registrant's interface and API",
                "Names with a wrongly registered DS",
            ],
            [
                "DNS provider",
                "Signing zones, managing and rolling keys, serving signed zones, giving out the DS information",
                "Every zone the provider signs",
            ],
            [
                "ISP or company resolver",
                "Enabling validation, managing trust anchors, handling validation failures",
                "Every user of the resolver",
            ],
            [
                "Content provider or registrant",
                "Deciding whether to use DNSSEC, choosing providers, asking for the DS registration, deciding in an incident",
                "Their own domain names",
            ],
        ],
    ),
    ("h2", "Issues common to every player"),
    ("h3", "Key generation and management"),
    (
        "text",
        "<p>The first decisions are the algorithm, the key layout, where keys are stored and how often they are replaced.</p>"
        "<ul><li><strong>Algorithm</strong>: for a zone about to be signed, algorithm 13 (ECDSAP256SHA256) is a safe choice; algorithm 8 (RSASHA256) "
        "works too. RFC 9905 says algorithms 5 and 7, which use SHA-1, MUST NOT be used to create DNSKEY, RRSIG or DS records. Since RFC 9904 the "
        "canonical recommendations are in the IANA registries.</li>"
        "<li><strong>Key layout</strong>: decide between separate KSK and ZSK and a single CSK (RFC 6781 §3.1). Separate keys keep the parent out of ZSK "
        "rollovers; a CSK means fewer keys and smaller answers.</li>"
        "<li><strong>Storage</strong>: keep private keys on the signing server or in an HSM, and limit who can reach them and how. Automated signing and "
        "key protection pull in opposite directions, so write down as operational policy how much is automated.</li>"
        "<li><strong>Backup and recovery</strong>: a lost key means signing cannot continue until a new DS is registered. Prepare key backups, and the "
        "procedure for an emergency key replacement when a key leaks or is lost, in quiet times.</li>"
        "<li><strong>Rollover period</strong>: let the signing software replace the ZSK regularly, and plan KSK replacements together with the parent-side "
        "procedure. What matters more than the period is that rollovers are automated and that a failed one is noticed. RFC 7583 gives the timing "
        "calculations.</li></ul>",
    ),
    ("h3", "Zone signing and re-signing"),
    (
        "text",
        "<p>Signing is not done once: signatures must be renewed before they expire, for as long as the zone is signed. Hand signing stops easily, when "
        "the person in charge is away or a cron job dies, and the whole zone becomes unresolvable the moment the signatures expire. Today it is normal to use "
        "software that generates keys, renews signatures and rolls keys on its own: BIND's <code>dnssec-policy</code>, Knot DNS's automatic signing, "
        "PowerDNS's online signing and the like.</p>"
        "<p>For denial of existence, use NSEC unless the names of the zone must be kept from being listed. With NSEC3, follow RFC 9276: 0 iterations and "
        "no salt (<code>NSEC3PARAM 1 0 0 -</code>). Zones with more iterations are treated as insecure, or answered with SERVFAIL, by resolvers.</p>"
        "<p>The signature validity period and the re-signing interval are the margin between noticing a failure and fixing it. Too short a validity, and a "
        "brief stop of re-signing lets signatures expire; too long, and old signatures can be replayed for longer. Choose them from the monitoring interval "
        "and the time a recovery takes, along the lines of RFC 6781.</p>",
    ),
    ("h3", "Updating authoritative servers"),
    (
        "text",
        "<ul><li><strong>Software</strong>: serving a signed zone needs software that handles DNSSEC and EDNS(0) correctly. Servers that answer wrongly "
        "when the DO bit is set, or cannot handle EDNS, make resolvers fail validation.</li>"
        "<li><strong>The same state on every server</strong>: every authoritative server, secondaries included, must serve the signed zone. When some "
        "servers serve an unsigned or stale zone, only the users who reach those servers fail validation, and the intermittent failure is hard to trace.</li>"
        "<li><strong>Secondaries run by others</strong>: when using another company's secondary service, check that it serves the signed zone unchanged "
        "through zone transfers and that it supports the NSEC3 parameters (RFC 9276 §3.3). Combining with a service that signs on the secondary side "
        "needs an RFC 8901 multi-signer setup.</li>"
        "<li><strong>Answer size</strong>: DNSKEY answers grow especially during key rollovers, when there are more keys and signatures. Moving from RSA to "
        "ECDSA makes answers much smaller.</li></ul>",
    ),
    ("h3", "Network: TCP 53, EDNS and fragments"),
    (
        "text",
        "<p>DNSSEC answers are larger by the size of their signatures and often exceed the traditional 512 bytes. Large answers are either sent over UDP "
        "with EDNS(0) (RFC 6891), or truncated (TC bit), after which the resolver fetches them again over TCP. The following equipment and settings get in "
        "the way:</p>"
        "<ul><li><strong>Firewalls that close TCP port 53</strong>: filters built on the old assumption that DNS is UDP only leave answers that must be "
        "fetched over TCP unobtainable. RFC 7766 requires DNS implementations to support TCP, and RFC 9210 (BCP 235) requires operators to let it through.</li>"
        "<li><strong>Equipment that drops large UDP packets or EDNS</strong>: DNS inspection that treats DNS packets over 512 bytes, or OPT records, as "
        "invalid drops every DNSSEC answer.</li>"
        "<li><strong>Paths that drop IP fragments</strong>: fragmented UDP answers are easily lost on the way and can be abused for spoofing. Following "
        "RFC 9715, limit the size of UDP answers from authoritative servers (1232 bytes in most environments) and leave larger answers to TCP.</li></ul>",
    ),
    (
        "code",
        "shell",
        "Checking that TCP and large answers get through",
        "$ dig +tcp @ns1.example.jp example.jp. DNSKEY +dnssec | grep -E 'status|MSG SIZE'\n"
        "$ dig +bufsize=1232 @ns1.example.jp example.jp. DNSKEY +dnssec | grep -E 'flags|MSG SIZE'\n"
        "$ dig +bufsize=4096 +ignore @ns1.example.jp example.jp. DNSKEY +dnssec | grep flags   # look for the TC bit",
    ),
    ("h3", "Load balancers and middleboxes"),
    (
        "text",
        "<p>Load balancers in front of authoritative servers, and middleboxes that understand DNS, are the most easily overlooked DNSSEC issue.</p>"
        "<ul><li><strong>Equipment that rewrites answers</strong>: devices that rewrite addresses or TTLs in answers break signatures. A signed answer "
        "changed by a single bit is bogus.</li>"
        "<li><strong>Equipment that makes its own answers</strong>: when the device answers queries itself, as in global server load balancing (GSLB), it "
        "must be able to sign online. If it cannot, the design must separate those names from the signed zone, for example as an unsigned delegation "
        "(without a DS).</li>"
        "<li><strong>Equipment without EDNS or TCP support</strong>: devices that strip the DO bit or EDNS options, or do not balance TCP, cannot deliver "
        "large answers.</li>"
        "<li><strong>Health checks</strong>: if the device checks health with plain UDP queries only, TCP or signature problems go unnoticed.</li></ul>"
        "<p>The first edition's simulations already listed reviewing load balancer configuration as required work for registrars and DNS providers.</p>",
    ),
    ("h3", "Rate limits"),
    (
        "text",
        "<p>Large signed answers are attractive for amplification attacks with spoofed source addresses (DNS amplification). Authoritative servers "
        "therefore often use RRL (Response Rate Limiting), which limits how often the same answer goes to the same destination. RRL answers part of the "
        "limited queries with short truncated answers (slip) so that genuine resolvers can retry over TCP; here too, TCP must work.</p>"
        "<p>Limits that are too strict also drop peers that legitimately send many queries, such as the resolvers of large ISPs. Set the thresholds from "
        "the real distribution of queries, and monitor how many queries are limited. Review rate limits on the resolver side as well, allowing for the "
        "extra queries validation brings (DNSKEY and DS lookups).</p>",
    ),
    ("h3", "Monitoring"),
    (
        "text",
        "<p>Once DNSSEC is deployed, monitor the following at all times. Learning of any of them from users' complaints is usually too late.</p>"
        "<ul><li>The time left before the signatures expire (the earliest of all signatures in the zone)</li>"
        "<li>That the SOA serial and the DNSKEY RRset agree on every authoritative server</li>"
        "<li>That the parent's DS matches a published KSK</li>"
        "<li>That names resolve through an external validating resolver (validation failures show as SERVFAIL)</li>"
        "<li>That answers over TCP and large answers can be obtained</li></ul>"
        "<p>The portal's checker checks these at once and reports findings such as the following:</p>",
    ),
    (
        "findings",
        [
            "rrsig_expired",
            "rrsig_expiration_imminent",
            "signed_state_inconsistent",
            "secondary_stale",
            "dnskey_rrset_differs",
            "tcp_unresponsive",
            "tc_and_tcp_broken",
            "pmtu_fragmentation",
            "large_dnssec_response",
            "edns_broken",
            "do_bit_breaks_server",
        ],
    ),
    ("h2", "Issues by player"),
    ("h3", "Registries"),
    (
        "text",
        "<ul><li><strong>Signing the TLD zone and managing its keys</strong>: a TLD's key is the starting point of trust for many names, so it is common "
        "to generate and replace it in front of third-party witnesses and to publish the procedure as a DNSSEC Practice Statement (DPS).</li>"
        "<li><strong>Accepting DS records</strong>: decide how DS records (or DNSKEYs) are accepted from registrars. EPP offers RFC 5910's DS data "
        "interface and key data interface, and a registry adopts one of them. Publish as specification the fields accepted, the algorithms and digest "
        "types, and how many DS records one name may have.</li>"
        "<li><strong>Checks on acceptance</strong>: checking at registration that a DS matches a key the child publishes reduces bogus zones from wrong "
        "registrations. There are legitimate procedures, however, that register a DS before its key is published, such as a change of DNS provider, so "
        "decide carefully between refusing and warning. Following RFC 9905, it is good practice not to accept new DS records for algorithms 5 and 7, nor "
        "DS records with the SHA-1 digest (1).</li>"
        "<li><strong>Publication delay and TTL</strong>: registrants and registrars need the time from registration until the DS appears in the TLD zone, "
        "and the DS TTL, to compute the waiting times of key rollovers. Publish them.</li>"
        "<li><strong>Automation</strong>: reading CDS and CDNSKEY from child zones to update DS records (RFC 7344, RFC 8078), and authenticated "
        "bootstrapping (RFC 9615), reduce the manual mistakes made through registrars.</li>"
        "<li><strong>Registrar changes</strong>: in principle the DS stays with the domain name when the registrar changes. Make the rules explicit about "
        "when a DS is removed or kept during a transfer.</li></ul>",
    ),
    ("h3", "Registrars"),
    (
        "text",
        "<ul><li><strong>Following each registry's specification</strong>: for each TLD they handle, the way DS records are accepted (DS or DNSKEY), the "
        "fields, the algorithms accepted and the change and deletion procedures differ. In the first edition too, the biggest issue was that key "
        "registration systems must change to follow each registry's specification. Keeping both the DNSKEY and the DS internally, and sending whichever "
        "the registry takes, avoids a rebuild for every new TLD.</li>"
        "<li><strong>Input checks</strong>: DS records pasted into a form by registrants are error-prone: stray spaces, a digest of the wrong length, "
        "a DS made from the ZSK, the DS of another zone. Before sending, query the child's DNSKEY, check that they match, and warn when they do not.</li>"
        "<li><strong>Showing the current state</strong>: show the DS records registered at the registry, so that registrants can compare them with the "
        "values their DNS provider gives.</li>"
        "<li><strong>Starting and stopping signing</strong>: stopping signing or changing DNS provider requires the DS to be removed first. When the name "
        "server change form is about to switch to a provider that does not sign while a DS remains, warn clearly.</li>"
        "<li><strong>Deletion and re-registration</strong>: when a deleted name is registered again by someone else and the previous registrant's DS "
        "remains, the new registrant's zone is bogus. Make sure DS records are removed on deletion and re-registration.</li>"
        "<li><strong>API and automation</strong>: an API through which DNS providers can register the DS for registrants, and support for reading CDS "
        "and CDNSKEY, save registrants manual work.</li></ul>",
    ),
    ("h3", "DNS providers"),
    (
        "text",
        "<ul><li><strong>Who holds the keys</strong>: decide whether the provider generates and stores the keys or the registrant brings them, and put it "
        "in the contract. In the 2010 workshop too, key ownership differed between providers. When the provider holds the keys, also decide how keys and "
        "signatures are handled when a customer leaves or moves.</li>"
        "<li><strong>Giving out the DS information</strong>: show clearly, in the control panel and the API, the DS (or DNSKEY) that registrants register "
        "at their registrar. When replacing the KSK, ask the registrant to register the new DS, and do not remove the old key until the registration is "
        "confirmed. Ideally, publish CDS and CDNSKEY so that the parent can follow automatically.</li>"
        "<li><strong>Price and defaults</strong>: in 2010 some providers made signing a paid option and others made it free and the default. Even when "
        "signing is the default, registering the DS usually needs the registrant's action, and many zones stay \u201csigned without a DS\u201d. Prepare "
        "guidance for registrants.</li>"
        "<li><strong>Helping with moves</strong>: when a registrant moves to another provider, being able to import the gaining provider's ZSK into your "
        "DNSKEY RRset lets the move happen without validation failures (RFC 8901). The steps are in the "
        '<a href="/en/publications/registrar-transfer-guideline/">Registrar Transfer Guideline</a>.</li>'
        "<li><strong>Special records</strong>: CNAME-like features at the zone apex (ALIAS, flattening) and answers that vary by region are built "
        "dynamically, and work with DNSSEC only in implementations that sign online.</li></ul>",
    ),
    ("h3", "ISPs (resolver operators)"),
    (
        "text",
        "<ul><li><strong>Enabling validation and trust anchors</strong>: enable validation and let RFC 5011 keep the trust anchor current. The root zone "
        "has been signed with KSK-2024 since 11 October 2026. The steps are in "
        '<a href="/en/publications/trust-anchor-guide/">How to set up DNSSEC trust anchors for the resolver</a>.</li>'
        "<li><strong>Handling validation failures</strong>: with validation enabled, other organisations' mistakes reach you as your users' complaints "
        "that a site cannot be reached. Prepare guidance for the help desk, a procedure to isolate the cause (queries with the CD bit, Extended DNS "
        "Errors) and criteria for stopping validation of that zone for a while with a negative trust anchor (RFC 7646). Give negative trust anchors an "
        "end date, and always remove them once the cause is fixed.</li>"
        "<li><strong>Load and capacity</strong>: the extra CPU load of validation is usually small, but DNSKEY and DS queries and TCP connections "
        "increase. Use versions with the fixes for KeyTrap (CVE-2023-50387).</li>"
        "<li><strong>Time</strong>: validity checks use the clock; keep it right with NTP.</li>"
        "<li><strong>Customer equipment</strong>: DNS forwarders in home routers may drop signatures or fail with large answers. Give customers the "
        "resolver's address directly, or check how the equipment behaves.</li>"
        "<li><strong>Monitoring the results</strong>: monitor the number of SERVFAIL answers and their reasons (Extended DNS Errors), so that a sudden "
        "rise of failures for one name is noticed.</li></ul>",
    ),
    ("h3", "Content providers and registrants"),
    (
        "text",
        "<ul><li><strong>Deciding</strong>: decide whether to protect your domain names with DNSSEC. It is required if you want mechanisms that rely on "
        "DNSSEC, such as authenticating mail servers with DANE (TLSA records).</li>"
        "<li><strong>Choosing providers</strong>: check whether the DNS provider and the registrar support DNSSEC, how the DS is registered (control "
        "panel, API, automatic reading of CDS), their key rollover policy, and whether they help with moves to other providers (importing keys).</li>"
        "<li><strong>CDNs and cloud services</strong>: when your zone points to a CDN or similar service with a CNAME, whether the target name is signed "
        "is a matter for that service's zone; signing your own zone does not get in the way. When using a feature that points the zone apex to such a "
        "service, check that the DNS provider can sign it.</li>"
        "<li><strong>Deciding in an incident</strong>: when your domain name goes bogus, the surest first aid is to remove the DS at the registrar (once "
        "the DS TTL expires, the name resolves again as insecure). Check in quiet times who can do that, with which registrar account and contact.</li>"
        "<li><strong>Protecting accounts</strong>: DNSSEC does not prevent registrar account takeovers. Protect the accounts too, with multi-factor "
        "authentication, registry lock and the like.</li></ul>",
    ),
    ("h2", "Common failures"),
    (
        "table",
        "Common failures in deployment and operation, and their causes",
        ["Failure", "Usual cause", "Checker finding"],
        [
            ["The whole zone does not resolve", "Re-signing stopped and the signatures expired", "rrsig_expired"],
            [
                "The whole zone does not resolve",
                "Moved to a DNS provider that does not sign while the DS remained",
                "ds_but_unsigned",
            ],
            [
                "The whole zone does not resolve",
                "The registered DS matches no key (made from the ZSK, another zone's DS)",
                "no_secure_entry_point",
            ],
            [
                "Only some users cannot resolve",
                "Some authoritative servers serve an unsigned or stale zone",
                "signed_state_inconsistent",
            ],
            ["Only large answers fail", "TCP port 53 closed on a firewall or load balancer", "tc_and_tcp_broken"],
            [
                "Slow, sometimes failing resolution",
                "Fragmented UDP answers are dropped on the way",
                "pmtu_fragmentation",
            ],
            ["Signed but not protected", "The DS was never registered", "signed_without_ds"],
            [
                "Insecure on some resolvers",
                "NSEC3 iterations above 0, or signed with a SHA-1 algorithm",
                "nsec3_iterations_nonzero",
            ],
        ],
    ),
    (
        "findings",
        [
            "ds_but_unsigned",
            "no_secure_entry_point",
            "signed_without_ds",
            "nsec3_iterations_nonzero",
            "dnskey_alg_sha1",
            "ds_digest_deprecated",
        ],
    ),
    ("h2", "How to proceed"),
    (
        "text",
        "<p>Finally, the usual order from signing a zone to registering its DS. Who does each step depends on the role, but the order does not change.</p>"
        "<ol><li>Check that the authoritative servers, firewalls and load balancers handle EDNS, large answers and TCP.</li>"
        "<li>Decide the algorithm, key layout, key storage and key rollover policy, and write them down.</li>"
        "<li>Set up automated signing and sign the zone without registering a DS yet (the zone stays insecure, so a mistake does not stop resolution).</li>"
        "<li>Over a few days to a few weeks, check that every authoritative server serves the signed zone and that re-signing continues on its own.</li>"
        "<li>Register the DS (or let the registry's automatic reading of CDS do it) only after the checker shows no errors.</li>"
        "<li>After registration, check that names resolve through a validating resolver with the AD bit set.</li>"
        "<li>Start monitoring, and add key rollovers and the procedure for stopping signing (remove the DS first) to the operations manual.</li></ol>",
    ),
    (
        "review",
        "<p>Once Tech-WG's new zone-signing guide (signing with BIND, Knot DNS and others) is published, link to it from \u201cZone signing and "
        "re-signing\u201d and \u201cHow to proceed\u201d.</p>",
    ),
    ("h2", "References"),
    (
        "text",
        "<ul><li>RFC 6781: DNSSEC operational practices, version 2</li>"
        "<li>RFC 7583: key rollover timing</li>"
        "<li>RFC 6891: EDNS(0)</li>"
        "<li>RFC 7766: DNS transport over TCP; RFC 9210 (BCP 235): operational requirements for TCP</li>"
        "<li>RFC 9715: IP fragmentation avoidance in DNS over UDP</li>"
        "<li>RFC 5910: the DNSSEC extension of EPP</li>"
        "<li>RFC 7344, RFC 8078, RFC 9615: DS automation with CDS and CDNSKEY</li>"
        "<li>RFC 7646: negative trust anchors</li>"
        "<li>RFC 8901: multi-signer models</li>"
        "<li>RFC 9276: NSEC3 parameters (BCP 236)</li>"
        "<li>RFC 9364: DNSSEC (BCP 237)</li>"
        "<li>RFC 9904, RFC 9905: algorithm recommendations and the deprecation of SHA-1</li></ul>",
    ),
]
