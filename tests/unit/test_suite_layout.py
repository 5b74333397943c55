"""The suite's own promise: any subset of it runs, because no test module imports a conftest
(a conftest is pytest's to load; what tests share lives in ``tests/support``)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
    return names


def test_no_module_imports_a_conftest() -> None:
    offenders = [
        f"{path.relative_to(TESTS)}: {name}"
        for path in sorted(TESTS.rglob("*.py"))
        for name in _imports(path)
        if name.split(".")[-1] == "conftest"
    ]
    assert offenders == []


def test_every_test_directory_is_a_package() -> None:
    """Without ``__init__.py`` two directories' ``conftest.py`` (or two same-named test files)
    collide as one top-level module when both are collected."""
    missing = [
        str(directory.relative_to(TESTS))
        for directory in sorted({p.parent for p in TESTS.rglob("*.py")})
        if not (directory / "__init__.py").exists()
    ]
    assert missing == []
