"""Issue 11: the OpenAPI schema is kept in the repository (docs/openapi.json); a change of the
API's paths, fields or answers shows here and is reviewed. After an intended change:
`make openapi` (or FABRIQUE_UPDATE_OPENAPI=1 on this test) writes the new schema."""

import json
import os
from pathlib import Path

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

BOUNDS = {2**15 - 1, 2**31 - 1, 2**63 - 1, -(2**15), -(2**31), -(2**63)}
SNAPSHOT = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def _without_database_bounds(node):
    """Integer bounds come from the database backend (2³¹−1 on PostgreSQL, 2⁶³−1 on SQLite):
    the snapshot keeps what the API decides, the same on both."""
    if isinstance(node, dict):
        if node.get("type") == "integer":
            node = {
                key: value for key, value in node.items()
                if not (key == "format" or (key in {"maximum", "minimum"} and value in BOUNDS))
            }  # fmt: skip
        return {key: _without_database_bounds(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_without_database_bounds(value) for value in node]
    return node


def current_schema() -> str:
    schema = _without_database_bounds(SchemaGenerator().get_schema(request=None, public=True))
    return json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n"


def test_the_api_schema_is_the_one_kept_in_the_repository():
    schema = current_schema()
    if os.environ.get("FABRIQUE_UPDATE_OPENAPI") == "1":
        SNAPSHOT.write_text(schema, encoding="utf-8")
    kept = SNAPSHOT.read_text(encoding="utf-8")
    assert schema == kept, (
        "Le schéma OpenAPI a changé : vérifiez le changement, puis `make openapi` pour "
        "mettre à jour docs/openapi.json."
    )
    assert json.loads(kept)["paths"]


def test_every_operation_has_a_french_summary_in_the_documentation():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    missing = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if not operation.get("summary")
    ]
    assert missing == []
