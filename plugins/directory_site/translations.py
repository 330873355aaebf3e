"""UI translations: gettext catalogues under ``theme/translations/<lang>/LC_MESSAGES/messages.po``.

Catalogues are compiled in memory with Babel at build time (no .mo files in the repo). English
msgids are the source text, so a language without a catalogue entry shows English.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from content_model import LanguageMarker, labels


def load_catalogue(translations_dir: Path, lang: str) -> gettext.NullTranslations:
    """Compiled translations for ``lang``; English source text when there is no catalogue."""
    po_path = translations_dir / lang / "LC_MESSAGES" / "messages.po"
    if not po_path.is_file():
        return gettext.NullTranslations()
    with open(po_path, "rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@dataclass
class Language:
    """One site language: its code, URL prefix and translation helpers for templates."""

    code: str
    prefix: str  # "" for the default language, "nl/" for the others
    translations: gettext.NullTranslations
    # Results of the helpers below, which pages ask for again and again (not part of the language).
    _kept: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(self.code)

    @property
    def name(self) -> str:
        """The language's own name, e.g. 'Nederlands'."""
        return self.locale.get_display_name(self.code).capitalize()

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def label(self, vocabulary: str, value: str) -> str:
        """Translated display label of a controlled-vocabulary value."""
        key = ("label", vocabulary, value)
        if key not in self._kept:
            self._kept[key] = self.gettext(labels(vocabulary).get(value, value))
        return self._kept[key]

    def language_name(self, code: str) -> str:
        """Name of language ``code`` in this language, e.g. 'Dutch' or 'Engels'."""
        key = ("language", code)
        if key not in self._kept:
            name = self.locale.languages.get(code, code)
            self._kept[key] = name if self.code != "en" else name.capitalize()
        return self._kept[key]

    def marker_label(self, marker: LanguageMarker) -> str:
        """'English is enough' or 'Dutch required' (any language: its name comes from Babel)."""
        if marker.kind == "english-is-enough":
            return self.gettext("English is enough")
        key = ("marker", marker.language)
        if key not in self._kept:
            self._kept[key] = self.gettext("%(language)s required") % {"language": self.language_name(marker.language)}
        return self._kept[key]

    def language_filter_label(self, value: str) -> str:
        """Label of a language filter value ('english' or a language code)."""
        return self.marker_label(LanguageMarker.from_filter_value(value))

    def marker_labels(self, vacancy) -> list[str]:
        """The labels of ``vacancy.language_markers``, in order."""
        return [self.marker_label(marker) for marker in vacancy.language_markers]

    def date(self, value, format: str = "long") -> str:
        key = ("date", type(value), value, format)
        if key not in self._kept:
            self._kept[key] = format_date(value, format=format, locale=self.locale)
        return self._kept[key]

    def money(self, amount: float, currency: str = "EUR") -> str:
        """An amount in this language's number format: '€ 3,200' or '€ 3.200'; cents only when there are any."""
        pattern = "¤ #,##0" if float(amount).is_integer() else "¤ #,##0.00"
        return format_currency(amount, currency, format=pattern, locale=self.locale, currency_digits=False)
