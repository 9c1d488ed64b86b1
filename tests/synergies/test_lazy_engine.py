"""The web process does not load the numeric stack: only the index computation does."""

import subprocess
import sys


def test_starting_the_site_loads_neither_scipy_nor_scikit_learn():
    code = (
        "import sys, django; django.setup();"
        "from django.urls import resolve; resolve('/');"
        "import fabrique.synergies.services, fabrique.synergies.selectors.sources;"
        "print(sorted({'scipy', 'sklearn'} & set(sys.modules)))"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_the_package_still_exports_the_engine():
    from fabrique.synergies import Item, build_index

    items = [
        Item("a", "projet", "Rénovation énergétique de l'école"),
        Item("b", "projet", "Rénovation énergétique de la mairie"),
        Item("c", "projet", ""),
    ]
    index = build_index(items)
    assert index.empty_ids == ["c"]
    assert [neighbour.id for neighbour in index.neighbours(k=1)["a"]] == ["b"]
