from io import StringIO
import pytest
from django.core.management import call_command
pytestmark = pytest.mark.django_db
def test_show():
    out = StringIO()
    call_command("import_startups", "tests/portfolio/fixtures/startups/valid", "tests/portfolio/fixtures/startups/invalid", "nulle-part", stdout=out, verbosity=0)
    print(out.getvalue())
