"""Registrar Transfer Guideline (English translation). Same block format as the Japanese original."""

TITLE = "Registrar Transfer Guideline"
SUMMARY = (
    "Practical methods for moving a DNSSEC-signed domain name to another registrar or DNS provider without validation failures. It explains the "
    "key-exchange procedure that applies RFC 8901's multi-signer model (import the gaining provider's ZSK into the losing provider's DNSKEY RRset and "
    "the other way round, add the gaining DS, wait for the TTLs, switch NS, remove the old), the \u201cgo insecure\u201d fallback and its risks, and how "
    "to compute the waiting times from TTLs."
)

BODY = [
    ("h2", "What this guideline is for"),
    (
        "text",
        "<p>Switching the name servers of a signed domain name to another DNS provider without further thought can leave the name unresolvable, for users "
        "of validating resolvers, for hours or days. The cause is that resolvers cache DS, DNSKEY, NS and signatures each for its own TTL, so that during "
        "the move combinations such as \u201cthe losing provider's key with the gaining provider's signature\u201d occur.</p>"
        "<p>In 2010 and 2011 Tech-WG verified methods of changing registrar and DNS provider in its lab, and the first edition of this guideline summarised "
        "the results. Since then, RFC 8901 (2020) has described how several DNS providers can sign one zone, and the transfer procedure can be explained "
        "with the same ideas. This revised edition (2.0, 3 December 2026) rewrites the procedure and waiting times along RFC 8901, RFC 7583 and RFC 6781.</p>"
        "<p>It is meant for the losing and gaining DNS providers, for registrars, and for registrants who ask for a transfer. For how DNSSEC works, see "
        '<a href="/en/publications/dnssec-overview/">DNSSEC mechanisms and the present status</a>.</p>',
    ),
    ("h2", "Kinds of transfer"),
    (
        "text",
        "<p>What is called a \u201cregistrar transfer\u201d covers two things that differ in nature from DNSSEC's point of view. First find out which one "
        "yours is.</p>",
    ),
    (
        "table",
        "Kinds of transfer and their effect on DNSSEC",
        ["Kind", "What changes", "Effect on DNSSEC"],
        [
            [
                "Registrar only",
                "The registrar that manages the domain name",
                "Keys, signatures and NS stay the same. No effect if the DS is kept",
            ],
            [
                "DNS provider only",
                "The provider that signs and serves the zone (NS and keys)",
                "The keys change. This guideline's procedure is needed",
            ],
            [
                "Both",
                "The registrar and the DNS provider",
                "The keys change, and so does the registrar that changes DS and NS during the procedure, so the order needs coordination",
            ],
        ],
    ),
    (
        "text",
        "<p>When a registrar offers registration and DNS hosting together, changing the registrar usually changes the DNS provider as well. That is "
        "the \u201cboth\u201d case.</p>",
    ),
    ("h2", "Why validation fails"),
    (
        "text",
        "<p>During a transfer, resolver caches hold a mixture of the losing and the gaining provider's data. For validation to work, the chain of trust "
        "must hold whichever of the following combinations occurs:</p>"
        "<ul><li><strong>DS and DNSKEY</strong>: the DS set in the cache must include the DS of a KSK that signs the DNSKEY RRset obtained. A resolver "
        "that cached only the losing provider's DS and receives the gaining provider's DNSKEY RRset fails validation.</li>"
        "<li><strong>DNSKEY and signatures</strong>: the DNSKEY RRset in the cache must include the ZSK that signed the data obtained. A resolver that "
        "cached the losing provider's DNSKEY RRset and receives data signed with the gaining provider's ZSK fails validation.</li>"
        "<li><strong>NS</strong>: after the parent's NS is switched, a resolver that cached the old NS keeps asking the losing provider until its TTL "
        "expires.</li></ul>"
        "<p>If either provider switches without knowing the other's keys, the chain breaks at one of these combinations. Resolvers do take the DNSKEY "
        "from one server and signatures from another, so this is not just a theoretical problem.</p>",
    ),
    ("h2", "Recommended method: transfer by key exchange"),
    ("h3", "The idea"),
    (
        "text",
        "<p>RFC 8901 presents models in which several DNS providers sign one zone, each with its own keys. In Model 2, each provider has its own KSK and "
        "ZSK, each imports the others' ZSKs into its own DNSKEY RRset, and the parent holds the DS of every provider's KSK. Validation then works "
        "whichever provider the DNSKEY comes from and whichever provider the signatures come from.</p>"
        "<p>A change of DNS provider can be done by creating this Model 2 state for a while, switching NS from the losing to the gaining provider, and "
        "finally removing the losing provider's keys. Throughout the transfer the zone stays secure, and DNSSEC protection never lapses.</p>",
    ),
    ("h3", "Prerequisites"),
    (
        "text",
        "<ul><li><strong>Both providers can import an external ZSK</strong>: the losing provider must be able to add the gaining provider's ZSK to its "
        "DNSKEY RRset and sign it, and the gaining provider the losing provider's ZSK. Check with both providers before starting that this can be done in "
        "their control panel or API.</li>"
        "<li><strong>The same algorithm</strong>: a zone must be signed with every algorithm present in its DNSKEY RRset (RFC 4035 §2.2, RFC 6840 §5.11), "
        "so this method cannot be used when the losing and gaining providers use different algorithms. Then one of them must first change to the other's "
        "algorithm, or consider the go-insecure method described later.</li>"
        "<li><strong>The losing provider cooperates</strong>: the losing provider must keep serving the zone until the transfer is over, import the gaining "
        "provider's ZSK and remove it afterwards. What to do when it will not cooperate is described later.</li>"
        "<li><strong>A DS can be added</strong>: the registrar must be able to add a DS while keeping the existing one (the limit on DS records must be "
        "more than one).</li>"
        "<li><strong>The same zone content</strong>: the gaining provider must hold the same records as the losing provider. If anything other than the "
        "signatures differs, answers depend on which provider was asked.</li></ul>",
    ),
    ("h3", "Steps"),
    (
        "text",
        "<p>Below, the losing provider's keys are KSK-L and ZSK-L, and the gaining provider's KSK-G and ZSK-G. For a provider using a CSK, read KSK and ZSK "
        "as the same key.</p>"
        "<ol>"
        "<li><strong>Check the current state</strong>: check with the checker that there are no errors, and write down the TTLs of the parent's DS and NS, "
        "the zone's DNSKEY TTL, the largest TTL in the zone, and how long the registry takes to publish DS and NS changes.</li>"
        "<li><strong>Prepare the zone at the gaining provider</strong>: the gaining provider creates a zone with the same content and signs it with KSK-G "
        "and ZSK-G. It is not delegated yet, so users are not affected.</li>"
        "<li><strong>Import each other's ZSK</strong>: add ZSK-G to the losing provider's DNSKEY RRset (signed with KSK-L) and ZSK-L to the gaining "
        "provider's DNSKEY RRset (signed with KSK-G).</li>"
        "<li><strong>Wait</strong> until the losing provider's new DNSKEY RRset has reached all its servers and the TTL of the old DNSKEY RRset has passed.</li>"
        "<li><strong>Add the gaining DS</strong>: add the DS of KSK-G at the registrar. Keep the DS of KSK-L.</li>"
        "<li><strong>Wait</strong> until the new DS set is published in the parent and the TTL of the old DS set has passed.</li>"
        "<li><strong>Switch NS</strong>: change the NS to the gaining provider's servers at the registrar. At the same time change the NS RRset at the apex "
        "of both the losing and the gaining provider's zone to the gaining servers.</li>"
        "<li><strong>Wait</strong> until the longer of the parent's and the child's NS TTL has passed, and further until the data served by the losing "
        "provider (signed with ZSK-L) has left the caches, that is, until the largest TTL in the zone has passed. The losing provider keeps serving the "
        "zone meanwhile.</li>"
        "<li><strong>Remove the losing DS</strong>: remove the DS of KSK-L at the registrar.</li>"
        "<li><strong>Remove the losing keys</strong>: remove ZSK-L from the gaining provider's DNSKEY RRset. The losing provider stops serving the zone and "
        "destroys its keys.</li>"
        "</ol>",
    ),
    (
        "table",
        "State at each stage",
        ["Stage", "DS in the parent", "NS", "Losing provider's DNSKEY", "Gaining provider's DNSKEY"],
        [
            ["Before", "KSK-L", "Losing", "KSK-L, ZSK-L", "—"],
            ["After step 3", "KSK-L", "Losing", "KSK-L, ZSK-L, ZSK-G", "KSK-G, ZSK-G, ZSK-L"],
            ["After step 5", "KSK-L, KSK-G", "Losing", "KSK-L, ZSK-L, ZSK-G", "KSK-G, ZSK-G, ZSK-L"],
            ["After step 7", "KSK-L, KSK-G", "Gaining", "KSK-L, ZSK-L, ZSK-G", "KSK-G, ZSK-G, ZSK-L"],
            ["After step 9", "KSK-G", "Gaining", "(unused even if still served)", "KSK-G, ZSK-G, ZSK-L"],
            ["Done", "KSK-G", "Gaining", "—", "KSK-G, ZSK-G"],
        ],
    ),
    (
        "note",
        "<p>Listing the losing and the gaining servers in the delegation at the same time (queries spread over both) is the multi-signer operation RFC 8901 "
        "is really about. For a transfer, switching NS in one go is simpler and leaves less to check.</p>",
    ),
    ("h3", "What to check at each stage"),
    (
        "text",
        "<p>After each stage, check the state with queries and the checker before going on. Above all, do not shorten the waits of steps 4, 6 and 8.</p>",
    ),
    (
        "code",
        "shell",
        "Checking the key exchange and the publication of DS and NS",
        "# After step 3: does each DNSKEY RRset hold the other's ZSK?\n"
        "$ dig +norec @ns1.losing-dns.example example.jp. DNSKEY +multi | grep -E 'key id|DNSKEY'\n"
        "$ dig +norec @ns1.gaining-dns.example example.jp. DNSKEY +multi | grep -E 'key id|DNSKEY'\n"
        "# After step 5: does the parent have two DS records? (ask jp's authoritative servers directly)\n"
        "$ dig +norec @a.dns.jp example.jp. DS\n"
        "# After step 7: does the parent's NS point to the gaining provider?\n"
        "$ dig +norec @a.dns.jp example.jp. NS\n"
        "# Does a validating resolver set the AD bit?\n"
        "$ dig @192.0.2.53 example.jp. SOA +dnssec | grep flags",
    ),
    (
        "text",
        "<p>The checker examines the servers delegated at the time. During a transfer the following results are expected:</p>"
        "<ul><li>From step 5 to step 7: the key of KSK-G's DS is not on the losing provider's servers, so <code>ds_orphan</code> (a warning) is reported. "
        "Validation works, because another valid DS (KSK-L) exists.</li>"
        "<li>From step 7 to step 9: for the same reason, <code>ds_orphan</code> is now reported for the DS of KSK-L.</li></ul>"
        "<p>If, on the other hand, errors such as <code>rrsig_key_absent</code>, <code>no_secure_entry_point</code> or <code>chain_bogus</code> appear, "
        "or a <code>dnskey_rrset_differs</code> error about a ZSK, do not go on: review the previous stage.</p>",
    ),
    (
        "findings",
        [
            "ds_orphan",
            "dnskey_rrset_differs",
            "rrsig_key_absent",
            "no_secure_entry_point",
            "chain_bogus",
            "signed_state_inconsistent",
            "ns_rrset_mismatch",
            "multi_signer_consistency",
        ],
    ),
    ("h3", "Computing the waiting times"),
    (
        "text",
        "<p>Waiting times are reasoned as for key rollover timing (RFC 7583): add the time for a change to reach every server to the time for old data "
        "to leave every cache (its TTL).</p>",
    ),
    (
        "table",
        "Computing the waiting times",
        ["Wait", "Duration", "Why"],
        [
            [
                "Step 4 (after importing ZSKs)",
                "Propagation to the losing provider's servers + DNSKEY TTL",
                "Until the old DNSKEY RRset without ZSK-G has left the caches",
            ],
            [
                "Step 6 (after adding the DS)",
                "Registry publication delay + DS TTL",
                "Until the old DS set without KSK-G's DS has left the caches",
            ],
            [
                "Step 8 (after switching NS)",
                "NS publication delay + the longer of the parent's and child's NS TTL + the largest TTL in the zone",
                "Until queries to the losing provider, and the data it served, are gone",
            ],
            [
                "Steps 9 and 10 (before removing the losing DS and ZSK-L)",
                "No further wait once step 8's wait is over",
                "The losing DNSKEY RRset and data signed with ZSK-L left the caches during step 8",
            ],
        ],
    ),
    (
        "text",
        "<p>For example, with DS and NS TTLs of one day, up to one hour for the registry to publish, and a DNSKEY TTL and largest zone TTL of one hour, "
        "step 4 takes about an hour, step 6 about 25 hours and step 8 about 26 hours: allow about three days in all. Real values differ per TLD and zone, "
        "so recompute with the values written down in step 1. Shortening the child's TTLs (DNSKEY, NS, zone data) before the transfer reduces the waits, "
        "but a shortened TTL only takes effect after the old, longer TTL has passed. The parent's DS and NS TTLs are set by the registry and cannot be "
        "changed.</p>",
    ),
    (
        "review",
        "<p>Check JPRS's publications for the TTLs of DS and NS records in the JP zone and the time until DS and NS changes are published in the JP zone, "
        "and replace the example above with JP's real values. They could not be checked from the environment this was written in, so the example values "
        "are made up.</p>",
    ),
    ("h3", "When CDS and CDNSKEY can be used"),
    (
        "text",
        "<p>If the parent reads CDS and CDNSKEY automatically (RFC 7344), steps 5 and 9 can be done without manual work at the registrar. For step 5, the "
        "losing provider publishes CDS and CDNSKEY describing both KSK-L and KSK-G. They are signed with the key of the current DS (KSK-L), so the parent "
        "accepts them and holds two DS records. For step 9, the gaining provider publishes CDS and CDNSKEY describing KSK-G only. KSK-G's DS is already "
        "registered by then, so the parent accepts them and removes the DS of KSK-L. In both cases every server must return the same CDS and CDNSKEY.</p>"
        "<p>Take care when the gaining provider's signing software publishes a CDS for its own KSK only, automatically. If the parent picks it up right "
        "after NS is switched, the DS of KSK-L disappears before step 8's wait is over, and resolvers still asking the losing provider can no longer "
        "validate its DNSKEY RRset. Between steps 7 and 8, make the gaining provider's CDS and CDNSKEY describe both KSK-L and KSK-G, and reduce them to "
        "KSK-G only at step 9.</p>",
    ),
    ("h2", "When keys cannot be exchanged: going insecure"),
    (
        "text",
        "<p>When either provider cannot import an external ZSK, the algorithms differ, or the losing provider will not cooperate, the zone can be made "
        "insecure for a while by removing the DS, and signed and given a DS again after the transfer. The steps:</p>"
        "<ol>"
        "<li>Remove every DS at the registrar.</li>"
        "<li>Wait until the registry has published the removal and the DS TTL has passed. The losing provider keeps signing meanwhile.</li>"
        "<li>Check with the checker and with queries that the parent has no DS and that the zone is treated as insecure.</li>"
        "<li>Switch NS to the gaining provider, and have the losing provider keep serving until the NS TTL has passed.</li>"
        "<li>Sign the zone at the gaining provider and check that it is signed correctly on every server.</li>"
        "<li>Register the DS of the gaining provider's KSK (in TLDs with RFC 9615 or RFC 8078 automation, it may be registered that way).</li>"
        "</ol>",
    ),
    (
        "warning",
        "<p>Going insecure carries these risks:</p>"
        "<ul><li><strong>A gap in protection</strong>: from the removal of the DS until a new one is registered, for several days at least, DNSSEC does not "
        "protect the zone. Forged answers in that period cannot be detected.</li>"
        "<li><strong>Mechanisms that rely on DNSSEC stop</strong>: mechanisms that depend on DNSSEC validation, such as DANE (TLSA records), go unused in "
        "that period.</li>"
        "<li><strong>Outages from the wrong order</strong>: switching NS, or having the losing provider stop signing, before the DS removal has reached "
        "every cache makes the zone bogus for resolvers still holding the DS, and it cannot be resolved. Never shorten the wait after the DS removal.</li>"
        "<li><strong>Forgetting to register again</strong>: forgetting the DS after the transfer leaves the zone insecure. The checker reports it as "
        "<code>signed_without_ds</code>.</li></ul>"
        "<p>If going insecure cannot be avoided, agree the steps and dates beforehand between the losing provider, the gaining provider and the "
        "registrant, and skip none of the checks.</p>",
    ),
    (
        "findings",
        ["ds_but_unsigned", "signed_without_ds", "zone_unsigned", "cds_delete_requested"],
    ),
    ("h2", "Transfers to avoid"),
    (
        "text",
        "<p>Transfers like the following leave the domain name unresolvable for users:</p>"
        "<ul><li><strong>Switching NS to a provider that does not sign while the DS remains</strong>: the parent declares the zone signed but there are no "
        "signatures, so every validating resolver answers SERVFAIL (<code>ds_but_unsigned</code>). Removing the DS does not help until the DS TTL expires.</li>"
        "<li><strong>Switching to a zone signed with the gaining keys without registering the gaining DS</strong>: the parent's DS no longer matches any "
        "key (<code>no_secure_entry_point</code>).</li>"
        "<li><strong>Replacing the old DS with the new one and then switching NS</strong>: from the replacement on, no DS matches the losing provider's "
        "DNSKEY RRset.</li>"
        "<li><strong>The losing provider stopping service at the moment NS is switched</strong>: resolvers that cached the old NS lose the servers they "
        "ask, and resolution becomes unreliable.</li></ul>",
    ),
    ("h2", "Changing the registrar only"),
    (
        "text",
        "<p>When only the registrar changes and the DNS provider stays, in principle the transfer itself does not change the domain name's DS and NS at "
        "the registry (an EPP transfer changes the registrar sponsoring the domain name). Still, check the following:</p>"
        "<ul><li>That the gaining registrar's control panel shows the current DS correctly. If it does not, a later operation may remove it.</li>"
        "<li>That the gaining registrar does not switch the NS to its own default name servers when the transfer completes. If it does, the transfer is of "
        "the \u201cboth\u201d kind and needs this guideline's procedure.</li>"
        "<li>That the gaining registrar supports adding and removing DS records for that TLD. Otherwise the next KSK rollover cannot be done.</li>"
        "<li>That nothing changes the DS (such as a KSK rollover) while the transfer is under way.</li></ul>",
    ),
    (
        "review",
        "<p>Check JPRS's rules for when the DS is kept on a change of registrar (designated registrar) in JP, and whether the DS can be changed while a "
        "transfer is under way, and add them here.</p>",
    ),
    ("h2", "Arrangements between providers and registrants"),
    (
        "text",
        "<p>A transfer by key exchange cannot work without the losing provider's cooperation. DNS providers are advised to state the following in their "
        "terms of service or procedures in advance:</p>"
        "<ul><li>How long the zone keeps being served after a transfer is requested (at least longer than the sum of the waits above).</li>"
        "<li>How an external ZSK is imported (control panel, API, a contact for requests) and how many days it takes.</li>"
        "<li>How the provider's own ZSK is handed to the gaining provider (the DNSKEY published in the DNS can be used as it is, so nothing secret is "
        "handed over).</li>"
        "<li>How the removal of the losing and the gaining keys is coordinated.</li>"
        "<li>The procedure by which a registrant removes the DS at the registrar and transfers by going insecure when the losing provider does not "
        "cooperate or has gone out of business.</li></ul>"
        "<p>Registrants should share the transfer schedule with both providers and make clear who performs the DS and NS operations at the registrar. "
        "When something goes wrong during a transfer, the surest first aid is to remove the DS at the registrar and make the zone insecure; make sure of "
        "the account and contact that can do it.</p>",
    ),
    ("h2", "Checklist"),
    (
        "table",
        "Checklist for a change of DNS provider",
        ["Stage", "What to check"],
        [
            [
                "Preparation",
                "Kind of transfer, whether both providers can import a ZSK, the same algorithm, the DS limit, every TTL and publication delay",
            ],
            ["Key exchange", "Both DNSKEY RRsets hold each other's ZSK, on every server"],
            ["Adding the DS", "Two DS records are published in the parent and the DS TTL has passed"],
            [
                "Switching NS",
                "The parent's and both zones' NS point to the gaining provider, and the NS TTL and the largest zone TTL have passed",
            ],
            ["Clean-up", "Losing DS removed, ZSK-L removed, losing provider stopped serving and destroyed its keys"],
            ["Confirmation", "The checker shows no errors and a validating resolver sets the AD bit"],
        ],
    ),
    ("h2", "References"),
    (
        "text",
        "<ul><li>RFC 8901: multi-signer DNSSEC models</li>"
        "<li>RFC 7583: key rollover timing</li>"
        "<li>RFC 6781: DNSSEC operational practices</li>"
        "<li>RFC 4035 §2.2, RFC 6840 §5.11: signing with every algorithm</li>"
        "<li>RFC 7344, RFC 8078, RFC 9615: DS automation with CDS and CDNSKEY</li>"
        "<li>RFC 5731, RFC 5910: EPP domain name operations and the DNSSEC extension</li></ul>",
    ),
]
