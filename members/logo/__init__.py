"""The "DNSSEC enabled" logo programme: criteria, applications, certificates that re-check themselves,
and the public verification of each certificate (its page, its badge, its signed JSON)."""
