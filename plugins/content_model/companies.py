"""Company profiles: ``content/companies/<slug>.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import markup, schema
from .addresses import literal_address, refusal
from .problems import Problem
from .source_files import Positions, read_mapping


@dataclass(frozen=True)
class Feed:
    type: str
    url: str
    language: str | None = None


@dataclass(frozen=True)
class Company:
    slug: str
    path: Path
    name: str
    website: str
    municipality: str
    sectors: tuple[str, ...]
    size: str
    languages: tuple[str, ...]
    english_workplace: bool
    ind_recognised_sponsor: bool
    relocation_help: bool
    offers: tuple[str, ...]
    description: dict[str, str]
    address: dict | None = None
    geo: dict | None = None
    contact: dict = field(default_factory=dict)
    logo: str | None = None
    feeds: tuple[Feed, ...] = ()
    maintainers: tuple[str, ...] = ()

    def description_in(self, lang: str, languages: list[str]) -> tuple[str, str] | None:
        """(language, Markdown) of the description in ``lang``, else in the first of ``languages``
        (the site's, in order) that it is written in."""
        for candidate in (lang, *languages):
            if candidate in self.description:
                return candidate, self.description[candidate]
        return None


def _internal_feed_hosts(feeds: object, positions: Positions, shown: str) -> list[Problem]:
    """A problem for every ``feeds[].url`` whose host is a literal internal address."""
    problems = []
    for index, feed in enumerate(feeds if isinstance(feeds, list) else []):
        url = feed.get("url") if isinstance(feed, dict) else None
        if not isinstance(url, str):
            continue
        try:
            host = urlsplit(url.strip()).hostname
        except ValueError:
            continue  # the schema reports the malformed URL
        address = literal_address(host) if host else None
        reason = refusal(address) if address else None
        if reason:
            line, column = positions.of_value(("feeds", index, "url"))
            problems.append(Problem(shown, line, column,
                f"feeds[{index}].url: {host} is {reason}; feeds must be on a public host, the fetcher "
                "never reaches internal addresses. Write the public URL of the company's careers feed"))
    return problems


def load_company(path: Path, shown: str, languages: list[str],
                 allow_private_feed_hosts: bool = False) -> tuple[Company | None, list[Problem]]:
    """Read, validate and build one company; returns (None, problems) when it is not usable.

    Feed URLs that name an internal address literally (``http://127.0.0.1/``,
    ``http://169.254.169.254/``, ``http://[fd00::1]/``) are refused unless
    ``allow_private_feed_hosts`` (the fetcher's ``--allow-private-hosts``, for local mirrors
    and tests); host names are checked by the fetcher when it connects.
    """
    source, document, problems = read_mapping(
        path, shown, "name: ..., website: ...",
        "write a company profile (see docs/fields.md or run `make new-company`)")
    if document is None:
        return None, problems
    data = document.data
    problems += schema.check("company", data, document.positions, shown)
    if not allow_private_feed_hosts:
        problems += _internal_feed_hosts(data.get("feeds"), document.positions, shown)
    descriptions = data.get("description")
    if isinstance(descriptions, dict) and not any(lang in descriptions for lang in languages):
        line, column = document.positions.of_key(("description",))
        wanted = " or ".join(f"description.{lang}" for lang in languages)
        problems.append(Problem(shown, line, column,
            f"description: no text in any site language ({', '.join(languages)}); write {wanted}"))
    problems += markup.check_texts_by_language(descriptions, "description", source, document.positions, shown,
                                               languages)
    if problems:
        return None, problems
    international = data["international"]
    company = Company(
        slug=path.stem, path=path, name=data["name"], website=data["website"],
        municipality=data["municipality"], sectors=tuple(data["sectors"]), size=data["size"],
        languages=tuple(data["languages"]),
        english_workplace=international["english_workplace"],
        ind_recognised_sponsor=international["ind_recognised_sponsor"],
        relocation_help=international["relocation_help"],
        offers=tuple(data["offers"]), description=dict(data["description"]),
        address=data.get("address"), geo=data.get("geo"), contact=dict(data.get("contact") or {}),
        logo=data.get("logo"),
        feeds=tuple(Feed(f["type"], f["url"], f.get("language")) for f in data.get("feeds") or ()),
        maintainers=tuple(data.get("maintainers") or ()),
    )
    return company, []
