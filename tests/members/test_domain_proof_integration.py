"""Proof of control end to end: "Check now" sends a task to a real Celery worker, which asks the demo DNS lab
for the TXT record through the checker engine's own resolution; the domain is verified once the token is there."""

import dns.name
import dns.rdataclass
import dns.rdatatype
import dns.rdtypes.ANY.TXT
import pytest

from checker.lab.server import ZoneData, serve_python
from members.models import Domain, Membership, Organisation
from members.roles import Role
from tests import slots
from tests.checker.conftest import lab  # noqa: F401 (fixture: the lab's zone files, no server)
from tests.checker.portal.conftest import lab_environment, processes, wait_for  # noqa: F401 (fixture)

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
ZONE = "alg13.test"
OWN_SERVER_PORT_OFFSET = 67


class Zone:
    """The zone as this test's lab server serves it, with the challenge record the operator publishes."""

    def __init__(self, server, lab_):
        self.server, self.lab, self.origin = server, lab_, dns.name.from_text(ZONE + ".")
        self.good = {address: list(zones) for address, zones in server.zones_by_address.items()}

    def publish(self, text):
        zone = self.lab.load_zone(ZONE + ".")
        rdataset = zone.find_rdataset("_dnssec-jp-challenge", dns.rdatatype.TXT, create=True)
        rdataset.add(dns.rdtypes.ANY.TXT.TXT(dns.rdataclass.IN, dns.rdatatype.TXT, [text.encode()]), 300)
        published = ZoneData(zone)
        self.server.zones_by_address = {
            address: [published if z.origin == self.origin else z for z in zones]
            for address, zones in self.good.items()
        }


@pytest.fixture
def zone(lab, processes):  # noqa: F811
    port = slots.port_base() + OWN_SERVER_PORT_OFFSET
    with serve_python(lab, port) as server:
        processes.worker(["interactive"], "proof", extra_env={**lab_environment(lab), "CHECKER_PORT": str(port)})
        yield Zone(server, lab)


def test_check_now_verifies_a_domain_whose_token_is_published(zone, client, django_user_model):
    organisation = Organisation.objects.create(
        slug="example-hosting", name_ja="例示ホスティング", name_en="Example Hosting"
    )
    admin = django_user_model.objects.create_user(username="kanri@example-hosting.jp", email="kanri@example-hosting.jp")
    Membership.objects.create(user=admin, organisation=organisation, roles=[Role.MEMBER, Role.ORG_ADMIN])
    client.force_login(admin)
    client.post("/ja/accounts/organisation/domains/", {"name": ZONE})
    domain = Domain.objects.get(name=ZONE)

    def check_now():
        Domain.objects.filter(pk=domain.pk).update(proof="", checked_at=None)
        assert client.post(f"/ja/accounts/organisation/domains/{domain.pk}/check/").status_code == 302
        return wait_for(
            lambda: Domain.objects.filter(pk=domain.pk).exclude(proof="").first(), 60, message="the check ended"
        )

    assert check_now().proof == "no-name"
    zone.publish("dnssec-jp-verify=not-the-token")
    after = check_now()
    assert (after.proof, after.verified) == ("wrong-token", False)
    zone.publish(f"dnssec-jp-verify={domain.token}")
    after = check_now()
    assert (after.proof, after.verified) == ("found", True)
    assert ZONE in client.get(organisation.get_absolute_url()).content.decode()
