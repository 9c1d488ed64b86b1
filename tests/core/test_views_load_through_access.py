"""Issue 11, « access that loads and checks in one call »: a view never loads a record by
itself (`get_object_or_404(Model, pk=…)`, `Model.objects.get(…)`) to check a right
afterwards; it calls the `x_for_user_or_404` of an access module, or loads from a queryset
that already holds the rule (`access.visible_x(user)`, a related manager of a checked
object). Read from the source, so that a new view is caught before it ships; the URL walk of
`tests/test_access_matrix.py` checks that each view does call an access function."""

import ast
from pathlib import Path

import fabrique

ROOT = Path(fabrique.__file__).parent


def direct_loads(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        # get_object_or_404(Model, …): a model class named directly, not a checked queryset.
        if (
            isinstance(func, ast.Name)
            and func.id in {"get_object_or_404", "get_list_or_404"}
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id[:1].isupper()
        ):
            yield node.lineno, f"{func.id}({node.args[0].id}, …)"
        # Model.objects.get(…) / .filter(…).first() straight from the model's manager.
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "get"
            and isinstance(func.value, ast.Attribute)
            and func.value.attr == "objects"
            and isinstance(func.value.value, ast.Name)
        ):
            yield node.lineno, f"{func.value.value.id}.objects.get(…)"


def test_views_load_records_through_their_access_module():
    files = [path for path in ROOT.rglob("*.py") if "views" in path.parts or path.stem == "views"]
    assert len(files) > 30
    found = [
        f"{path.relative_to(ROOT)}:{line} {what}"
        for path in files
        for line, what in direct_loads(path)
    ]
    assert not found, "Chargez par une fonction x_for_user_or_404 de access.py : " + ", ".join(
        found
    )
