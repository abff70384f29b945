"""Speaker noun phrases: finding their extent in a sentence and reading what they say.

A speaker phrase is found by walking from the reporting verb over words that can belong to a
news speaker description (names, titles, determiners, "of", unnamed-source nouns) and stopping at
anything else. :func:`parse_mention` then splits the phrase into a name, a role ("Kremlin
spokesman"), an affiliation ("Kremlin") and a kind (person, organisation, unnamed ...).
"""

from __future__ import annotations

from dataclasses import dataclass

from provenance.extract.lexicon import (
    ABBREVIATIONS,
    AGENCY_WORDS,
    COUNT_LEADS,
    COUNT_WORDS,
    FEMALE_HONORIFICS,
    FINITE_CUES,
    HONORIFICS,
    MALE_HONORIFICS,
    MONTHS,
    NEWS_NAME_TAILS,
    NEWS_WORDS,
    NOT_PERSON_NOUNS,
    NP_INNER,
    NP_MODIFIERS,
    NP_PREPOSITIONS,
    ORG_NOUNS,
    PARTICIPLE_CUES,
    PERSON_NOUN_ENDINGS,
    PRONOUNS,
    ROLE_NOUNS,
    SOURCE_NOUNS,
    STOPWORDS,
    TITLE_WORDS,
    UNNAMED_NOUNS,
    WEEKDAYS,
)
from provenance.extract.text import Token

MAX_PHRASE = 14
"""Longest speaker phrase, in tokens (bounds the work per cue)."""


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


ORG_PLURALS = frozenset(
    _plural(w) for w in ORG_NOUNS if w.isalpha() and not w.endswith("s") and w != "police"
)
"""Plurals of organisation nouns ("groups", "parties", "agencies") head speaker phrases too."""
CALENDAR_WORDS = (WEEKDAYS | MONTHS) - {"may", "march", "june", "august"}
HEAD_NOUNS = ROLE_NOUNS | ORG_NOUNS | UNNAMED_NOUNS | SOURCE_NOUNS | ORG_PLURALS

# Unions and differences of the word sets that the rules below test against, built once here:
# written inline, each test rebuilt the set (HEAD_NOUNS has hundreds of words) on every call.
_HEADS_BEFORE_PREPOSITION = HEAD_NOUNS | {"residents"}
_HEADS_OR_MODIFIERS = HEAD_NOUNS | NP_MODIFIERS
_OUTLET_WORDS = NEWS_WORDS - {"post", "times", "observer", "guardian"}
_ORG_OR_NEWS_WORDS = ORG_NOUNS | NEWS_WORDS
_NOT_IN_NAMES = ORG_NOUNS - {"house"}
_UNNAMED_OR_SOURCE_NOUNS = UNNAMED_NOUNS | SOURCE_NOUNS

# First words of multi-word place names, which are not people ("North Korea", "New York").
PLACE_PREFIXES = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "new",
        "united",
        "saint",
        "st",
        "san",
        "santa",
        "los",
        "las",
        "great",
        "upper",
        "lower",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "greater",
        "democratic",
        "republic",
        "gulf",
        "lake",
        "mount",
        "port",
        "fort",
        "cape",
    }
)


@dataclass(slots=True)
class Mention:
    """A speaker phrase as read from the text."""

    start: int
    """Index of the first token of the phrase in the sentence."""
    end: int
    """Index after the last token."""
    text: str
    form: str
    """pronoun, name (proper name), definite ("the ministry"), unnamed or description."""
    name: str
    kind: str = "unknown"
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None
    single: bool = False
    """A one-word proper name ("Golubev"): may be the short form of a full name."""
    honorific: str | None = None


def pronoun_of(tok: Token) -> str | None:
    """The pronoun a token is or begins with ("he", "I've" -> "i"), else None."""
    if tok.low in PRONOUNS:
        return tok.low
    if "'" in tok.low:
        first = tok.low.split("'", 1)[0]
        if first in PRONOUNS:
            return first
    return None


def _is_name_word(tok: Token) -> bool:
    if not (tok.word and tok.cap) or tok.quote != 0:
        return False
    if "'" in tok.low and pronoun_of(tok) is not None:
        return False  # "I've", "He's"
    # "US" is a name although "us" is a pronoun; "The" and "But" are not names.
    return tok.base not in STOPWORDS or (
        tok.text.isupper() and len(tok.text) >= 2 and tok.text != "I"
    )


def is_head(tok: Token) -> bool:
    """Can ``tok`` end a speaker phrase?"""
    if tok.quote != 0 or not tok.word:
        return False
    if pronoun_of(tok) is not None:
        return True
    if tok.low in CALENDAR_WORDS:
        return False  # "on Friday that ...", "in March": a date, not a speaker
    if _is_name_word(tok):
        return True
    return tok.base in HEAD_NOUNS or _person_noun(tok)


def _person_noun(tok: Token) -> bool:
    """A lower-case noun naming a person by its ending ("businessman", "congresswoman",
    "activist", "politician"), not one of the verbs with such endings ("insist")."""
    low = tok.base
    return (
        not tok.cap
        and len(low) > 5
        and low.isalpha()
        and low.endswith(PERSON_NOUN_ENDINGS)
        and low not in NOT_PERSON_NOUNS
    )


def _part_of_phrase(tok: Token) -> bool:
    if tok.quote != 0:
        return False
    if not tok.word:
        return False
    if _is_name_word(tok):
        return True
    low = tok.base
    return (
        low in NP_INNER
        or low in HEAD_NOUNS
        or low in NP_MODIFIERS
        or (tok.possessive and tok.cap)
        or _person_noun(tok)
    )


def scan_left(toks: list[Token], j: int, lo: int = 0) -> int:
    """Start index of the speaker phrase that ends at token ``j`` (inclusive), or -1.

    Args:
        toks: the sentence tokens.
        j: index of the phrase's last token (its head).
        lo: do not go left of this index.
    """
    if j < lo or not is_head(toks[j]):
        return -1
    if pronoun_of(toks[j]) is not None:
        return j
    k = j - 1
    floor = max(lo, j - MAX_PHRASE)
    while k >= floor:
        tok = toks[k]
        if tok.text == ")":
            # "Rep. Gwen Moore (D-Wis.)": a party-and-state tag inside the phrase.
            q = k - 1
            while q >= floor and q >= k - 8 and toks[q].text != "(" and toks[q].quote == 0:
                q -= 1
            if q >= floor and toks[q].text == "(" and q > floor and _is_name_word(toks[q - 1]):
                k = q - 1
                continue
            break
        if (
            tok.text == "."
            and k > 0
            and toks[k - 1].end == tok.start
            and (
                toks[k - 1].low in ABBREVIATIONS
                or (len(toks[k - 1].text) == 1 and toks[k - 1].cap)
                or ("." in toks[k - 1].text and toks[k - 1].cap)
            )
        ):
            k -= 1
            continue
        if (tok.low in NP_PREPOSITIONS and tok.low not in NP_INNER) or tok.low in ("on", "in"):
            # "residents of the city", "videos on social media": a preposition joins two
            # parts only after a head noun.
            if k - 1 >= floor and toks[k - 1].base in _HEADS_BEFORE_PREPOSITION:
                k -= 1
                continue
            break
        if tok.low == "and":
            # "Mr. X and Mrs. Y": a conjunction between two names, not between clauses.
            if k - 1 >= floor and _is_name_word(toks[k - 1]) and _is_name_word(toks[k + 1]):
                k -= 1
                continue
            break
        if tok.low in PRONOUNS:
            break
        if not _part_of_phrase(tok):
            break
        if (
            tok.low in ("the", "a", "an")
            and k - 1 >= floor
            and is_head(toks[k - 1])
            and not toks[k - 1].possessive
        ):
            k -= 1  # "In the report the mayor said": a determiner opens a new phrase
            break
        k -= 1
    start = k + 1
    if lo <= start - 1 < start <= j:
        start = _extend_compound(toks, start, lo)
    # A phrase never starts with "of", "and" or a preposition.
    while start < j and toks[start].low in ("of", "and", "&", "for", "at", "on", "in", "from"):
        start += 1
    return start


def _is_number(tok: Token) -> bool:
    return tok.text[0].isdigit() or tok.low in COUNT_WORDS


def _unlisted(t: Token) -> bool:
    """A lower-case word of no list (an adjective or a noun of a compound, or a verb)."""
    return (
        adjective_like(t)
        and t.base not in HEAD_NOUNS
        and t.base not in NP_MODIFIERS
        and t.low not in NP_INNER
    )


def _boundary_before(toks: list[Token], q: int) -> bool:
    """Can a subject phrase start at token ``q``? (Sentence start, punctuation, a quotation
    mark or a clause word before it.)"""
    if q == 0:
        return True
    prev = toks[q - 1]
    return (
        prev.text in (",", ";", ":", "—", "–", "(")
        or prev.quote in (2, 3)
        or prev.low in CLAUSE_WORDS
    )


def _extend_compound(toks: list[Token], start: int, lo: int) -> int:
    """Extend a speaker phrase that starts at ``start`` leftwards over a compound description
    with unlisted words ("crew members", "Eastbay transit director Jane Roe", "a flood
    panel member", "another 19 percent", "eight of 10 voters"): at most two unlisted
    lower-case words, with determiners, modifiers, names, counts and "of" around them, and
    only when a clause boundary precedes the whole. Returns the (possibly unchanged) start."""
    q = start - 1
    unlisted = 0
    counted = False
    best = start
    steps = 0
    while q >= lo and steps < 8:
        t = toks[q]
        if t.quote != 0 or not t.word:
            break
        if _is_number(t) or (counted and t.low in COUNT_LEADS):
            counted = True
        elif (
            modifier_like(t)
            and q + 1 == start
            and toks[start].base in HEAD_NOUNS
            and not toks[start].cap
        ):
            unlisted += 1  # "elected officials", "some farming groups"
        elif _unlisted(t):
            if t.low in FINITE_CUES:
                break  # "the campaign says the candidate ...": a verb, not a compound word
            unlisted += 1
            if unlisted > 2:
                break
        elif (
            t.low in ("the", "a", "an", "of")
            or t.base in NP_MODIFIERS
            or t.possessive
            or _is_name_word(t)
            or t.base in HEAD_NOUNS
        ):
            if (
                not t.cap
                and t.base in HEAD_NOUNS
                and t.base not in NP_MODIFIERS
                and _unlisted(toks[q + 1])
            ):
                break  # "the mayor makes sure ...": a head noun before a verb, not a compound
        else:
            break
        if (unlisted or counted) and _boundary_before(toks, q):
            best = q
        q -= 1
        steps += 1
    return best


CLAUSE_WORDS = frozenset(
    {
        "and",
        "but",
        "as",
        "while",
        "when",
        "that",
        "so",
        "because",
        "though",
        "although",
        "if",
        "since",
        "where",
        "whereas",
    }
)


def modifier_like(tok: Token) -> bool:
    """An adjective, or a participle used as one before a noun ("farming groups", "elected
    officials"), but not a reporting verb."""
    if adjective_like(tok):
        return True
    return (
        tok.word
        and not tok.cap
        and tok.quote == 0
        and tok.low.endswith(("ing", "ed"))
        and tok.low.isalpha()
        and tok.low not in FINITE_CUES
        and tok.low not in PARTICIPLE_CUES
        and tok.low not in STOPWORDS
    )


def adjective_like(tok: Token) -> bool:
    """A lower-case word that may be an adjective ("black", "labor-policy"), not a verb."""
    if not tok.word or tok.cap or tok.quote != 0 or tok.low in STOPWORDS:
        return False
    low = tok.low
    if low.endswith(("ed", "ing", "ly")) and "-" not in low:
        return False
    return low.isalpha() or "-" in low


def scan_right(toks: list[Token], i: int, hi: int | None = None) -> int:
    """End index (exclusive) of the speaker phrase that starts at token ``i``, or -1."""
    n = len(toks) if hi is None else hi
    if i >= n:
        return -1
    first = toks[i]
    if first.low in PRONOUNS:
        return i + 1
    k = i
    last_head = -1
    ceiling = min(n, i + MAX_PHRASE)
    while k < ceiling:
        tok = toks[k]
        if (
            tok.text == "."
            and k > i
            and toks[k - 1].end == tok.start
            and (
                toks[k - 1].low in ABBREVIATIONS
                or (len(toks[k - 1].text) == 1 and toks[k - 1].cap)
                or ("." in toks[k - 1].text and toks[k - 1].cap)
            )
            and k + 1 < n
            and toks[k + 1].cap
        ):
            k += 1
            continue
        if tok.low in NP_PREPOSITIONS and tok.low not in ("of",):
            if (
                last_head == k - 1
                and k + 1 < ceiling
                and (
                    toks[k + 1].cap
                    or toks[k + 1].low in ("the", "a", "an")
                    or toks[k + 1].base in HEAD_NOUNS
                )
                and toks[k - 1].base in HEAD_NOUNS
            ):
                k += 1
                continue
            break
        if tok.text == "(" and last_head == k - 1 and k > i:
            q = k + 1
            while q < n and q <= k + 8 and toks[q].text != ")" and toks[q].quote == 0:
                q += 1
            if q < n and toks[q].text == ")":
                k = q + 1
                last_head = q
                continue
            break
        if tok.low == "and":
            if k > i and _is_name_word(toks[k - 1]) and k + 1 < n and _is_name_word(toks[k + 1]):
                k += 1
                continue
            break
        if tok.low in PRONOUNS:
            break
        if not _part_of_phrase(tok):
            # "the harbour authority": an unlisted modifier before a listed head noun.
            if (
                (
                    adjective_like(tok)
                    or (
                        # "several farming groups": a participle used as an adjective
                        modifier_like(tok)
                        and k + 1 < ceiling
                        and toks[k + 1].base in HEAD_NOUNS
                        and not toks[k + 1].cap
                        and (
                            k == i
                            or toks[k - 1].low in ("the", "a", "an")
                            or (toks[k - 1].base in NP_MODIFIERS and not toks[k - 1].cap)
                        )
                    )
                )
                and k + 1 < ceiling
                and (
                    toks[k + 1].base in HEAD_NOUNS
                    or (
                        # "the business-friendly Eastbay Institute"
                        _is_name_word(toks[k + 1])
                        and k > i - 1
                        and tok.low not in FINITE_CUES
                        and (k == i or toks[k - 1].low in ("the", "a", "an"))
                    )
                )
                and k > i - 1
                and (
                    k == i
                    or toks[k - 1].low in ("the", "a", "an")
                    or toks[k - 1].base in NP_MODIFIERS
                    or adjective_like(toks[k - 1])
                )
            ):
                k += 1
                continue
            break
        if is_head(tok):
            last_head = k
        k += 1
    if last_head < 0:
        return -1
    return last_head + 1


def _join(toks: list[Token], text: str) -> str:
    return text[toks[0].start : toks[-1].end] if toks else ""


def _strip_det(words: list[Token]) -> list[Token]:
    while words and words[0].low in ("the", "a", "an"):
        words = words[1:]
    return words


def _news_kind(lows: list[str]) -> str | None:
    if any(w in AGENCY_WORDS for w in lows) and "news" in lows:
        return "news_agency"
    if any(w in ("agency", "wire") for w in lows) and any(w in ("news", "press") for w in lows):
        return "news_agency"
    if any(w in _OUTLET_WORDS for w in lows):
        return "news_outlet"
    return None


def _org_kind(lows: list[str]) -> str:
    news = _news_kind(lows)
    if news:
        return news
    if any(
        w in ("military", "army", "navy", "forces", "command", "troops", "brigade") for w in lows
    ):
        return "military"
    if any(
        w
        in (
            "ministry",
            "government",
            "administration",
            "kremlin",
            "cabinet",
            "presidency",
            "department",
            "embassy",
            "parliament",
            "senate",
            "congress",
        )
        for w in lows
    ):
        return "government"
    if "party" in lows:
        return "party"
    return "organisation"


def parse_mention(toks: list[Token], start: int, end: int, text: str) -> Mention:
    """Read the speaker phrase ``toks[start:end]``: name, role, affiliation and kind."""
    words = toks[start:end]
    raw = _join(words, text)
    if any(w.text == "(" for w in words):
        # Drop parenthetical tags ("(D-Wis.)") from the reading of the phrase.
        kept: list[Token] = []
        depth = 0
        for w in words:
            if w.text == "(":
                depth += 1
            elif w.text == ")":
                depth = max(0, depth - 1)
            elif depth == 0:
                kept.append(w)
        words = kept or words
    if len(words) == 1 and pronoun_of(words[0]) is not None:
        return Mention(start, end, raw, "pronoun", pronoun_of(words[0]) or "")
    core = _strip_det(words)
    if not core:
        return Mention(start, end, raw, "description", raw)
    lows = [w.base for w in core]
    head = core[-1]
    if head.base in UNNAMED_NOUNS and all(w in HEAD_NOUNS or w in NP_MODIFIERS for w in lows):
        # "Officials", "Local media": common nouns, capitalised only at the start of a sentence.
        return Mention(start, end, raw, "unnamed", _unnamed_name(words, text), "unnamed")
    # Proper-name tail: the trailing run of capitalised words, initials and inner full stops.
    k = len(core)
    while k > 0:
        w = core[k - 1]
        if _is_name_word(w) and w.base not in TITLE_WORDS and w.base not in _NOT_IN_NAMES:
            k -= 1
            continue
        if (
            _is_name_word(w)
            and k == len(core)
            and k >= 2
            and (
                core[k - 2].base in HONORIFICS
                or (core[k - 2].text == "." and k >= 3 and core[k - 3].base in HONORIFICS)
            )
        ):
            k -= 1  # "Mr. Prince", "Ms. Major": after an honorific a title word is a surname
            continue
        if w.text == "." and k >= 2 and len(core[k - 2].text) == 1 and core[k - 2].cap:
            k -= 1  # an initial: "Charles G. Koch"
            continue
        if w.low in (
            "de",
            "van",
            "von",
            "al",
            "bin",
            "da",
            "del",
            "di",
            "du",
            "la",
            "le",
        ) and k < len(core):
            k -= 1
            continue
        break
    tail = core[k:]
    before = core[:k]
    if not tail and _proper_org(core):
        # "the Ministry of Defence", "Defence Ministry", "White House": the whole phrase.
        return Mention(start, end, raw, "name", _join(core, text), _org_kind(lows), None, None)
    if tail and any(w.low == "and" for w in core) and not _proper_org(core):
        # "Tom Ash and Ann Rowe", "Mr. Birch and Ms. Clark": two speakers at once,
        # named together; neither is the speaker alone.
        return Mention(start, end, raw, "description", _join(core, text), "unknown")
    before_lows = [w.base for w in before]
    has_title = any(w.base in TITLE_WORDS or w.base.split("-")[0] in TITLE_WORDS for w in before)
    if tail and before and before[-1].possessive:
        # "the president's Pacific roots": a thing of someone's, not a name with a title.
        return Mention(start, end, raw, "description", _join(core, text), "unknown")
    of_at = len(before) - 1
    if len(before) >= 2 and before[-1].low == "the" and before[-2].low == "of":
        of_at -= 1  # "Del. Ann Clark of the Eastbay Islands"
    if tail and has_title and before and before[of_at].low == "of":
        # "Sen. Ted Cruz of Texas": the name stands between the title and "of".
        t = max(
            i
            for i, w in enumerate(before)
            if w.base in TITLE_WORDS or w.base.split("-")[0] in TITLE_WORDS
        )
        between = [w for w in before[t + 1 : of_at] if w.text != "."]
        if between and all(_is_name_word(w) for w in between):
            first = next(i for i in range(t + 1, len(before)) if before[i].text != ".")
            tail = before[first:of_at]
            before = before[: t + 1]
            k = len(before)
            has_title = True
    if tail and not head.possessive and (has_title or not before):
        # "Kremlin spokesman Dmitry Peskov", "Mr. Obama", "Vasily Golubev", "RIA".
        name_toks = [w for w in tail if w.text != "."]
        if len(name_toks) >= 2 and all(w.text.isupper() for w in name_toks):
            # "CONGRESS HAS INVESTIGATED HIM": a heading in capitals, not a name.
            return Mention(start, end, raw, "description", _join(core, text), "unknown")
        if before and before[-1].low == "of" and len(name_toks) > 2:
            # "Secretary of State Antony Blinken": the first word after "of" is the title's.
            before = core[: k + 1]
            tail = core[k + 1 :]
            name_toks = [w for w in tail if w.text != "."]
        name = _join(tail, text)
        honorific = None
        gender = None
        if before and before[-1].text == "." and len(before) >= 2 and before[-2].base in HONORIFICS:
            before = before[:-1]  # "Mr." -> "Mr"
        if before and before[-1].base.rstrip(".") in HONORIFICS:
            honorific = before[-1].base
            if honorific in FEMALE_HONORIFICS:
                gender = "f"
            elif honorific in MALE_HONORIFICS:
                gender = "m"
            before = before[:-1]
        role_words = [w for w in before if w.text != "."]
        role = _join(before, text) if role_words else None
        affiliation = None
        if role_words:
            # "Kremlin spokesman": capitalised words before the title name the organisation.
            aff: list[Token] = []
            for w in role_words:
                if w.base in TITLE_WORDS or w.base.split("-")[0] in TITLE_WORDS:
                    break
                if _is_name_word(w) and w.low not in _NOT_AFFILIATION:
                    aff.append(w)
                else:
                    aff = []
            # "Russian" alone is a nationality, not an organisation to speak for.
            if aff and not all(_is_nationality(w.low) for w in aff):
                affiliation = _join(aff, text)
        single = len(name_toks) == 1
        lows_all = [w.base for w in core]
        if has_title or honorific:
            kind = "person"
        elif single:
            kind = _single_kind(name_toks[0])
            if words[0].low == "the" and kind == "unknown":
                # "the Times", "the Ledger": "the" before a lone name makes it no person.
                kind = "news_outlet" if name_toks[0].base in NEWS_NAME_TAILS else "organisation"
        else:
            name_lows = [w.base for w in name_toks]
            if name_lows[-1] in NEWS_NAME_TAILS:
                kind = "news_outlet"  # "The Eastbay Post", "The Eastbay Times"
            elif any(w in ORG_NOUNS for w in name_lows) or _news_kind(name_lows):
                kind = _org_kind(lows_all)
            elif name_lows[0] in PLACE_PREFIXES or len(name_toks) > 4:
                kind = "unknown"  # "North Korea", "United States": places, not people
            else:
                kind = "person"
        if role and _news_kind([w.base for w in role_words]) and not has_title:
            kind = _news_kind([w.base for w in role_words]) or kind
        return Mention(
            start, end, raw, "name", name, kind, role, affiliation, gender, single, honorific
        )
    if (
        tail
        and len(before) >= 2
        and before[-1].low in ("of", "in", "from", "at", "on", "for", "near")
    ):
        # "Residents of Rostov", "a spokesman for the Pentagon": a description, not a name.
        desc_head = before[-2].base
        kind = "unnamed" if desc_head in UNNAMED_NOUNS or desc_head in ROLE_NOUNS else "unknown"
        if desc_head in ORG_NOUNS:
            kind = _org_kind([desc_head])
        return Mention(
            start,
            end,
            raw,
            "unnamed" if kind == "unnamed" else "description",
            _join(core, text),
            kind,
        )
    if tail and before and not head.possessive:
        # "the Interfax news agency" / "Russian state news agency RIA": a name with a
        # descriptor. Which part is the name depends on the order.
        name = _join([w for w in tail], text)
        kind = (
            _org_kind(before_lows)
            if any(w in _ORG_OR_NEWS_WORDS for w in before_lows)
            else "organisation"
        )
        return Mention(
            start, end, raw, "name", name, kind, _join(before, text), None, None, len(tail) == 1
        )
    if (
        head.base in ORG_NOUNS
        or head.base in ROLE_NOUNS
        or head.base in UNNAMED_NOUNS
        or head.base in SOURCE_NOUNS
    ):
        caps = [w for w in core if w.cap and w.base not in STOPWORDS and w.base not in NP_MODIFIERS]
        det = words[0].low if words[0].low in ("the", "a", "an") else None
        org_news = _news_kind(lows)
        if caps:
            # "the Interfax news agency", "Ukraine's military", "the Clinton campaign".
            first_cap = core.index(caps[0])
            if org_news and first_cap < len(core) - 1 and not core[first_cap].possessive:
                name_part = [w for w in core[first_cap:] if w.cap]
                if name_part and name_part[-1] is not core[-1]:
                    return Mention(
                        start,
                        end,
                        raw,
                        "name",
                        _join(name_part, text),
                        org_news,
                        _join(core, text),
                        None,
                    )
            kind = (
                _org_kind(lows)
                if head.base in ORG_NOUNS
                else ("unnamed" if head.base in UNNAMED_NOUNS else "unknown")
            )
            if head.base in ROLE_NOUNS and head.base not in UNNAMED_NOUNS:
                kind = "unknown"
            return Mention(start, end, raw, "description", _join(core, text), kind)
        if det == "the" and head.base not in _UNNAMED_OR_SOURCE_NOUNS and len(core) <= 3:
            # "the ministry", "the governor": refers back to an actor named earlier.
            return Mention(
                start,
                end,
                raw,
                "definite",
                "the " + _join(core, text),
                _org_kind(lows) if head.base in ORG_NOUNS else "unknown",
            )
        if head.base in UNNAMED_NOUNS or det in ("a", "an") or head.base in ROLE_NOUNS:
            return Mention(start, end, raw, "unnamed", _unnamed_name(words, text), "unnamed")
        return Mention(
            start,
            end,
            raw,
            "description",
            _join(core, text),
            _org_kind(lows) if head.base in ORG_NOUNS else "unknown",
        )
    return Mention(start, end, raw, "description", _join(core, text))


def _proper_org(core: list[Token]) -> bool:
    """A capitalised organisation name: every word capitalised (or "of"/"and"), one of them an
    organisation noun, none a title."""
    has_org = False
    for w in core:
        if w.low in ("of", "and", "for", "&", "on"):
            continue
        if not (w.word and w.cap) or w.possessive:
            return False
        if w.base in TITLE_WORDS and w.base not in ORG_NOUNS:
            return False
        if w.base in ORG_NOUNS:
            has_org = True
    return has_org


def _unnamed_name(words: list[Token], text: str) -> str:
    name = _join(words, text)
    if words and words[0].low == "the":
        name = "the" + name[3:]
    elif words and words[0].cap and words[0].low not in ("the",):
        name = name[0].lower() + name[1:] if words[0].base in _HEADS_OR_MODIFIERS else name
    return name


_NOT_AFFILIATION = frozenset(
    {
        "former",
        "interim",
        "acting",
        "then",
        "longtime",
        "retired",
        "veteran",
        "outgoing",
        "incoming",
        "current",
        "senior",
        "top",
        "chief",
        "deputy",
        "new",
        "the",
        "a",
        "an",
    }
)


def _is_nationality(low: str) -> bool:
    return low.endswith(("ian", "ean", "ese", "ish", "an", "ch", "i")) or "-" in low


def _single_kind(tok: Token) -> str:
    t = tok.text
    if t.isupper() and len(t) >= 2:
        return "organisation"
    return "unknown"
