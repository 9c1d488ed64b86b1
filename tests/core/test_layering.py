"""`core` is the ground every app stands on: it imports no app (the site's assembly lives in
`fabrique/home`). Read from the source, so a new import anywhere in `core/` is caught."""

import ast
from pathlib import Path

import fabrique

ROOT = Path(fabrique.__file__).parent
APPS = sorted(
    path.name
    for path in ROOT.iterdir()
    if path.is_dir() and (path / "__init__.py").exists() and path.name != "core"
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_imports_no_app():
    assert {"portfolio", "territories", "home"} <= set(APPS)  # the walk sees the apps
    offending = {
        f"{path.relative_to(ROOT)} → {name}"
        for path in (ROOT / "core").rglob("*.py")
        for name in imported_modules(path)
        if any(name == f"fabrique.{app}" or name.startswith(f"fabrique.{app}.") for app in APPS)
    }
    assert not offending, sorted(offending)
