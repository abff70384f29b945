"""Attribution rules: where in a sentence the speaker, the cue and the reported content are.

Each rule looks at one reporting cue (a verb such as "said", a participle such as "adding", or
"according to") and decides, from the words around it, which phrase is the speaker and on which
side of the cue the content lies:

==================  ===========================================================  =============
rule                shape                                                        content
==================  ===========================================================  =============
``direct``          X said (that) C / X said: "C"                                after the cue
``indirect``        C, X said.  /  "C," X said.                                  before
``inverted``        C, said X.  /  "C," said X, the governor.                    before
``interjected``     C1, X said, C2.                                              whole
``according_to``    According to X, C.  /  C, according to X.                    after/before
``participle``      ..., adding (that) C                                         after
``coordinated``     X did something and warned (that) C                          after
``citing``          C, X reported, citing Y.  (speaker Y, via X)                 before
``quoted_as``       X quoted Y as saying C  (speaker Y, via X)                   after
``noun``            X's claim that C / his warning that C                        after
==================  ===========================================================  =============

Only the positions are decided here; the speaker phrase is resolved to an actor afterwards by
:mod:`provenance.extract.speakers`, in text order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from provenance.extract.lexicon import (
    ABBREVIATIONS,
    APPOSITIVE_OPENERS,
    AUX_ADVERBS,
    CLAIM_NOUNS,
    CLAUSE_OPENERS,
    COUNT_WORDS,
    FINDING_BODIES,
    FINITE_CUES,
    HEADLINE_LEMMAS,
    LEADING_PREPOSITIONS,
    MEDIUM_NOUNS,
    MONTHS,
    NEEDS_OBJECT_CLAUSE,
    NEGATIONS,
    NOT_PARTICIPLES,
    NOUN_LIKE_FORMS,
    ORG_NOUNS,
    PARTICIPLE_CUES,
    PLATFORMS,
    PP_ADJECTIVES,
    PRONOUNS,
    ROLE_NOUNS,
    SOURCE_NOUNS,
    SOURCE_ONLY_LEMMAS,
    STATES_COMPOUNDS,
    STOPWORDS,
    UNNAMED_NOUNS,
    VERBISH,
    WEEKDAYS,
)
from provenance.extract.lexicon import (
    NP_MODIFIERS as NP_MODIFIERS_SET,
)
from provenance.extract.phrases import (
    HEAD_NOUNS,
    ORG_PLURALS,
    Mention,
    adjective_like,
    is_head,
    parse_mention,
    pronoun_of,
    scan_left,
    scan_right,
)
from provenance.extract.text import SENTENCE_END, Sentence, Token

PUNCT_BOUNDARY = frozenset({",", ";", ":", "—", "–", "-", "(", ")"})
_PASSIVE = frozenset({"is", "was", "were", "are", "be", "been", "being"})
_ADVERB_AFTER = frozenset(
    {
        "also",
        "later",
        "earlier",
        "repeatedly",
        "again",
        "previously",
        "publicly",
        "privately",
        "recently",
        "separately",
        "then",
        "further",
        "too",
        "afterwards",
        "afterward",
        "today",
        "yesterday",
        "tonight",
        "overnight",
        "once",
        "twice",
        "out",
        "flatly",
        "bluntly",
        "simply",
        "openly",
        "directly",
        "frankly",
        "matter-of-factly",
        "firmly",
        "confidently",
    }
)
_PREPS_AFTER = frozenset(
    {
        "on",
        "in",
        "at",
        "during",
        "via",
        "through",
        "to",
        "over",
        "from",
        "after",
        "before",
        "of",
        "about",
    }
)
_TIME_NOUNS = frozenset(
    {
        "morning",
        "afternoon",
        "evening",
        "night",
        "week",
        "weekend",
        "month",
        "year",
        "day",
        "days",
        "weeks",
        "months",
        "years",
        "time",
        "times",
        "point",
        "hours",
        "minutes",
    }
)
_MOD_TIME = frozenset({"early", "late", "earlier", "later", "last", "this", "next"})
# Unions the rules test against, built once (inline, each test rebuilt the set on every call).
_WEEKDAYS_OR_MOD_TIME = WEEKDAYS | _MOD_TIME
_WEEKDAYS_OR_MONTHS = WEEKDAYS | MONTHS
_SUBJECT_NOUNS = ROLE_NOUNS | ORG_NOUNS | ORG_PLURALS
_RELAY_PARTICIPLES = frozenset({"citing", "quoting"})
_OBJECT_PREPOSITIONS = frozenset(
    [
        "of",
        "by",
        "to",
        "for",
        "with",
        "from",
        "about",
        "than",
        "like",
        "on",
        "at",
        "in",
        "into",
        "against",
        "between",
        "among",
    ]
)
_SUBJECT_STOPS = frozenset(
    {
        "while",
        "although",
        "though",
        "because",
        "if",
        "when",
        "that",
        "and",
        "but",
        "as",
        "since",
        "whereas",
        "yet",
        "however",
    }
)
_OBJECT_PRONOUNS = frozenset({"me", "him", "her", "us", "them", "you"})
_COUNT_OR_OBJECT_WORDS = COUNT_WORDS | _OBJECT_PRONOUNS
_PARTICIPLE_PREPS = frozenset(
    {"by", "from", "for", "while", "after", "before", "without", "when", "of", "in"}
)
_LEFT_OPENERS = frozenset(
    {
        "as",
        "while",
        "when",
        "after",
        "before",
        "because",
        "since",
        "although",
        "though",
        "but",
        "and",
        "adding",
        "who",
        "which",
        "where",
        "amid",
        "despite",
    }
)
_AS_QUANTITY = frozenset({"many", "much", "few", "little", "well", "soon", "long", "high", "low"})


@dataclass
class Attribution:
    """One reporting cue with its speaker phrase and content position (token indices)."""

    sentence: Sentence
    cue_lo: int
    cue_hi: int
    lemma: str
    rule: str
    side: str
    """``right`` (content after the cue), ``left`` (before) or ``whole`` (around it)."""
    region_lo: int
    region_hi: int
    """Tokens of the attribution itself (speaker, cue, relays, adverbials)."""
    mention: Mention | None = None
    inherit: bool = False
    """The speaker is the one of the previous attribution in the sentence (participles)."""
    subject_fallback: bool = False
    via: list[Mention] = field(default_factory=list)
    relay_note: str = ""
    content_lo: int = -1
    content_hi: int = -1
    right_start: int = -1
    """First token after the cue and its adverbials (where right-hand content begins)."""
    relative: bool = False
    """The speaker is the antecedent of "who" ("Ann Clark, who said ..."): what precedes the
    attribution is not its content."""


def _cue_text(att: Attribution) -> str:
    toks = att.sentence.tokens
    return " ".join(t.text for t in toks[att.cue_lo : att.cue_hi])


def cue_text(att: Attribution) -> str:
    """The reporting word(s) as written ("said", "according to", "pointed out")."""
    return _cue_text(att)


def _is_sentence_end(toks: list[Token], p: int) -> bool:
    n = len(toks)
    while p < n and (toks[p].quote == 3 or toks[p].text in ")]"):
        p += 1
    return (
        p >= n
        or (toks[p].text in SENTENCE_END and p == n - 1)
        or (toks[p].text in SENTENCE_END and _only_closers(toks, p + 1))
    )


def _only_closers(toks: list[Token], p: int) -> bool:
    """Are the tokens from ``p`` to the end only closing quotes and brackets? (Bounded: a
    sentence never ends with more than a few of them.)"""
    n = len(toks)
    if n - p > 4:
        return False
    return all(toks[k].quote == 3 or toks[k].text in ")]" for k in range(p, n))


def skip_adverbials(toks: list[Token], p: int, hi: int) -> int:
    """Index after the adverbials that follow a cue ("on Friday", "in a statement", "on the
    Telegram messaging app", "to reporters", "early on Friday"), bounded look-ahead."""
    for _ in range(6):
        if p >= hi:
            return p
        tok = toks[p]
        low = tok.low
        if tok.quote != 0:
            return p
        if (
            low in _ADVERB_AFTER
            or low in WEEKDAYS
            or (
                low.endswith("ly")
                and not tok.cap
                and low not in ("only", "early", "family", "july", "italy", "ally")
                and (
                    p + 1 >= hi
                    or toks[p + 1].text in (",", ".", ";")
                    or toks[p + 1].low == "that"
                    or toks[p + 1].quote == 2
                )
            )
        ):
            p += 1
            continue
        if (
            low in _MOD_TIME
            and p + 1 < hi
            and (
                toks[p + 1].low in WEEKDAYS
                or toks[p + 1].low in _TIME_NOUNS
                or toks[p + 1].low in ("on", "in")
            )
        ):
            p += 1
            continue
        if (
            low in _TIME_NOUNS
            and p > 0
            and (toks[p - 1].low in WEEKDAYS or toks[p - 1].low in _MOD_TIME)
        ):
            p += 1
            continue
        if low in _PREPS_AFTER:
            q = _prep_phrase_end(toks, p, hi)
            if q > p:
                p = q
                continue
        return p
    return p


def _prep_phrase_end(toks: list[Token], p: int, hi: int) -> int:
    """End of a prepositional adverbial naming a time, medium or audience, else ``p``."""
    q = p + 1
    limit = min(hi, p + 8)
    found = -1
    while q < limit:
        t = toks[q]
        if (
            t.quote != 0
            or t.text in (",", ".", ";", ":")
            or t.low in ("that", "and", "but", "if", "whether")
        ):
            break
        if (
            t.low in WEEKDAYS
            or (t.low in MONTHS and t.cap)
            or t.low in MEDIUM_NOUNS
            or (t.low in PLATFORMS and t.cap)
            or t.low in _TIME_NOUNS
            or (t.text.isdigit() and found == q)
        ):
            found = q + 1
        elif found > 0 and not (t.cap or t.low in ("app", "messaging", "account", "channel")):
            break
        q += 1
    if found > 0:
        # "in a recent interview in Honolulu": a place right after the medium belongs to it.
        if found + 1 < hi and toks[found].low in ("in", "at", "with") and toks[found + 1].cap:
            k = found + 1
            while k < hi and toks[k].cap and toks[k].quote == 0:
                k += 1
            return k
        return found
    # "said of Mrs. Clinton's plan,", "said in Brussels.", "said on CNN.": a short phrase closed by
    # a comma or the end of the sentence.
    q = p + 1
    while (
        q < hi
        and q <= p + 10
        and toks[q].quote == 0
        and toks[q].text not in (",", ";", ":")
        and not (
            toks[q].text in SENTENCE_END
            and not (toks[q - 1].end == toks[q].start and toks[q - 1].low in ABBREVIATIONS)
        )
        and toks[q].low not in ("that", "and", "but", "if", "whether")
        and toks[q].low not in FINITE_CUES
    ):
        if toks[p].low not in ("of", "about") and not (
            toks[q].cap or toks[q].low in ("the", "a") or toks[q].possessive or toks[q].text == "."
        ):
            break
        q += 1
    if q > p + 1 and (q >= hi or toks[q].text in (",", ";") or _is_sentence_end(toks, q)):
        return q
    if toks[p].low == "to" and p + 1 < hi:
        # "told reporters" is handled elsewhere; "said to reporters" / "said to CNN".
        nxt = toks[p + 1]
        if nxt.low in ("reporters", "journalists", "the"):
            end = scan_right(toks, p + 1, hi)
            if end > 0:
                return end
    return p


def _previous_significant(toks: list[Token], i: int, lo: int) -> tuple[int, bool]:
    """Index of the subject's last token before cue ``i``, skipping auxiliaries, adverbs and
    time words; and whether a negation was skipped."""
    j = i - 1
    negated = False
    steps = 0
    while j >= lo and steps < 8:
        t = toks[j]
        if t.quote != 0:
            break
        if t.low in NEGATIONS or t.low == "n't":
            negated = True
        elif (
            (t.low in AUX_ADVERBS and t.low not in ("himself", "herself", "itself", "themselves"))
            or t.low in WEEKDAYS
            or (t.low in _TIME_NOUNS and j > lo and toks[j - 1].low in _WEEKDAYS_OR_MOD_TIME)
            or (t.low in ("on", "in") and j + 1 < i and toks[j + 1].low in _WEEKDAYS_OR_MONTHS)
            or (
                t.low in MONTHS
                and t.cap
                and j + 1 <= i
                and j > lo
                and toks[j - 1].low in ("in", "on")
            )
            or (t.text.isdigit() and j > lo and toks[j - 1].low in MONTHS and toks[j - 1].cap)
            or (
                t.low in _MOD_TIME
                and j + 1 < i
                and (toks[j + 1].low in WEEKDAYS or toks[j + 1].low in _TIME_NOUNS)
            )
        ):
            pass
        else:
            break
        j -= 1
        steps += 1
    return j, negated


def _comma_subject(toks: list[Token], j: int, text: str) -> tuple[Mention, int] | None:
    """The subject of a cue preceded by a comma: "NAME, APPOSITIVE, said" or
    "DESCRIPTION, NAME, said". Returns the mention and the first token of the attribution."""
    commas: list[int] = []
    k = j - 1
    limit = max(0, j - 40)
    while k >= limit and len(commas) < 6:
        t = toks[k]
        if (
            t.text == "."
            and k > 0
            and toks[k - 1].end == t.start
            and (
                "." in toks[k - 1].text
                or (len(toks[k - 1].text) <= 3 and toks[k - 1].cap)
                or _PARTY_TAG.match(toks[k - 1].text)
            )
        ):
            k -= 1  # "U.S." "Ky." "Jr." "R-Ky.": an abbreviation, not a sentence end
            continue
        if t.quote != 0 or t.text in (";", ":") or t.text in SENTENCE_END:
            break
        if t.text == ",":
            commas.append(k)
        k -= 1
    if not commas:
        return None
    c1 = commas[0]
    # "The state's campaign chairman, Phil Lovas, said": the name between the commas.
    if c1 + 1 < j and is_head(toks[j - 1]) and toks[j - 1].low not in PRONOUNS:
        s = scan_left(toks, j - 1, c1 + 1)
        pure_name = all(
            (t.cap and t.word and t.base not in STOPWORDS) or t.text == "."
            for t in toks[c1 + 1 : j]
        )
        if s == c1 + 1 and pure_name and c1 >= 1 and toks[c1 - 1].word:
            m = parse_mention(toks, s, j, text)
            d = scan_left(toks, c1 - 1, 0) if is_head(toks[c1 - 1]) else -1
            if d < 0:
                d = _generic_subject(toks, c1 - 1, require_boundary=False)
            if d < 0 or not _left_boundary_ok(toks, d):
                # "A lawyer for the tenants, Mark Bell, said": a description with its object.
                d = _pp_subject(toks, c1 - 1)
            if m.form == "name" and not m.single and d >= 0 and _left_boundary_ok(toks, d):
                if m.role is None:
                    m.role = _role_text(text[toks[d].start : toks[c1 - 1].end])
                return m, d
    found: tuple[Mention, int] | None = None
    for c in commas:
        head = c - 1
        if head > 0 and toks[head].text == ")":
            # "Rep. Ann Rowe (R-Ohio), a panel member, said": the tag belongs to the name.
            q = head - 1
            while q > 0 and q >= head - 8 and toks[q].text != "(" and toks[q].quote == 0:
                q -= 1
            if toks[q].text == "(" and q > 0:
                head = q - 1
        if head < 0 or not is_head(toks[head]) or toks[head].low in PRONOUNS:
            continue
        s = scan_left(toks, head, 0)
        if s < 0 or not _left_boundary_ok(toks, s):
            s = _pp_subject(toks, head)  # "Officials at the harbour office, a division ..."
            if s < 0:
                continue
        if not any(t.cap and t.word for t in toks[s : head + 1]) and toks[head].base not in (
            UNNAMED_NOUNS
        ):
            continue
        m = parse_mention(toks, s, c, text)
        first = toks[c + 1]
        if m.form != "name" and not (
            (
                m.form in ("unnamed", "definite")
                or (m.form == "description" and toks[head].base in HEAD_NOUNS)
            )
            and (first.low in APPOSITIVE_OPENERS or first.low in LEADING_PREPOSITIONS)
        ):
            continue  # "Officials at the port, a division of ..., said" is a speaker too
        if (
            first.cap
            and first.word
            and first.base not in ROLE_NOUNS
            and not first.possessive
            and first.low not in APPOSITIVE_OPENERS
            and not _PARTY_TAG.match(first.text)
        ):
            continue  # "Kursk, Belgorod and ...": a list, not an appositive
        seg_end = commas[commas.index(c) - 1] if commas.index(c) > 0 else j
        if m.role is None and first.low not in ("who", "which", "whose") and seg_end > c + 1:
            m.role = _role_text(text[first.start : toks[seg_end - 1].end])
        if found is None:
            found = (m, s)
        if s == 0 or toks[s - 1].text != ",":
            # The phrase opens the clause: what stood between it and the verb was appositive
            # ("Ann Clark, 59, of Eastbay, Ohio, who ..., said": not "Ohio").
            return m, s
    return found


def _left_boundary_ok(toks: list[Token], s: int) -> bool:
    """Is the token before a subject phrase something a clause can start after?"""
    if s == 0:
        return True
    prev = toks[s - 1]
    if prev.quote == 3 or prev.quote == 2:
        return True
    if prev.text in PUNCT_BOUNDARY or prev.text in SENTENCE_END:
        return True
    if prev.low in CLAUSE_OPENERS or prev.low in ("that", "so", "now", "also", "then"):
        return True
    # A preposition before the phrase makes it an object ("a report by the Post said").
    return prev.low in STOPWORDS and prev.low not in _OBJECT_PREPOSITIONS


def _sentence_subject(toks: list[Token], text: str, upto: int) -> Mention | None:
    """The phrase at the start of the sentence, when it is a name or pronoun subject."""
    p = 0
    if toks and toks[0].low in LEADING_PREPOSITIONS:
        # "In 2019, the court halted the sale, citing ...": the subject follows the opener.
        for q in range(1, min(upto, 16)):
            if toks[q].quote != 0 or toks[q].text in (";", ":"):
                break
            if toks[q].text == ",":
                p = q + 1
                break
    if toks and len(toks[0].text) >= 2 and toks[0].text.isupper() and toks[0].text.isalpha():
        # "THE DAM — Engineers say ...": skip a heading in capitals.
        q = 0
        while q < upto and q < 12 and toks[q].text not in ("—", ":", "–"):
            q += 1
        if q < upto and toks[q].text in ("—", ":", "–"):
            p = q + 1
    while p < upto and (
        toks[p].low in ("but", "and", "so", "yet", "still", "even", "also", "then", "now")
        or toks[p].low in ("meanwhile", "however", "instead", "later", "separately")
        or toks[p].text in (",", "—")
    ):
        p += 1
    if p >= upto:
        return None
    end = scan_right(toks, p, upto)
    if end <= p:
        return None
    m = parse_mention(toks, p, end, text)
    if m.form in ("pronoun", "name", "definite") or m.kind == "unnamed":
        return m
    if m.form == "description" and (
        toks[end - 1].base in _SUBJECT_NOUNS or any(t.low == "and" for t in toks[p:end])
    ):
        return m
    return None


_NOUN_DETERMINERS = frozenset(
    {"many", "some", "these", "those", "several", "such", "no", "any", "its", "his", "her"}
    | {"their", "our", "other", "few", "all", "both", "most"}
)


def _is_name_like(tok: Token) -> bool:
    return tok.cap and tok.word and tok.quote == 0 and tok.base not in STOPWORDS


def _is_verb_use(toks: list[Token], i: int) -> bool:
    """Rule out noun uses of ambiguous forms ("no reports of casualties")."""
    tok = toks[i]
    if tok.low not in NOUN_LIKE_FORMS:
        return True
    if i == 0:
        return False
    prev = toks[i - 1]
    if (
        prev.low in _GROUP_PRONOUNS
        and i + 1 < len(toks)
        and toks[i + 1].low == "that"
        and _left_boundary_ok(toks, i - 1)
    ):
        return True  # "But some note that ...": a group as subject, not "some notes"
    if prev.low in (
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "no",
        "any",
        "these",
        "those",
        "such",
        "some",
        "many",
        "several",
        "of",
        "for",
        "with",
        "new",
        "unconfirmed",
        "earlier",
        "immediate",
        "initial",
        "similar",
        "other",
        "media",
    ) and not (
        prev.low == "media" and i >= 2 and toks[i - 2].low in ("the", "local", "state", "social")
    ):
        return False
    if tok.low == "calls" and i + 1 < len(toks) and toks[i + 1].low in ("for", "on"):
        pass  # "the mayor calls for calm": the verb, after a subject
    elif i + 1 < len(toks) and (
        toks[i + 1].low
        in (
            "of",
            "about",
            "by",
            "from",
            "were",
            "was",
            "are",
            "is",
            "have",
            "had",
            "suggest",
            "into",
            "for",
        )
        or toks[i + 1].low in FINITE_CUES
    ):
        return False
    k = i - 1
    while k > 0 and i - k <= 3:
        if toks[k].low in _NOUN_DETERMINERS:
            return False  # "so many rival claims", "their own reports"
        if not (toks[k].cap or toks[k].base in NP_MODIFIERS_SET):
            break
        k -= 1
    if prev.text[0].isdigit() or prev.low.split("-")[-1] in _NUMBER_WORDS:
        return False  # "Twenty-seven states", "20 reports
    if prev.possessive:
        return False  # "Editor's note", "the ministry's report"
    if tok.low == "states" and prev.low in STATES_COMPOUNDS:
        return False  # "member states", "island states"
    return is_head(prev) or prev.low in AUX_ADVERBS or prev.low in WEEKDAYS or prev.text == ","


def find_attributions(sent: Sentence, text: str) -> list[Attribution]:
    """All attributions of one sentence, in cue order (speakers not yet resolved)."""
    toks = sent.tokens
    n = len(toks)
    out: list[Attribution] = []
    i = 0
    while i < n:
        tok = toks[i]
        att: Attribution | None = None
        if tok.quote == 0 and tok.word:
            low = tok.low
            if low == "according" and i + 1 < n and toks[i + 1].low == "to":
                att = _according_to(sent, text, i)
            elif low == "per" and i > 0 and toks[i - 1].text == ",":
                att = _according_to(sent, text, i, width=1)
            elif (
                low in CLAIM_NOUNS
                and i + 1 < n
                and toks[i + 1].low == "that"
                and toks[i + 1].quote == 0
                and not tok.cap
                and _noun_claim(sent, text, i) is not None
            ):
                att = _noun_claim(sent, text, i)  # "the mayor's claim that C"
            elif tok.cap:
                # "States", "Post", "Reports": capitalised forms are names, not cues; except
                # the verb of a headline in title case ("Dam Is Safe, Engineers Say").
                if (
                    low in FINITE_CUES
                    and FINITE_CUES[low] in HEADLINE_LEMMAS
                    and i > 0
                    and toks[i - 1].low not in _MODALS
                    and _title_case(toks)
                ):
                    att = _finite(sent, text, i, previous=out)
            elif (
                low in _RELAY_PARTICIPLES
                and i > 0
                and toks[i - 1].text == ","
                and (not out or (out[-1].rule != "citing" and out[-1].region_hi <= i))
            ):
                # "X said C, citing rising costs": the grounds X gave, X's claim.
                att = _participle(sent, text, i, out)
            elif low in PARTICIPLE_CUES and low not in _RELAY_PARTICIPLES:
                if _after_be(toks, i):
                    # "X is saying that C"
                    att = _finite(sent, text, i, progressive=True, previous=out)
                else:
                    att = _participle(sent, text, i, out)
            elif low in FINITE_CUES:
                att = _finite(sent, text, i, previous=out)
        if att is not None and att.relative and att.side != "right":
            # "..., Ann Clark, who joked, 'C'": only what follows is hers.
            if att.side == "whole" and att.right_start > att.region_hi - 1:
                att.side = "right"
                att.rule = "direct"
                att.region_hi = att.right_start
            else:
                att = None
        if att is not None:
            out.append(att)
            i = max(att.cue_hi, i + 1)
            continue
        i += 1
    return out


def _according_to(sent: Sentence, text: str, i: int, width: int = 2) -> Attribution | None:
    toks = sent.tokens
    n = len(toks)
    p = i + width
    end = scan_right(toks, p, n)
    if end < 0:
        return None
    # "according to a statement from the ministry": the speaker is the ministry.
    if (
        toks[end - 1].base in SOURCE_NOUNS
        and end + 1 < n
        and toks[end].low in ("from", "by", "of", "released", "issued")
    ):
        q = end + 1
        if toks[end].low in ("released", "issued") and q < n and toks[q].low == "by":
            q += 1
        end2 = scan_right(toks, q, n)
        if end2 > 0:
            p, end = q, end2
    lead = i
    while lead > 0 and toks[lead - 1].text in (",", "—", "("):
        lead -= 1
    opening = lead <= 6 and all(t.low in STOPWORDS or t.text == "," for t in toks[:lead])
    if opening and end < n and toks[end].text != "," and toks[end].low != "via":
        # "According to court filings reviewed by reporters, C": the source is the whole
        # phrase up to the comma that opens the statement.
        for q in range(end, min(n, p + 30)):
            if toks[q].quote != 0 or toks[q].text in (";", ":") or toks[q].text in SENTENCE_END:
                break
            if toks[q].text == ",":
                end = q
                break
    mention = parse_mention(toks, p, end, text)
    region_hi = end
    via: list[Mention] = []
    if region_hi + 1 < n and toks[region_hi].low == "via":
        vend = scan_right(toks, region_hi + 1, n)
        if vend > 0:
            via.append(parse_mention(toks, region_hi + 1, vend, text))
            region_hi = vend
    starts_sentence = opening
    # An appositive after the speaker (", the city's mayor,") belongs to the attribution; when
    # the content follows, only a short one closed by a comma.
    after = _skip_trailing_appositive(toks, region_hi, n)
    if not starts_sentence or (after < n and toks[after].text == "," and after - region_hi <= 10):
        region_hi = after
    side = "right" if starts_sentence else "left"
    att = Attribution(
        sent, i, i + width, "according to", "according_to", side, lead, region_hi, mention, via=via
    )
    att.right_start = region_hi
    return att


def _skip_trailing_appositive(toks: list[Token], p: int, n: int) -> int:
    """After a speaker phrase: ", the director of X," up to the next comma or sentence end."""
    if (
        p < n
        and toks[p].text == ","
        and p + 1 < n
        and (toks[p + 1].low in APPOSITIVE_OPENERS or toks[p + 1].possessive)
    ):
        q = p + 1
        limit = min(n, p + 40)
        while (
            q < limit
            and toks[q].text != ","
            and toks[q].quote == 0
            and not (toks[q].text in SENTENCE_END and q == n - 1)
        ):
            q += 1
        if q == limit and q < n:
            return p
        if q >= n or toks[q].text == "," or _is_sentence_end(toks, q):
            return q
    return p


def _participle(
    sent: Sentence, text: str, i: int, previous: list[Attribution]
) -> Attribution | None:
    toks = sent.tokens
    n = len(toks)
    if i == 0 or (
        toks[i - 1].text not in (",", "—", "and", ";") and toks[i - 1].low not in _PARTICIPLE_PREPS
    ):
        # A sentence-initial "Writing on Telegram, ..." is a setting, not a cue.
        return None
    p = i + 1
    if toks[i].low == "pointing":
        if p < n and toks[p].low == "out":
            p += 1
        else:
            return None
    if toks[i].low == "telling" and p < n:
        end = scan_right(toks, p, n)
        if end > p:
            p = end
    p = skip_adverbials(toks, p, n)
    if (p < n and toks[p].low == "that") or (p < n and toks[p].text == ":"):
        p += 1
    if _is_sentence_end(toks, p):
        return None
    lemma = PARTICIPLE_CUES.get(toks[i].low, "cite" if toks[i].low == "citing" else "quote")
    att = Attribution(sent, i, i + 1, lemma, "participle", "right", i - 1, p)
    att.right_start = p
    if previous:
        att.inherit = True
    else:
        subj = _sentence_subject(toks, text, i)
        if subj is None:
            return None
        att.mention = subj
        att.subject_fallback = True
    return att


def _title_case(toks: list[Token]) -> bool:
    """Is the sentence a headline in title case (nearly every longer word capitalised)?"""
    if len(toks) > 40:
        return False  # (checked first: the test must stay cheap in a run-on "sentence")
    long_words = [t for t in toks if t.word and len(t.text) > 3 and t.quote == 0]
    if len(long_words) < 4:
        return False
    caps = sum(1 for t in long_words if t.cap)
    return caps >= 0.8 * len(long_words)


_AUX_AFTER_THAT = frozenset(
    {"is", "are", "was", "were", "has", "had", "will", "would", "can", "could", "may", "might"}
    | {"must", "should", "did", "does"}
)
_MODALS = frozenset(
    {"will", "would", "can", "could", "may", "might", "must", "should", "to", "did", "does"}
)
_NOT_INVERTED = frozenset(
    {"call", "tell", "accuse", "charge", "urge", "cite", "quote", "describe", "show", "find"}
    | {"indicate", "fear", "worry", "believe", "promise", "pledge", "vow", "mention", "deny"}
    | {"disclose", "reveal", "estimate"}
)
"""Verbs that take an object: "C, VERB X" never puts the speaker X after them."""
_GROUP_PRONOUNS = frozenset({"some", "many", "others", "most", "few", "several", "both"})
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}


def _noun_claim(sent: Sentence, text: str, i: int) -> Attribution | None:
    """ "Clark's claim that C", "his earlier warning that C": the possessor is the speaker."""
    toks = sent.tokens
    k = i - 1
    if (
        k >= 1
        and not toks[k].possessive
        and toks[k].low not in _POSSESSIVE_PRONOUNS
        and (
            adjective_like(toks[k])
            or toks[k].low.endswith("ed")
            or toks[k].low in ("earlier", "latest", "previous", "recent", "own", "new", "first")
        )
    ):
        k -= 1  # "his earlier claim", "the ministry's repeated denial"
    if k < 0 or toks[k].quote != 0:
        return None
    low = toks[k].low
    mention: Mention
    if low in _POSSESSIVE_PRONOUNS:
        pron = _POSSESSIVE_PRONOUNS[low]
        mention = Mention(k, k + 1, toks[k].text, "pronoun", pron)
        start = k
    elif toks[k].possessive and (toks[k].cap or toks[k].base in HEAD_NOUNS):
        s = scan_left(toks, k, 0)
        if s < 0:
            return None
        cut = 2 if toks[k].low.endswith("'s") else 1
        last = toks[k]
        bare = Token(
            last.text[:-cut], last.start, last.end - cut, last.base, last.cap, last.word, 0
        )
        mention = parse_mention([*toks[s:k], bare], 0, k - s + 1, text)
        mention.start, mention.end = s, k + 1
        start = s
    else:
        return None
    att = Attribution(
        sent, i, i + 1, CLAIM_NOUNS[toks[i].low], "noun", "right", start, i + 2, mention
    )
    att.right_start = i + 2
    return att


def _after_be(toks: list[Token], i: int) -> bool:
    """Does a form of "be" (and at most one adverb) stand before token ``i``? ("is saying",
    "was also warning")"""
    k = i - 1
    if k >= 0 and toks[k].low in AUX_ADVERBS and toks[k].low not in _PASSIVE_OR_HAVE:
        k -= 1
    return k > 0 and toks[k].low in ("is", "are", "was", "were", "'s", "'re") and toks[k].quote == 0


_HAVE = frozenset({"has", "have", "had"})
_PASSIVE_OR_HAVE = _PASSIVE | _HAVE
_OPENING_PARTICIPLES = frozenset(
    {"asked", "pressed", "questioned", "speaking", "responding", "writing", "talking"}
    | {"interviewed", "reached", "contacted", "challenged", "appearing", "testifying"}
)
"""Participles opening a sentence ("Asked about X, she said, ..."): not part of the content."""
_PARTY_TAG = re.compile(r"^[RDI]-[A-Z]")
"""A party-and-state tag after a name ("R-Ky.", "D-Calif.")."""
_CIRCUMSTANCE_WORDS = frozenset(
    {"at", "in", "on", "during", "after", "before", "while", "when", "as", "from", "with"}
    | {"since", "following", "amid", "outside", "inside", "near", "via"}
)
_TEMPORAL_PREPOSITIONS = frozenset({"after", "before", "during", "since", "following"})
_CONTINUING_OPENERS = frozenset({"because", "until", "unless", "although", "though", "if"})


def _after_opening_phrase(toks: list[Token], s: int) -> bool:
    """Does the subject at ``s`` follow a short opening prepositional phrase without a comma
    ("In an interview Clark declared ...", "In the meeting officials said ...")?"""
    if not (0 < s <= 10) or toks[0].low not in LEADING_PREPOSITIONS:
        return False
    first = toks[s + 1] if toks[s].low in ("the", "a", "an") and s + 1 < len(toks) else toks[s]
    if pronoun_of(first) is not None or first.low in STOPWORDS or first.quote != 0:
        return False
    if not (first.cap or first.base in HEAD_NOUNS):
        return False
    return all(
        t.word
        and t.quote == 0
        and (t.low not in FINITE_CUES or t.low in NOUN_LIKE_FORMS)
        and t.low not in VERBISH
        for t in toks[:s]
    )


def _after_circumstance(toks: list[Token], region_lo: int) -> bool:
    """Does a circumstantial clause end right before the speaker ("..., and when pressed on
    why, the official replied, '...'")? Then what precedes is not part of the statement."""
    if region_lo < 2 or toks[region_lo - 1].text != ",":
        return False
    for k in range(region_lo - 2, max(-1, region_lo - 26), -1):
        t = toks[k]
        if t.quote != 0 or t.text in (";", ":"):
            return False
        if t.text == "," or k == 0:
            first = toks[k + 1] if t.text == "," else t
            q = k + 1 if t.text == "," else k
            if first.low == "and" and q + 1 < region_lo:
                first = toks[q + 1]
            return first.low in _CIRCUMSTANCE_OPENERS
    return False


_CIRCUMSTANCE_OPENERS = frozenset(
    {"when", "while", "after", "before", "as", "once", "asked", "pressed", "questioned"}
)


def _quote_resumes(toks: list[Token], p: int) -> int:
    """Index of a quotation that resumes after a short aside starting at ``p`` ("..., referring
    to the excuse, “C2”"), or -1."""
    for q in range(p, min(len(toks), p + 15)):
        t = toks[q]
        if t.quote == 2:
            return q if q > p and toks[q - 1].text == "," else -1
        if t.quote != 0 or t.text in (";", ":") or t.text in SENTENCE_END:
            return -1
    return -1


_TOLD_THINGS = frozenset({"truth", "lie", "lies", "story", "stories", "joke", "jokes", "time"})
_OBJECT_THEN_THAT = frozenset({"tell", "warn", "caution", "promise", "assure", "remind"})


def _finite(
    sent: Sentence,
    text: str,
    i: int,
    progressive: bool = False,
    previous: list[Attribution] | None = None,
) -> Attribution | None:
    toks = sent.tokens
    n = len(toks)
    tok = toks[i]
    lemma = PARTICIPLE_CUES[tok.low] if progressive else FINITE_CUES[tok.low]
    if not progressive and not _is_verb_use(toks, i):
        return None
    if not progressive and i > 0 and toks[i - 1].low in _PASSIVE:
        return None  # "was told", "is said to be": not a report by the subject
    if i > 0 and toks[i - 1].low in ("to",):
        return None  # "declined to say", "wants to announce"
    cue_hi = i + 1
    if lemma == "point":
        if cue_hi < n and toks[cue_hi].low == "out":
            cue_hi += 1
        else:
            return None
    j, negated = _previous_significant(toks, i, 0)
    if negated and lemma not in ("deny",):
        return None
    if not progressive and any(t.low in _PASSIVE for t in toks[j + 1 : i]):
        return None  # "was first declared by": a passive, the subject is not the speaker
    if j < 0:
        return None
    prev = toks[j]
    # Inversion: ", said X" / "” said X".
    if (prev.text in (",", ":", "—") or prev.quote == 3) and lemma not in _NOT_INVERTED:
        # ("..., told The Post.", "..., accused the mayor of ..." name the listener or the
        # target, never the speaker.)
        att = _inverted(sent, text, i, cue_hi, lemma, j)
        if att is not None:
            return att
    mention: Mention | None = None
    region_lo = -1
    rule = "direct"
    fallback = False
    relative = False
    inherit = False
    if prev.text == ",":
        found = _comma_subject(toks, j, text)
        if found is not None:
            mention, region_lo = found
    elif (
        prev.low in ("who", "that", "which")
        and j >= 1
        and is_head(toks[j - 1])
        and toks[j - 1].low not in PRONOUNS
    ):
        # "some economists who argue that ...", "turned to the police department, which
        # reported ...": the speaker is the relative's antecedent, wherever it stands.
        s = scan_left(toks, j - 1, 0)
        if s >= 0 and (_left_boundary_ok(toks, s) or prev.low == "which"):
            mention = parse_mention(toks, s, j, text)
            region_lo = s
            relative = True
    elif (
        prev.low in ("who", "which")
        and j >= 2
        and toks[j - 1].text == ","
        and is_head(toks[j - 2])
        and (_is_name_like(toks[j - 2]) or toks[j - 2].base in ORG_NOUNS)
    ):
        # "..., praising Ann Clark, who says she is grateful": the name before the comma.
        s = scan_left(toks, j - 2, 0)
        if s >= 0:
            mention = parse_mention(toks, s, j - 1, text)
            region_lo = j - 1
            relative = True
    elif prev.text == ")":
        q = j - 1
        while q >= 0 and q >= j - 8 and toks[q].text != "(" and toks[q].quote == 0:
            q -= 1
        if q > 0 and toks[q].text == "(" and is_head(toks[q - 1]):
            s = scan_left(toks, q - 1, 0)
            if s >= 0 and _left_boundary_ok(toks, s):
                mention = parse_mention(toks, s, j + 1, text)
                region_lo = s
    elif is_head(prev):
        s = scan_left(toks, j, 0)
        if s >= 0 and (_left_boundary_ok(toks, s) or _after_opening_phrase(toks, s)):
            mention = parse_mention(toks, s, j + 1, text)
            region_lo = s
    elif (
        prev.low in ("and", "but", "then")
        and lemma not in SOURCE_ONLY_LEMMAS
        and (tok.low.endswith(("ed", "s")) or tok.low in ("told", "said", "wrote"))
    ):
        before = previous[-1] if previous else None
        if (
            j >= 2
            and toks[j - 1].word
            and not toks[j - 1].cap
            and toks[j - 1].low.endswith(("ed", "s"))
            and pronoun_of(toks[j - 2]) in ("he", "she", "they", "i", "we", "it")
            and _left_boundary_ok(toks, j - 2)
        ):
            # "..., I laughed and said": the pronoun before the first verb is the subject.
            mention = parse_mention(toks, j - 2, j - 1, text)
            region_lo = j - 2
            rule = "coordinated"
        elif (
            before is not None
            and before.side == "right"
            and not before.relative
            and before.mention is not None
            and before.cue_hi <= j
        ):
            # "The town said C1 and warned C2": the subject of the first verb, however it was
            # found (an appositive, a relative, a leading phrase).
            mention = before.mention
            region_lo = j
            rule = "coordinated"
            fallback = True
            inherit = True
        else:
            subj = _sentence_subject(toks, text, j)
            if subj is not None:
                mention = subj
                region_lo = j
                rule = "coordinated"
                fallback = True
    elif prev.low in _GROUP_PRONOUNS and _left_boundary_ok(toks, j):
        # "But some note that ...": an unnamed group.
        mention = Mention(j, j + 1, prev.text, "unnamed", prev.low, "unnamed")
        region_lo = j
    elif prev.word and not prev.cap and prev.quote == 0:
        # "the ad's narrator says", "one slide says": a determiner and an unlisted noun.
        s = _generic_subject(toks, j)
        if s >= 0:
            mention = parse_mention(toks, s, j + 1, text)
            region_lo = s
    if mention is None and lemma not in SOURCE_ONLY_LEMMAS:
        s = _pp_subject(toks, j)
        if s >= 0:
            mention = parse_mention(toks, s, j + 1, text)
            region_lo = s
    if lemma in SOURCE_ONLY_LEMMAS or mention is None:
        # "A 2014 study by Harvard found", "The latest poll released Friday shows": a document
        # or data source heads the clause; the whole phrase names it.
        found_source = _source_subject(toks, j, text)
        if found_source is not None:
            mention, region_lo = found_source
            rule = "direct"
    if mention is None:
        return None
    head_low = toks[mention.end - 1].base if mention.end > 0 else ""
    if (
        lemma in SOURCE_ONLY_LEMMAS
        and head_low not in SOURCE_NOUNS
        and head_low not in ("media", "data")
        and head_low not in FINDING_BODIES
        and mention.kind not in ("news_outlet", "news_agency")
        and not any(t.base in SOURCE_NOUNS for t in toks[mention.start : mention.end])
    ):
        return None  # "he found a way": a person's finding is rarely a report
    if lemma in SOURCE_ONLY_LEMMAS and cue_hi < n and toks[cue_hi].low in ("up", "out"):
        return None  # "showed up", "found out"
    if (
        lemma in SOURCE_ONLY_LEMMAS
        and head_low in FINDING_BODIES
        and cue_hi < n
        and not (_clause_like(toks, cue_hi) or toks[cue_hi].low == "that")
    ):
        return None  # "the court found an interest": an object, not a finding
    if lemma == "call":
        return _called(sent, text, i, mention, region_lo)
    # What follows the cue decides on which side the content is.
    p = cue_hi
    via: list[Mention] = []
    if lemma == "tell" and p < n:
        if toks[p].low in _OBJECT_PRONOUNS:
            p += 1
        else:
            end = scan_right(toks, p, n)
            if end > p:
                obj = parse_mention(toks, p, end, text)
                if _is_news_name(obj):
                    via.append(obj)
                p = end
    if lemma == "say" and cue_hi < n and toks[cue_hi].low in ("nothing", "little", "so"):
        return None  # "said nothing", "said so"
    if lemma == "tell" and any(t.base in _TOLD_THINGS for t in toks[cue_hi : min(n, cue_hi + 3)]):
        return None  # "told the truth", "tells many lies": the object is not a statement
    if lemma in _OBJECT_THEN_THAT and p < n:
        # "told an invited crowd at the club that ...", "warned residents that ...": the
        # content starts after "that".
        for q in range(p, min(n, p + 12)):
            t = toks[q]
            if t.quote != 0 or t.text in (",", ";", ":", ".") or t.low in FINITE_CUES:
                break
            if t.low == "that":
                if q + 1 < n and toks[q + 1].low in VERBISH and q > p:
                    break  # "told reporters after the vote that was held ...": a relative
                p = q
                break
    if lemma == "quote" and p < n:
        end = scan_right(toks, p, n)
        if (
            end > p
            and end + 1 < n
            and toks[end].low == "as"
            and toks[end + 1].low in PARTICIPLE_CUES
        ):
            quoted = parse_mention(toks, p, end, text)
            relay = mention
            q = skip_adverbials(toks, end + 2, n)
            if q < n and toks[q].low == "that":
                q += 1
            att = Attribution(
                sent, i, end + 2, "quote", "quoted_as", "right", region_lo, q, quoted, via=[relay]
            )
            att.right_start = q
            return att
        return None
    p = skip_adverbials(toks, p, n)
    att = Attribution(
        sent,
        i,
        cue_hi,
        lemma,
        rule,
        "right",
        region_lo,
        p,
        mention,
        subject_fallback=fallback,
        via=via,
        relative=relative,
        inherit=inherit,
    )
    if (
        lemma in ("warn", "complain", "caution")
        and cue_hi < n
        and toks[cue_hi].low in ("of", "about", "against")
        and cue_hi + 1 < n
        and not _is_sentence_end(toks, cue_hi + 1)
    ):
        att.right_start = cue_hi + 1  # "forecasters warned of more storms"
        att.region_hi = cue_hi + 1
        return att
    if lemma == "describe" and p < n and toks[p].low == "as" and p + 1 < n:
        att.right_start = p + 1  # "what analysts described as C"
        att.region_hi = p + 1
        return att
    if p < n and toks[p].low == "that" and p + 1 < n and toks[p + 1].low in _AUX_AFTER_THAT:
        if p > cue_hi and region_lo > 0 and toks[region_lo - 1].quote == 3:
            # '"C," X told reporters after the vote that was held ...': a relative clause.
            att.side = "left"
            att.rule = "indirect" if rule == "direct" else rule
            att.region_hi = p
            return att
        att.right_start = p  # "the brief said that was not its position": "that" is the subject
        return att
    if (
        p + 1 < n
        and toks[p].low == "that"
        and (
            _is_sentence_end(toks, p + 1)
            or (
                toks[p + 1].text == ","
                and p + 2 < n
                and toks[p + 2].low.endswith("ing")
                and toks[p + 2].low not in NOT_PARTICIPLES
            )
        )
    ):
        return None  # "Birch denied that, saying ...": "that" is the object
    if p < n and toks[p].low == "that":
        att.right_start = p + 1
        att.region_hi = p + 1
        return att
    if p < n and toks[p].text == ":":
        att.right_start = p + 1
        att.region_hi = p + 1
        return att
    if _is_sentence_end(toks, p):
        if lemma in NEEDS_OBJECT_CLAUSE:
            return None
        att.side = "left"
        att.rule = "indirect" if rule == "direct" else rule
        att.region_hi = p
        return att
    nxt = toks[p]
    first_after = toks[cue_hi]
    if (
        region_lo > 0
        and rule == "direct"
        and toks[region_lo - 1].quote == 3
        and nxt.quote == 0
        and nxt.low in _CIRCUMSTANCE_WORDS
    ):
        # '"C," X said at a dinner in Eastbay, where ...': the quotation is the statement,
        # the rest tells where and when it was made.
        att.side = "left"
        att.rule = "indirect" if rule == "direct" else rule
        att.region_hi = p
        return att
    if (
        (nxt.low in _LEFT_OPENERS and not (p + 1 < n and toks[p + 1].low in _AS_QUANTITY))
        or (
            nxt.low.endswith("ing")
            and not nxt.cap
            and nxt.low not in NOT_PARTICIPLES
            and nxt.quote == 0
            and (p > cue_hi or lemma in ("say", "add", "tell", "write", "note"))
        )
        or (
            first_after.low in ("after", "before", "while", "as")
            and first_after.quote == 0
            and region_lo > 0
            and _has_clause_before(toks, region_lo)
        )
    ):
        # "..., she said at a news conference announcing ...", "..., he said as he left":
        # what follows is about the saying, the content came before.
        if region_lo > 0 and (
            _has_clause_before(toks, region_lo) or toks[region_lo - 1].quote == 3
        ):
            att.side = "left"
            att.rule = "indirect" if rule == "direct" else rule
            att.region_hi = p
            resume = _quote_resumes(toks, p)
            if resume > 0 and toks[region_lo - 1].quote == 3:
                # '"C1," X said, referring to Y, "C2."': one statement around the aside.
                att.side = "whole"
                att.rule = "interjected"
                att.right_start = resume
            return att
        if nxt.low in _TEMPORAL_PREPOSITIONS and region_lo == 0:
            # "Clark said after the vote she would ...": the content follows the phrase.
            for q in range(p + 1, min(n, p + 8)):
                if toks[q].quote != 0 or toks[q].text in (",", ";", ":"):
                    break
                if toks[q].low in ("he", "she", "they", "it", "we", "i", "that"):
                    att.right_start = q + 1 if toks[q].low == "that" else q
                    att.region_hi = att.right_start
                    return att
        if nxt.low in _LEFT_OPENERS or nxt.low.endswith("ing"):
            return None
        # "Trump said after the convention he would ...": the content follows after all.
    if toks[p].text == ",":
        q = p + 1
        if (
            q < n
            and toks[q].low in ("citing", "quoting")
            and (
                lemma == "report" or (mention.kind not in ("person",) and mention.form != "pronoun")
            )
        ):
            end = scan_right(toks, q + 1, n)
            cited = parse_mention(toks, q + 1, end, text) if end > 0 else None
            if (
                cited is not None
                and cited.form in ("name", "definite", "unnamed", "description")
                and (cited.form != "description" or toks[end - 1].base not in SOURCE_NOUNS)
            ):
                source = cited
                att.via = [mention, *via]
                att.mention = source
                att.rule = "citing"
                att.relay_note = f"'{mention.text}' {toks[i].text}, {toks[q].text} '{source.text}'"
                att.side = "left"
                att.region_hi = _skip_trailing_appositive(toks, end, n)
                return att
        if q < n and (toks[q].quote == 2):
            att.right_start = q
            att.region_hi = q
            if (
                region_lo > 0
                and _has_clause_before(toks, region_lo)
                and toks[0].low not in LEADING_PREPOSITIONS
                and toks[0].low not in _OPENING_PARTICIPLES
                and not _after_circumstance(toks, region_lo)
                and rule != "coordinated"
            ):
                # 'So when ..., Mr. X said, "we were floored."': one statement around the cue.
                att.side = "whole"
                att.rule = "interjected"
            return att
        if lemma in NEEDS_OBJECT_CLAUSE:
            return None
        att.region_hi = p
        if (
            region_lo > 0
            and toks[region_lo - 1].low == "as"
            and (region_lo == 1 or toks[region_lo - 2].text in (",", "—"))
        ):
            # "Hawaii, as one of his advisers pointed out, normally does not ...": the
            # statement is the sentence around the aside.
            att.region_lo = region_lo - 1
            att.side = "whole"
            att.rule = "interjected"
            att.right_start = p + 1
            return att
        left_has_content = region_lo > 0 and _has_clause_before(toks, region_lo, 1)
        if (
            q < n
            and toks[q].low in _CONTINUING_OPENERS
            and region_lo > 0
            and _has_clause_before(toks, region_lo)
            and toks[0].low not in LEADING_PREPOSITIONS
        ):
            # "The mill thrived, he said, until the river dried up.": the statement goes on.
            att.side = "whole"
            att.rule = "interjected"
            att.right_start = q
            return att
        resume = _quote_resumes(toks, q)
        if (
            resume > 0
            and region_lo > 0
            and toks[region_lo - 1].quote == 3
            and toks[q].low.endswith("ing")
            and (
                toks[q].low not in PARTICIPLE_CUES
                or (toks[q].low == "pointing" and q + 1 < n and toks[q + 1].low != "out")
            )
        ):
            # '"C1," X said, referring to Y, "C2."': one statement around the aside.
            att.side = "whole"
            att.rule = "interjected"
            att.right_start = resume
            return att
        if q < n and (
            toks[q].low in CLAUSE_OPENERS
            or toks[q].low in PARTICIPLE_CUES
            or toks[q].low
            in (
                "citing",
                "quoting",
                "according",
                "who",
                "which",
                "in",
                "on",
                "after",
                "before",
                "amid",
                "during",
            )
            or (
                toks[q].low.endswith("ing")
                and not toks[q].cap
                and toks[q].low not in NOT_PARTICIPLES
            )
        ):
            att.side = "left"
            att.rule = "indirect" if rule == "direct" else rule
            return att
        if not left_has_content:
            att.side = "right"
            att.right_start = q
            att.region_hi = q
            return att
        if toks[0].low in LEADING_PREPOSITIONS:
            att.side = "right"
            att.rule = "interjected"
            att.right_start = q
            att.region_hi = q
            return att
        att.side = "whole"
        att.rule = "interjected"
        att.right_start = q
        return att
    if lemma in NEEDS_OBJECT_CLAUSE and toks[p].low not in ("the", "a", "an") and not toks[p].word:
        return None
    if (lemma in _CLAUSE_ONLY or progressive) and not _clause_like(toks, p):
        return (
            None  # "had added the additional week", "promised a veto": an object, not a statement
        )
    # "X said C" without "that".
    if region_lo > 0 and toks[region_lo - 1].text == "," and _has_clause_before(toks, region_lo):
        # "C1, X says C2" rarely happens; "C, X said more ..." is more likely a run-on.
        pass
    att.right_start = p
    att.region_hi = p
    return att


_GENERIC_DETS = frozenset(
    {
        "the",
        "a",
        "an",
        "one",
        "his",
        "her",
        "its",
        "their",
        "our",
        "this",
        "another",
        "each",
        "every",
    }
)
_GENERIC_DETS_OR_ALL = _GENERIC_DETS | {"both", "all", "the"}


def _generic_subject(toks: list[Token], j: int, require_boundary: bool = True) -> int:
    """Start of a short "determiner (adjective) noun" subject ending at ``j``, or -1."""
    if (
        toks[j].low in STOPWORDS
        or toks[j].low.endswith(("ly", "ing"))
        or toks[j].low in FINITE_CUES
    ):
        return -1
    k = j - 1
    while k >= 0 and k >= j - (3 if require_boundary else 6):
        t = toks[k]
        if t.quote != 0 or not t.word:
            return -1
        if t.low in _GENERIC_DETS or (t.possessive and k < j):
            start = k
            if t.possessive and k > 0 and toks[k - 1].low in ("the", "a", "an"):
                start = k - 1
            if not require_boundary:
                return start
            return (
                start
                if _left_boundary_ok(toks, start)
                and (
                    start == 0
                    or toks[start - 1].text in (",", ";", ":", "—")
                    or toks[start - 1].quote == 3
                )
                else -1
            )
        if (
            t.low in STOPWORDS
            and (require_boundary or t.low not in ("of", "for", "at", "in", "on"))
        ) or t.low in FINITE_CUES:
            return -1
        k -= 1
    return -1


def _pp_subject(toks: list[Token], j: int) -> int:
    """Start of a subject "HEAD of/on/in/from ... NOUN" that ends at ``j`` ("experts on river
    ecology and fish farming", "officials from both towns", "observers in Ohio and around
    the region", "a lawyer for the tenants"), or -1. The words after the preposition must read
    as a noun phrase: no verb, auxiliary, subject pronoun or clause word among them."""
    if (
        not toks[j].word
        or toks[j].quote != 0
        or (toks[j].low in STOPWORDS and toks[j].low not in _COUNT_OR_OBJECT_WORDS)
    ):
        return -1
    k = j
    limit = max(0, j - 12)
    while k > limit:
        t = toks[k]
        if t.quote != 0 or (not t.word and t.text not in ("-", "&")):
            return -1
        low = t.low
        if (
            low in VERBISH
            or low in FINITE_CUES
            or low in ("he", "she", "they", "we", "i", "you", "it")
            or (
                low.endswith("ed")
                and not t.cap
                and k > 0
                and toks[k - 1].low not in _GENERIC_DETS_OR_ALL
            )
        ):
            return -1
        if low in _PP_JOINS and k > 0 and k < j:
            h = k - 1
            if toks[h].low in PP_ADJECTIVES and h > 0:
                h -= 1  # "people familiar with the matter", "those close to him"
            if toks[h].low in _PP_PRONOUN_HEADS and (h == 0 or _left_boundary_ok(toks, h)):
                return h
            if is_head(toks[h]) and (not toks[h].cap or toks[h].base in HEAD_NOUNS):
                s = scan_left(toks, h, 0)
                if s >= 0 and _left_boundary_ok(toks, s):
                    return s
                return -1
            # "observers in Ohio and around the region": an inner preposition; go on.
        k -= 1
    return -1


_PP_PRONOUN_HEADS = frozenset({"those", "some", "many", "others", "most", "few", "several"})


_PP_JOINS = frozenset({"of", "on", "in", "from", "at", "for", "with", "across", "around", "to"})


def _source_subject(toks: list[Token], j: int, text: str) -> tuple[Mention, int] | None:
    """A clause subject ending at ``j`` whose head (among its first words) is a source noun."""
    k = j
    while k >= 0 and j - k < 30:
        t = toks[k]
        if (
            t.low in ("that", "which")
            and 0 < k < j
            and j - k <= 12
            and toks[k - 1].base in SOURCE_NOUNS
            and not any(w.text == "," for w in toks[k:j])
        ):
            k -= 1  # "a survey that ran in a weekly found": the relative clause is inside
            continue
        if t.text in (";", ":") or t.quote != 0 or (t.low in _SUBJECT_STOPS and k < j):
            break
        if t.text in SENTENCE_END and not (
            k > 0
            and toks[k - 1].end == t.start
            and ("." in toks[k - 1].text or len(toks[k - 1].text) <= 3)
        ):
            break
        k -= 1
    start = k + 1
    while start <= j and toks[start].text in (",", "—"):
        start += 1
    if start <= j and toks[start].low in LEADING_PREPOSITIONS:
        return None  # "In the report the mayor said": the phrase is an adverbial
    if start > j or toks[j].text == ",":
        if start <= j and toks[j].text == ",":
            j -= 1
        else:
            return None
    for h in range(start, min(j + 1, start + 6)):
        t = toks[h]
        if (t.base in SOURCE_NOUNS and not t.cap) or (t.base in SOURCE_NOUNS and h == start):
            if all(
                (
                    w.low in _GENERIC_DETS
                    or w.low in NP_MODIFIERS_SET
                    or w.cap
                    or w.text[0].isdigit()
                    or _adjective_ok(w)
                    or w.text in ("/", "-", "–")
                )
                and pronoun_of(w) is None
                and not (w.low.endswith("ed") and not w.cap and w.low not in NP_MODIFIERS_SET)
                for w in toks[start:h]
            ):
                end = j + 1
                while end - 1 > h and toks[end - 1].text in (",", "—"):
                    end -= 1
                for q in range(h + 1, end):
                    w = toks[q]
                    if w.low in ("that", "which"):
                        break  # "a survey that ran in a weekly": a relative clause
                    if w.quote == 0 and (
                        w.low in _SOURCE_PARTICIPLES
                        or w.low == "being"
                        or (w.low.endswith("ed") and not w.cap and q == h + 1)
                    ):
                        # "the latest poll released Friday", "memos obtained by X":
                        # the document is the source.
                        end = q
                        break
                    if (
                        pronoun_of(w) is not None
                        or w.low in VERBISH
                        or (w.low in AUX_ADVERBS and w.low not in WEEKDAYS)
                        or (w.low.endswith("ed") and not w.cap and w.low not in NP_MODIFIERS_SET)
                    ):
                        # "The notice also mentioned the cost it said ...": a clause.
                        return None
                m = parse_mention(toks, start, end, text)
                m.form = "description"
                m.name = text[toks[start].start : toks[end - 1].end]
                m.kind = "unknown"
                return m, start
            return None
    return None


_SOURCE_PARTICIPLES = frozenset(
    {"released", "published", "issued", "conducted", "taken", "filed", "posted", "obtained"}
)


def _adjective_ok(w: Token) -> bool:
    return w.word and not w.cap and w.low not in STOPWORDS and not w.low.endswith("ly")


def _called(
    sent: Sentence, text: str, i: int, mention: Mention, region_lo: int
) -> Attribution | None:
    """X called Y Z / X called for Z / X called on Y to Z: the content follows the cue."""
    toks = sent.tokens
    n = len(toks)
    p = i + 1
    if p < n and toks[p].low == "for":
        p += 1
    elif p < n and toks[p].low in ("on", "upon"):
        end = scan_right(toks, p + 1, n)
        if end < 0:
            return None
        p += 1  # "called on the minister to intervene": who is called on is part of it
    if (
        p >= n
        or _is_sentence_end(toks, p)
        or toks[p].text in (",", ";")
        or toks[p].low in ("off", "back", "out")
        or (
            toks[p].low == "it"
            and not (p + 1 < n and (toks[p + 1].low in ("a", "an", "the") or toks[p + 1].quote))
        )
    ):
        return None  # "called it off"; but "called it a serious mistake" characterises
    att = Attribution(sent, i, i + 1, "call", "direct", "right", region_lo, p, mention)
    att.right_start = p
    return att


_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "dozens",
        "several",
        "many",
    ]
)
_CLAUSE_ONLY = frozenset({"add", "maintain", "promise", "reveal"})


def _clause_like(toks: list[Token], p: int) -> bool:
    """Does the content at ``p`` start like a clause (not a bare object noun phrase)?"""
    t = toks[p]
    if t.quote == 2 or t.low in ("that", "there", "he", "she", "they", "it", "we", "i", "you"):
        return True
    if t.cap and t.word:
        return True
    return t.low in ("this", "these", "those") or t.text[0].isdigit()


def _has_clause_before(toks: list[Token], lo: int, words: int = 4) -> bool:
    """Are there at least ``words`` words before token ``lo``? (Counts only what it needs.)"""
    seen = 0
    for k in range(lo - 1, -1, -1):
        if toks[k].word:
            seen += 1
            if seen >= words:
                return True
    return False


def _inverted(
    sent: Sentence, text: str, i: int, cue_hi: int, lemma: str, j: int
) -> Attribution | None:
    toks = sent.tokens
    n = len(toks)
    p = cue_hi
    p = skip_adverbials(toks, p, n)
    end = scan_right(toks, p, n)
    if end <= p:
        return None
    if toks[p].low in PRONOUNS and toks[p].low not in ("he", "she", "they", "it"):
        return None
    after = skip_adverbials(toks, end, n)
    if after < n and toks[after].low in ("in", "at", "on", "with", "for", "from", "of"):
        # "said one source in the room.": a short phrase that still describes the speaker.
        q = after + 1
        while (
            q < n
            and q <= after + 8
            and toks[q].quote == 0
            and toks[q].text not in (",", ";")
            and not _is_sentence_end(toks, q)
        ):
            q += 1
        if q >= n or toks[q].text in (",", ";") or _is_sentence_end(toks, q):
            end = q
            after = q
    if not (
        after >= n
        or _is_sentence_end(toks, after)
        or toks[after].text in (",", ";", "—", ":")
        or toks[after].quote == 2
    ):
        return None
    mention = parse_mention(toks, p, end, text)
    region_hi = after
    if after < n and toks[after].text == ",":
        # The rest of the sentence describes the speaker (", a historian who ..., and ..."),
        # up to a new quotation or a participle that adds to the statement.
        q = after + 1
        limit = min(n, after + 60)
        while (
            q < limit
            and toks[q].quote != 2
            and not (toks[q].low in PARTICIPLE_CUES and toks[q - 1].text == ",")
            and not (toks[q].low in ("citing", "quoting") and toks[q - 1].text == ",")
        ):
            q += 1
        region_hi = q - 1 if q < n and toks[q - 1].text == "," else q
        first = toks[after + 1] if after + 1 < n else None
        if (
            first is not None
            and mention.role is None
            and first.low not in ("who", "which", "whose")
            and first.quote == 0
        ):
            stop = after + 1
            while stop < region_hi and toks[stop].text != "," and not _is_sentence_end(toks, stop):
                stop += 1
            if stop > after + 1:
                mention.role = _role_text(text[first.start : toks[stop - 1].end])
    att = Attribution(sent, i, cue_hi, lemma, "inverted", "left", j, region_hi, mention)
    if toks[j].quote == 3:
        att.region_lo = j + 1
    # ", said X, citing Y": rare, ignored. A following quote continues the same statement.
    if (
        region_hi < n
        and toks[region_hi].text == ","
        and region_hi + 1 < n
        and toks[region_hi + 1].quote == 2
    ):
        att.side = "whole"
        att.right_start = region_hi + 1
    return att


def _role_text(role: str) -> str:
    words = role.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


_NEWS_TAILS = frozenset(
    {
        "times",
        "post",
        "journal",
        "herald",
        "tribune",
        "telegraph",
        "guardian",
        "gazette",
        "press",
        "news",
        "observer",
        "chronicle",
        "daily",
        "wire",
        "radio",
        "tv",
        "television",
        "agency",
        "network",
        "magazine",
        "newspaper",
        "broadcaster",
        "channel",
    }
)


def _is_news_name(m: Mention) -> bool:
    """Does ``m`` name a news organisation ("Reuters", "CNN", "The New York Times")?"""
    if m.form != "name":
        return False
    if m.kind in ("news_agency", "news_outlet"):
        return True
    words = m.text.replace("’", "'").split()
    if not words:
        return False
    if words[-1].lower() in _NEWS_TAILS and len(words) >= 2:
        return True
    name = m.name
    if name.isupper() and 2 <= len(name) <= 5:
        return True
    # A single capitalised word that is neither a title nor a known person's name.
    return m.single and m.kind in ("unknown", "organisation") and not m.honorific
