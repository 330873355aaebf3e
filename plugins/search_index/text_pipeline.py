"""Text analysis for the site search, shared by lunr.py and lunr.js.

lunr.py runs these pipelines when the index is built; the browser runs the
same functions, registered under the same labels, from
``static/twente-search-pipeline.js`` when it loads the index and analyses a
query.  ``tests/test_search_pipeline.py`` proves both sides agree term for
term.

Pipelines (labels in brackets):

* every language: trim edge punctuation [twente-trimmer], lowercase and fold
  accents [twente-fold];
* ``nl``: Dutch stop words [twente-stopWordFilter-nl], compound splitting
  [twente-decompound-nl at index time: the compound, its parts, or the head
  and modifier of one it cannot split; twente-decompound-query-nl at query
  time], the Snowball 3 Dutch stemmer after irregular plurals (-lieden),
  followed by a normalisation of verb endings, agent nouns and vowel length
  against a list of verbs (``data/verbs-nl.txt``) [twente-stemmer-nl];
* ``en``: lunr's stop-word list [stopWordFilter] and lunr.js's Porter
  stemmer, with word families it cannot see (``data/derivations-en.txt``:
  baker, bakery) [twente-stemmer-en];
* ``de``: German stop words [twente-stopWordFilter-de] and the Snowball 3
  German stemmer (after folding: ``Häuser`` -> ``hauser`` -> ``haus``), place
  names left as they are [twente-stemmer-de];
* any other language code: trim and fold only.

The search pipeline stored in the index has no stop-word filter: lunr.js
2.3.9 fails a required clause that its pipeline turns into no term (and
raises when that clause comes first).  ``query_terms`` (``tokenizeQuery`` in
JS) drops stop words and empty terms itself; build queries from its terms.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.token import Token
from lunr.tokenizer import Tokenizer
from snowballstemmer.dutch_stemmer import DutchStemmer
from snowballstemmer.german_stemmer import GermanStemmer
from stop_words import get_stop_words

DATA_DIR = Path(__file__).parent / "data"
LEXICON_BASE_PATH = DATA_DIR / "lexicon-base-nl.txt"
LEXICON_PATH = DATA_DIR / "lexicon-nl.txt"
PIPELINE_DATA_PATH = DATA_DIR / "pipeline-data.json"

TRIMMER = "twente-trimmer"
FOLD = "twente-fold"
STOP_WORD_FILTER_NL = "twente-stopWordFilter-nl"
DECOMPOUND_NL = "twente-decompound-nl"
DECOMPOUND_QUERY_NL = "twente-decompound-query-nl"
STEMMER_NL = "twente-stemmer-nl"
STOP_WORD_FILTER_EN = "stopWordFilter"  # lunr's own, identical in lunr.py and lunr.js
STEMMER_EN = "twente-stemmer-en"
STOP_WORD_FILTER_DE = "twente-stopWordFilter-de"
STEMMER_DE = "twente-stemmer-de"

PIPELINES: dict[str, dict[str, list[str]]] = {
    "nl": {
        "index": [TRIMMER, FOLD, STOP_WORD_FILTER_NL, DECOMPOUND_NL, STEMMER_NL],
        "search": [TRIMMER, FOLD, DECOMPOUND_QUERY_NL, STEMMER_NL],
        "query": [TRIMMER, FOLD, STOP_WORD_FILTER_NL, DECOMPOUND_QUERY_NL, STEMMER_NL],
    },
    "en": {
        "index": [TRIMMER, FOLD, STOP_WORD_FILTER_EN, STEMMER_EN],
        "search": [TRIMMER, FOLD, STEMMER_EN],
        "query": [TRIMMER, FOLD, STOP_WORD_FILTER_EN, STEMMER_EN],
    },
    "de": {
        "index": [TRIMMER, FOLD, STOP_WORD_FILTER_DE, STEMMER_DE],
        "search": [TRIMMER, FOLD, STEMMER_DE],
        "query": [TRIMMER, FOLD, STOP_WORD_FILTER_DE, STEMMER_DE],
    },
    "*": {
        "index": [TRIMMER, FOLD],
        "search": [TRIMMER, FOLD],
        "query": [TRIMMER, FOLD],
    },
}
"""Label stacks per language: ``index`` builds the index, ``search`` is stored
in it (lunr's ``searchPipeline``), ``query`` is what ``query_terms`` runs."""

QUERY_SEPARATOR = re.compile(
    "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff-]+"
)
"""lunr.js's query separator ``/[\\s\\-]+/`` spelled out, as in the JS file."""


STOP_WORD_FILTERS = frozenset({STOP_WORD_FILTER_NL, STOP_WORD_FILTER_EN, STOP_WORD_FILTER_DE})


def pipeline_labels(lang: str, kind: str, keep_stop_words: bool = False) -> list[str]:
    """Labels of the ``index``, ``search`` or ``query`` pipeline of ``lang``
    (without its stop-word filter when ``keep_stop_words``)."""
    labels = PIPELINES.get(lang, PIPELINES["*"])[kind]
    return [label for label in labels if not (keep_stop_words and label in STOP_WORD_FILTERS)]


_ACRONYM_MAX = 5


def is_acronym(word: str) -> bool:
    """Whether ``word`` (edge punctuation aside) is written like an acronym: two to five
    letters, all capitals (``IT``, ``HR``, ``ICT``).  Its stop-word twin (``it``) is
    indexed and searched only when written so."""
    word = trim(word)
    return 2 <= len(word) <= _ACRONYM_MAX and word.isalpha() and word.isupper()


GENERIC_WORDS_PATH = DATA_DIR / "generic-words.txt"


@functools.cache
def _generic_words_by_language() -> dict[str, tuple[str, ...]]:
    words: dict[str, tuple[str, ...]] = {}
    for line in GENERIC_WORDS_PATH.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            lang, _, listed = line.partition(":")
            words[lang.strip()] = tuple(sorted({fold(word) for word in listed.split()}))
    return words


def generic_words(languages: Sequence[str]) -> frozenset[str]:
    """The folded words of a job directory that no query needs to match (``jobs``,
    ``vacatures``), for the site languages (``data/generic-words.txt``)."""
    table = _generic_words_by_language()
    return frozenset(word for lang in languages for word in table.get(lang, ()))


# --------------------------------------------------------------------------
# Trimming and folding
# --------------------------------------------------------------------------

_COMBINING_MARKS = re.compile("[\u0300-\u036f]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_FOLD_MAP = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
    "ı": "i", "ĳ": "ij", "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl",
    "\u2018": "'", "\u2019": "'",
}  # fmt: skip
_FOLD_TABLE = str.maketrans(_FOLD_MAP)


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LN"


def trim(text: str) -> str:
    """Strip leading and trailing characters that are not letters or digits."""
    start, end = 0, len(text)
    while start < end and not _is_word_char(text[start]):
        start += 1
    while end > start and not _is_word_char(text[end - 1]):
        end -= 1
    return text[start:end]


def fold(text: str) -> str:
    """Lowercase, remove diacritics and fold a few letters to ASCII.

    Characters outside the Basic Multilingual Plane are dropped, so every
    later step indexes strings the same way in Python (code points) and
    JavaScript (UTF-16 units).
    """
    s = _COMBINING_MARKS.sub("", unicodedata.normalize("NFD", text.lower()))
    s = unicodedata.normalize("NFC", s.translate(_FOLD_TABLE))
    return _ASTRAL.sub("", s)


# --------------------------------------------------------------------------
# Dutch: stemming, normalisation, compounds
# --------------------------------------------------------------------------

_dutch_stemmer = DutchStemmer()  # the pure-Python Snowball 3.1.1 "dutch" algorithm


@functools.lru_cache(maxsize=65536)
def stem_dutch(word: str) -> str:
    """The Snowball Dutch stem of ``word`` (the new, Kraaij-Pohlmann-based algorithm)."""
    return _dutch_stemmer.stemWord(word)


_VERB_ENDINGS = ("t", "dt", "d")
_SAFE_VERB_ENDING = re.compile(r"(eer|el|er)(dt|t|d)\Z")
_LONG_VOWEL = re.compile(r"(aa|ee|oo|uu)([bcdfghjklmnpqrstvwxz]+)\Z")
_SHORT_VOWEL = re.compile(r"([^aeiou]|\A)([aeou])([bcdfghjklmnpqrstvwxz]+)\Z")
_DOUBLE_CONSONANT = re.compile(r"([bcdfgklmnprt])\1\Z")
_MIN_STEM_AFTER_ENDING = 3
_MIN_SAFE_STEM = 6
VERBS_NL_PATH = DATA_DIR / "verbs-nl.txt"


def _shorten_vowel(stem: str) -> str:
    return _LONG_VOWEL.sub(lambda m: m.group(1)[0] + m.group(2), stem)


def _lengthen_vowel(stem: str) -> str:
    return _SHORT_VOWEL.sub(lambda m: m.group(1) + m.group(2) * 2 + m.group(3), stem)


@functools.cache
def dutch_verb_stems() -> frozenset[str]:
    """Snowball stems of the verbs in ``data/verbs-nl.txt`` (``werken`` -> ``werk``,
    ``maken`` -> ``maak``, ``lezen`` -> ``lees``)."""
    return frozenset(stem_dutch(fold(word)) for word in read_lexicon_file(VERBS_NL_PATH))


def _agent_verb(stem: str, verbs: frozenset[str]) -> str | None:
    """The verb stem of an agent noun's stem: ``bezorger`` -> ``bezorg``, ``bakker`` -> ``bak``,
    ``lezer`` -> ``lees``, ``leraar`` -> ``leer``, ``programmeur`` -> ``programmer``,
    ``installateur`` -> ``installer``; None unless that verb is listed."""
    if stem.endswith("ateur"):
        verb = stem[:-5] + "er"
    elif stem.endswith("eur"):
        verb = stem[:-3] + "er"
    elif stem.endswith("aar"):
        verb = stem[:-3]
    elif stem.endswith("er"):
        verb = _DOUBLE_CONSONANT.sub(r"\1", stem[:-2])
        verb = verb[:-1] + {"z": "s", "v": "f"}[verb[-1]] if verb[-1:] in ("z", "v") else verb
    else:
        return None
    if len(verb) < _MIN_STEM_AFTER_ENDING:
        return None
    for form in (verb, _lengthen_vowel(verb)):
        if form in verbs:
            return form
    return None


def normalise_dutch_stem(stem: str) -> str:
    """Make verb forms, agent nouns and vowel-length variants of a Snowball stem meet.

    Snowball keeps ``ontwikkelt``/``ontwikkeld`` apart from ``ontwikkel``,
    ``programmeer(t)`` apart from ``programmer(en)`` and ``bezorger`` apart from
    ``bezorg(en)``.  A final -t, -dt or -d goes when what remains is the stem of a listed
    verb (``dutch_verb_stems``: ``werkt``, ``bezorgd``, ``biedt``) or looks like a verb
    stem of at least six letters ending in -eer, -el or -er (``implementeert``,
    ``verbeterd``), so that ``land``, ``bord`` and ``beeld`` keep theirs.  An agent noun
    becomes its listed verb (``_agent_verb``).  Last, a doubled vowel before the final
    consonants is shortened (``programmeer`` -> ``programmer``).  (f/v and s/z need
    nothing: Snowball's last step already turns ``bedrijv``/``huiz`` into
    ``bedrijf``/``huis``.)
    """
    verbs = dutch_verb_stems()
    for ending in _VERB_ENDINGS:
        rest = stem[: -len(ending)]
        if stem.endswith(ending) and len(rest) >= _MIN_STEM_AFTER_ENDING and (
                rest in verbs or (len(rest) >= _MIN_SAFE_STEM and _SAFE_VERB_ENDING.search(stem))):
            return _shorten_vowel(rest)
    if stem not in verbs:
        stem = _agent_verb(stem, verbs) or stem
    return _shorten_vowel(stem)


def irregular_plural(word: str) -> str:
    """``vaklieden`` -> ``vakman``: the plural Snowball cannot know (-heden meets -heid already)."""
    return word[:-6] + "man" if word.endswith("lieden") and len(word) > 6 else word


def dutch_term(word: str) -> str:
    """The index/query term of an already folded Dutch word (a place name as it is)."""
    if word in place_names():
        return word
    return normalise_dutch_stem(stem_dutch(irregular_plural(word)))


_COMPOUND_WORD = re.compile(r"[a-z]+\Z")
MIN_PART = 4
_MAX_COMPOUND = 48
_LINKS = ("", "s", "en", "e")


class Lexicon:
    """Known Dutch words for compound splitting, and their Dutch terms."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.words: set[str] = set()
        self.terms: set[str] = set()
        for word in words:
            self.add(word)

    def add(self, word: str) -> None:
        """Add one folded word."""
        self.words.add(word)
        self.terms.add(dutch_term(word))

    def is_head(self, word: str) -> bool:
        """Whether ``word`` may end a compound: a known word or an inflection of one
        (same Dutch term, of at least four letters)."""
        if word in self.words:
            return True
        term = dutch_term(word)
        return len(term) >= MIN_PART and term in self.terms


def split_compound(word: str, lexicon: Lexicon | None = None) -> list[str] | None:
    """Split a folded word into known parts, or return None.

    Parts are lexicon words of at least four letters; a linking ``s``,
    ``en`` or ``e`` may sit between two parts; the last part may also be an
    inflection of a lexicon word (``ontwikkelaars``, see ``Lexicon.is_head``).
    At each position the longest part is tried first, backtracking when the
    rest cannot be split, so ``softwareontwikkelaar`` gives
    ``["software", "ontwikkelaar"]``.
    """
    lexicon = lexicon if lexicon is not None else dutch_lexicon()
    n = len(word)
    if n < 2 * MIN_PART or n > _MAX_COMPOUND or not _COMPOUND_WORD.match(word):
        return None
    memo: dict[int, list[str] | None] = {}

    def split_from(start: int, whole_allowed: bool) -> list[str] | None:
        if whole_allowed and start in memo:
            return memo[start]
        result: list[str] | None = None
        if whole_allowed and lexicon.is_head(word[start:]):
            result = [word[start:]]
        else:
            for end in range(n - MIN_PART, start + MIN_PART - 1, -1):
                part = word[start:end]
                if part not in lexicon.words:
                    continue
                for link in _LINKS:
                    nxt = end + len(link)
                    if word[end:nxt] != link or n - nxt < MIN_PART:
                        continue
                    rest = split_from(nxt, True)
                    if rest is not None:
                        result = [part, *rest]
                        break
                if result is not None:
                    break
        if whole_allowed:
            memo[start] = result
        return result

    return split_from(0, False)


MIN_MODIFIER = 3


def compound_head(word: str, lexicon: Lexicon | None = None) -> str | None:
    """The known word a compound ends in, for words ``split_compound`` cannot split.

    Dutch compounds put the head last, so ``webontwikkelaar`` (``web`` is too short to be a
    part) and ``pythonontwikkelaar`` (``python`` is not in the lexicon) both end in
    ``ontwikkelaar``. The longest known ending after at least three letters that are not an
    inseparable prefix (``ver``: ``verkoopt`` is not a compound) is returned; used at index
    time only, so a query for the head finds the compound.
    """
    lexicon = lexicon if lexicon is not None else dutch_lexicon()
    n = len(word)
    if n < MIN_MODIFIER + MIN_PART or n > _MAX_COMPOUND or not _COMPOUND_WORD.match(word):
        return None
    for start in range(MIN_MODIFIER, n - MIN_PART + 1):
        if word[:start] in INSEPARABLE_PREFIXES:
            continue  # verkoopt is ver-koop-t, not a compound ending in koopt
        if lexicon.is_head(word[start:]):
            # An ending with the word's own term adds nothing (gewerkt -> werkt).
            return word[start:] if dutch_term(word[start:]) != dutch_term(word) else None
    return None


_MIN_TAIL = 5


def compound_tail(word: str, lexicon: Lexicon | None = None) -> list[str] | None:
    """A compound that starts with a known word but ends in an unknown one, for words neither
    ``split_compound`` nor ``compound_head`` can take apart: ``energiecooperatie`` ->
    ``["energie", "cooperatie"]``, so that a query for either part finds it.  The longest
    lexicon word of four letters or more (not a prefix or stop word) at the start, then a
    linking ``s``, ``en`` or ``e`` if what follows is still five letters or more; None when
    fewer than five letters would remain.  Index time only."""
    lexicon = lexicon if lexicon is not None else dutch_lexicon()
    n = len(word)
    if n < MIN_PART + _MIN_TAIL or n > _MAX_COMPOUND or not _COMPOUND_WORD.match(word):
        return None
    for end in range(n - _MIN_TAIL, MIN_PART - 1, -1):
        part = word[:end]
        if part not in lexicon.words or part in DUTCH_PREFIXES or part in _dutch_stop_set():
            continue
        for link in ("s", "en", "e"):
            if word.startswith(link, end) and n - end - len(link) >= _MIN_TAIL:
                return [part, word[end + len(link):]]
        return [part, word[end:]]
    return None


DUTCH_PREFIXES = frozenset(
    "aan achter af be bij door er ge her in mee mis na om on ont onder op over samen te "
    "tegen terug toe uit ver vol voor weg".split())
"""Prefixes that begin many Dutch words without being a word of their own there."""
INSEPARABLE_PREFIXES = frozenset({"ver", "ont", "her", "mis"})
"""Of those, the ones that are never a compound's first part (``bij`` is, in ``bijbaan``)."""
_MIN_MODIFIER_PART = 3


def compound_modifier(word: str, head: str) -> str | None:
    """What comes before ``head`` in a compound ``split_compound`` cannot split
    (``pythonontwikkelaar`` -> ``python``, ``veiligheidsadviseur`` -> ``veiligheid``), indexed
    so that a query for it finds the compound; None for a prefix (``verkoper``: ``ver``), a
    stop word or fewer than three letters.  A linking ``s`` goes when more than three
    letters remain."""
    modifier = word[: len(word) - len(head)]
    if modifier.endswith("s") and len(modifier) > _MIN_MODIFIER_PART + 1:
        modifier = modifier[:-1]
    if len(modifier) < _MIN_MODIFIER_PART or modifier in DUTCH_PREFIXES or modifier in _dutch_stop_set():
        return None
    return modifier


@functools.cache
def dutch_stop_words() -> tuple[str, ...]:
    """The ``stop-words`` package's Dutch list, folded, sorted and deduplicated."""
    return tuple(sorted({fold(w) for w in get_stop_words("dutch")}))


def _is_lexicon_word(word: str, stop_words: frozenset[str]) -> bool:
    return len(word) >= MIN_PART and bool(_COMPOUND_WORD.match(word)) and word not in stop_words


def read_lexicon_file(path: Path = LEXICON_PATH) -> list[str]:
    """Words of a lexicon file: separated by whitespace, ``#`` starts a comment."""
    return [
        word
        for line in path.read_text(encoding="utf-8").splitlines()
        for word in line.split("#", 1)[0].split()
    ]


@functools.cache
def dutch_lexicon() -> Lexicon:
    """The committed Dutch lexicon (``data/lexicon-nl.txt``)."""
    return Lexicon(read_lexicon_file())


def build_lexicon(base: Iterable[str], corpus: Iterable[str] = (), min_count: int = 2) -> list[str]:
    """A lexicon from base words plus the vocabulary of corpus texts.

    Words are folded; words shorter than four letters, with non-letters or on
    the stop list are left out.  Base words, then corpus words seen at least
    ``min_count`` times, are added shortest first, skipping any word that the
    lexicon built so far already splits, so that a compound never hides its
    parts (``klantenservicemedewerker`` must not stop at ``klantenservice``).
    A corpus word is also skipped when it only inflects a known word (its
    Dutch term is known): ``werkt`` would otherwise split ``werktekening``.
    """
    stop = frozenset(dutch_stop_words())
    counts = Counter(
        w for text in corpus for w in (fold(trim(t)) for t in QUERY_SEPARATOR.split(text))
    )
    lexicon = Lexicon()
    for words, from_corpus in (
        ({fold(b) for b in base}, False),
        ({w for w, c in counts.items() if c >= min_count}, True),
    ):
        for word in sorted(words, key=lambda w: (len(w), w)):
            if (
                _is_lexicon_word(word, stop)
                and word not in lexicon.words
                and not (from_corpus and dutch_term(word) in lexicon.terms)
                and split_compound(word, lexicon) is None
            ):
                lexicon.add(word)
    return sorted(lexicon.words)


def pipeline_data() -> dict[str, Any]:
    """The language data the browser needs, for ``registerTwentePipeline(lunr, data)``."""
    return {
        "generic": _generic_words_by_language(),
        "names": sorted(place_names()),
        "en": {"families": dict(sorted(english_families().items()))},
        "de": {"stopWords": list(german_stop_words()), "plurals": dict(sorted(german_plurals().items()))},
        "nl": {
            "stopWords": list(dutch_stop_words()),
            "lexicon": sorted(dutch_lexicon().words),
            # The lexicon's terms, so that the browser need not stem every word at start-up.
            "lexiconTerms": sorted(dutch_lexicon().terms),
            "verbStems": sorted(dutch_verb_stems()),
            "prefixes": sorted(DUTCH_PREFIXES),
            "inseparable": sorted(INSEPARABLE_PREFIXES),
        },
    }


# --------------------------------------------------------------------------
# English: lunr.js's Porter stemmer (lunr.py's own differs, e.g. on "try")
# --------------------------------------------------------------------------

_C = "[^aeiou][^aeiouy]*"
_V = "[aeiouy][aeiou]*"
_DOT = "[^\n\r\u2028\u2029]"  # JavaScript's "."
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?\\Z")
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_S_V = re.compile(f"^({_C})?[aeiouy]")
_RE_1A = re.compile(f"^({_DOT}+?)(ss|i)es\\Z")
_RE2_1A = re.compile(f"^({_DOT}+?)([^s])s\\Z")
_RE_1B = re.compile(f"^({_DOT}+?)eed\\Z")
_RE2_1B = re.compile(f"^({_DOT}+?)(ed|ing)\\Z")
_LAST_CHAR = re.compile(f"{_DOT}\\Z")
_RE2_1B_2 = re.compile(r"(at|bl|iz)\Z")
_RE3_1B_2 = re.compile(r"([^aeiouylsz])\1\Z")
_CVC = re.compile(f"^{_C}[aeiouy][^aeiouwxy]\\Z")
_RE_1C = re.compile(f"^({_DOT}+?[^aeiou])y\\Z")
_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
    "bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous",
    "ization": "ize", "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive",
    "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble",
    "logi": "log",
}  # fmt: skip
_STEP3 = {
    "icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": "",
}  # fmt: skip
_RE_2 = re.compile(f"^({_DOT}+?)({'|'.join(_STEP2)})\\Z")
_RE_3 = re.compile(f"^({_DOT}+?)({'|'.join(_STEP3)})\\Z")
_RE_4 = re.compile(
    f"^({_DOT}+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)\\Z"
)
_RE2_4 = re.compile(f"^({_DOT}+?)(s|t)(ion)\\Z")
_RE_5 = re.compile(f"^({_DOT}+?)e\\Z")
_RE_5_1 = re.compile(r"ll\Z")


def _drop_last(w: str) -> str:
    return _LAST_CHAR.sub("", w, count=1)


@functools.lru_cache(maxsize=65536)
def stem_english(w: str) -> str:
    """lunr.js 2.3.9's Porter stemmer, step for step."""
    if len(w) < 3:
        return w
    first_y = w[0] == "y"
    if first_y:
        w = "Y" + w[1:]

    if m := _RE_1A.match(w):
        w = m.group(1) + m.group(2)
    elif m := _RE2_1A.match(w):
        w = m.group(1) + m.group(2)

    if m := _RE_1B.match(w):
        if _MGR0.search(m.group(1)):
            w = _drop_last(w)
    elif m := _RE2_1B.match(w):
        stem = m.group(1)
        if _S_V.search(stem):
            w = stem
            if _RE2_1B_2.search(w):
                w += "e"
            elif _RE3_1B_2.search(w):
                w = _drop_last(w)
            elif _CVC.search(w):
                w += "e"

    if m := _RE_1C.match(w):
        w = m.group(1) + "i"
    if (m := _RE_2.match(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP2[m.group(2)]
    if (m := _RE_3.match(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP3[m.group(2)]

    if m := _RE_4.match(w):
        if _MGR1.search(m.group(1)):
            w = m.group(1)
    elif m := _RE2_4.match(w):
        if _MGR1.search(m.group(1) + m.group(2)):
            w = m.group(1) + m.group(2)

    if m := _RE_5.match(w):
        stem = m.group(1)
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if _RE_5_1.search(w) and _MGR1.search(w):
        w = _drop_last(w)

    if first_y:
        w = "y" + w[1:]
    return w


DERIVATIONS_EN_PATH = DATA_DIR / "derivations-en.txt"
NAMES_PATH = DATA_DIR / "names.txt"


@functools.cache
def place_names() -> frozenset[str]:
    """Folded place names (``data/names.txt``) that no stemmer or compound splitter touches;
    a name with hyphens gives each of its words too."""
    names: set[str] = set()
    for word in read_lexicon_file(NAMES_PATH):
        names.add(fold(word))
        names.update(fold(part) for part in word.split("-") if len(part) > 3)
    return frozenset(names)


@functools.cache
def english_families() -> dict[str, str]:
    """Folded word -> the Porter stem of its family's first word (``data/derivations-en.txt``:
    ``bakery`` and ``baker`` -> ``bake``)."""
    families: dict[str, str] = {}
    for line in DERIVATIONS_EN_PATH.read_text(encoding="utf-8").splitlines():
        words = [fold(word) for word in line.split("#", 1)[0].split()]
        for word in words:
            families[word] = stem_english(words[0])
    return families


def english_term(word: str) -> str:
    """The index/query term of an already folded English word: a place name as it is, else
    its family's, else Porter's."""
    if word in place_names():
        return word
    return english_families().get(word) or stem_english(word)


# --------------------------------------------------------------------------
# German: Snowball 3 German stemmer, stop words
# --------------------------------------------------------------------------

_german_stemmer = GermanStemmer()  # the pure-Python Snowball 3.1.1 "german" algorithm


@functools.lru_cache(maxsize=65536)
def stem_german(word: str) -> str:
    """The Snowball German stem of ``word`` (umlauts, ``ae``/``oe``/``ue`` and ``ß`` handled by
    the algorithm itself; the pipeline folds them before)."""
    return _german_stemmer.stemWord(word)


PLURALS_DE_PATH = DATA_DIR / "plurals-de.txt"


@functools.cache
def german_plurals() -> dict[str, str]:
    """Folded plural -> singular for the plurals Snowball cannot see (``data/plurals-de.txt``:
    ``praktika`` -> ``praktikum``)."""
    plurals: dict[str, str] = {}
    for line in PLURALS_DE_PATH.read_text(encoding="utf-8").splitlines():
        words = [fold(word) for word in line.split("#", 1)[0].split()]
        if len(words) == 2:
            plurals[words[0]] = words[1]
    return plurals


def german_term(word: str) -> str:
    """The index/query term of an already folded German word: a place name as it is, else the
    stem of its singular."""
    if word in place_names():
        return word
    return stem_german(german_plurals().get(word, word))


GERMAN_STOP_WORDS_KEPT = frozenset("bin hat man sein viel war weg".split())
"""German stop words (folded) that are content words of the other site languages, spelled alike
and rare in German queries: ``weg`` (Dutch: road, away), ``viel`` and ``sein`` (Dutch: fell,
signal), ``man``, ``war``, ``hat`` and ``bin`` (English).  Every site language analyses every
text and a stop word of any of them is not indexed at all, so dropping these would make Dutch and
English pages lose them.  (``für``, ``über`` and ``den`` stay stop words: German queries are full
of them, "fur" and "uber" are rare elsewhere.)"""


@functools.cache
def german_stop_words() -> tuple[str, ...]:
    """The ``stop-words`` package's German list, folded, sorted and deduplicated, without
    ``GERMAN_STOP_WORDS_KEPT``."""
    return tuple(sorted({fold(w) for w in get_stop_words("german")} - GERMAN_STOP_WORDS_KEPT))


@functools.cache
def _german_stop_set() -> frozenset[str]:
    return frozenset(german_stop_words())


def _stop_word_filter_de(token: Token, i: int | None = None, tokens: Any = None) -> PipelineResult:
    return None if str(token) in _german_stop_set() else token


# --------------------------------------------------------------------------
# lunr.py pipeline functions
# --------------------------------------------------------------------------

PipelineResult = Token | list[Token] | None


def _updating(transform: Callable[[str], str], label: str) -> Callable[..., PipelineResult]:
    """A pipeline function applying ``transform``; tokens that become empty are dropped."""

    def pipeline_function(token: Token, i: int | None = None, tokens: Any = None) -> PipelineResult:
        token.update(lambda s, _metadata: transform(s))
        return token if str(token) else None

    pipeline_function.__name__ = label
    return pipeline_function


def _stop_word_filter_nl(token: Token, i: int | None = None, tokens: Any = None) -> PipelineResult:
    return None if str(token) in _dutch_stop_set() else token


@functools.cache
def _dutch_stop_set() -> frozenset[str]:
    return frozenset(dutch_stop_words())


def _clone(token: Token, text: str) -> Token:
    return token.clone(lambda _s, _metadata: text)


def _decompound_nl(token: Token, i: int | None = None, tokens: Any = None) -> PipelineResult:
    word = str(token)
    if word in place_names():
        return token
    parts = split_compound(word)
    if parts is None:
        head = compound_head(word)
        parts = compound_tail(word) if head is None else [p for p in (compound_modifier(word, head), head) if p]
    return token if parts is None else [token, *(_clone(token, p) for p in parts)]


def _decompound_query_nl(token: Token, i: int | None = None, tokens: Any = None) -> PipelineResult:
    parts = None if str(token) in place_names() else split_compound(str(token))
    return token if parts is None else [_clone(token, p) for p in parts]


def _pipeline_functions() -> dict[str, Callable[..., PipelineResult]]:
    return {
        TRIMMER: _updating(trim, TRIMMER),
        FOLD: _updating(fold, FOLD),
        STOP_WORD_FILTER_NL: _stop_word_filter_nl,
        DECOMPOUND_NL: _decompound_nl,
        DECOMPOUND_QUERY_NL: _decompound_query_nl,
        STEMMER_NL: _updating(dutch_term, STEMMER_NL),
        STEMMER_EN: _updating(english_term, STEMMER_EN),
        STOP_WORD_FILTER_DE: _stop_word_filter_de,
        STEMMER_DE: _updating(german_term, STEMMER_DE),
    }


@functools.cache
def register_pipelines() -> None:
    """Register every pipeline function with lunr.py (once per process)."""
    for label, fn in _pipeline_functions().items():
        Pipeline.register_function(fn, label)


def _pipeline(labels: Sequence[str]) -> Pipeline:
    register_pipelines()
    pipeline = Pipeline()
    pipeline.add(*(Pipeline.registered_functions[label] for label in labels))
    return pipeline


def make_builder(lang: str) -> Builder:
    """A lunr.py Builder with the index and search pipelines of ``lang``."""
    builder = Builder()
    builder.pipeline = _pipeline(pipeline_labels(lang, "index"))
    builder.search_pipeline = _pipeline(pipeline_labels(lang, "search"))
    return builder


def analyse(text: str, lang: str) -> list[str]:
    """The terms ``make_builder(lang)`` indexes for ``text``, in order."""
    return [str(t) for t in _pipeline(pipeline_labels(lang, "index")).run(Tokenizer(text))]


def analyse_tokens(words: Iterable[str], lang: str) -> list[str]:
    """The index terms of already tokenised words."""
    tokens = [Token(w, {}) for w in words]
    return [str(t) for t in _pipeline(pipeline_labels(lang, "index")).run(tokens)]


def query_terms(text: str, lang: str, keep_stop_words: bool = False) -> list[str]:
    """The distinct terms a query must match, in order (``tokenizeQuery`` in JS).

    The query is split on whitespace and hyphens, stop words are dropped (unless
    ``keep_stop_words``), compounds are replaced by their parts; each term is a
    stemmed index term, to be looked up with ``usePipeline: false``.
    """
    tokens = [Token(s, {}) for s in QUERY_SEPARATOR.split(text) if s]
    terms = (str(t) for t in _pipeline(pipeline_labels(lang, "query", keep_stop_words)).run(tokens))
    return list(dict.fromkeys(terms))


# --------------------------------------------------------------------------
# Data files
# --------------------------------------------------------------------------


def render_pipeline_data() -> str:
    """The exact text of ``data/pipeline-data.json``."""
    return json.dumps(pipeline_data(), ensure_ascii=False, indent=1) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    """Regenerate lexicon-nl.txt (base words plus corpus files) and pipeline-data.json.

    The committed lexicon was made from the Dutch vacancies and guides::

        python plugins/search_index/text_pipeline.py \\
            $(grep -l '^language: nl' -r content/vacancies) content/guides/*.nl.md
    """
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument(
        "corpus", nargs="*", type=Path, help="Dutch text files whose words join the lexicon"
    )
    args = parser.parse_args(argv)
    texts = [p.read_text(encoding="utf-8") for p in args.corpus]
    words = build_lexicon(read_lexicon_file(LEXICON_BASE_PATH), texts)
    LEXICON_PATH.write_text("\n".join(words) + "\n", encoding="utf-8")
    dutch_lexicon.cache_clear()
    PIPELINE_DATA_PATH.write_text(render_pipeline_data(), encoding="utf-8")


if __name__ == "__main__":
    main()
