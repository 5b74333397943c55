"""Screens, widgets and kv rules are given what they need and never reach for the App: the
presenters through ``root`` (``KioskScreen.give``, ``KioskRoot.give``), the window's shape as
the screen's own properties. Read from the source (no window, no Kivy import)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

KIOSK = Path(__file__).resolve().parents[4] / "kiosk"
# Python that sits under the App: the screens, the widgets, the root widget.
UNDER_THE_APP = sorted([*KIOSK.glob("screens/*.py"), *KIOSK.glob("widgets/*.py"),
                        KIOSK / "root.py"])
KV_FILES = sorted(KIOSK.rglob("*.kv"))
# What a kv rule may read from ``app``: the view it draws, the language and the texts, the
# window's shape, the logo. Never the presenter (``app.flow``), the worker or the App's own
# methods (``app.stop()``, ``app.leave()``).
KV_MAY_READ = {"view", "lang", "t", "scale", "touch", "portrait", "logo"}
THE_APP_MODULES = {"kivy.app", "kiosk.app", "kiosk.kivy_app"}


def _module_of(path: Path) -> str:
    return ".".join(path.relative_to(KIOSK.parent).with_suffix("").parts)


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        base = node.module or ""
    else:
        package = module.split(".")[:-node.level]
        base = ".".join([*package, *([node.module] if node.module else [])])
    # ``from kiosk import kivy_app`` names the module in the alias
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def reaches_for_the_app(source: str, module: str) -> list[str]:
    """Each line of ``module`` that names ``get_running_app`` or imports the App's module."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "get_running_app":
            found.append(f"{module}:{node.lineno} get_running_app")
        elif isinstance(node, ast.Name) and node.id == "get_running_app":
            found.append(f"{module}:{node.lineno} get_running_app")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            found.extend(f"{module}:{node.lineno} imports {name}"
                         for name in _imported(module, node) if name in THE_APP_MODULES)
    return found


def app_reads(kv: str) -> list[str]:
    """What a kv file's rules read from ``app`` (``app.view.busy`` reads ``view``)."""
    without_comments = "\n".join(line.split("#", 1)[0] if not line.lstrip().startswith("#:")
                                 else "" for line in kv.splitlines())
    return re.findall(r"\bapp\s*\.\s*(\w+)", without_comments)


def test_the_checks_see_what_they_forbid() -> None:
    """The two checks below, on sources that break them."""
    assert app_reads("    on_release: app.flow.touched()\n    text: app.t('x', app.lang)") == [
        "flow", "t", "lang"]
    assert app_reads("# bindings to app.flow\n#:import Factory kivy.factory.Factory") == []
    sample = "kiosk.screens.sample"
    for source, expected in [
        ("from kivy.app import App\nApp.get_running_app().scale",
         [f"{sample}:1 imports kivy.app", f"{sample}:2 get_running_app"]),
        ("from ..kivy_app import KioskApp", [f"{sample}:1 imports kiosk.kivy_app"]),
        ("from .. import app", [f"{sample}:1 imports kiosk.app"]),
        ("import kivy.app", [f"{sample}:1 imports kivy.app"]),
        ("from ..presenters import KioskFlow\nfrom .base import KioskScreen", []),
    ]:
        assert reaches_for_the_app(source, sample) == expected, source


def test_screens_widgets_and_the_root_never_reach_for_the_app() -> None:
    assert len(UNDER_THE_APP) > 10  # the globs found the screens and widgets
    offenders = [line for path in UNDER_THE_APP
                 for line in reaches_for_the_app(path.read_text(encoding="utf-8"),
                                                 _module_of(path))]
    assert offenders == []


def test_kv_rules_read_from_app_only_what_they_draw() -> None:
    assert {path.name for path in KV_FILES} >= {"root.kv", "common.kv", "welcome.kv"}
    offenders = [f"{path.relative_to(KIOSK)}: app.{name}"
                 for path in KV_FILES
                 for name in app_reads(path.read_text(encoding="utf-8"))
                 if name not in KV_MAY_READ]
    assert offenders == []
