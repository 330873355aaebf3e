"""The Welcome Guide's extra pages and files, planned and written by ``DirectoryGenerator``.

- ``guide/print/``: the whole guide on one page in chapter order, with a table of contents and
  print CSS (``theme/static/css/guide.css``);
- ``guide/welcome-guide-twente-<lang>.pdf``: that page as a PDF, made with WeasyPrint at build
  time. Where WeasyPrint (or the Pango library it needs) is missing, the build goes on without the
  PDFs and logs a warning; ``GUIDE_PDF = False`` leaves them out on purpose;
- ``guide/status/`` and ``guide/status.json``: the editors' report (``make guide-status`` as a
  page), not linked from the navigation and, like the print page, ``noindex`` and left out of
  the sitemap.

Templates get ``guide_status`` (the status of a chapter in the page's language), ``chapter_text``
(rendered Markdown with heading anchors and linked addresses) and ``url_in`` (a path in another
site language) from ``guide_helpers``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from markupsafe import Markup

from build_cache.fingerprints import digest
from build_cache.outputs import OutputFiles

from content_model import Directory
from content_model.guide_status import ChapterStatus, as_json, guide_status
from content_model.markup import render_guide_text

logger = logging.getLogger(__name__)

PRINT_PATH = "guide/print/"
STATUS_PATH = "guide/status/"
STATUS_JSON = "guide/status.json"
DEFAULTS = {"GUIDE_PDF": True, "GUIDE_TOC_MIN_HEADINGS": 3}


def pdf_path(lang_code: str) -> str:
    """Language-independent folder, language in the file name (a download keeps its language)."""
    return f"guide/welcome-guide-twente-{lang_code}.pdf"


def chapter_anchor_prefix(slug: str) -> str:
    return f"{slug}-"


@dataclass
class GuideOutput:
    """What the guide adds to a build: its report, and the PDF renderer when there is one."""

    report: dict[str, ChapterStatus]
    toc_min_headings: int
    pdf: Callable[..., bytes] | None = None
    pdf_files: dict[str, int] = field(default_factory=dict)  # lang -> size in bytes, once written


def prepare(directory: Directory, today: dt.date, settings: dict) -> GuideOutput:
    """Phase 1: the status report, and the PDF renderer unless ``GUIDE_PDF`` is off."""
    options = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    output = GuideOutput(report={chapter.slug: chapter for chapter in guide_status(directory, today)},
                         toc_min_headings=int(options["GUIDE_TOC_MIN_HEADINGS"]))
    if options["GUIDE_PDF"]:
        output.pdf = load_pdf_renderer()
    else:
        logger.info("Welcome Guide: GUIDE_PDF is off; no PDF of the guide")
    return output


class PdfUnavailable(Exception):
    """WeasyPrint cannot be loaded (not installed, or Pango is missing); the text says why."""


def load_pdf_renderer() -> Callable[..., bytes]:
    """WeasyPrint's HTML-to-PDF function. WeasyPrint is loaded when the first PDF is made (a
    rebuild that keeps its PDFs does not load it at all); ``PdfUnavailable`` when it cannot be."""

    def render(html: str, stylesheet: Path, base_url: str | None) -> bytes:
        try:
            import weasyprint
        except (ImportError, OSError) as error:  # OSError: WeasyPrint is there but Pango is not
            raise PdfUnavailable(str(error).splitlines()[0] if str(error) else type(error).__name__) from error
        return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=refuse_fetch).write_pdf(
            stylesheets=[weasyprint.CSS(filename=str(stylesheet), url_fetcher=refuse_fetch)])

    return render


def warn_no_pdf(reason: str) -> None:
    """The one warning of a build that cannot make the guide's PDF (then it has none)."""
    logger.warning(
        "Welcome Guide: no PDF of the guide, because WeasyPrint cannot be loaded (%s). Install it "
        "with `pip install -r requirements.txt` and Pango with `apt-get install libpango-1.0-0 "
        "libpangoft2-1.0-0` (`make pdf-libs` does both), or set GUIDE_PDF = False.", reason)


def refuse_fetch(url: str, *args, **kwargs):
    """The PDF is made from text and one local stylesheet: nothing is fetched, from anywhere."""
    raise ValueError(f"the guide PDF fetches nothing; refused {url!r}")


def extra_pages() -> list[tuple[str, str, dict]]:
    """(path, template, variables) of the pages to plan besides the guide index and the chapters."""
    return [(PRINT_PATH, "guide_print.html", {"page_kind": "guide-print", "noindex": True}),
            (STATUS_PATH, "guide_status.html", {"page_kind": "guide-status", "noindex": True})]


def guide_helpers(output: GuideOutput, lang, languages: list, url: Callable) -> dict:
    """Template helpers for the guide in language ``lang``."""
    by_code = {language.code: language for language in languages}

    def status_of(slug: str, code: str | None = None):
        return output.report[slug].versions[code or lang.code]

    def chapter_text(chapter, print_page: bool = False):
        """Rendered chapter: ``.html`` (Markup) and ``.headings``; headings one level down on the print page."""
        rendered = render_guide_text(chapter.body, chapter_anchor_prefix(chapter.slug), 2 if print_page else 1)
        return _Rendered(Markup(rendered.html), rendered.headings)

    def toc_of(chapter) -> list:
        """The chapter's own table of contents: its sections, when there are enough of them."""
        sections = [heading for heading in chapter_text(chapter).headings if heading.level == 2]
        return sections if len(sections) >= output.toc_min_headings else []

    return {
        "guide_status": status_of, "chapter_text": chapter_text, "chapter_toc": toc_of,
        "guide_report": list(output.report.values()),
        "guide_todo": lambda: [version for chapter in output.report.values()
                               for version in chapter.versions.values() if version.status != "ok"],
        "url_in": lambda path, code: url(path, by_code[code]),
        "guide_pdf": pdf_path(lang.code) if lang.code in output.pdf_files else None,
        "guide_pdf_size": output.pdf_files.get(lang.code),
        "print_path": PRINT_PATH,
    }


@dataclass(frozen=True)
class _Rendered:
    html: Markup
    headings: tuple


def write_pdf(output: GuideOutput, lang, html: str, files: OutputFiles, theme: Path, siteurl: str,
              build: bytes = b"") -> None:
    """Render the PDF of the guide in ``lang`` from ``html`` (the ``guide_pdf.html`` template).

    Not made again when the same HTML, stylesheet and address (and ``build``: the code) made the
    file that is there (``OutputFiles.current``)."""
    stylesheet = theme / "static" / "css" / "guide.css"
    name = f"{lang.prefix}{pdf_path(lang.code)}"
    inputs = digest(b"guide-pdf", build, html.encode("utf-8"), stylesheet.read_bytes(), siteurl.encode("utf-8"))
    if files.current(name, inputs):
        output.pdf_files[lang.code] = files.entries[name].size
        return
    data = output.pdf(html, stylesheet, f"{siteurl}/" if siteurl else None)
    files.write(name, data, inputs)
    output.pdf_files[lang.code] = len(data)
    logger.info("Welcome Guide: wrote %s (%d kB)", name, len(data) // 1024)


def write_status_json(output: GuideOutput, languages: list[str], today: dt.date, files: OutputFiles) -> None:
    report = as_json(list(output.report.values()), languages, today)
    files.write(STATUS_JSON, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
