import csv
from pathlib import Path

import pytest

from fabrique.synergies import Item

FIXTURES = Path(__file__).parent / "fixtures"
PROJECTS_CSV = FIXTURES / "projets.csv"


def read_projects() -> list[dict]:
    with PROJECTS_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@pytest.fixture
def projects() -> list[Item]:
    """The fixture's 42 invented project titles (one blank), as engine items."""
    return [Item(row["id"], "projet", row["titre"], row["commune"]) for row in read_projects()]


from .django_fixtures import corpus  # noqa: E402, F401  (database fixture, only when asked for)
