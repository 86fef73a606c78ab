"""The verdict policy: which algorithms and digests count for the verdict.

This is the one place where the checker decides what a validating resolver
accepts.  The verdict follows what deployed validators do today (BIND, Unbound,
Knot Resolver, PowerDNS Recursor, Google Public DNS, Cloudflare), not what the
newest RFC asks of them:

* Algorithms 5 (RSASHA1) and 7 (RSASHA1-NSEC3-SHA1) are still validated by
  deployed resolvers, so a zone signed with them gets `secure` when its chain
  holds.  RFC 9905 (October 2025) says they MUST NOT be used to sign and that
  validators MUST treat them as unsupported (so such zones become insecure);
  the finding `dnskey_alg_sha1` (ERR) explains this beside the verdict.  When
  resolvers change, change `VERDICT_ALGORITHMS` here and nothing else.
* Algorithms 1, 3, 6 (MUST NOT validate, RFC 8624) and 12 (GOST, dropped by
  most validators) count as unsupported: a chain using only them is insecure.
* DS digest types 1, 2 and 4 are validated; 3 (GOST R 34.11-94) is not.
  A SHA-1 DS beside a SHA-256 DS for the same key is ignored (RFC 4509 §3).
"""

from __future__ import annotations

# DNSKEY algorithms a validator accepts when it decides secure/insecure/bogus.
VERDICT_ALGORITHMS = frozenset({5, 7, 8, 10, 13, 14, 15, 16})
# DS digest types a validator accepts.
VERDICT_DIGESTS = frozenset({1, 2, 4})

# Catalog rows H1-H4: what each algorithm number means for signing.
MUST_NOT_ALGORITHMS = frozenset({1, 3, 6, 12})  # H1, RFC 8624 §3.1
SHA1_ALGORITHMS = frozenset({5, 7})  # H2, RFC 8624 §3.1 + RFC 9905
NOT_RECOMMENDED_ALGORITHMS = frozenset({10})  # H3
ASSIGNED_SIGNING_ALGORITHMS = frozenset({1, 3, 5, 6, 7, 8, 10, 12, 13, 14, 15, 16, 17, 23})
PRIVATE_ALGORITHMS = frozenset({253, 254})

# DS digest types (catalog D12, D13).
DEPRECATED_DIGESTS = {1: "WARN", 3: "ERR"}  # SHA-1, GOST R 34.11-94
ASSIGNED_DIGESTS = frozenset({1, 2, 3, 4, 5, 6})

# Clock skew margin for F7/F8 (as DNSViz), and RFC 6781 limits (F10-F12).
CLOCK_SKEW = 300
REMAINING_SHORT = 12 * 3600
REMAINING_LONG = 180 * 86400
VALIDITY_LONG = 180 * 86400

# NSEC3 iterations above which deployed resolvers answer insecure or SERVFAIL
# (Google Public DNS: 100; RFC 9276 Appendix A).  Never computed past 150
# (docs/RELIABILITY.md, S2).
NSEC3_RESOLVER_LIMIT = 100

# KeyTrap caps (docs/RELIABILITY.md, S2).
MAX_VERIFICATIONS_PER_RRSET = 8
MAX_FAILED_VERIFICATIONS = 64


def algorithm_counts_for_verdict(algorithm: int) -> bool:
    return algorithm in VERDICT_ALGORITHMS


def digest_counts_for_verdict(digest_type: int) -> bool:
    return digest_type in VERDICT_DIGESTS


def algorithm_problem(algorithm: int) -> tuple[str, str] | None:
    """The H-row finding (id, severity) for a signing algorithm, if any."""
    if algorithm in MUST_NOT_ALGORITHMS:
        return "dnskey_alg_must_not", "ERR"
    if algorithm in SHA1_ALGORITHMS:
        return "dnskey_alg_sha1", "ERR"
    if algorithm in NOT_RECOMMENDED_ALGORITHMS:
        return "dnskey_alg_not_recommended", "WARN"
    if algorithm not in ASSIGNED_SIGNING_ALGORITHMS:
        # 0, 2, 252 (not for zone signing), reserved, unassigned, private (253/254)
        return "dnskey_alg_invalid", "ERR"
    return None


def digest_problem(digest_type: int) -> tuple[str, str] | None:
    """The D-row finding (id, severity) for a DS digest type, if any."""
    if digest_type in DEPRECATED_DIGESTS:
        return "ds_digest_deprecated", DEPRECATED_DIGESTS[digest_type]
    if digest_type not in ASSIGNED_DIGESTS:
        return "ds_digest_invalid", "ERR"
    return None
