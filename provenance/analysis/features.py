"""What linking compares: each claim reduced to the event it reports and the words it uses.

For a claim, :func:`claim_features` works out

* **families** - the kind of event ("air_defence" for downed / intercepted / destroyed / shot
  down / repelled; "explosion"; "death"; "injury"; "strike"; "fire"), from a small lexicon,
  plus the stems of its past participles (``v:evacuat``) for events the lexicon lacks;
* **places** - the specific places the claim is about. From the claim's own words first, but
  only those scoping its count: in "53 drones, the majority of which targeted the Rostov region"
  Rostov scopes the part, not the 53. A claim naming no place borrows one from its document:
  "the city" / "there" is the most recent place named before the claim's sentence; otherwise
  the rest of its sentence ("Golubev, the governor of Rostov, confirmed that ...") or its
  speaker's role ("governor of Rostov");
* **quantities** - its counted quantities with a unit family ("drone" and "target" are both
  aerial targets); "44 of them" takes its unit from the last count before it in the document;
* **window** - the event's date window (:func:`provenance.extract.when.event_window`);
* **tokens** - content words, for comparing statements;
* **denial** - whether the claim denies something ("denied", "false", "not true").

A :class:`DocumentContext` caches what is computed once per document (sentences, places).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from provenance.analysis.places import PlaceMention, find_places
from provenance.extract.quantities import parse_quantities, singular
from provenance.extract.when import DateWindow, event_window
from provenance.model import Actor, Claim, Document, Quantity, normalize_name

__all__ = [
    "ClaimFeatures",
    "DocumentContext",
    "claim_features",
    "compatible",
    "describe_quantity",
    "unit_family",
]

# --------------------------------------------------------------------------- lexicons


def _words(spaced: str) -> list[str]:
    return spaced.split()


_FAMILY_PATTERNS: dict[str, str] = {
    "air_defence": r"down(?:ed|ing)?|shot\s+down|shoot(?:ing)?\s+down|intercept(?:ed|ing|s)?|"
    r"destroy(?:ed|ing|s)?|repel(?:led|s|ling)?|foil(?:ed|ing|s)?|neutrali[sz]ed|"
    r"air\s+defen[cs]e",
    "explosion": r"explosions?|blasts?|explod(?:ed|es|ing)|bangs?|detonations?",
    "death": r"killed|kill(?:s|ing)?|dead|died|deaths?|death\s+toll|fatalities|lives\s+lost",
    "injury": r"injur(?:ed|ies|y)|wounded|hurt|casualt(?:y|ies)",
    "strike": r"struck|strikes?|hit|attack(?:ed|s)?|shell(?:ed|ing)|bombard(?:ed|ment)|damaged?",
    "fire": r"fires?|blaze|burn(?:ing|ed|t)|caught\s+fire|on\s+fire",
}
_FAMILY_RES = {
    fam: re.compile(rf"\b(?:{pat})\b", re.IGNORECASE) for fam, pat in _FAMILY_PATTERNS.items()
}

_UNIT_FAMILIES: dict[str, str] = {}
for _fam, _units in {
    "aerial": "drone uav target missile rocket projectile shahed aircraft plane jet helicopter "
    "bomb munition",
    "explosion": "explosion blast bang detonation",
    "person": "person civilian resident child man woman victim casualty adult passenger worker "
    "citizen individual",
    "soldier": "soldier troop serviceman servicemen fighter militant",
    "building": "building house home apartment block structure",
    "vehicle": "vehicle car truck bus lorry",
}.items():
    for _u in _units.split():
        _UNIT_FAMILIES[_u] = _fam

_AERIAL_COMPOUND = re.compile(
    r"\b(?:unmanned|aerial|airborne|air)\s+(?:vehicle|target|object)s?\b", re.I
)

_PARTICIPLE = re.compile(r"\b[a-z]{3,}(?:ed|en)\b")
# Participles of speech, attribution and time that say nothing about what happened.
_NOT_EVENT_VERBS = frozenset(
    _words(
        "said reported added claimed stated confirmed announced noted cited quoted denied "
        "warned told asked called used seemed appeared happened occurred remained continued "
        "expected needed wanted tried started ended given taken been seen even then when "
        "often seven eleven open hidden between"
    )
)

_STOPWORDS = frozenset(
    _words(
        """a an the of in on at by for from with to into onto over under across near and or but as
    than that which who whom whose where when while after before since during because is are
    was were be been being has have had do does did will would could should may might must can
    shall not no this these those it its they them their there here he she we you i his her our
    your my me us him said says say told tell reported report reports according also still yet
    then so if about around now just very more most other some any all each every such only own
    same too both either neither one two three what how why up down out off again further once
    has having"""
    )
)
_PARTITIVE = re.compile(
    r"\b(?:(?:the\s+)?(?:majority|most|some|many|all|part|half|rest|remainder|several|none)"
    r"\s+of\s+(?:which|them|those|whom)|of\s+which|among\s+them|including)\b",
    re.IGNORECASE,
)
_ANAPHORA = re.compile(
    r"\b(?:the\s+(?:city|town|village|region|area|district|province|oblast|capital|port|"
    r"settlement)|there(?!\s+(?:is|are|was|were|has|have|had|will|would|could|may|might|"
    r"seems?|appears?)\b))\b",
    re.IGNORECASE,
)
_DENIAL_CUES = frozenset(
    _words(
        "deny denied denies denying reject rejected rejects refute refuted refutes dismiss "
        "dismissed dismisses rebut rebutted contradict contradicted disputed dispute"
    )
)
# Words alone ("false") are not a denial: "rated as mostly false" reports a rating. A denial
# says a report or claim is false, or uses a verb of denial.
_DENIAL_TEXT = re.compile(
    r"\b(?:denied|denies|denying)\b|\b(?:reports?|claims?|allegations?|accusations?|"
    r"statements?|information|news|rumou?rs?)\s+(?:[\w’']+\s+){0,4}?(?:is|are|was|were)\s+"
    r"(?:(?:completely|totally|entirely|absolutely|simply)\s+)?(?:false|fake|untrue|"
    r"not\s+true|baseless|groundless|fabricated|lies)\b",
    re.IGNORECASE,
)
_PRONOUN_UNIT = re.compile(r"\bof\s+(?:them|those|these|which)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)

# How far back "44 of them" looks for the count it refers to.
_INHERIT_WINDOW = 600


def unit_family(unit: str | None, text: str = "") -> str | None:
    """The family a counted unit belongs to ("target" and "drone" -> ``aerial``); ``text``, the
    counted phrase, settles compounds ("unmanned aerial vehicles" are drones)."""
    if unit is None:
        return None
    if _AERIAL_COMPOUND.search(text):
        return "aerial"
    return _UNIT_FAMILIES.get(unit, unit)


def _bounds(q: Quantity) -> tuple[float, float, bool, bool]:
    low = q.low if q.low is not None else float("-inf")
    high = q.high if q.high is not None else float("inf")
    return low, high, q.low_open, q.high_open


def compatible(a: Quantity, b: Quantity) -> bool:
    """True when the two intervals share a value (open bounds excluded)."""
    alo, ahi, alo_open, ahi_open = _bounds(a)
    blo, bhi, blo_open, bhi_open = _bounds(b)
    lo, lo_open = (alo, alo_open) if alo > blo else (blo, blo_open)
    if alo == blo:
        lo_open = alo_open or blo_open
    hi, hi_open = (ahi, ahi_open) if ahi < bhi else (bhi, bhi_open)
    if ahi == bhi:
        hi_open = ahi_open or bhi_open
    if lo < hi:
        return True
    return lo == hi and not lo_open and not hi_open


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def describe_quantity(q: Quantity) -> str:
    """Short form of an interval: ``44``, ``>40``, ``>=3``, ``<=17``, ``3-9``."""
    if q.low is not None and q.high is not None:
        if q.low == q.high:
            return _num(q.low)
        if q.low == 0:
            return ("<" if q.high_open else "<=") + _num(q.high)
        return f"{_num(q.low)}-{_num(q.high)}"
    if q.low is not None:
        return (">" if q.low_open else ">=") + _num(q.low)
    if q.high is not None:
        return ("<" if q.high_open else "<=") + _num(q.high)
    return "?"


def content_tokens(text: str) -> frozenset[str]:
    """Lower-case, singular content words of a text (stopwords dropped)."""
    return frozenset({t for t in map(_content_word, _WORD.findall(text)) if t is not None})


# Memoised: words recur (a news vocabulary is small next to its text), and working each out
# anew was most of the cost of reading a claim's words.
@functools.lru_cache(maxsize=1 << 15)
def _content_word(word: str) -> str | None:
    """A word as :func:`content_tokens` keeps it (``None``: a stopword or a letter)."""
    low = word.lower().replace("’", "'")
    if low in _STOPWORDS or len(low) <= 1:
        return None
    return singular(low)


# --------------------------------------------------------------------------- documents


_SENTENCE_REACH = 1000
"""Characters of context either side of a claim that its sentence may span (see
:meth:`DocumentContext.sentence_bounds`); real sentences are far shorter."""


@dataclass
class DocumentContext:
    """Per-document facts computed once: sentence starts and the places named."""

    text: str
    published: dt.date | None
    exclude: frozenset[str] = frozenset()
    _sentences: list[int] | None = field(default=None, repr=False)
    _places: list[PlaceMention] | None = field(default=None, repr=False)
    _place_starts: list[int] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, document: Document | None, exclude: Iterable[str] = ()) -> DocumentContext:
        """Context of a document (an empty one when the document is unknown)."""
        if document is None:
            return cls("", None, frozenset(exclude))
        return cls(document.text, document.published, frozenset(exclude))

    def sentence_starts(self) -> list[int]:
        """Offsets at which sentences (or lines) begin."""
        if self._sentences is None:
            self._sentences = [0] + [m.end() for m in _SENTENCE_END.finditer(self.text)]
        return self._sentences

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """The sentence(s) around the span ``[start, end)``.

        At most :data:`_SENTENCE_REACH` characters either side of the span: text without
        full stops (a transcript, a 10-million-character line) would otherwise make every
        claim's "sentence" the whole text, and linking quadratic in its length.
        """
        starts = self.sentence_starts()
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        j = bisect.bisect_left(starts, max(end, start + 1))
        s_end = starts[j] if j < len(starts) else len(self.text)
        return max(starts[i], start - _SENTENCE_REACH), min(max(s_end, end), end + _SENTENCE_REACH)

    def places(self) -> list[PlaceMention]:
        """All places named in the document, in order."""
        if self._places is None:
            self._places = find_places(self.text, self.exclude)
            self._place_starts = [p.start for p in self._places]
        return self._places

    def places_between(self, start: int, end: int) -> list[PlaceMention]:
        """Places named within ``[start, end)``."""
        places = self.places()
        assert self._place_starts is not None
        i = bisect.bisect_left(self._place_starts, start)
        out: list[PlaceMention] = []
        while i < len(places) and places[i].start < end:
            if places[i].end <= end:
                out.append(places[i])
            i += 1
        return out

    def last_place_before(self, offset: int) -> PlaceMention | None:
        """The most recent specific place named before ``offset``."""
        places = self.places()
        assert self._place_starts is not None
        i = bisect.bisect_left(self._place_starts, offset) - 1
        while i >= 0:
            if not places[i].broad and places[i].end <= offset:
                return places[i]
            i -= 1
        return None


# --------------------------------------------------------------------------- claims


@dataclass(frozen=True)
class ClaimFeatures:
    """The comparable facts of one claim (see the module docstring)."""

    claim: Claim
    published: dt.date | None
    window: DateWindow | None
    families: frozenset[str]
    places: frozenset[str]
    broad: frozenset[str]
    place_basis: str
    quantities: tuple[tuple[Quantity, str], ...]
    tokens: frozenset[str]
    denial: bool

    @property
    def scope(self) -> frozenset[str]:
        """The places that identify the event: specific ones, else the broad ones."""
        return self.places or self.broad


def _families(text: str) -> frozenset[str]:
    """Event families from the lexicon, plus ``v:<stem>`` for each past participle, so that
    events outside the lexicon ("evacuated", "detained") meet when described alike."""
    fams = {fam for fam, rx in _FAMILY_RES.items() if rx.search(text)}
    for m in _PARTICIPLE.finditer(text):
        word = m.group().lower()
        if word not in _NOT_EVENT_VERBS:
            fams.add("v:" + _stem(word))
    return frozenset(fams)


def _stem(word: str) -> str:
    for suffix in ("ied", "ed", "en"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e")


def _claim_offset(claim: Claim, ctx: DocumentContext) -> int | None:
    """Where the claim's text stands in its document (its span, else a search)."""
    start, end = claim.span
    if ctx.text[start:end] == claim.text:
        return start
    found = ctx.text.find(claim.text) if claim.text else -1
    return found if found >= 0 else None


def _scoped_places(
    text: str, mentions: list[PlaceMention], offset: int, quantities: list[Quantity]
) -> tuple[list[PlaceMention], bool]:
    """Places scoping the claim's first count: those before a partitive ("of which") that
    follows it. Returns (places, cut) where cut says places were set aside."""
    if not quantities:
        return mentions, False
    first = text.find(quantities[0].text)
    if first < 0:
        return mentions, False
    for m in _PARTITIVE.finditer(text, first + len(quantities[0].text)):
        cut_at = offset + m.start()
        kept = [p for p in mentions if p.start < cut_at]
        return kept, len(kept) < len(mentions)
    return mentions, False


def _inherit_units(
    quantities: list[Quantity], text: str, ctx: DocumentContext, offset: int | None
) -> list[Quantity]:
    """Give "44 of them" the unit of the last count named before it in the document."""
    if offset is None or all(q.unit is not None for q in quantities):
        return quantities
    out: list[Quantity] = []
    for q in quantities:
        if q.unit is None and _PRONOUN_UNIT.search(q.text):
            q_at = text.find(q.text)
            before = ctx.text[max(0, offset - _INHERIT_WINDOW) : offset + max(q_at, 0)]
            earlier = [p for p in parse_quantities(before) if p.unit is not None]
            if earlier:
                q = q.model_copy(update={"unit": earlier[-1].unit})
        out.append(q)
    return out


def _role_places(actor: Actor | None, exclude: Iterable[str]) -> list[str]:
    if actor is None or not actor.role:
        return []
    return [p.key for p in find_places(actor.role, exclude) if not p.broad]


def claim_features(
    claim: Claim,
    ctx: DocumentContext,
    actors: Mapping[str, Actor],
) -> ClaimFeatures:
    """The comparable facts of ``claim`` read in its document's context."""
    text = claim.text
    offset = _claim_offset(claim, ctx)
    if offset is not None:
        mentions = ctx.places_between(offset, offset + len(text))
        s_start, s_end = ctx.sentence_bounds(offset, offset + len(text))
        sentence = ctx.text[s_start:s_end]
    else:
        mentions = find_places(text, ctx.exclude)
        offset, s_start, sentence = 0, 0, ""
    quantities = list(claim.quantities) or parse_quantities(text)
    quantities = _inherit_units(quantities, text, ctx, offset if ctx.text else None)
    scoped, cut = _scoped_places(text, mentions, offset, quantities)
    specific = {p.key for p in scoped if not p.broad}
    broad = {p.key for p in scoped if p.broad}
    basis = "named in the claim"
    families = _families(text)
    # Borrowing a place from the context is for event claims only: a statement's sentence
    # may name places the statement is not about.
    eventful = bool(families or quantities)
    if not specific and not cut and ctx.text and eventful:
        anaphor = _ANAPHORA.search(text)
        prev = ctx.last_place_before(s_start) if anaphor is not None else None
        if anaphor is not None and prev is not None:
            specific, basis = {prev.key}, f"'{anaphor.group()}' read as {prev.key}"
        if not specific:
            around = [
                p
                for p in ctx.places_between(s_start, s_start + len(sentence))
                if not p.broad and not (offset <= p.start < offset + len(text))
            ]
            if around:
                specific, basis = {p.key for p in around}, "named in the claim's sentence"
    if not specific and not cut and claim.speaker and eventful:
        role = _role_places(actors.get(claim.speaker), ctx.exclude)
        if role:
            specific, basis = set(role), "the speaker's role"
    if claim.event_date is not None:
        window: DateWindow | None = DateWindow(claim.event_date, claim.event_date, "event_date")
    else:
        window = event_window(text, ctx.published, sentence=sentence or None)
    denial = bool(claim.cue and claim.cue.lower().split()[0] in _DENIAL_CUES) or bool(
        _DENIAL_TEXT.search(text)
    )
    return ClaimFeatures(
        claim=claim,
        published=ctx.published,
        window=window,
        families=families,
        places=frozenset(specific),
        broad=frozenset(broad),
        place_basis=basis,
        quantities=tuple((q, unit_family(q.unit, q.text) or "") for q in quantities),
        tokens=content_tokens(text),
        denial=denial,
    )


# Actors of these kinds are never places; governments and organisations often bear a place's
# name ("Moscow" for the city's government) and are left to the place rules.
_NON_PLACE_KINDS = frozenset(
    {"person", "news_outlet", "news_agency", "platform", "party", "unnamed"}
)


def actor_exclusions(actors: Iterable[Actor]) -> frozenset[str]:
    """Normalised names and aliases of actors that place detection must not take for places
    (people, media, platforms, parties)."""
    out: set[str] = set()
    for a in actors:
        if a.kind not in _NON_PLACE_KINDS:
            continue
        out.add(normalize_name(a.name))
        out.update(normalize_name(x) for x in a.aliases)
    return frozenset(out)
