"""Counted quantities in a claim's text, as intervals with a unit.

``parse_quantities("air defence units had destroyed more than 40 airborne targets")`` gives one
:class:`~provenance.model.Quantity` with ``low=40, low_open=True, unit="target"``.

What counts as a quantity:

* digits ("53", "1,200", "1.5 million") and number words ("one", "twenty-five", "a dozen",
  "two hundred"), optionally bounded by a modifier:

  ==========================================  ===============================================
  modifier                                    interval
  ==========================================  ===============================================
  (exact)                                     ``[N, N]``
  more than / over / above / in excess of     ``(N, inf)``   (``low_open``)
  at least / no fewer than / N or more / N+   ``[N, inf)``
  up to / at most / no more than / as many as ``[0, N]``
  fewer than / less than / under / below      ``[0, N)``     (``high_open``)
  nearly / almost / close to                  ``[0.9 N, N)``
  about / around / some / roughly / approx.   ``[0.9 N, 1.1 N]``
  between N and M / N to M / N-M / N or M     ``[N, M]``
  ==========================================  ===============================================

* vague counting words, with documented conventional intervals (:data:`VAGUE`): "a couple"
  [2, 3], "a few" [2, 5], "several" [3, 9], "multiple" [2, inf), "dozens" [24, 99],
  "hundreds" [200, 999], "thousands" [2000, 999999], "tens of thousands" [20000, 99999], ...

The unit is the singular, lower-case head noun of the counted phrase ("53 Ukrainian drones" ->
``drone``, "10 people" -> ``person``); "44 of them" has no unit (``None``): the referent is
outside the text. Percentages get the unit ``percent``.

Not quantities: "a market" (the article is not a count), money ("$175million", "£140m",
"5 dollars"), years ("in 2023"), dates ("September 7", "7 September"), clock times ("10:30",
"9 am"), ordinals ("75th"), compound adjectives ("10-year-old") and designations ("Su-34").

The parser works on a token list with a bounded look-around at each token, so it is linear in
the length of the text, and it never raises: any unexpected failure yields what was found so far.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from provenance.model import Quantity

__all__ = ["VAGUE", "parse_quantities", "singular"]

# --------------------------------------------------------------------------- vocabulary


def _words(spaced: str) -> list[str]:
    return spaced.split()


_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SCALE_ABBREV = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}

VAGUE: dict[tuple[str, ...], tuple[float, float | None]] = {
    ("a", "couple", "of"): (2, 3),
    ("a", "couple"): (2, 3),
    ("a", "few"): (2, 5),
    ("several",): (3, 9),
    ("multiple",): (2, None),
    ("tens", "of", "thousands"): (20_000, 99_999),
    ("hundreds", "of", "thousands"): (200_000, 999_999),
    ("dozens",): (24, 99),
    ("scores",): (40, 99),
    ("hundreds",): (200, 999),
    ("thousands",): (2_000, 999_999),
    ("millions",): (2_000_000, 999_999_999),
}
"""Vague counting words and the interval each stands for (``None``: unbounded)."""

# Modifiers before a number, longest first; each maps to how it bounds the number.
_MODIFIERS: list[tuple[tuple[str, ...], str]] = sorted(
    [
        (("more", "than"), "gt"),
        (("over",), "gt"),
        (("above",), "gt"),
        (("in", "excess", "of"), "gt"),
        (("upwards", "of"), "gt"),
        (("at", "least"), "ge"),
        (("no", "fewer", "than"), "ge"),
        (("no", "less", "than"), "ge"),
        (("not", "less", "than"), "ge"),
        (("a", "minimum", "of"), "ge"),
        (("up", "to"), "le"),
        (("at", "most"), "le"),
        (("no", "more", "than"), "le"),
        (("not", "more", "than"), "le"),
        (("as", "many", "as"), "le"),
        (("a", "maximum", "of"), "le"),
        (("fewer", "than"), "lt"),
        (("less", "than"), "lt"),
        (("under",), "lt"),
        (("below",), "lt"),
        (("nearly",), "near"),
        (("almost",), "near"),
        (("close", "to"), "near"),
        (("about",), "approx"),
        (("around",), "approx"),
        (("some",), "approx"),
        (("roughly",), "approx"),
        (("approximately",), "approx"),
        (("an", "estimated"), "approx"),
        (("estimated",), "approx"),
    ],
    key=lambda m: -len(m[0]),
)

_MONTHS = frozenset(
    _words(
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec"
    )
)
_YEAR_PREV = (
    frozenset(
        _words(
            "in since by until till of from to year during before after early late mid "
            "spring summer autumn fall winter between and"
        )
    )
    | _MONTHS
)
_CURRENCY_SYMBOLS = frozenset("$£€¥₽₴₹")
_CURRENCY_WORDS = frozenset(
    _words(
        "dollar dollars usd euro euros eur pound pounds sterling gbp rouble roubles ruble rubles "
        "hryvnia hryvnias hryvnas yuan yen rupee rupees francs"
    )
)
_TIME_WORDS = frozenset(_words("am pm a.m p.m gmt utc bst cet msk o'clock"))
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
_PERCENT_WORDS = frozenset({"percent", "pc", "%"})

# Words that end a counted noun phrase.
_STOP = frozenset(
    _words(
        """a an the of in on at by for from with to into onto over under across near and or but
        as than that which who whom whose where when while after before since during because
        is are was were be been being has have had do does did will would could should may might
        must can shall not no this these those it its they them their there here he she we you i
        his her our your my said says say told reported including among per each every about
        around following amid against between through within without toward towards via
        also still yet then so if"""
    )
)
# Adjectives commonly standing between a number and its noun; skipped when finding the head.
_ADJECTIVES = frozenset(
    _words(
        """other more additional further new old single large small big huge massive major minor
        separate different various unidentified unknown suspected alleged confirmed reported
        possible total overall civilian military foreign local enemy hostile armed unarmed
        wounded injured dead killed"""
    )
)
_ADJ_SUFFIXES = ("ian", "ese", "ish", "ern", "ous", "ive", "ful", "less", "able", "ible")
_IRREGULAR_PLURALS = {
    "people": "person",
    "persons": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "police": "police",
    "personnel": "personnel",
    "staff": "staff",
    "crew": "crew",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "cattle": "cattle",
    "sheep": "sheep",
    "aircraft": "aircraft",
    "series": "series",
    "species": "species",
    "headquarters": "headquarters",
    "news": "news",
    "buses": "bus",
}
_PARTITIVE_PRONOUNS = frozenset({"them", "those", "these", "which", "whom", "us", "you", "it"})

_TOKEN_RE = re.compile(r"\d+(?:[,.]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?|[^\s]", re.UNICODE)


# --------------------------------------------------------------------------- tokens


@dataclass(slots=True)  # not frozen: frozen construction costs, and tokens are never changed
class _Tok:
    text: str
    low: str
    start: int
    end: int

    @property
    def is_digit(self) -> bool:
        return self.text[0].isdigit()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


def _tokenize(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        s = m.group()
        start, end = m.span()
        out.append(_Tok(s, s.lower().replace("’", "'"), start, end))
    return out


def singular(word: str) -> str:
    """Singular lower-case form of an English noun ("drones" -> "drone", "people" -> "person").

    A light rule set, not a dictionary: good for the nouns counted in news claims.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "zes", "ches", "shes")):
        return w[:-2]
    if w.endswith(("ss", "us", "is")) or len(w) <= 3:
        return w
    if w.endswith("s"):
        return w[:-1]
    return w


def _looks_plural(word: str) -> bool:
    w = word.lower()
    if w in _IRREGULAR_PLURALS:
        return True
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is"))


def _is_adjective(tok: _Tok) -> bool:
    low = tok.low
    if low in _ADJECTIVES:
        return True
    # Capitalised demonyms ("Ukrainian", "Chinese") and typical adjective endings.
    return low.endswith(_ADJ_SUFFIXES) and not _looks_plural(low)


# --------------------------------------------------------------------------- numbers


@dataclass
class _Num:
    value: float
    start: int  # token index of the first token
    end: int  # token index after the last token
    is_word: bool


def _parse_digits(tok: _Tok) -> float | None:
    raw = tok.text
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", raw):
        raw = raw.replace(",", "")
    elif "," in raw:
        return None  # "3,4" is a list or a European decimal: do not guess
    try:
        return float(raw)
    except ValueError:
        return None


def _adjacent(toks: list[_Tok], i: int, j: int) -> bool:
    """Tokens i and j touch (no space between them)."""
    return 0 <= i < len(toks) and 0 <= j < len(toks) and toks[i].end == toks[j].start


def _read_number(toks: list[_Tok], i: int) -> _Num | None:
    """A number starting at token i: digits with an optional scale, or a run of number words."""
    tok = toks[i]
    if tok.is_digit:
        value = _parse_digits(tok)
        if value is None:
            return None
        end = i + 1
        if end < len(toks) and toks[end].low in _SCALES:
            value *= _SCALES[toks[end].low]
            end += 1
        elif end < len(toks) and _adjacent(toks, i, end) and toks[end].low in _SCALE_ABBREV:
            value *= _SCALE_ABBREV[toks[end].low]
            end += 1
        return _Num(value, i, end, False)
    if tok.low == "a" and i + 1 < len(toks) and toks[i + 1].low in ("dozen", "hundred", "thousand"):
        base = 12.0 if toks[i + 1].low == "dozen" else float(_SCALES[toks[i + 1].low])
        return _Num(base, i, i + 2, True)
    if tok.low not in _UNITS and tok.low not in _TENS and tok.low != "dozen":
        return None
    total = 0.0
    current = 0.0
    j = i
    seen = False
    while j < len(toks):
        low = toks[j].low
        if low in _UNITS:
            current += _UNITS[low]
        elif low in _TENS:
            current += _TENS[low]
        elif low == "dozen":
            current = (current or 1) * 12
        elif low in _SCALES and seen:
            scale = _SCALES[low]
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0
        elif (
            low == "-"
            and seen
            and _adjacent(toks, j - 1, j)
            and j + 1 < len(toks)
            and (toks[j + 1].low in _UNITS and _adjacent(toks, j, j + 1))
        ):
            j += 1  # "twenty-five"
            continue
        elif (
            low == "and"
            and seen
            and j + 1 < len(toks)
            and (toks[j + 1].low in _UNITS or toks[j + 1].low in _TENS)
            and toks[j - 1].low in _SCALES
        ):
            j += 1  # "two hundred and five"
            continue
        else:
            break
        seen = True
        j += 1
    return _Num(total + current, i, j, True)


# --------------------------------------------------------------------------- the parser


def _match_words(toks: list[_Tok], i: int, words: tuple[str, ...]) -> bool:
    if i < 0 or i + len(words) > len(toks):
        return False
    return all(toks[i + k].low == w for k, w in enumerate(words))


# _MODIFIERS by last word, in their order (longest first), so that a number looks only at the
# modifiers that can end on the token before it.
_MODIFIERS_BY_LAST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _modifier_words, _modifier_kind in _MODIFIERS:
    _MODIFIERS_BY_LAST.setdefault(_modifier_words[-1], []).append((_modifier_words, _modifier_kind))


def _modifier_before(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """The modifier ending just before token i, and the index of its first token."""
    if i <= 0:
        return None
    for words, kind in _MODIFIERS_BY_LAST.get(toks[i - 1].low, ()):
        start = i - len(words)
        if _match_words(toks, start, words):
            return kind, start
    return None


# VAGUE by first word, in its order, so that each token looks only at the phrases it can start
# (the parser asks at every token; scanning the whole table each time dominated extraction).
_VAGUE_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[float, float | None]]]] = {}
for _vague_words, _vague_interval in VAGUE.items():
    _VAGUE_BY_FIRST.setdefault(_vague_words[0], []).append((_vague_words, _vague_interval))


def _vague_at(toks: list[_Tok], i: int) -> tuple[tuple[float, float | None], int] | None:
    for words, interval in _VAGUE_BY_FIRST.get(toks[i].low, ()):
        if _match_words(toks, i, words):
            return interval, i + len(words)
    return None


# The words at which a quantity can start besides a digit: the first word of a vague phrase or
# a number word ("a" for "a dozen"). Any other token starts nothing (both _vague_at and
# _read_number return None for it), so the parser skips it without calling them.
_STARTERS = frozenset(_VAGUE_BY_FIRST) | frozenset(_UNITS) | frozenset(_TENS) | {"dozen", "a"}


def _is_excluded(toks: list[_Tok], num: _Num) -> bool:
    """Numbers that are not counts: dates, years, times, ordinals, money, designations."""
    i, j = num.start, num.end
    first = toks[i]
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[j] if j < len(toks) else None
    if prev is not None and prev.text in _CURRENCY_SYMBOLS:
        return True
    if nxt is not None and nxt.low in _CURRENCY_WORDS:
        return True
    if first.is_digit:
        if nxt is not None and _adjacent(toks, j - 1, j):
            if nxt.low in _ORDINAL_SUFFIXES or nxt.low in _TIME_WORDS:
                return True
            if nxt.text in ":." and j + 1 < len(toks) and toks[j + 1].is_digit:
                return True  # 10:30
            if nxt.text == "-" and j + 1 < len(toks) and toks[j + 1].is_word:
                return True  # 10-year-old
            if nxt.is_word and nxt.low not in _SCALE_ABBREV:
                return True  # 9am, 3D
        if (
            prev is not None
            and _adjacent(toks, i - 1, i)
            and (
                prev.is_word
                or (prev.text == "-" and i > 1 and toks[i - 2].is_word)
                or (prev.text in ":/." and i > 1 and toks[i - 2].is_digit)
            )
        ):
            return True  # F16, Su-34, COVID-19, the 30 of 10:30
        if nxt is not None and nxt.low in _TIME_WORDS:
            return True
        if (
            prev is not None
            and prev.text[0].isupper()
            and len(first.text) == 1
            and i >= 2
            and toks[i - 2].text not in ".!?\n"
            and _modifier_before(toks, i) is None
        ):
            return True  # a model designation: "Challenger 2 tanks", "Leopard 2"
        if prev is not None and prev.low in _MONTHS:
            return True  # September 7
        if nxt is not None and nxt.low in _MONTHS:
            return True  # 7 September
        raw = first.text
        if re.fullmatch(r"1[89]\d\d|20\d\d|2100", raw) and j == i + 1:
            follows_plural = nxt is not None and nxt.is_word and _looks_plural(nxt.low)
            if (prev is not None and prev.low in _YEAR_PREV) or not follows_plural:
                return True
    else:
        if nxt is not None and nxt.text == "-" and _adjacent(toks, j - 1, j):
            return True  # one-sided, three-day
        if first.low == "one":
            if prev is not None and prev.low in ("no", "any", "every", "each", "this", "that"):
                return True
            if nxt is not None and nxt.low in ("another", "day", "time", "way", "side"):
                return True
            if _match_words(toks, j, ("of", "the", "most")):
                return True
    return False


def _head_noun(toks: list[_Tok], i: int, plural: bool) -> tuple[str | None, int]:
    """The counted noun after token i: (singular unit or None, index after the phrase)."""
    n = len(toks)
    if i < n and toks[i].low == "of":
        if i + 1 < n and toks[i + 1].low in _PARTITIVE_PRONOUNS:
            return None, i + 2
        if i + 1 < n and toks[i + 1].low in ("the", "its", "their", "his", "her", "our", "these"):
            return _head_noun(toks, i + 2, True)
        nxt = toks[i + 1] if i + 1 < n else None
        if nxt is not None and nxt.is_word and nxt.low not in _STOP and nxt.text[0].islower():
            return _head_noun(toks, i + 1, True)  # "dozens of people"
        return None, i
    words: list[int] = []
    j = i
    while j < n and len(words) < 4:
        tok = toks[j]
        if (
            tok.text == "-"
            and words
            and j + 1 < n
            and toks[j + 1].is_word
            and _adjacent(toks, j - 1, j)
            and _adjacent(toks, j, j + 1)
        ):
            j += 2  # "Shahed-type drones": keep the compound as a modifier
            words.append(j - 1)
            continue
        if not tok.is_word or tok.low in _STOP:
            break
        if words and tok.low.endswith(("ed", "ing")) and not _looks_plural(tok.low):
            break  # "one person injured", "drones flying"
        words.append(j)
        j += 1
    nouns = [k for k in words if not _is_adjective(toks[k])]
    if not nouns:
        return None, j
    if plural:
        for k in nouns:
            if _looks_plural(toks[k].low):
                return singular(toks[k].low), k + 1
        return singular(toks[nouns[-1]].low), nouns[-1] + 1
    # Singular: the last noun of the compound ("one air defence system").
    last = nouns[0]
    for k in nouns[1:]:
        if k != last + 1:
            break
        last = k
    return singular(toks[last].low), last + 1


def _interval(kind: str | None, value: float) -> tuple[float | None, float | None, bool, bool]:
    if kind == "gt":
        return value, None, True, False
    if kind == "ge":
        return value, None, False, False
    if kind == "le":
        return 0, value, False, False
    if kind == "lt":
        return 0, value, False, True
    if kind == "near":
        return round(value * 0.9, 6), value, False, True
    if kind == "approx":
        return round(value * 0.9, 6), round(value * 1.1, 6), False, False
    return value, value, False, False


def _range_after(toks: list[_Tok], num: _Num) -> _Num | None:
    """The upper end of "N to M", "N-M", "N or M" (only when M > N)."""
    j = num.end
    if j + 1 >= len(toks) or toks[j].low not in ("to", "-", "or", "–"):
        return None
    other = _read_number(toks, j + 1)
    if other is None or other.value <= num.value or other.is_word != num.is_word:
        return None
    return other


def _parse(text: str) -> list[Quantity]:
    toks = _tokenize(text)
    out: list[Quantity] = []
    i = 0
    n = len(toks)
    while i < n:
        if toks[i].low not in _STARTERS and not toks[i].is_digit:
            i += 1
            continue
        vague = _vague_at(toks, i)
        if vague is not None:
            (vlow, vhigh), after = vague
            vunit, end = _head_noun(toks, after, True)
            if vunit is not None or end > after:
                q_start = toks[i].start
                out.append(
                    Quantity(
                        text=text[q_start : toks[end - 1].end], low=vlow, high=vhigh, unit=vunit
                    )
                )
                i = end
                continue
            i = after
            continue
        num = _read_number(toks, i)
        if num is None or num.end == num.start:
            i += 1
            continue
        if _is_excluded(toks, num):
            i = num.end
            continue
        first_idx = num.start
        kind: str | None = None
        between = num.start > 0 and toks[num.start - 1].low == "between"
        modifier = _modifier_before(toks, num.start)
        if modifier is not None and not between:
            kind, first_idx = modifier
        upper: _Num | None = None
        if between and _match_words(toks, num.end, ("and",)):
            cand = _read_number(toks, num.end + 1)
            if cand is not None and cand.value >= num.value:
                upper, first_idx = cand, num.start - 1
        elif kind is None:
            upper = _range_after(toks, num)
        after = (upper or num).end
        # Suffixes: "10 or more", "10+", "percent".
        if _match_words(toks, after, ("or", "more")):
            kind, after = "ge", after + 2
        elif after < n and toks[after].text == "+" and _adjacent(toks, after - 1, after):
            kind, after = "ge", after + 1
        unit: str | None
        if after < n and toks[after].low in _PERCENT_WORDS:
            unit = "percent"
            end = after + 1
        elif _match_words(toks, after, ("per", "cent")):
            unit, end = "percent", after + 2
        else:
            value = (upper or num).value
            unit, end = _head_noun(toks, after, value != 1)
        if unit is None and end == after and num.is_word and num.value <= 1:
            i = num.end  # a bare "one" is a pronoun, not a count
            continue
        bounds = (
            (num.value, upper.value, False, False)
            if upper is not None
            else _interval(kind, num.value)
        )
        last = toks[max(end, after) - 1]
        out.append(
            Quantity(
                text=text[toks[first_idx].start : last.end],
                low=bounds[0],
                high=bounds[1],
                low_open=bounds[2],
                high_open=bounds[3],
                unit=unit,
            )
        )
        i = max(end, after)
    return out


def parse_quantities(text: str) -> list[Quantity]:
    """Counted quantities mentioned in ``text``, in order of appearance.

    Args:
        text: a claim's text (any length; the parse is linear in it).

    Returns:
        One :class:`Quantity` per counted phrase; an empty list when there is none. Never raises.
    """
    if not isinstance(text, str) or not text:
        return []
    try:
        return _parse(text)
    except Exception:  # the extractor must never fail on one odd sentence
        return []
