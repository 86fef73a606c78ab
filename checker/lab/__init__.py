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

from .build import Lab, LabZone, build_lab
from .real import serve_real
from .server import LabServer, serve_python
from .zones import CATALOG_ROWS, CONDITIONS, LAB_WIDE_FINDINGS, ROWS_WITHOUT_ZONE, Condition

__all__ = [
    "CATALOG_ROWS",
    "CONDITIONS",
    "Condition",
    "LAB_WIDE_FINDINGS",
    "Lab",
    "LabServer",
    "LabZone",
    "ROWS_WITHOUT_ZONE",
    "build_lab",
    "serve_python",
    "serve_real",
]
