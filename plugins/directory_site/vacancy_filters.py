"""Static vacancy lists per filter combination, so the vacancies can be filtered without JavaScript.

Three filters, the same as on the search page: kind of position, municipality of the
workplace and "English is enough". A combination gets pages only when some live vacancy
matches it, so every filter link leads to a list that is not empty.

Page count: each vacancy is in exactly the 2 x 2 x 2 = 8 combinations made of "any" or its
own value per filter (one fewer dimension when English is not enough), so building the lists
takes one pass over the vacancies and the lists hold at most 8 entries per vacancy; the
number of combinations is at most (kinds + 1) x (municipalities + 1) x 2, whatever the amount
of content. Lists with more than one filter set are ``noindex`` and left out of the sitemap:
they exist for visitors, not for search engines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from content_model import Directory, Vacancy, vocabulary
from pelican.utils import slugify


def municipality_slug(name: str) -> str:
    return slugify(name, regex_subs=[(r"[^\w\s-]", ""), (r"[-\s]+", "-")])


@dataclass(frozen=True, order=True)
class VacancyFilter:
    """One combination of the three filters; ``None``/``False`` means "any"."""

    type: str | None = None
    municipality: str | None = None
    english: bool = False

    @property
    def path(self) -> str:
        """Language-independent path: vacancies/[type/<kind>/][municipality/<slug>/][english-is-enough/]."""
        path = "vacancies/"
        if self.type:
            path += f"type/{self.type}/"
        if self.municipality:
            path += f"municipality/{municipality_slug(self.municipality)}/"
        if self.english:
            path += "english-is-enough/"
        return path

    @property
    def count(self) -> int:
        """How many of the filters are set."""
        return (self.type is not None) + (self.municipality is not None) + self.english

    def with_(self, **changes) -> VacancyFilter:
        return replace(self, **changes)


@dataclass(frozen=True)
class FilterOption:
    """A link in the filter panel: the list it leads to and how many vacancies that list has."""

    value: str | bool | None  # None: "all kinds" / "all of Twente" / "any language"
    path: str
    count: int
    current: bool


def filter_lists(directory: Directory, live: list[Vacancy]) -> dict[VacancyFilter, list[Vacancy]]:
    """Every combination that has vacancies, with them in the order of ``live``."""
    lists: dict[VacancyFilter, list[Vacancy]] = {}
    for vacancy in live:
        municipality = directory.municipality_of(vacancy)
        for kind in (None, vacancy.type):
            for place in (None, municipality):
                for english in ((False, True) if vacancy.english_is_enough else (False,)):
                    lists.setdefault(VacancyFilter(kind, place, english), []).append(vacancy)
    kinds, places = vocabulary("vacancy_type"), vocabulary("municipality")
    return dict(sorted(lists.items(), key=lambda item: (
        item[0].count, -1 if item[0].type is None else kinds.index(item[0].type),
        -1 if item[0].municipality is None else places.index(item[0].municipality), item[0].english)))


def filter_options(current: VacancyFilter, lists: dict[VacancyFilter, list[Vacancy]]) -> dict[str, list[FilterOption]]:
    """The filter panel of one list: per filter, "any" first, then each value that has vacancies
    together with the other filters as they are."""

    def option(value, target: VacancyFilter) -> FilterOption | None:
        found = lists.get(target)
        return FilterOption(value, target.path, len(found), target == current) if found else None

    groups = {
        "type": [option(None, current.with_(type=None))]
                + [option(kind, current.with_(type=kind)) for kind in vocabulary("vacancy_type")],
        "municipality": [option(None, current.with_(municipality=None))]
                        + [option(place, current.with_(municipality=place)) for place in vocabulary("municipality")],
        "english": [option(False, current.with_(english=False)), option(True, current.with_(english=True))],
    }
    return {group: [item for item in items if item is not None] for group, items in groups.items()}
