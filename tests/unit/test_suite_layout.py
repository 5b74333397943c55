"""The suite's own promise: any subset of it runs, because no test module imports a conftest
(a conftest is pytest's to load; what tests share lives in ``tests/support``)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.without_frameworks import PLUGINS

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


# --- the core's tests need only the core's dependencies ------------------------------------

ROOT = TESTS.parent
ALONE = "tests/unit/test_suite_layout.py::test_the_core_tests_pass_without_any_framework"


@pytest.mark.slow
def test_the_core_tests_pass_without_any_framework() -> None:
    """``pytest tests/unit`` with FastAPI, Starlette, uvicorn, requests, Kivy, the printer's
    and the browser's libraries unimportable (``tests/support/without_frameworks.py``): a
    core test, a conftest or a helper that pulls one in fails here. (A test that needs one
    belongs in tests/integration or tests/ui.)"""
    no_plugins = [arg for name in PLUGINS for arg in ("-p", f"no:{name}")]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/unit", "-q", "-p", "no:cacheprovider",
         "-p", "tests.support.without_frameworks", *no_plugins, "--deselect", ALONE],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
        text=True, timeout=900, check=False)
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in summary and "skipped" not in summary, summary
