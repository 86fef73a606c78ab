"""The resolver test's settings, read from the environment (as checker.conf reads the checker's).

RESOLVER_TEST_ZONE is the parent of the test zones (resolvertest.zones): in production a registrable
domain of its own, outside the portal's HSTS scope. Unset in production, the test is not offered. In
lab mode (checker.conf.lab_mode: the demo and the tests) it defaults to `rt.test`, under the lab's TLD.
"""

import os

from checker import conf as checker_conf

LAB_ZONE = "rt.test"


def zone() -> str | None:
    """The test zones' parent, lower case without the final dot; None where the test is not set up."""
    value = os.environ.get("RESOLVER_TEST_ZONE", "").strip().rstrip(".").lower()
    if value:
        return value
    if checker_conf.lab_mode().active:
        return LAB_ZONE
    return None
