"""Place names in news text, found by how English introduces places, without a gazetteer.

A capitalised phrase is taken as a place when

* a locative preposition introduces it, possibly across determiners and geographic adjectives:
  "in Rostov", "over the Kursk ...", "from occupied Crimea", "the governor of Rostov"
  (after *of* only when the word before *of* is lower case, so "Ministry of Defence" is not),
  or a verb of attack or capture does ("shelled Kherson", "captured Bakhmut");
* a place noun follows it: "the Saratov region", "Morozovsk district", "Kherson oblast";
* it continues a list of places: "over the Kursk, Belgorod and Krasnodar regions".

Excluded: weekdays and months, organisation-like phrases ("Southern Military District"),
demonyms and hyphenated adjectives ("Ukrainian", "Russian-controlled"), and names the caller
knows to be actors. Countries and continents are places too, but *broad* ones: a claim about
"Russia" is not about "Rostov", so linking compares specific places first.

Names are normalised to a key so that spellings of one place meet: lower case, possessive and
"-on-Don" style suffixes dropped, place nouns dropped, doubled letters collapsed
("Rostov-on-Don", "Rostov" and "the Rostov region" -> ``rostov``; "Odessa"/"Odesa" -> ``odesa``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["BROAD_PLACES", "PlaceMention", "find_places", "names_a_country", "place_key"]


def _words(spaced: str) -> list[str]:
    return spaced.split()


_COUNTRIES = """
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia
botswana brazil brunei bulgaria burkina-faso burundi cambodia cameroon canada chad chile china
colombia comoros congo croatia cuba cyprus czechia czech-republic denmark djibouti dominica
ecuador egypt el-salvador eritrea estonia eswatini ethiopia fiji finland france gabon gambia
georgia germany ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland
india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati
kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania
luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico
micronesia moldova monaco mongolia montenegro morocco mozambique myanmar namibia nauru nepal
netherlands new-zealand nicaragua niger nigeria north-korea north-macedonia norway oman
pakistan palau palestine panama paraguay peru philippines poland portugal qatar romania russia
rwanda samoa san-marino saudi-arabia senegal serbia seychelles sierra-leone singapore slovakia
slovenia somalia south-africa south-korea south-sudan spain sri-lanka sudan suriname sweden
switzerland syria taiwan tajikistan tanzania thailand togo tonga trinidad tunisia turkey
turkmenistan tuvalu uganda ukraine united-arab-emirates uae united-kingdom uk britain
great-britain england scotland wales united-states us usa america uruguay uzbekistan vanuatu
vatican venezuela vietnam yemen zambia zimbabwe gaza west-bank
europe asia africa north-america south-america latin-america middle-east oceania antarctica
arctic the-west
"""
BROAD_PLACES: frozenset[str] = frozenset(w.replace("-", " ") for w in _words(_COUNTRIES))
"""Keys of countries and continents: places too wide to identify an event by themselves."""

_PLACE_NOUNS = frozenset(
    _words(
        "region regions oblast oblasts district districts province provinces city cities town "
        "towns village villages county counties krai governorate area areas settlement "
        "municipality port"
    )
)
_GEO_ADJECTIVES = (
    r"the|a|southern|northern|eastern|western|central|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|occupied|annexed|frontline|front-line|border|besieged|"
    r"embattled|city|town|village|region|district|province|port|capital|key|strategic|"
    r"small|large|nearby|nearby|neighbouring|neighboring|industrial|eastern-most|southern-most"
)
_GEO_ADJECTIVE_RE = re.compile(
    r"southern|northern|eastern|western|central|north-?eastern|north-?western|south-?eastern|"
    r"south-?western|occupied|annexed|besieged|embattled"
)
_PREPOSITION_BEFORE = re.compile(
    rf"(?:^|[^\w])(?P<prep>in|over|near|at|across|from|outside|around|into|inside|towards?|"
    rf"through|throughout|of|on|upon|hit|struck|shelled|bombed|attacked|targeted|targeting|captured|"
    rf"seized|liberated|entered|evacuated)\s+(?:(?:{_GEO_ADJECTIVES})\s+(?:of\s+)?){{0,3}}$",
    re.IGNORECASE,
)
# Marks no cue above spans (a cue is words and spaces), bar the one before its first word.
_NOT_IN_CUE = '.,;:!?()"“”’'
_WORD_BEFORE_OF = re.compile(r"(?P<word>[\w'’-]+)\s+of\s+(?:(?:[a-z-]+)\s+){0,3}$")
_LIST_GLUE = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)$")

# A capitalised word (with hyphenated parts such as "Rostov-on-Don") and phrases of them.
_CAP_WORD = r"[A-Z][\w'’]*(?:-(?:on|upon|na|am|sur|en|de|le|la|[A-Z][\w'’]*)(?:-[A-Z][\w'’]*)?)*"
_CAP_PHRASE = re.compile(rf"{_CAP_WORD}(?:\s+{_CAP_WORD})*")

_NOT_PLACES = frozenset(
    _words(
        "monday tuesday wednesday thursday friday saturday sunday january february march april "
        "may june july august september october november december i the a an in on at of and "
        "or but he she it we they his her its their this that these those there mr mrs ms dr "
        "while as after before since when if western eastern northern southern"
    )
)
_ORG_WORDS = frozenset(
    _words(
        "military army command ministry council party agency news forces force guard guards "
        "service office committee department government parliament court bank university "
        "institute company corporation group organization organisation headquarters media "
        "times post press radio tv television channel network app airlines airways "
        "president minister secretary governor mayor spokesman spokeswoman general commander "
        "foundation fund club team league union alliance nations federation"
    )
)
_DEMONYM_SUFFIXES = ("ian", "ean", "ese", "ish", "ic", "ians", "eans", "i")
_SUFFIX_PARTS = re.compile(r"-(?:on|upon|na|am|sur|en)-.*$")
_POSSESSIVE = re.compile(r"['’]s\s+")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
_ACCORDING_TO = re.compile(r"according\s+to\s*$", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[\s-]+")


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text: its key, where it stands and whether it is a country."""

    key: str
    start: int
    end: int
    broad: bool


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Memoised: a text names the same few places again and again, and the same places recur
# across texts; working a key out takes a Unicode normalisation and several regex passes.
@functools.lru_cache(maxsize=8192)
def place_key(name: str) -> str:
    """Comparison key of a place name ("the southern Rostov region" -> ``rostov``)."""
    s = _fold(name).lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = _SUFFIX_PARTS.sub("", s)
    words = [w for w in re.split(r"[^\w-]+", s) if w]
    while len(words) > 1 and (words[0] in ("the", "a") or _GEO_ADJECTIVE_RE.fullmatch(words[0])):
        words.pop(0)
    while len(words) > 1 and words[-1] in _PLACE_NOUNS:
        words.pop()
    s = " ".join(words).replace("-", " ")
    if s in BROAD_PLACES:
        return s
    s = s.replace("zhzh", "zh")
    return re.sub(r"(\w)\1+", r"\1", s)


def _is_demonym_or_adjective(phrase: str) -> bool:
    last = phrase.split()[-1]
    if "-" in last and last.split("-")[-1][:1].islower() and not _SUFFIX_PARTS.search(last):
        return True  # "Russian-controlled", "Kremlin-backed"
    low = last.lower()
    return low.endswith(_DEMONYM_SUFFIXES) and low not in BROAD_PLACES and len(low) > 4


def _split_possessive(phrase: str, start: int) -> list[tuple[str, int]]:
    """ "Ukraine's Kherson" -> [("Ukraine", s), ("Kherson", s + 10)]."""
    parts: list[tuple[str, int]] = []
    offset = 0
    for m in _POSSESSIVE.finditer(phrase):
        parts.append((phrase[offset : m.start()], start + offset))
        offset = m.end()
    parts.append((_POSSESSIVE_END.sub("", phrase[offset:]), start + offset))
    return [(p, s) for p, s in parts if p]


def _trim_phrase(phrase: str, start: int) -> tuple[str, int]:
    """Drop leading function words ("In the ...") a sentence start capitalised."""
    words = phrase.split(" ")
    while words and words[0].lower() in _NOT_PLACES:
        start += len(words[0]) + 1
        words.pop(0)
    return " ".join(words), start


def _cue_before(before: str) -> re.Match[str] | None:
    """The preposition or verb introducing a place, ending the text ``before`` it (the match of
    :data:`_PREPOSITION_BEFORE`)."""
    # The cue begins at or after the last mark in the text, so the search may start there: the
    # same match, without trying a cue at each earlier word (that search was the costliest part
    # of finding places).
    start = max(map(before.rfind, _NOT_IN_CUE))
    return _PREPOSITION_BEFORE.search(before, max(start, 0))


def find_places(text: str, exclude: Iterable[str] = ()) -> list[PlaceMention]:
    """Places named in ``text``, in order.

    Args:
        text: any text (a document, a sentence, a role such as "governor of Rostov").
        exclude: normalised (lower-case) names (:func:`provenance.model.normalize_name`) known
            to be actors, which are never places unless they are countries.

    Returns:
        One mention per place phrase, with its :func:`place_key`.
    """
    # Callers pass the same (large) set for every document: do not copy it each time.
    excluded = exclude if isinstance(exclude, (set, frozenset)) else {e.lower() for e in exclude}
    out: list[PlaceMention] = []
    last_end = -10
    for m in _CAP_PHRASE.finditer(text):
        phrase, start = _trim_phrase(m.group(), m.start())
        if not phrase:
            continue
        # A list continues the previous place: "Kursk, Belgorod and Krasnodar".
        continues = last_end >= 0 and bool(_LIST_GLUE.match(text[last_end:start]))
        before = text[max(0, start - 80) : start]
        after = text[start + len(phrase) : start + len(phrase) + 20]
        next_word = _NEXT_WORD.match(after)
        followed_by_noun = next_word is not None and next_word.group(1).lower() in _PLACE_NOUNS
        cue = _cue_before(before)
        if cue is not None and cue["prep"].lower() == "of":
            word = _WORD_BEFORE_OF.search(before)
            # "governor of Rostov" yes; "Ministry of Defence", "Secretary of State" no.
            if word is None or word["word"][:1].isupper() or word["word"].lower() == "one":
                cue = None
        if cue is not None and _ACCORDING_TO.search(before):
            cue = None
        if cue is None and not followed_by_noun and not continues:
            continue
        found_any = False
        for part, pstart in _split_possessive(phrase, start):
            low = part.lower()
            key = place_key(part)
            broad = key in BROAD_PLACES
            if not broad:
                if low in _NOT_PLACES or key in _NOT_PLACES or not key:
                    continue
                if any(w.lower() in _ORG_WORDS for w in _WORD_SPLIT.split(part)):
                    continue
                if _is_demonym_or_adjective(part):
                    continue
                if len(part) > 1 and part.isupper():
                    continue  # acronyms name organisations ("NATO"); countries are listed
                if low in excluded or key in excluded:
                    continue
            out.append(PlaceMention(key, pstart, pstart + len(part), broad))
            found_any = True
        if found_any:
            last_end = start + len(phrase)
    return out


_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]+\b")
_NOT_WORD = re.compile(r"[^\w\s]+")


@functools.lru_cache(maxsize=4096)
def names_a_country(text: str) -> bool:
    """Whether ``text`` names a country or continent, or uses a demonym ("Russian", "Israeli").

    Used on an actor's name and role: "Russian Ministry of Defence" and "United States
    Secretary of State" say whose state they speak for; "the Ministry of Defence" and "governor
    of Rostov" do not (a region is not a country, and no gazetteer is consulted).
    """
    padded = f" {_NOT_WORD.sub(' ', text.lower())} "
    if any(f" {place} " in padded for place in BROAD_PLACES):
        return True
    return any(_is_demonym_or_adjective(w) for w in _CAPITALISED_WORD.findall(text))
