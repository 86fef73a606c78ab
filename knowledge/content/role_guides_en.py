"""The DNSSEC adoption guide by role (English translation of role_guides_ja, section by section)."""

TITLE = "DNSSEC adoption guide by role"
INTRO = (
    "<p>“Should we deploy DNSSEC, and what do we do?” has a different answer for each player. From the questions "
    "participants asked at our workshops, this guide says for five roles (registrants, zone operators and DNS providers, "
    "registrars, resolver operators and ISPs, and enterprises) what to do, what it costs, which servers and software it "
    "needs and what goes wrong. Each page links to the publications with the detailed procedures.</p>"
)

ROLES = {
    "registrant": {
        "title": "DNSSEC for registrants",
        "summary": (
            "For those who register and use a domain name: whether to have it signed, and what to ask the registrar and "
            "the DNS provider. Without servers of your own, most of the work is in the providers' control panels and in checking."
        ),
        "what_to_do": [
            (
                "text",
                "<p>DNSSEC adds digital signatures to a domain name's answers so that validating resolvers can detect answers "
                "that were tampered with (RFC 9364, BCP 237). What a registrant does is have the zone of the domain name signed, "
                "and have a DS record naming its key signing key registered in the parent zone (.jp, .com and so on). Usually the "
                "DNS provider that runs the authoritative servers signs, and the registrar registers the DS record.</p>",
            ),
            ("h3", "Steps"),
            (
                "text",
                "<ol><li>Find out which registrar holds the domain name and which DNS provider runs its authoritative servers (they may be one company).</li>"
                "<li>Ask the DNS provider whether it signs zones and whether it manages the keys, key rollovers included.</li>"
                "<li>Ask the registrar whether it registers DS records, and whether it applies the DS that a DNS provider publishes as CDS/CDNSKEY.</li>"
                "<li>Turn signing on, check with the checker that the only finding is <code>signed_without_ds</code> (signed, but no DS in the parent zone), and then register the DS record.</li>"
                "<li>After the registration, check that the checker's verdict is Secure.</li></ol>",
            ),
            (
                "text",
                "<p>If you plan to change DNS provider or registrar, make the change before signing, or agree the procedure "
                "with both providers beforehand: moving a signed zone with the keys handed over wrongly stops resolution.</p>",
            ),
            ("findings", ["zone_unsigned", "signed_without_ds"]),
        ],
        "costs": [
            (
                "text",
                "<p>For a registrant without servers, the cost is mainly the providers' fees and the time to check. Some providers "
                "include DNSSEC in their standard service, others charge for it as an option. Fees differ between providers, so this "
                "guide gives no amounts.</p>"
                "<ul><li><strong>People.</strong> A few hours of one person for the control panels and the checks. If the DS is "
                "registered by hand, the same work comes back at every key rollover.</li>"
                "<li><strong>Time.</strong> Allow at least a day between turning signing on and registering the DS, for the zone's TTLs to run out.</li>"
                "<li><strong>What drives the cost.</strong> Whether the provider charges for DNSSEC, whether DS registration is "
                "automated, and whether the provider helps hand the keys over when you move.</li></ul>",
            ),
        ],
        "servers": [
            (
                "text",
                "<p>With the work left to providers, a registrant needs no servers: only a DNS provider that signs and a registrar "
                "that registers DS records. If you run authoritative servers yourself, read “DNSSEC for zone operators and DNS providers”.</p>"
                "<p>When choosing a provider, ask about these points; they save trouble later.</p>"
                "<ul><li>The signing algorithm (preferably ECDSA P-256, algorithm 13) and the DS digest (SHA-256). RFC 9905 ended the use of "
                "the SHA-1 algorithms 5 and 7 for signing.</li>"
                "<li>How often keys are rolled, and what the registrant does then.</li>"
                "<li>Whether the provider publishes CDS/CDNSKEY (RFC 7344, RFC 8078) and whether the registry or registrar reads them.</li>"
                "<li>The procedure for moving to another provider (whether it takes part in a key handover as in RFC 8901).</li></ul>",
            ),
        ],
        "pitfalls": [
            (
                "text",
                "<ul><li><strong>Registering the DS first.</strong> A DS registered before the zone is signed makes resolution fail "
                "on validating resolvers (Bogus). Always check the signatures before registering.</li>"
                "<li><strong>A mistyped DS.</strong> A DS copied by hand that does not match the key fails validation too. Paste the value "
                "the provider shows, and check with the checker after registering.</li>"
                "<li><strong>Changing provider.</strong> Switching to the new provider's signatures while the DS of the old provider's key "
                "is still in place fails validation. Follow the order of the registrar transfer guideline.</li>"
                "<li><strong>Stopping.</strong> Stopping the signatures without removing the DS makes the whole zone Bogus. Remove the DS "
                "first, and stop signing once its TTL has passed.</li></ul>",
            ),
            ("findings", ["ds_but_unsigned", "ds_digest_mismatch", "chain_bogus"]),
            (
                "review",
                "<p>Whether registrars of JP domain names read CDS/CDNSKEY and update the DS could not be confirmed when this page was "
                "written. Check the registry's and registrars' published information and add it to the text once confirmed.</p>",
            ),
        ],
    },
    "zone-operator": {
        "title": "DNSSEC for zone operators and DNS providers",
        "summary": (
            "For those who run zones on authoritative servers, their own or their customers': deciding to sign and how to run it, "
            "from automatic key management and DS registration to monitoring, changing provider and stopping."
        ),
        "what_to_do": [
            (
                "text",
                "<p>Today's authoritative server software signs by itself. What the operator decides is the key layout and algorithm, "
                "the denial of existence, how the DS reaches the parent zone, and the monitoring. The procedures are in “Signing your "
                "zone on authoritative servers”.</p>",
            ),
            ("h3", "What to decide"),
            (
                "text",
                "<ol><li><strong>Keys.</strong> Separate key signing and zone signing keys (RFC 6781 §3.1), or one key for both (a CSK). "
                "With automatic management, a CSK works well.</li>"
                "<li><strong>Algorithm.</strong> ECDSA P-256 (13), with SHA-256 (2) as the DS digest. Since RFC 9904, the algorithms' "
                "recommendations are kept in IANA's registry.</li>"
                "<li><strong>Denial of existence.</strong> NSEC by default; with NSEC3, zero extra iterations and an empty salt, as RFC 9276 asks.</li>"
                "<li><strong>DS registration.</strong> Will registrants enter it by hand, or will you publish CDS/CDNSKEY (RFC 7344, RFC 8078) "
                "for the parent to read? Where the parent supports RFC 9615, even the first DS is registered automatically.</li>"
                "<li><strong>Monitoring.</strong> The signatures' remaining validity, agreement between all authoritative servers, and "
                "the match between the parent's DS and the keys.</li></ol>",
            ),
            (
                "text",
                "<p>A DNS provider also decides its service style (signing as standard or as an option), who owns the keys (the provider "
                "or the registrant) and how customers move to another provider, and writes them into the service description.</p>",
            ),
        ],
        "costs": [
            (
                "text",
                "<p>Most of the cost is people for design, testing and monitoring, not software.</p>"
                "<ul><li><strong>People.</strong> Changing the configuration of existing servers takes one person days to weeks of "
                "design and testing. Offering signing as a service adds the control panel, the DS registration flow and support.</li>"
                "<li><strong>Time.</strong> Run a first key rollover to the end in a test environment; depending on TTLs and waiting "
                "times this takes days to weeks.</li>"
                "<li><strong>Equipment.</strong> Signatures make answers and zones bigger: more zone-transfer traffic and memory. "
                "Keeping keys in an HSM adds the device and its operation.</li>"
                "<li><strong>What drives the cost.</strong> The number and size of zones, how often they change dynamically, whether "
                "keys live in an HSM, whether secondaries are run by another company, and how far you support customers changing provider.</li></ul>",
            ),
        ],
        "servers": [
            (
                "text",
                "<p>Use authoritative server software with automatic key management and signing. The zone-signing guide explains, "
                "with examples run and checked, BIND 9.18 and later with <code>dnssec-policy</code>, Knot DNS's automatic signing and "
                "PowerDNS with <code>pdnsutil</code>.</p>"
                "<ul><li>The signing server (primary or hidden primary) keeps its clock with NTP.</li>"
                "<li>Check that the secondaries transfer and serve the signed zone as it is.</li>"
                "<li>Open TCP port 53, and use about 1232 bytes as the EDNS UDP payload.</li>"
                "<li>Back up the key files (or the HSM), and have a procedure to rebuild the signing server.</li></ul>",
            ),
            (
                "code",
                "named.conf",
                "BIND 9.18 and later: leave the zone's signing to dnssec-policy (a minimal example)",
                'zone "example.jp" {\n    type primary;\n    file "example.jp.zone";\n    dnssec-policy default;\n    inline-signing yes;\n};',
            ),
        ],
        "pitfalls": [
            (
                "text",
                "<ul><li><strong>Expired signatures.</strong> When re-signing stops (the signer down, zone transfers failing, the hidden "
                "primary broken), the whole zone turns Bogus when the signatures expire. Monitor the remaining validity and alert days ahead.</li>"
                "<li><strong>DS mismatch at a rollover.</strong> Rolling the key signing key without updating the parent's DS, or "
                "removing the old key before the DS's TTL has passed, fails validation (RFC 6781 §4.1).</li>"
                "<li><strong>Clock skew.</strong> A signer whose clock runs ahead or behind serves signatures not yet valid or already expired.</li>"
                "<li><strong>Large answers and fragments.</strong> Equipment on the path that drops IP fragments or TCP makes resolution fail for some users only.</li>"
                "<li><strong>Changing provider.</strong> Unless the new provider's key is added to the old provider's DNSKEY set and both "
                "DS records are in place (the idea of RFC 8901's Model 2), validation fails during the switch.</li>"
                "<li><strong>Algorithm rollover.</strong> Moving from algorithm 5 or 7 to 13, sign the whole zone with the new algorithm "
                "before adding its DNSKEY and DS.</li></ul>",
            ),
            (
                "findings",
                [
                    "rrsig_expired",
                    "rrsig_expiration_imminent",
                    "ds_digest_mismatch",
                    "pmtu_fragmentation",
                    "dnskey_alg_sha1",
                ],
            ),
        ],
    },
    "registrar": {
        "title": "DNSSEC for registrars",
        "summary": (
            "For registrars, which take DS records from registrants and DNS providers and pass them to the registry: what to "
            "build and where accidents happen. Mostly accepting DS records, reading CDS/CDNSKEY, and transfers."
        ),
        "what_to_do": [
            (
                "text",
                "<p>A registrar's part is to accept the DS records a registrant (or its DNS provider) gives, correctly, and pass them to "
                "the registry unchanged, usually with the DS data interface of EPP's DNSSEC extension (RFC 5910). Read the report on "
                "registries' DS registration interfaces and the registrar transfer guideline for the details.</p>",
            ),
            ("h3", "What to build"),
            (
                "text",
                "<ol><li><strong>Screens and an API to add, change and remove DS records.</strong> Accept key tag, algorithm, digest "
                "type and digest, and check their format. Accepting the DNSKEY and computing the DS also prevents typing errors.</li>"
                "<li><strong>A check before registering.</strong> Check that the key the DS names is in the zone's DNSKEY RRset and "
                "signs it. If not, stop and say why.</li>"
                "<li><strong>Reading CDS/CDNSKEY.</strong> Read and validate the CDS/CDNSKEY (RFC 7344) of signed zones regularly and "
                "update the DS. <code>CDS 0 0 0 00</code> asks for the DS to be removed (RFC 8078). For an unsigned zone's first DS, "
                "RFC 9615 lets the DNS provider's signatures vouch for it.</li>"
                "<li><strong>A transfer procedure.</strong> Keep the DS when a signed domain name moves between registrars, and never "
                "remove it on the way.</li></ol>",
            ),
            ("findings", ["ds_digest_mismatch", "ds_orphan", "cds_differs_from_ds", "cds_delete_requested"]),
        ],
        "costs": [
            (
                "text",
                "<ul><li><strong>Development.</strong> The DS screens and API, format checks, the DNS check before registering, sending "
                "EPP to the registry and handling its results. Reading CDS/CDNSKEY adds regular queries, validation and a record of the results.</li>"
                "<li><strong>Operation.</strong> Support for wrong DS records, checks at transfers, and emergency DS removal during incidents.</li>"
                "<li><strong>What drives the cost.</strong> The number of registries (each accepts DS records its own way), whether "
                "registrants type DS records by hand or the DNS providers' side is automated. Automation costs more to build and "
                "cuts the support calls at every key rollover.</li></ul>",
            ),
        ],
        "servers": [
            (
                "text",
                "<p>A registrar need not sign anything. It needs:</p>"
                "<ul><li>an EPP connection to each registry, with the DNSSEC extension;</li>"
                "<li>a validating resolver, or a library that validates DNSSEC, for the checks before registering and for reading CDS/CDNSKEY;</li>"
                "<li>a history of DS changes (when, at whose request, to which value): essential when looking for the cause of an incident.</li></ul>"
                "<p>A registrar that is also a DNS provider signing its customers' zones should also read “DNSSEC for zone operators and DNS providers”.</p>",
            ),
        ],
        "pitfalls": [
            (
                "text",
                "<ul><li><strong>The wrong DS.</strong> The DS of another domain name or of an old key makes the domain name Bogus. "
                "The DNS check before registering prevents it.</li>"
                "<li><strong>DS mismatch at a rollover.</strong> Removing the old DS before adding the new one, or replacing it while "
                "the old key is still in use, fails validation. Add first, remove later, with a TTL's wait between.</li>"
                "<li><strong>DS lost at a transfer.</strong> A transfer that removes the DS leaves the signed zone Insecure, unprotected "
                "until the new registrar registers it again. Conversely, an old DS left after a change of DNS provider makes it Bogus.</li>"
                "<li><strong>SHA-1 DS.</strong> Stop accepting new DS records with only digest type 1 (SHA-1) (RFC 9905).</li>"
                "<li><strong>Slow emergency removal.</strong> When a registrant's keys are lost or signing stops, the domain name "
                "stays Bogus until the DS is removed. Have a procedure to remove it out of hours, with the requester's identity checked.</li></ul>",
            ),
            ("findings", ["ds_sha256_missing", "ds_digest_deprecated", "ds_key_not_signing_dnskey"]),
            (
                "review",
                "<p>Whether the JP registry takes DS records from registrars with EPP's DS data or key data interface, and whether it "
                "reads CDS/CDNSKEY, could not be confirmed when this page was written. Check the registry's published documents.</p>",
            ),
        ],
    },
    "resolver-operator": {
        "title": "DNSSEC for resolver operators and ISPs",
        "summary": (
            "Whether to turn validation on in the resolvers that serve your users, what to run once it is on, and what to do when "
            "a mistake in someone else's zone makes resolution fail."
        ),
        "what_to_do": [
            (
                "text",
                "<p>A validating resolver does not pass a tampered answer of a signed zone to its users; it answers SERVFAIL. Users "
                "configure nothing. An ISP turning validation on is the most effective way to protect all its users.</p>",
            ),
            ("h3", "Steps"),
            (
                "text",
                "<ol><li><strong>Update the software.</strong> Use a version with the fixes against attacks on the validator's "
                "workload (KeyTrap, CVE-2023-50387).</li>"
                "<li><strong>Configure the trust anchor.</strong> The root zone's key signing key (KSK-2024, key tag 38696, today) as "
                "the trust anchor, kept current with RFC 5011. See the trust anchor guide.</li>"
                "<li><strong>Keep the clock.</strong> Validation compares the signatures' validity with the current time: NTP is a must.</li>"
                "<li><strong>Try it first.</strong> Validate part of the users' queries and watch SERVFAIL before extending it to all.</li>"
                "<li><strong>Decide what to do in an incident.</strong> When someone else's zone fails validation by mistake, a negative "
                "trust anchor (NTA, RFC 7646) stops validation for that zone only: decide the criteria and a procedure to use one "
                "temporarily, with an end.</li></ol>",
            ),
            (
                "text",
                "<p>RFC 7646 makes an NTA a temporary measure, used once it is clear that the zone's operator made a mistake. An NTA "
                "against a failure caused by an attack exposes your users to it. Once an NTA is in, contact the zone's operator and "
                "remove it when the zone is fixed.</p>",
            ),
        ],
        "costs": [
            (
                "text",
                "<ul><li><strong>People.</strong> The configuration change is small: days of one person for design and tests. The "
                "larger part is support for users' questions about validation failures and a team that decides on NTAs, nights and "
                "holidays included.</li>"
                "<li><strong>Equipment.</strong> Validation adds CPU and upstream queries. How much depends on your users' queries and "
                "the software: replay real queries in a test environment and measure before sizing.</li>"
                "<li><strong>What drives the cost.</strong> The number of users, the number and layout of servers (load balancers or "
                "not), the support desk and the monitoring.</li></ul>",
            ),
        ],
        "servers": [
            (
                "text",
                "<p>The settings in common resolvers follow. The trust anchor guide has the details of automatic updates and how to check them.</p>",
            ),
            (
                "code",
                "unbound.conf",
                "Unbound: validation on, the root trust anchor kept current with RFC 5011",
                'server:\n    module-config: "validator iterator"\n    auto-trust-anchor-file: "/var/lib/unbound/root.key"\n    edns-buffer-size: 1232',
            ),
            (
                "text",
                "<p>In Unbound, the user Unbound runs as must be able to write the <code>auto-trust-anchor-file</code> and its "
                "directory. An NTA is <code>domain-insecure:</code> in the configuration, or <code>unbound-control insecure_add "
                "&lt;zone&gt;</code> at run time, removed with <code>unbound-control insecure_remove</code>. <code>insecure_add</code> "
                "leaves the cache as it is, so run <code>unbound-control flush_zone</code> too. <code>insecure_add</code> takes no "
                "argument for an end time besides the zone, so record when and why you set it, and do not forget to remove it.</p>",
            ),
            (
                "code",
                "named.conf",
                "BIND: validate with the built-in root trust anchor",
                "options {\n    dnssec-validation auto;\n};",
            ),
            (
                "text",
                "<p>In BIND, <code>rndc nta</code> sets an NTA with a lifetime. Knot Resolver also keeps the root trust anchor "
                "current automatically by default.</p>",
            ),
            (
                "review",
                "<p>The default and maximum lifetime of BIND's <code>rndc nta</code> (<code>nta-lifetime</code>), Knot Resolver 5's "
                "<code>trust_anchors.set_insecure()</code> and the name of version 6's NTA setting could not be checked against their "
                "documentation when this page was written. Check them in your version's manual and add checked examples.</p>",
            ),
        ],
        "pitfalls": [
            (
                "text",
                "<ul><li><strong>Clock skew.</strong> A server clock far off makes every signature “not yet valid” or “expired”: no "
                "signed domain name resolves.</li>"
                "<li><strong>Trust anchor updates failing.</strong> When RFC 5011 updates stop (no write permission, a long shutdown, "
                "a server rebuilt from an old image), validation fails everywhere once the root key changes. RFC 5011 adopts a new "
                "key only after seeing it for 30 days or more (the hold-down time).</li>"
                "<li><strong>Fragments and TCP.</strong> A firewall or load balancer on the path that drops IP fragments or TCP port "
                "53 keeps large signed answers from arriving: only some domain names fail.</li>"
                "<li><strong>Expired signatures in someone else's zone.</strong> Only the users of validating resolvers fail, and they "
                "call the ISP. Find the cause with the checker and act by your NTA criteria.</li></ul>",
            ),
            ("findings", ["trust_anchor_unusable", "rrsig_expired", "rrsig_not_yet_valid", "large_dnssec_response"]),
        ],
    },
    "enterprise": {
        "title": "DNSSEC for enterprises",
        "summary": (
            "For companies with their own domain names that also run their internal network and name resolution: what to decide "
            "about signing and about validation, and whom to ask for what."
        ),
        "what_to_do": [
            (
                "text",
                "<p>A company plays two roles: registrant and zone operator of its own domain names (signing), and resolver operator "
                "for its staff (validation). Either can come first, but the decisions are separate.</p>",
            ),
            ("h3", "Signing"),
            (
                "text",
                "<ol><li>List your domain names, with the registrar and the DNS provider (or your own authoritative servers) of each, "
                "campaign and other short-lived names included.</li>"
                "<li>Start with the domain names where tampering would hurt most: mail (with sender authentication or DANE) and customer-facing sites.</li>"
                "<li>Left to a DNS provider, follow “DNSSEC for registrants”; run in-house, follow “DNSSEC for zone operators and DNS providers”.</li></ol>",
            ),
            ("h3", "Validation"),
            (
                "text",
                "<p>Turn validation on in your internal resolvers. Where internal-only names live under an external signed zone, "
                "rethink the naming or leave that zone out of validation so that internal answers do not fail. The steps are in "
                "“DNSSEC for resolver operators and ISPs”.</p>",
            ),
            ("h3", "Who does what in the company"),
            (
                "text",
                "<p>Often the domain name contracts sit with general affairs or legal, the zones' content with each business "
                "unit, and the internal resolvers and network equipment with IT. Before starting, put on one page who does each of these:</p>"
                "<ul><li>the contracts with DNS providers and registrars, and ordering their DNSSEC option;</li>"
                "<li>registering DS records, and checking at key rollovers and changes of provider;</li>"
                "<li>regular checks with the checker, and whom to tell when a finding shows;</li>"
                "<li>first response when the internal resolvers fail validation (taking users' calls, and telling whether the cause "
                "is a zone outside the company).</li></ul>",
            ),
        ],
        "costs": [
            (
                "text",
                "<ul><li><strong>People.</strong> The inventory of domain names, the talks with providers, and the change and checks of "
                "internal resolvers. It varies most with the number of domain names and of departments in charge.</li>"
                "<li><strong>Provider fees.</strong> Where a DNS provider charges for DNSSEC as an option.</li>"
                "<li><strong>Equipment.</strong> Internal resolvers use more CPU to validate. Firewalls or UTMs inspecting DNS need their "
                "settings reviewed, and some need an update.</li>"
                "<li><strong>What drives the cost.</strong> The number of domain names and DNS providers, the internal network "
                "equipment, and the management of group companies.</li></ul>",
            ),
        ],
        "servers": [
            (
                "text",
                "<ul><li>Signing: a DNS provider's service, or authoritative servers with automatic key management (BIND, Knot DNS, PowerDNS and others).</li>"
                "<li>Validation: internal resolvers (Unbound, BIND, Knot Resolver and others). With Windows Server's DNS server, check "
                "validation settings in that product's manual.</li>"
                "<li>Network equipment: it must pass UDP answers of about 1232 bytes with EDNS, IP fragments and TCP port 53. The "
                "equipment verification pages show how to check.</li></ul>",
            ),
            (
                "review",
                "<p>DNSSEC validation and signing with Windows Server's DNS server (including the algorithms it supports) could not "
                "be checked against its documentation when this page was written. Add what you have checked.</p>",
            ),
        ],
        "pitfalls": [
            (
                "text",
                "<ul><li><strong>Forgotten domain names.</strong> The person in charge moves on, nobody looks after the signed domain "
                "name's DS and keys, and it stops resolving when the signatures expire. Name an owner for each domain name.</li>"
                "<li><strong>Changing DNS provider.</strong> An old DS left behind fails validation. Follow the order of the transfer guideline.</li>"
                "<li><strong>Equipment in the middle.</strong> A UTM or firewall dropping large answers, fragments or TCP makes some "
                "domain names fail from inside the company only.</li>"
                "<li><strong>Clock skew.</strong> An internal resolver with a wrong clock fails every signed domain name at once.</li>"
                "<li><strong>Internal zones.</strong> Using the name of an external signed zone internally with other content fails "
                "internal validation.</li>"
                "<li><strong>Nobody checks.</strong> When nobody checks with the checker after signing starts, a wrong DS or expired "
                "signatures are first noticed when partners or customers call. Check the main domain names regularly and keep the results.</li></ul>",
            ),
            ("findings", ["rrsig_expired", "ds_digest_mismatch", "tcp_unresponsive"]),
        ],
    },
}
