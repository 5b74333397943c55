"""A pytest plugin (``-p tests.support.without_frameworks``) that makes the frameworks and
adapters' libraries unimportable, as on a machine with only the domain's dependencies
installed (pydantic, holidays, email-validator, platformdirs, tzdata) and the test tools.

``tests/unit/test_suite_layout.py`` runs ``pytest tests/unit`` with it: the core's tests need
no web server, HTTP client, Kivy, printer or browser. Their pytest plugins are turned off
with ``-p no:NAME`` beside it (``PLUGINS``), as they would be absent."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

import pytest

# Top-level packages: the HTTP server and its stack, the HTTP clients, Kivy, the printer's
# and the pictures' libraries, the browser, the fuzzer, process statistics.
FRAMEWORKS = frozenset({
    "fastapi", "starlette", "uvicorn", "httptools", "uvloop", "anyio", "httpx", "requests",
    "urllib3", "kivy", "escpos", "serial", "qrcode", "PIL", "playwright", "schemathesis",
    "psutil",
})
# Installed pytest plugins (entry points) that import one of them.
PLUGINS = ("schemathesis", "anyio")


class FrameworkBlocker(MetaPathFinder):
    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if fullname.partition(".")[0] in FRAMEWORKS:
            raise ModuleNotFoundError(f"No module named {fullname!r} (blocked: not a "
                                      "dependency of the domain)", name=fullname)
        return None


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests() -> None:
    """Before any conftest or test module is imported (a ``-p`` plugin's hook)."""
    already = sorted(name for name in sys.modules if name.partition(".")[0] in FRAMEWORKS)
    if already:  # loaded before this plugin: the run would prove nothing
        raise RuntimeError(f"already imported: {', '.join(already)}")
    sys.meta_path.insert(0, FrameworkBlocker())
