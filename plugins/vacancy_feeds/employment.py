"""A feed's employment wording as schema.org ``employmentType`` values (several when it says so).

Feeds write employment types in their own words: ``fulltime_fixed_term`` (Recruitee),
``Part-time`` (Lever, Workable), ``permanent`` + ``part-time`` (Personio), ``Stage``,
``Voltijd``, ``FULL_TIME``... ``employment_types`` reads every value a feed gives and returns
the schema.org values it names, in the schema's order:

========================  =========================================================
``FULL_TIME``             full-time, fulltime, voltijd, vollzeit; also permanent/vast
                          when nothing else says how many hours
``PART_TIME``             part-time, parttime, deeltijd, teilzeit, bijbaan, minijob
``CONTRACTOR``            freelance, contractor, zzp, interim, self-employed, a bare
                          "contract" (not "permanent contract", not "fixed-term contract")
``TEMPORARY``             temporary, temp, fixed term, tijdelijk, befristet, seasonal
``INTERN``                intern, internship, stage, stagiair, praktikum
``VOLUNTEER``             volunteer, vrijwilliger, ehrenamt
``PER_DIEM``, ``OTHER``   per diem; the value ``OTHER`` itself
========================  =========================================================

``is_employment_phrase`` says whether a whole text is such a wording; RSS/Atom categories
are only read as employment types when it is (a category "Contract management" is not).
"""

from __future__ import annotations

import html
import re

SCHEMA_VALUES = ("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER")

_PATTERNS = {
    "FULL_TIME": re.compile(r"full[\s_-]?time|full[\s_-]*(or|and|/)[\s_-]*part|\bvoltijds?\b|\bvollzeit", re.I),
    "PART_TIME": re.compile(r"part[\s_-]?time|\bdeeltijd|\bteilzeit|\bbijba(an|nen)\b|\bminijob", re.I),
    "CONTRACTOR": re.compile(r"\bfreelanc|\bcontractors?\b|\bzzp|\binterim\b|\bself[\s_-]?employed|\bfreiberuf", re.I),
    "TEMPORARY": re.compile(r"\btemporary\b|\btemp\b|fixed[\s_-]?term|\btijdelijke?\b|\bbefristet|\bseasonal\b|"
                            r"\bseizoen", re.I),
    "INTERN": re.compile(r"\bintern(ship)?s?\b|\bstages?\b|\bstage(plaats|plek|opdracht)\b|\bstagiaire?s?\b|"
                         r"\bpraktikum|\bpraktikant", re.I),
    "VOLUNTEER": re.compile(r"\bvolunteer|\bvrijwillig|\behrenamt", re.I),
    "PER_DIEM": re.compile(r"per[\s_-]?diem", re.I),
    "OTHER": re.compile(r"^\s*other\s*$", re.I),
}
_PERMANENT = re.compile(r"\bpermanent\b|\bvast(e)?\b|\bunbefristet|\bregular\b|\bindefinite", re.I)
_BARE_CONTRACT = re.compile(r"^\s*contract(\s+(work|basis|role|position|job))?\s*$", re.I)

# Whole texts that are an employment wording (compared lower-case, letters only).
_PHRASES = frozenset("""
    fulltime voltijd voltijds vollzeit parttime deeltijd teilzeit fulltimeparttime parttimefulltime
    fullorparttime fulltimeorparttime bijbaan minijob freelance freelancer contract contractor zzp interim
    selfemployed temporary temp tijdelijk befristet fixedterm seasonal intern interns internship internships
    stage stages stageplaats stageplek stagiair stagiaire praktikum volunteer vrijwilliger vrijwilligerswerk
    ehrenamt perdiem permanent vast vastedienst fulltimepermanent parttimepermanent fulltimefixedterm
    parttimefixedterm trainee traineeship traineeprogramma
""".split())


def _wording(value: str) -> str:
    return html.unescape(value).strip()


def employment_types(feed_values: tuple[str, ...] | list[str]) -> list[str]:
    """The schema.org values that ``feed_values`` name, in schema order (empty when none)."""
    found: set[str] = set()
    permanent = False
    for raw in feed_values:
        value = _wording(raw)
        if value.upper().replace("-", "_").replace(" ", "_") in SCHEMA_VALUES:
            found.add(value.upper().replace("-", "_").replace(" ", "_"))
            continue
        for name, pattern in _PATTERNS.items():
            if pattern.search(value):
                found.add(name)
        if _BARE_CONTRACT.match(value):
            found.add("CONTRACTOR")
        permanent = permanent or bool(_PERMANENT.search(value))
    if permanent and not found:
        found.add("FULL_TIME")  # "permanent" alone: a regular job; with part-time it says nothing more
    return [name for name in SCHEMA_VALUES if name in found]


def is_employment_phrase(value: str) -> bool:
    """True when the whole of ``value`` is an employment wording (``Part-time``, ``Stage``)."""
    wording = _wording(value)
    return re.sub(r"[^a-z]", "", wording.lower()) in _PHRASES or \
        wording.upper().replace("-", "_").replace(" ", "_") in SCHEMA_VALUES
