"""Everything said to a person comes in Indonesian and English: one way to hold and pick it."""

from __future__ import annotations

LANGUAGES = ("id", "en")


class Bilingual:
    """A message in Indonesian (``message_id``) and English (``message_en``).

    Errors, printer states and the client's API errors all carry one, so an app shows any of
    them the same way: ``thing.message(lang)``. Indonesian unless English is asked for.
    """

    message_id: str
    message_en: str

    def message(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" else self.message_id
