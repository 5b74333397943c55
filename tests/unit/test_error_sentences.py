"""The domain's errors say what their catalog says: no module of ``shared/core`` writes an
Indonesian or English sentence where it raises an error, so the check that every catalog
sentence exists in both languages with the same placeholders covers all of them."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import shared.core
from shared.core.errors import DomainError, FieldError

CORE = Path(shared.core.__file__).resolve().parent
# Where sentences are written: the catalogs (``ERRORS`` beside the errors, one per area).
CATALOG_MODULES = {"errors.py", "sentences.py"}


def _error_classes() -> set[str]:
    """The names of every error class of the core, found by importing all of it, and of every
    function of the core that makes one (``fail`` -> ``InvalidInput``)."""
    for module in pkgutil.walk_packages(shared.core.__path__, "shared.core."):
        importlib.import_module(module.name)
    names, todo = {FieldError.__name__}, [DomainError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    for path in CORE.rglob("*.py"):
        names |= _error_makers(ast.parse(path.read_text(encoding="utf-8")), names)
    return names


def _words(node: ast.expr) -> bool:
    """Whether ``node`` is literal words: a string or an f-string with a space in its text
    (codes and field names have none)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and " " in node.value
    if isinstance(node, ast.JoinedStr | ast.Tuple):
        return any(_words(part) for part in node.values if isinstance(part, ast.expr)) \
            if isinstance(node, ast.JoinedStr) else any(_words(e) for e in node.elts)
    return False


def _error_makers(tree: ast.Module, errors: set[str]) -> set[str]:
    """The functions of a module that make an error (``-> InvalidInput``, ``-> FieldError``):
    words given to them end in an error as surely as words given to the error itself."""
    return {
        node.name for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None
        and {n.id for n in ast.walk(node.returns) if isinstance(n, ast.Name)} & errors
    }


def written_sentences(source: str, errors: set[str], catalog: bool = False) -> list[int]:
    """Lines of ``source`` where an error (or a function of the module that makes one, a
    ``super().__init__``, or, outside a catalog, a ``Sentence``) is given literal words."""
    tree = ast.parse(source)
    called = errors | _error_makers(tree, errors) | {"__init__"}  # the module's own helpers
    if not catalog:
        called.add("Sentence")
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        arguments = [*node.args, *(k.value for k in node.keywords)]
        if name in called and any(_words(a) for a in arguments):
            found.append(node.lineno)
    return found


def test_no_core_module_writes_an_error_sentence_itself() -> None:
    errors = _error_classes()
    assert {"InvalidInput", "NotFound", "Throttled", "AuthError", "Forbidden",
            "ReferenceUsed", "IllegalTransition", "fail", "required"} <= errors
    written = {
        str(path.relative_to(CORE)): lines
        for path in sorted(CORE.rglob("*.py"))
        if (lines := written_sentences(path.read_text(encoding="utf-8"), errors,
                                       catalog=path.name in CATALOG_MODULES))
    }
    assert written == {}


def test_the_check_finds_a_sentence_written_where_an_error_is_raised() -> None:
    errors = _error_classes()
    assert written_sentences('raise NotFound("x", "Tidak ada.", "Nothing.")', errors) == [1]
    assert written_sentences('FieldError("f", "c", f"Isi {x}.", "Fill in.")', errors) == [1]
    assert written_sentences('super().__init__("c", "Tidak boleh.", "No.")', errors) == [1]
    assert written_sentences('x = Sentence("Satu kata", "One word")', errors) == [1]
    assert written_sentences('x = Sentence("Satu kata", "One word")', errors, catalog=True) == []
    assert written_sentences('raise NotFound.said("desk_not_found", field="desk")', errors) == []
    helper = 'def _no(a: str, b: str) -> IllegalTransition: ...\n_no("di tutup", "closed")'
    assert written_sentences(helper, errors) == [2]
