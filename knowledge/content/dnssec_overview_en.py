"""DNSSEC mechanisms and the present status (English translation). Same block format as the Japanese original."""

TITLE = "DNSSEC mechanisms and the present status"
SUMMARY = (
    "What DNSSEC is and how it protects DNS answers, in order: signing and validation, key signing keys (KSK) and zone signing keys (ZSK), "
    "the chain of trust built with DS records, denial of existence with NSEC and NSEC3, and what validating resolvers do. It then sums up where things "
    "stand in December 2026: the signing of the root zone and the TLDs, the change of algorithm generations, and the standards since RFC 9364 (BCP 237). "
    "Written as the first thing to read for an operator considering DNSSEC."
)

BODY = [
    ("h2", "About this document"),
    (
        "text",
        "<p>This document explains the mechanisms and the present status of DNSSEC to DNS operators who are about to deploy it or are considering it. "
        "The first edition, written by Tech-WG in 2011, described the situation just after the root zone was signed. In the fifteen years since, "
        "the usual signing algorithms have moved from RSA/SHA-1 to RSA/SHA-256 and elliptic curves, the root zone's key signing key has been replaced twice, "
        "and the registration of DS records can now be automated by standard means. This edition (2.0) is a full rewrite, current as of 3 December 2026.</p>"
        "<p>The first half explains the mechanisms and the second half the present status. Configuration steps are not covered here: "
        'for resolvers, see <a href="/en/publications/trust-anchor-guide/">How to set up DNSSEC trust anchors for the resolver</a>; for what each kind of '
        'player must consider when deploying, see <a href="/en/publications/issues-on-adopting-dnssec/">Issues on adopting DNSSEC</a>.</p>',
    ),
    ("h2", "What DNSSEC is"),
    (
        "text",
        "<p>The DNS, which maps names to IP addresses and other data, is one of the most basic mechanisms of the Internet. The original DNS, however, "
        "gives no way to check that an answer really is the data the zone's administrator published. A resolver accepts and caches any answer whose query ID "
        "and source port match. If an attacker manages to deliver a forged answer first, the forgery enters the cache, and every user of that resolver is sent "
        "to the attacker's server. This is cache poisoning. The so-called Kaminsky attack, published in 2008, showed how to make it succeed in a practical time, "
        "and made a countermeasure a necessity.</p>"
        "<p>DNSSEC (DNS Security Extensions) adds digital signatures made with public-key cryptography to a zone's data, so that whoever receives the data "
        "can verify them (RFC 4033, RFC 4034, RFC 4035). DNSSEC guarantees two things:</p>"
        "<ul><li><strong>Origin authentication</strong>: the data was signed with the zone's key.</li>"
        "<li><strong>Integrity</strong>: the data has not been altered since it was signed. This includes negative answers, which say that a name or a type "
        "does not exist.</li></ul>"
        "<p>DNSSEC does not encrypt anything. Keeping queries from being observed is the job of DNS over TLS and DNS over HTTPS, which are separate "
        "mechanisms. Nor can DNSSEC help when the signing side itself falls into an attacker's hands, for example when a registrar account is taken over and "
        "the NS or DS records are changed through the regular procedure.</p>"
        "<p>RFC 9364 introduces the RFCs that make up DNSSEC in one document and states that using DNSSEC for origin authentication of DNS data is the "
        "best current practice (BCP 237).</p>",
    ),
    ("h2", "Signing and validation"),
    ("h3", "RRsets and RRSIG"),
    (
        "text",
        "<p>DNSSEC signs RRsets (all records with the same name, class and type), not individual records. The zone's administrator makes a signature "
        "with a private key for each RRset in the zone and places it under the same name as an RRSIG record (RFC 4034 §3). An RRSIG holds the type covered, "
        "the algorithm, the number of labels, the original TTL, the signature's expiration and inception times, the key tag of the signing key, the signer's "
        "name (the zone) and the signature itself.</p>"
        "<p>The validating side checks the signature with the matching public key (a DNSKEY record). Since signatures have a validity period, a validator "
        "whose clock is wrong judges even correct signatures expired or not yet valid (RFC 4035 §5.3.1); resolvers must keep their clocks right with NTP. "
        "Conversely, the zone must keep re-signing before its signatures expire. When re-signing stops, the whole zone becomes unresolvable at the moment the "
        "signatures expire. This is in practice one of the most common DNSSEC failures.</p>",
    ),
    (
        "code",
        "zone",
        "A signed RRset (key and signature values shortened)",
        "example.jp.      3600 IN A      192.0.2.10\n"
        "example.jp.      3600 IN RRSIG  A 13 2 3600 (\n"
        "                                20261231000000 20261201000000 12345 example.jp.\n"
        "                                oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTr... )\n"
        "example.jp.      3600 IN DNSKEY 256 3 13 ( mdsswUyr3DPW132mOi8V9xESWE8jTo0d... ) ; ZSK\n"
        "example.jp.      3600 IN DNSKEY 257 3 13 ( HA4tL7HTbODzmbQ3rI2DLNKpdFcVcSkg... ) ; KSK",
    ),
    ("h3", "Key signing keys and zone signing keys"),
    (
        "text",
        "<p>A zone publishes its public keys as DNSKEY records at its apex. Many zones use two kinds of key with different roles (RFC 6781 §3.1):</p>"
        "<ul><li><strong>Key signing key (KSK)</strong>: signs only the DNSKEY RRset. Its DNSKEY Flags value is 257, with the SEP bit set. The DS record "
        "registered in the parent zone is made from this key.</li>"
        "<li><strong>Zone signing key (ZSK)</strong>: signs every RRset other than the DNSKEY RRset. Its Flags value is 256.</li></ul>"
        "<p>Splitting the keys means the KSK, whose replacement involves the parent zone, is rarely changed, while the ZSK used for everyday signing can be "
        "replaced easily. A single key with both roles, a CSK (combined signing key), is also widely used: with algorithms whose keys and signatures are small, "
        "such as algorithm 13 (ECDSA P-256), the split brings little, and a CSK keeps operations simpler. Validators behave the same whichever is chosen.</p>",
    ),
    ("h3", "DS records and the chain of trust"),
    (
        "text",
        "<p>A zone signing with its own key does not let a validator decide whether that key is genuine. So the parent zone holds a hash of the child's KSK "
        "as a DS (Delegation Signer) record and signs it with the parent's key (RFC 4034 §5). A DS holds a key tag, an algorithm, a digest type and the digest.</p>"
        "<p>Starting from the root zone's key (the trust anchor), a validator chains its checks: the root's DNSKEY, the DS for jp in the root zone, jp's DNSKEY, "
        "the DS for example.jp in jp, example.jp's DNSKEY, and the signatures on each RRset of example.jp. This is the chain of trust. If it is broken or "
        "inconsistent at any single point, nothing below that point can be validated.</p>"
        "<p>A DS is registered by the registrant of the domain name (or the DNS provider acting for them), who asks the registry through the registrar. "
        "How this is done differs between registries; see "
        '<a href="/en/publications/ds-registration-interfaces/">Report on the DS registration interface for the various registries</a>.</p>',
    ),
    (
        "code",
        "shell",
        "Following the chain of trust from the top",
        "$ dig . DNSKEY +dnssec +multi          # the root's keys (compare with the trust anchor)\n"
        "$ dig jp. DS +dnssec                   # jp's DS in the root zone\n"
        "$ dig jp. DNSKEY +dnssec +multi         # jp's keys\n"
        "$ dig example.jp. DS +dnssec           # example.jp's DS in jp\n"
        "$ dig example.jp. DNSKEY +dnssec +multi # example.jp's keys",
    ),
    (
        "table",
        "Records used by DNSSEC",
        ["Type", "Where", "Role", "Defined in"],
        [
            ["DNSKEY", "Zone apex", "The zone's public keys (KSK, ZSK, CSK)", "RFC 4034 §2"],
            ["RRSIG", "Same name as the signed RRset", "Signature over an RRset", "RFC 4034 §3"],
            ["DS", "Delegation point in the parent", "Hash of the child's KSK", "RFC 4034 §5"],
            ["NSEC", "Each name", "Next name and the types present (denial of existence)", "RFC 4034 §4"],
            ["NSEC3", "Hashed names", "Next hashed name and the types present (denial of existence)", "RFC 5155"],
            ["NSEC3PARAM", "Zone apex", "NSEC3 parameters", "RFC 5155"],
            [
                "CDS / CDNSKEY",
                "Child zone apex",
                "The DS or keys the child wants the parent to publish",
                "RFC 7344, RFC 8078",
            ],
        ],
    ),
    ("h3", "Denial of existence: NSEC and NSEC3"),
    (
        "text",
        "<p>Negative answers, \u201cthis name does not exist\u201d (NXDOMAIN) and \u201cthe name exists but not this type\u201d (NODATA), do harm too if "
        "forged. Yet nothing can be signed in advance for data that does not exist. DNSSEC solves this by putting the existing names in order and proving, "
        "with a signature, that nothing lies between two neighbouring names.</p>"
        "<p>An NSEC record (RFC 4034 §4) holds the next name after its owner and the list of types present at its owner. Showing that the queried name falls "
        "between two names proves that it does not exist. Following the NSEC records one by one, however, lists every name in the zone (zone walking).</p>"
        "<p>NSEC3 (RFC 5155) orders hashes of the names instead of the names, which makes listing them harder. The hash can be given extra iterations and a "
        "salt, but RFC 9276 (BCP 236) says the iteration count MUST be 0 and a salt SHOULD NOT be used: extra iterations hardly slow down guessing of names "
        "and only add work for authoritative servers and resolvers. RFC 9276 also allows resolvers to treat zones with more than 0 iterations as insecure or to "
        "answer SERVFAIL, and implementations keep lowering their limits. When there is no need to prevent listing of a zone's names, NSEC is recommended "
        "over NSEC3 (RFC 9276 §3.1).</p>",
    ),
    (
        "code",
        "zone",
        "NSEC3 parameters following RFC 9276",
        "; hash SHA-1 (1), flags 0 (no opt-out), 0 iterations, no salt (-)\nexample.jp. 0 IN NSEC3PARAM 1 0 0 -",
    ),
    (
        "note",
        "<p>NSEC3 opt-out (leaving unsigned delegations out of the NSEC3 chain) is meant for zones with very many unsigned delegations, such as TLDs. "
        "An ordinary organisation's zone has no reason to use it.</p>",
    ),
    ("h3", "Algorithms"),
    (
        "text",
        "<p>DNSKEY, RRSIG and DS records name their cryptographic algorithm by number. Which algorithms may be used for signing, and which validators "
        "should implement, was long given by the tables of RFC 8624. RFC 9904, published in November 2025, obsoletes RFC 8624 and moves the canonical "
        "recommendations into the IANA registries (DNS Security Algorithm Numbers, and the Digest Algorithms for DS); RFC 9904 itself does not change them. "
        "Just before it, in October 2025, RFC 9905 said that algorithms 5 (RSASHA1) and 7 (RSASHA1-NSEC3-SHA1), which use SHA-1, MUST NOT be used to "
        "create DNSKEY, RRSIG or DS records. Validator implementations must still be able to validate them, but resolver operators must treat them as "
        "unsupported, and answers that cannot be validated with another algorithm as insecure.</p>",
    ),
    (
        "table",
        "Recommendations for the main signing algorithms (signing / validation)",
        ["Number", "Name", "Signing", "Validation", "Source"],
        [
            ["8", "RSASHA256", "MUST", "MUST", "RFC 8624 §3.1 (moved to the IANA registry by RFC 9904)"],
            ["13", "ECDSAP256SHA256", "MUST", "MUST", "RFC 8624 §3.1"],
            ["15", "ED25519", "RECOMMENDED", "RECOMMENDED", "RFC 8624 §3.1"],
            ["14", "ECDSAP384SHA384", "MAY", "RECOMMENDED", "RFC 8624 §3.1"],
            ["16", "ED448", "MAY", "RECOMMENDED", "RFC 8624 §3.1"],
            ["10", "RSASHA512", "NOT RECOMMENDED", "MUST", "RFC 8624 §3.1"],
            [
                "5, 7",
                "RSASHA1, RSASHA1-NSEC3-SHA1",
                "MUST NOT",
                "Implementations MUST; operators treat as unsupported",
                "RFC 9905 §2",
            ],
        ],
    ),
    (
        "table",
        "DS digest types (creation / validation)",
        ["Number", "Name", "Creation", "Validation", "Source"],
        [
            ["2", "SHA-256", "MUST", "MUST", "RFC 8624 §3.3 (moved to the IANA registry by RFC 9904)"],
            ["4", "SHA-384", "MAY", "RECOMMENDED", "RFC 8624 §3.3"],
            ["1", "SHA-1", "MUST NOT", "MUST", "RFC 8624 §3.3"],
            ["3", "GOST R 34.11-94", "MUST NOT", "MAY", "RFC 8624 §3.3"],
        ],
    ),
    (
        "text",
        "<p>For a zone about to be signed, algorithm 13 (ECDSAP256SHA256) is a safe choice: its keys and signatures are small, which keeps answers small, "
        "and validators support it most widely. Algorithm 8 (RSASHA256) works well too. Use SHA-256 (2) for DS digests. Zones signed with algorithm 5 or 7 "
        "need to change algorithm (an algorithm rollover) to follow RFC 9905.</p>",
    ),
    (
        "review",
        "<p>Since RFC 9904 the IANA registries are the canonical source. The two tables above are RFC 8624's values with RFC 9905's change applied. "
        "Compare the current values and column names of the IANA registries (signing, validation, DS creation and so on) and correct the tables where they "
        "differ; the registries themselves could not be checked from the environment this was written in.</p>",
    ),
    ("h2", "What resolvers do"),
    (
        "text",
        "<p>DNSSEC validation is usually done by the resolver, not by the user's device. A validating resolver sets the EDNS DO bit in its queries to ask "
        "for signatures, and validates the RRsets it receives along the chain of trust from its trust anchor. The result is one of four states "
        "(RFC 4033 §5, RFC 4035 §4.3):</p>",
    ),
    (
        "table",
        "Results of validation",
        ["Result", "Meaning", "The resolver's answer"],
        [
            [
                "secure",
                "The chain from the trust anchor holds and the signatures are correct",
                "Answers, with the AD bit set",
            ],
            [
                "insecure",
                "Data below an unsigned delegation (the absence of a DS is proven)",
                "Answers, without the AD bit",
            ],
            [
                "bogus",
                "The chain should hold but a signature does not validate (expired, key mismatch, missing signature)",
                "SERVFAIL",
            ],
            ["indeterminate", "Data needed for validation could not be obtained", "SERVFAIL in most implementations"],
        ],
    ),
    (
        "text",
        "<p>What matters most to users is that a resolver gives no answer when the result is bogus. DNSSEC does not deliver forged answers, but in exchange "
        "it stops resolution when a zone is run wrongly too. Expired signatures, a DS that does not match the DNSKEY, or a key change done in the wrong order "
        "mean, for users of validating resolvers, that the domain cannot be reached at all. This is why DNSSEC operations call for care.</p>"
        "<p>Current resolvers can give the reason for a SERVFAIL as an Extended DNS Error (EDE, RFC 8914). Codes such as DNSSEC Bogus (6), "
        "Signature Expired (7), DNSKEY Missing (9) and RRSIGs Missing (10) hint at the cause. When a query sets the CD bit, the resolver answers without "
        "validating, which helps to tell whether a failure is a validation failure.</p>",
    ),
    (
        "code",
        "shell",
        "Checking a resolver's verdict",
        "$ dig @192.0.2.53 example.jp. A +dnssec | grep -E 'status|flags'\n"
        ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4021\n"
        ";; flags: qr rd ra ad; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1\n"
        "$ dig @192.0.2.53 broken.example.jp. A +dnssec | grep -E 'status|EDE'\n"
        ";; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 5212\n"
        "; EDE: 7 (Signature Expired)\n"
        "$ dig @192.0.2.53 broken.example.jp. A +cd | grep status   # without validation\n"
        ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 6130",
    ),
    (
        "text",
        "<p>Validating resolvers also offer the following:</p>"
        "<ul><li><strong>Automated trust anchor updates</strong> (RFC 5011), which follow replacements of the root zone's KSK.</li>"
        "<li><strong>Aggressive use of the validated cache</strong> (RFC 8198): from validated NSEC and NSEC3 records the resolver answers queries for "
        "non-existent names in the covered range itself, which reduces the load of attacks with random names.</li>"
        "<li><strong>Negative trust anchors</strong> (RFC 7646): an operational means to stop validating one zone for a while when another organisation's "
        "mistake makes its validation fail.</li>"
        "<li><strong>Limits on validation work</strong>: KeyTrap (CVE-2023-50387), published in February 2024, exhausted a validator's CPU with answers "
        "carrying many keys and signatures with the same key tag. The main implementations were fixed to cap the validations attempted for one answer.</li></ul>",
    ),
    ("h2", "Operational essentials"),
    (
        "text",
        "<p>The mechanisms are not hard once understood; most failures come from the handling of time in operations. RFC 6781 (DNSSEC operational "
        "practices) and RFC 7583 (key rollover timing) give the details. The essentials:</p>"
        "<ul><li><strong>Re-signing</strong>: always renew signatures before they expire. Use software that signs automatically (BIND's dnssec-policy, "
        "Knot DNS's automatic signing and the like) and monitor the time left before expiry.</li>"
        "<li><strong>Caches and TTLs</strong>: resolvers cache DNSKEY, DS and signatures for their TTL. When replacing a key, keep a period in which both the "
        "old and the new key validate, as long as the TTL plus the time changes take to propagate.</li>"
        "<li><strong>The order of DS changes</strong>: when starting to sign, register the DS only after checking that the signatures are correct. When "
        "stopping, remove the DS first, and stop signing only after the parent has published the removal and the DS TTL has passed. The reverse order makes "
        "the zone bogus.</li>"
        "<li><strong>Answer size</strong>: keys and signatures make answers larger. Answers larger than the EDNS UDP size are fetched again over TCP, so "
        "authoritative servers, and the firewalls and load balancers in front of them, must pass TCP port 53 (RFC 7766), and large UDP answers and fragments "
        "must not be relied on (RFC 9715).</li>"
        "<li><strong>The same state on every server</strong>: every authoritative server, secondaries included, must serve the same signed zone.</li></ul>",
    ),
    (
        "text",
        "<p>The portal's checker validates the whole chain of trust and reports typical mistakes such as these as findings:</p>",
    ),
    (
        "findings",
        [
            "chain_bogus",
            "ds_but_unsigned",
            "no_secure_entry_point",
            "rrsig_expired",
            "signed_without_ds",
            "dnskey_alg_sha1",
            "nsec3_iterations_nonzero",
            "tc_and_tcp_broken",
        ],
    ),
    ("h2", "The present status"),
    ("h3", "Standards"),
    (
        "text",
        "<p>Since the first edition in 2011, DNSSEC standards have moved from adding mechanisms to narrowing down the safe ways of using them. "
        "The RFCs to know as of December 2026:</p>",
    ),
    (
        "table",
        "Main RFCs since 2011",
        ["RFC", "Published", "What it covers"],
        [
            [
                "RFC 6781",
                "December 2012",
                "DNSSEC operational practices, version 2: key roles, key sizes, rollover methods, signature validity",
            ],
            [
                "RFC 7344 / RFC 8078",
                "September 2014 / March 2017",
                "Automated DS maintenance with CDS and CDNSKEY; signalling the start of signing and DS deletion",
            ],
            ["RFC 7583", "October 2015", "Computing key rollover timing"],
            ["RFC 8198", "July 2017", "Aggressive use of validated NSEC and NSEC3"],
            ["RFC 8901", "September 2020", "Models for several DNS providers signing one zone (multi-signer)"],
            ["RFC 9276 (BCP 236)", "August 2022", "NSEC3 parameters: 0 iterations, no salt"],
            [
                "RFC 9364 (BCP 237)",
                "February 2023",
                "Guide to the RFCs of DNSSEC, and DNSSEC declared best current practice",
            ],
            ["RFC 9615", "July 2024", "Automating the first DS registration with signals signed by the DNS provider"],
            ["RFC 9715", "January 2025", "Avoiding IP fragmentation in DNS over UDP"],
            ["RFC 9718", "January 2025", "Publication format of the root zone trust anchors"],
            ["RFC 9905", "October 2025", "Deprecation of the SHA-1 signing algorithms (5, 7)"],
            ["RFC 9904", "November 2025", "Algorithm recommendations moved to the IANA registries; RFC 8624 obsoleted"],
        ],
    ),
    ("h3", "The root zone"),
    (
        "text",
        "<p>The root zone went into regular operation signed on 15 July 2010. Its first KSK (KSK-2010, key tag 19036) was replaced by KSK-2017 "
        "(key tag 20326) on 11 October 2018. In the second replacement, KSK-2024 (key tag 38696, algorithm 8) has been published in the root zone's DNSKEY "
        "RRset since 11 January 2025, and, as ICANN planned, KSK-2024 has signed the DNSKEY RRset since 11 October 2026. KSK-2017 is planned to be revoked "
        "in 2027.</p>"
        "<p>Resolvers whose RFC 5011 automated updates work trust KSK-2024 without any action. Resolvers configured so that automated updates cannot work "
        "will have failed to validate since the switch to signing with KSK-2024. "
        '<a href="/en/publications/trust-anchor-guide/">How to set up DNSSEC trust anchors for the resolver</a> shows how to check.</p>',
    ),
    (
        "review",
        "<p>Check the dates on which KSK-2017 is to be revoked (published with the REVOKE bit) and removed from the root zone against IANA's publications, "
        "and write them into the text; at the time of writing only \u201c2027\u201d could be confirmed.</p>",
    ),
    ("h3", "TLDs and JP"),
    (
        "text",
        "<p>After the root zone, many TLDs started signing. In the new gTLD programme that began in 2012, the registry's agreement with ICANN requires the "
        "TLD zone to be signed with DNSSEC.</p>"
        "<p>For JP, JPRS introduced DNSSEC to the JP domain name service on 16 January 2011 and accepts DS registrations for domain names under JP. "
        "A signed TLD does not protect the names below it: a domain name stays insecure until it is signed and its DS is registered. Whether DNSSEC benefits "
        "users in the end depends on each domain name's registrant and DNS provider.</p>",
    ),
    (
        "review",
        "<p>The following figures cannot be checked from the environment this was written in and are left out of the text. Add them with their sources "
        "(ICANN's TLD DNSSEC statistics, JPRS's publications and the like):</p>"
        "<ul><li>the number and share of signed TLDs in 2026;</li>"
        "<li>the number and share of JP domain names with a DS;</li>"
        "<li>the JP zone's signing algorithm and how often its KSK and ZSK are replaced.</li></ul>",
    ),
    ("h3", "Validation on resolvers"),
    (
        "text",
        "<p>On the validating side, the large public DNS services, Google Public DNS, Cloudflare's 1.1.1.1 and Quad9, validate, and the main resolver "
        "software, BIND, Unbound, Knot Resolver and PowerDNS Recursor, has validation as a standard feature. In Japan, the first edition reported that "
        "SANNET of SANYO Information Technology Solutions had enabled validation on 21 July 2010.</p>"
        "<p>Whether the resolver a user's device uses validates, though, depends on the ISP's or the company's configuration. Problems remain with the DNS "
        "forwarders of home routers that drop signatures or cannot handle large answers.</p>",
    ),
    (
        "review",
        "<p>The share of users behind validating resolvers (worldwide and in Japan, from APNIC Labs' measurements and the like) and the validation status of "
        "the main Japanese ISPs cannot be checked from the environment this was written in. Add the latest figures and their sources.</p>",
    ),
    ("h3", "What has changed since 2011"),
    (
        "text",
        "<ul><li><strong>Algorithms</strong>: at the time of the first edition RSA/SHA-1 (5, 7) was usual; today RSASHA256 (8) and ECDSAP256SHA256 (13) "
        "are. RFC 9905 took SHA-1 out of use for creating signatures.</li>"
        "<li><strong>NSEC3</strong>: for a while \u201cstronger\u201d salts and iteration counts were recommended; RFC 9276 made 0 iterations and no salt "
        "the right setting.</li>"
        "<li><strong>DS automation</strong>: CDS and CDNSKEY (RFC 7344, RFC 8078) and authenticated bootstrapping (RFC 9615) spare registrants from copying "
        "DS records by hand.</li>"
        "<li><strong>Several DNS providers</strong>: RFC 8901's multi-signer models describe how several providers can sign one zone, and with it how to "
        "change provider.</li>"
        "<li><strong>Answer size</strong>: since the DNS Flag Day of 2020, keeping the EDNS UDP size at 1232 bytes and fetching large answers over TCP has "
        "become common practice.</li>"
        "<li><strong>Validator defences</strong>: after KeyTrap, caps on validation work are part of every implementation.</li></ul>",
    ),
    ("h2", "What to read next"),
    (
        "text",
        '<ul><li>Before deciding to deploy: <a href="/en/publications/issues-on-adopting-dnssec/">Issues on adopting DNSSEC</a></li>'
        '<li>Validating on a resolver: <a href="/en/publications/trust-anchor-guide/">How to set up DNSSEC trust anchors for the resolver</a></li>'
        '<li>Registering and automating the DS: <a href="/en/publications/ds-registration-interfaces/">Report on the DS registration interface for the '
        "various registries</a></li>"
        '<li>Changing the DNS provider or registrar of a signed domain: <a href="/en/publications/registrar-transfer-guideline/">Registrar Transfer '
        "Guideline</a></li>"
        '<li>Checking your own zone: <a href="/en/check/">the DNSSEC checker</a></li></ul>',
    ),
    ("h2", "References"),
    (
        "text",
        "<ul><li>RFC 4033, RFC 4034, RFC 4035: the DNSSEC mechanisms</li>"
        "<li>RFC 5155: NSEC3</li>"
        "<li>RFC 5011: automated updates of trust anchors</li>"
        "<li>RFC 6781: DNSSEC operational practices</li>"
        "<li>RFC 7583: key rollover timing</li>"
        "<li>RFC 7646: negative trust anchors</li>"
        "<li>RFC 7766: DNS transport over TCP</li>"
        "<li>RFC 8198: aggressive use of the validated cache</li>"
        "<li>RFC 8914: Extended DNS Errors</li>"
        "<li>RFC 9276: NSEC3 parameters (BCP 236)</li>"
        "<li>RFC 9364: DNSSEC (BCP 237)</li>"
        "<li>RFC 9715: IP fragmentation avoidance in DNS over UDP</li>"
        "<li>RFC 9904: DNSSEC algorithm recommendation update process (obsoletes RFC 8624)</li>"
        "<li>RFC 9905: deprecating SHA-1 in DNSSEC signature algorithms</li></ul>",
    ),
]
