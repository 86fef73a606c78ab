"""The DNS lab: a private signed hierarchy on loopback addresses, one zone per condition.

Plain Python (dnspython + cryptography), no Django. One set of zone definitions (``zones.py``) is
built into zone files and served two ways: by the project's own pure-Python server (the demo lab,
unprivileged port) and by Knot DNS (the test lab, port 53 as root, or any port).

Public interface:

``build_lab(network, workdir, now, key_dir=None) -> Lab``
    Builds every zone on ``network`` (an IPv4 /20 or /22) into ``workdir``; every signature is
    relative to ``now`` (POSIX seconds or an aware datetime; never the clock). Keys are cached in
    ``key_dir`` (default ``workdir/keys``), so a second build only signs. ``Lab`` has:
      ``.zones``            zone name ("alg13.test.") -> LabZone(name, file, nameservers
                            {ns name: address}, parent, signed, other_files {address: file of
                            the other copy that address serves}, spare_addresses: addresses that
                            serve the zone under no NS name; lame_addresses: name servers'
                            addresses that answer REFUSED; ``.addresses``: every address that
                            serves it, once), parents before children
      ``.servers``          zone name -> tuple of the addresses of its name servers
      ``.root_hints_file``  ". NS a.root-servers.test." and the A records of the lab root servers
      ``.trust_anchor_file``  DS of the root KSK (presentation format)
      ``.trust_anchor_files`` {"default": DS file, "dnskey": root KSK DNSKEY, "wrong-ds": DS of a
                            key the root never had, "revoked-dnskey": the root KSK with REVOKE set}
      ``.now``, ``.network``, ``.ds`` (zone -> DS texts at its parent), ``.load_zone(name, address=None)``
    ``delegations``: ``Delegation(name, nameservers, ds)``, zones served elsewhere that the lab zone
    above each delegates with NS, glue and DS (``save_delegations``/``load_delegations``: as JSON).
``build_zone_tree(specs, nameservers, workdir, now, key_dir=None) -> ZoneTree``
    Builds and signs ``ZoneSpec``s of one zone and the zones below it, apart from the lab, for a
    server of their own; ``.zones``, ``.load_zone()`` (so ``LabServer`` serves it) and
    ``.delegation()``, what its parent must hold (the resolver test's zones, ``resolvertest/dnszones.py``).
``CONDITIONS``
    Ordered mapping condition name -> Condition(zone, check_name, description_ja, description_en,
    expected_findings: frozenset[str], expected_verdict: "secure" | "insecure" | "bogus",
    trust_anchor: key of ``Lab.trust_anchor_files``, expected_severities: frozenset of
    (finding id, severity)). ``expected_findings``
    must each be reported (a lower bound), with the severity ``expected_severities`` gives;
    ``LAB_WIDE_FINDINGS`` are findings that the lab's own addressing may cause on any zone.
    ``CATALOG_ROWS`` maps catalog rows (D1, E4, ...) to the condition built for them.
``serve_python(lab, port)``
    Context manager: the demo server on every lab address at ``port``, in a background thread;
    yields a LabServer (``.addresses``, ``.queries`` counter per (address, "udp"/"tcp")).
    ``LabServer(lab, port, rebuild=None, resign_seconds=60, on_query=None)``: ``on_query`` is called
    with a ``ReceivedQuery`` (time, server and client address, transport, name, type, DO, EDNS size)
    for every query it answers, in the server's thread, without Django (the resolver test records so).
    Every lab server listens on that one port, so whoever walks the demo lab sends every query,
    referrals included, to it.
``serve_real(lab, port=53)``
    Context manager: knotd instances serving the same zone files, started and stopped by PID.

``stubs.StubWorld(network, port, now)``
    Hostile and unusual servers (silence, garbage, oversized and redirected answers, TC without
    TCP, referral and CNAME loops, 500 name servers, KeyTrap keys, online signing, and the faults
    the behaviour probes look for): a private signed root with one child zone per behaviour,
    served by Python stubs in a background thread (``world.serve()``); ``world.options()`` gives
    the engine's ``Options`` for it.

Command line: ``python -m checker.lab serve --network 127.77.0.0/20 --port 10053 --workdir var/lab``
(and ``build``).
"""

from .build import (
    Delegation,
    Lab,
    LabZone,
    ZoneTree,
    build_lab,
    build_zone_tree,
    load_delegations,
    save_delegations,
)
from .real import serve_real
from .server import LabServer, ReceivedQuery, run_in_background, serve_python
from .zones import CATALOG_ROWS, CONDITIONS, LAB_WIDE_FINDINGS, ROWS_WITHOUT_ZONE, Condition, KeySpec, ZoneSpec, keyset

__all__ = [
    "CATALOG_ROWS",
    "CONDITIONS",
    "Condition",
    "Delegation",
    "KeySpec",
    "LAB_WIDE_FINDINGS",
    "Lab",
    "LabServer",
    "LabZone",
    "ROWS_WITHOUT_ZONE",
    "ReceivedQuery",
    "ZoneSpec",
    "ZoneTree",
    "build_lab",
    "build_zone_tree",
    "keyset",
    "load_delegations",
    "run_in_background",
    "save_delegations",
    "serve_python",
    "serve_real",
]
