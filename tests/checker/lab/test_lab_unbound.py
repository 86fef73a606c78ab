"""Cross-check of every condition's expected verdict with an independent validator.

Debian's libunbound (no daemon needed) walks the test lab served by knotd on port 53, from the
lab's root hints and trust anchor, with its clock set to the lab's reference time
(``val-override-date``). Unbound iterates only to port 53, hence the real lab.
"""

import ctypes
import ctypes.util

import dns.rdatatype
import pytest

from checker.lab import CONDITIONS

pytestmark = pytest.mark.lab

LIBUNBOUND = ctypes.util.find_library("unbound") or "libunbound.so.8"
# Verdicts where Unbound's default configuration knowingly differs from the condition's.
UNBOUND_DIFFERS = {
    # Debian 12's libunbound is built without Ed448: an unsupported algorithm makes it insecure.
    "alg16": "insecure",
}


class UbResult(ctypes.Structure):
    _fields_ = [
        ("qname", ctypes.c_char_p),
        ("qtype", ctypes.c_int),
        ("qclass", ctypes.c_int),
        ("data", ctypes.POINTER(ctypes.c_char_p)),
        ("len", ctypes.POINTER(ctypes.c_int)),
        ("canonname", ctypes.c_char_p),
        ("rcode", ctypes.c_int),
        ("answer_packet", ctypes.c_void_p),
        ("answer_len", ctypes.c_int),
        ("havedata", ctypes.c_int),
        ("nxdomain", ctypes.c_int),
        ("secure", ctypes.c_int),
        ("bogus", ctypes.c_int),
        ("why_bogus", ctypes.c_char_p),
        ("was_ratelimited", ctypes.c_int),
        ("ttl", ctypes.c_int),
    ]


class Validator:
    def __init__(self, lab, trust_anchor_file, stubs: dict[str, str] | None = None):
        """``stubs``: zone -> the one server address Unbound may ask for it."""
        self.lib = ctypes.CDLL(LIBUNBOUND)
        self.lib.ub_ctx_create.restype = ctypes.c_void_p
        self.lib.ub_ctx_delete.argtypes = [ctypes.c_void_p]
        self.lib.ub_ctx_set_option.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
        self.lib.ub_ctx_add_ta_file.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        self.lib.ub_resolve.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.POINTER(ctypes.POINTER(UbResult)),
        ]
        self.lib.ub_resolve_free.argtypes = [ctypes.POINTER(UbResult)]
        self.lib.ub_ctx_set_stub.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int]
        self.ctx = self.lib.ub_ctx_create()
        options = {
            "do-not-query-localhost:": "no",
            "root-hints:": str(lab.root_hints_file),
            "val-override-date:": str(lab.now),
            "val-log-level:": "2",
            "qname-minimisation:": "no",
            "do-ip6:": "no",
        }
        # Unbound answers the special-use name test. (RFC 6761) itself unless told not to.
        options["local-zone:"] = "test. transparent"
        for option, value in options.items():
            assert self.lib.ub_ctx_set_option(self.ctx, option.encode(), value.encode()) == 0, option
        assert self.lib.ub_ctx_add_ta_file(self.ctx, str(trust_anchor_file).encode()) == 0
        for zone, address in (stubs or {}).items():
            assert self.lib.ub_ctx_set_stub(self.ctx, zone.encode(), address.encode(), 0) == 0

    def verdict(self, name: str, rdtype: int) -> tuple[str, str]:
        result = ctypes.POINTER(UbResult)()
        assert self.lib.ub_resolve(self.ctx, name.encode(), rdtype, 1, ctypes.byref(result)) == 0
        try:
            value = result.contents
            why = (value.why_bogus or b"").decode(errors="replace")
            if value.secure:
                return "secure", why
            return ("bogus" if value.bogus else "insecure"), why
        finally:
            self.lib.ub_resolve_free(result)

    def close(self):
        self.lib.ub_ctx_delete(self.ctx)


@pytest.fixture(scope="module")
def validators(lab, real_lab):
    made = {}

    def get(trust_anchor):
        if trust_anchor not in made:
            made[trust_anchor] = Validator(lab, lab.trust_anchor_files[trust_anchor])
        return made[trust_anchor]

    yield get
    for validator in made.values():
        validator.close()


# Conditions whose parent's two servers disagree on the zone's DS, so that the verdict a resolver
# reaches depends on the parent server it asks: the verdict through the parent's ns2 (through ns1
# it is the condition's own).
PARENT_SERVER_DECIDES = {"ds-differs-parent": "insecure"}  # ns2's signed denial of the DS


def _verdict_through(lab, spec, address: str) -> tuple[str, str]:
    """Unbound's verdict on the condition's name, asking only ``address`` for the zone's parent."""
    rdtype = dns.rdatatype.SOA if spec.check_name == spec.zone else dns.rdatatype.A
    validator = Validator(lab, lab.trust_anchor_files[spec.trust_anchor], stubs={lab.zones[spec.zone].parent: address})
    try:
        return validator.verdict(spec.check_name, rdtype)
    finally:
        validator.close()


@pytest.mark.parametrize("condition", list(CONDITIONS))
def test_unbound_reaches_the_expected_verdict(validators, lab, condition):
    spec = CONDITIONS[condition]
    rdtype = dns.rdatatype.SOA if spec.check_name == spec.zone else dns.rdatatype.A
    if condition in PARENT_SERVER_DECIDES:
        verdict, why = _verdict_through(lab, spec, lab.servers[lab.zones[spec.zone].parent][0])
    else:
        verdict, why = validators(spec.trust_anchor).verdict(spec.check_name, rdtype)
    expected = UNBOUND_DIFFERS.get(condition, spec.expected_verdict)
    assert verdict == expected, why


@pytest.mark.parametrize("condition", PARENT_SERVER_DECIDES)
def test_a_parent_server_without_the_ds_downgrades_the_resolvers_that_ask_it(lab, real_lab, condition):
    """Why ds_rrset_differs_parent is an error (C6): a resolver that asks the parent's ns2 finds the
    zone insecure, one that asks ns1 finds it secure."""
    spec = CONDITIONS[condition]
    ns1, ns2 = lab.servers[lab.zones[spec.zone].parent]
    verdicts = {address: _verdict_through(lab, spec, address)[0] for address in (ns1, ns2)}
    assert verdicts == {ns1: spec.expected_verdict, ns2: PARENT_SERVER_DECIDES[condition]}


@pytest.mark.parametrize(
    "condition",
    ["expired-one-server", "notyet-one-server", "stale-secondary", "notyet-secondary", "expired-one-server-www"],
)
def test_one_bad_server_fails_only_the_resolvers_that_ask_it(lab, real_lab, condition):
    """The model of a fault on some servers (ERR, issue 13 item 7): Unbound asking only the bad
    server (ns2) finds the name bogus, asking only ns1 secure; asking both, it asks the other server
    after a failed validation, whether of the data or of the DNSKEY RRset (stale-secondary), and
    reaches secure whichever server it asks first: each fresh resolver picks its first server at
    random, so of 20 all but about one in a million runs start with ns2 at least once."""
    spec = CONDITIONS[condition]
    rdtype = dns.rdatatype.SOA if spec.check_name == spec.zone else dns.rdatatype.A
    verdicts = {}
    for address in lab.zones[spec.zone].addresses:
        validator = Validator(lab, lab.trust_anchor_files["default"], stubs={spec.zone: address})
        try:
            verdicts[address] = validator.verdict(spec.check_name, rdtype)[0]
        finally:
            validator.close()
    ns1, ns2 = lab.zones[spec.zone].addresses
    assert verdicts == {ns1: "secure", ns2: "bogus"}
    for _ in range(20):
        validator = Validator(lab, lab.trust_anchor_files["default"])
        try:
            assert validator.verdict(spec.check_name, rdtype) == ("secure", "")
        finally:
            validator.close()
