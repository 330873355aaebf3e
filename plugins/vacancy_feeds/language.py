"""Posting language when the feed does not state it: a small stop-word detector.

Order of precedence (see ``mapping.posting_language``): the language the feed states for the
posting, then the ``language`` of the company's feed entry, then this detector, then the
company's first working language.

The detector counts, in the title and description, the words of three short lists of
function words (Dutch, English, German: the languages of postings in Twente). Words
shared by two of the languages (``in``, ``is``, ``we``, ``die``, ``an``...) are left out, so
every hit is evidence for one language. A language wins when it has at least
``MIN_HITS`` hits, and at least ``MIN_MARGIN`` times as many as the runner-up;
otherwise the text is too short or too mixed and the detector answers ``None``.
"""

from __future__ import annotations

import re
from collections import Counter

STOP_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset("""
        de het een en van op te dat voor met zijn je jij jouw jou wij ons onze ook bij naar om
        aan niet door uit tot wordt worden hebt heeft kun kunt ben bent deze dit maar meer nog
        wat waar zoals binnen tussen graag samen hoe welke wil wilt zal zullen onder
        andere gaat goed heel elke iedere waarbij waarin ervaring jezelf hierbij
        bieden biedt zoeken zoek vacature werkzaamheden functie""".split()),
    "en": frozenset("""
        the and to for with you your our are be this that as at by from have has or not can
        what which they it its us their would should been into about more than
        within across while where when how we'll you'll you're we're join looking offer
        experience""".split()),
    "de": frozenset("""
        der das und ist mit für auf den dem nicht ein eine einen einer sich auch wir sie du ihr
        bei von zum zur oder wird werden sind über unser unsere unseren deine dein ihre ihren
        nach aus bieten suchen erfahrung kenntnisse stelle""".split()),
}
MIN_HITS = 3
MIN_MARGIN = 1.5
_WORD = re.compile(r"[a-zà-öø-ÿ']+")


def detect_language(text: str) -> str | None:
    """``"nl"``, ``"en"`` or ``"de"`` when the text clearly is one of them, else ``None``."""
    words = _WORD.findall(text.lower())
    hits: Counter[str] = Counter()
    for word in words:
        for language, stop_words in STOP_WORDS.items():
            if word in stop_words:
                hits[language] += 1
    ranked = hits.most_common()
    if not ranked or ranked[0][1] < MIN_HITS:
        return None
    if len(ranked) > 1 and ranked[0][1] < MIN_MARGIN * ranked[1][1]:
        return None
    return ranked[0][0]
