"""Everything said to a person comes in Indonesian and English: one way to hold, find and pick it.

``Bilingual`` is the one type: a domain error, a printer state, the client's API error and a
catalog's sentence are all ``Bilingual``, so an app shows any of them the same way,
``thing.message(lang)``. A ``Catalog`` maps a stable code to its ``Sentence``; each area keeps
its own catalog (the domain's errors, the kiosk, the ticket printer, the display) built the
same way.
"""

from __future__ import annotations

from collections.abc import ItemsView, Mapping
from dataclasses import dataclass

LANGUAGES = ("id", "en")


class Bilingual:
    """A message in Indonesian (``message_id``) and English (``message_en``).

    Indonesian unless English is asked for.
    """

    message_id: str
    message_en: str

    def message(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" else self.message_id


@dataclass(frozen=True)
class Sentence(Bilingual):
    """One entry of a catalog: the same sentence in both languages, ``{placeholders}`` allowed."""

    message_id: str
    message_en: str

    def format(self, **values: object) -> Sentence:
        """The sentence with its ``{placeholders}`` filled from ``values``, in both languages; a
        ``Bilingual`` value (a field's label, a status's name) is said in each one's language."""
        return Sentence(self.message_id.format(**_said_in(values, "id")),
                        self.message_en.format(**_said_in(values, "en")))


def _said_in(values: dict[str, object], lang: str) -> dict[str, object]:
    return {name: v.message(lang) if isinstance(v, Bilingual) else v for name, v in values.items()}


class Catalog:
    """The sentences of one area by code: ``catalog.text("back", "en") == "Back"``."""

    def __init__(self, sentences: Mapping[str, Sentence]):
        self._sentences = dict(sentences)

    def __getitem__(self, code: str) -> Sentence:
        return self._sentences[code]

    def __contains__(self, code: object) -> bool:
        return code in self._sentences

    def items(self) -> ItemsView[str, Sentence]:
        return self._sentences.items()

    def text(self, code: str, lang: str, /, **values: object) -> str:
        """The sentence ``code`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
        text = self._sentences[code].message(lang)
        return text.format(**values) if values else text
