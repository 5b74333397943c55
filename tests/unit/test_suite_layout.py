"""The suite's own promises: any subset of it runs, because no test module imports a conftest
(a conftest is pytest's to load) or another folder's test module (what tests share lives in
``tests/support``); the core's tests run without any framework installed; a fixture's name
means one thing wherever it is defined; tests wait for a condition rather than sleep, and
fail rather than skip."""

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


# --- what tests share lives in tests/support -------------------------------------------------


def _module_file(name: str) -> Path | None:
    """The file of the module ``tests.x.y`` in this tree (a package's ``__init__.py``)."""
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def test_tests_share_helpers_only_through_tests_support() -> None:
    """A test module, or a helper beside the tests of one folder, imported by another module
    couples two suites: what two modules share lives in ``tests/support``. (The benchmarks
    drive the apps with the same helpers, so they are held to it too.)"""
    support = TESTS / "support"
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted([*TESTS.rglob("*.py"), *(ROOT / "bench").rglob("*.py")])
        for name in _imports(path)
        if name.startswith("tests.")
        and (found := _module_file(name)) is not None
        and found.name != "__init__.py"
        and support not in found.parents
    ]
    assert offenders == []


def test_the_root_conftest_only_configures() -> None:
    """Fixtures and plugins of the root conftest reach every test, the core's too: each
    suite's fixtures live in its own folder's conftest."""
    tree = ast.parse((TESTS / "conftest.py").read_text(encoding="utf-8"))
    defined = [node.name for node in tree.body
               if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
    assigned = [target.id for node in tree.body if isinstance(node, ast.Assign)
                for target in node.targets if isinstance(target, ast.Name)]
    assert defined == [] and "pytest_plugins" not in assigned
    assert {n.split(".")[0] for n in _imports(TESTS / "conftest.py")} <= {"__future__",
                                                                          "hypothesis"}


# --- one meaning per fixture name ------------------------------------------------------------

# Defined in several places with different annotations, and still one meaning: the store
# under test, once per store kind; each suite types it by the ports it exercises.
SAME_MEANING = {"store"}


def _fixtures(path: Path) -> list[tuple[str, str]]:
    """(name, the type it gives) of each fixture defined in ``path``; a generator fixture's
    ``Iterator[X]`` gives X; a class of the same module gives its first base (an override
    that extends the fixture it replaces)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bases = {node.name: ast.unparse(node.bases[0]) for node in tree.body
             if isinstance(node, ast.ClassDef) and node.bases}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            call = decorator.func if isinstance(decorator, ast.Call) else decorator
            if ast.unparse(call) not in ("pytest.fixture", "fixture"):
                continue
            name = node.name
            if isinstance(decorator, ast.Call):
                name = next((str(k.value.value) for k in decorator.keywords  # type: ignore[attr-defined]
                             if k.arg == "name"), name)
            given = ast.unparse(node.returns) if node.returns else "?"
            for wrapper in ("Iterator[", "Generator["):
                if given.startswith(wrapper):
                    given = given[len(wrapper):-1].split(",")[0].strip()
            while given in bases:
                given = bases[given]
            found.append((name, given))
    return found


def test_a_fixture_name_means_one_thing() -> None:
    """A fixture redefined in a deeper conftest or module (pytest's override) gives the same
    type: ``office`` once meant a QueueOffice, an API office, a server process, a fault
    office and the printer's OfficeInfo, depending on the folder."""
    given: dict[str, set[str]] = {}
    where: dict[str, list[str]] = {}
    for path in sorted(TESTS.rglob("*.py")):
        for name, kind in _fixtures(path):
            given.setdefault(name, set()).add(kind)
            where.setdefault(name, []).append(f"{path.relative_to(TESTS)}: {kind}")
    mixed = {name: where[name] for name, kinds in given.items()
             if len(kinds) > 1 and name not in SAME_MEANING}
    assert mixed == {}


# --- waits, not sleeps; failures, not skips -------------------------------------------------


def _dotted(node: ast.AST) -> str:
    """``time.sleep`` for the expression ``time.sleep``; "" for anything but names."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _calls(path: Path, *dotted: str) -> list[tuple[ast.Call, list[ast.AST]]]:
    """Each call of one of ``dotted`` (``"time.sleep"``) in ``path``, with the nodes
    around it."""
    found: list[tuple[ast.Call, list[ast.AST]]] = []

    def visit(node: ast.AST, around: list[ast.AST]) -> None:
        if isinstance(node, ast.Call) and _dotted(node.func) in dotted:
            found.append((node, around))
        for child in ast.iter_child_nodes(node):
            visit(child, [*around, node])

    visit(ast.parse(path.read_text(encoding="utf-8")), [])
    return found


def test_tests_wait_for_a_condition_instead_of_sleeping() -> None:
    """``time.sleep`` only between two looks at a condition (inside a loop with a deadline):
    a sleep and then an assertion is a guess of how long the machine takes."""
    offenders = [
        f"{path.relative_to(TESTS)}:{call.lineno}"
        for path in sorted(TESTS.rglob("*.py"))
        for call, around in _calls(path, "time.sleep")
        if not any(isinstance(node, ast.While | ast.For) for node in around)
    ]
    assert offenders == []


def test_no_test_skips() -> None:
    """A missing file, program or package fails the test that needs it (``pytest.fail``
    naming what to install): a skip would pass a check that did not run."""
    offenders = [
        f"{path.relative_to(TESTS)}:{call.lineno}"
        for path in sorted(TESTS.rglob("*.py"))
        for call, _ in _calls(path, "pytest.skip", "pytest.importorskip", "pytest.mark.skip",
                              "pytest.mark.skipif")
    ] + [
        f"{path.relative_to(TESTS)}: {name}"
        for path in sorted(TESTS.rglob("*.py"))
        for name in ("pytest.mark.skip", "pytest.mark.skipif")
        if f"@{name}\n" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
