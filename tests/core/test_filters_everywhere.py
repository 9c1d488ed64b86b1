"""Issue 11, « filters with django-filter for every list page and API list »: no view reads a
filter from the query string by hand. Read from the source: every `request.GET` /
`query_params` read of a named parameter in views and the API must be one of `ALLOWED`
(what is not a filter of a list: the page number, the format of an export, a form's initial
value); a list's filters go through a FilterSet of the app's `filters.py`."""

import ast
from pathlib import Path

import fabrique

ROOT = Path(fabrique.__file__).parent

# (parameter, why it is not a list filter)
ALLOWED = {
    "page": "numéro de page (pagination)",
    "export": "format d'un export (xlsx, ods, csv)",
    "format": "format d'un export, ou valeur initiale d'un formulaire",
    "table": "tableau exporté de la vue nationale",
    "liste": "liste exportée du tableau de bord (vérifiée contre exports.LISTS)",
    "project": "valeur initiale d'un formulaire",
    "appel": "valeur initiale d'un formulaire (problème déposé pour un appel)",
    "solution": "solution choisie pour un parangonnage (pas une liste)",
    "title": "valeur initiale d'un formulaire",
    "theme": "valeur initiale d'un formulaire",
}


def _is_query_dict(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr in {"GET", "query_params"}


def reads(path: Path):
    """(line, parameter, initial?) of every named read of the query string in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    initial = set()
    for node in ast.walk(tree):  # reads that only fill a form's initial values
        if isinstance(node, ast.keyword) and node.arg == "initial":
            initial.update(id(child) for child in ast.walk(node.value))
    for node in ast.walk(tree):
        key = None
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"get", "getlist"}
            and _is_query_dict(node.func.value)
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            key = node.args[0].value
        elif (
            isinstance(node, ast.Subscript)
            and _is_query_dict(node.value)
            and isinstance(node.slice, ast.Constant)
        ):
            key = node.slice.value
        if key is not None:
            yield node.lineno, key, id(node) in initial


def test_no_list_filter_is_read_by_hand():
    files = [
        path
        for path in ROOT.rglob("*.py")
        if "views" in path.parts or path.name.startswith("views") or "api" in path.parts
    ]
    assert len(files) > 40  # the walk sees the views
    by_hand = [
        f"{path.relative_to(ROOT)}:{line} « {key} »"
        for path in files
        for line, key, initial in reads(path)
        if key not in ALLOWED or (ALLOWED[key].startswith("valeur initiale") and not initial)
    ]
    assert not by_hand, (
        "Filtres lus à la main (passez par un FilterSet de filters.py) : " + ", ".join(by_hand)
    )
