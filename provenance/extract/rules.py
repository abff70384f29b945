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
==================  ===========================================================  =============

Only the positions are decided here; the speaker phrase is resolved to an actor afterwards by
:mod:`provenance.extract.speakers`, in text order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from provenance.extract.lexicon import (
    ABBREVIATIONS,
    APPOSITIVE_OPENERS,
    AUX_ADVERBS,
    CLAUSE_OPENERS,
    FINITE_CUES,
    LEADING_PREPOSITIONS,
    MEDIUM_NOUNS,
    MONTHS,
    NEEDS_OBJECT_CLAUSE,
    NEGATIONS,
    NOUN_LIKE_FORMS,
    ORG_NOUNS,
    PARTICIPLE_CUES,
    PLATFORMS,
    PRONOUNS,
    ROLE_NOUNS,
    SOURCE_NOUNS,
    SOURCE_ONLY_LEMMAS,
    STOPWORDS,
    WEEKDAYS,
)
from provenance.extract.lexicon import (
    NP_MODIFIERS as NP_MODIFIERS_SET,
)
from provenance.extract.phrases import Mention, is_head, parse_mention, scan_left, scan_right
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
_NOT_PARTICIPLES = frozenset(
    {
        "nothing",
        "something",
        "anything",
        "everything",
        "thing",
        "things",
        "king",
        "spring",
        "morning",
        "evening",
        "building",
        "meeting",
        "funding",
        "spending",
        "hearing",
        "ruling",
        "shooting",
        "bombing",
        "fighting",
        "killing",
        "finding",
        "findings",
        "warning",
        "polling",
    }
)


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
            or t.low in MONTHS
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
            or (t.low in _TIME_NOUNS and j > lo and toks[j - 1].low in WEEKDAYS | _MOD_TIME)
            or (t.low == "on" and j + 1 < i and toks[j + 1].low in WEEKDAYS)
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
    while k >= limit and len(commas) < 3:
        t = toks[k]
        if (
            t.text == "."
            and k > 0
            and toks[k - 1].end == t.start
            and ("." in toks[k - 1].text or (len(toks[k - 1].text) <= 3 and toks[k - 1].cap))
        ):
            k -= 1  # "U.S." "Ky." "Jr.": an abbreviation, not a sentence end
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
            if m.form == "name" and not m.single and d >= 0 and _left_boundary_ok(toks, d):
                if m.role is None:
                    m.role = _role_text(text[toks[d].start : toks[c1 - 1].end])
                return m, d
    for c in commas:
        head = c - 1
        if head < 0 or not is_head(toks[head]) or toks[head].low in PRONOUNS:
            continue
        s = scan_left(toks, head, 0)
        if s < 0 or not _left_boundary_ok(toks, s):
            continue
        if not any(t.cap and t.word for t in toks[s : head + 1]):
            continue
        m = parse_mention(toks, s, c, text)
        if m.form != "name":
            continue
        first = toks[c + 1]
        if (
            first.cap
            and first.word
            and first.base not in ROLE_NOUNS
            and not first.possessive
            and first.low not in APPOSITIVE_OPENERS
        ):
            continue  # "Kursk, Belgorod and ...": a list, not an appositive
        seg_end = commas[commas.index(c) - 1] if commas.index(c) > 0 else j
        if m.role is None and first.low not in ("who", "which", "whose") and seg_end > c + 1:
            m.role = _role_text(text[first.start : toks[seg_end - 1].end])
        return m, s
    return None


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
    while p < upto and (
        toks[p].low in ("but", "and", "so", "yet", "still") or toks[p].text in (",", "—")
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
    if m.form == "description" and toks[end - 1].base in ROLE_NOUNS | ORG_NOUNS:
        return m
    return None


def _is_verb_use(toks: list[Token], i: int) -> bool:
    """Rule out noun uses of ambiguous forms ("no reports of casualties")."""
    tok = toks[i]
    if tok.low not in NOUN_LIKE_FORMS:
        return True
    if i == 0:
        return False
    prev = toks[i - 1]
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
    if i + 1 < len(toks) and (
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
    if prev.text[0].isdigit() or prev.low.split("-")[-1] in _NUMBER_WORDS:
        return False  # "Twenty-seven states", "20 reports
    if prev.possessive:
        return False  # "Editor's note", "the ministry's report"
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
            elif tok.cap:
                pass  # "States", "Post", "Reports": capitalised forms are names, not cues
            elif low in PARTICIPLE_CUES and low not in _RELAY_PARTICIPLES:
                att = _participle(sent, text, i, out)
            elif low in FINITE_CUES:
                att = _finite(sent, text, i)
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
    mention = parse_mention(toks, p, end, text)
    region_hi = end
    via: list[Mention] = []
    if region_hi + 1 < n and toks[region_hi].low == "via":
        vend = scan_right(toks, region_hi + 1, n)
        if vend > 0:
            via.append(parse_mention(toks, region_hi + 1, vend, text))
            region_hi = vend
    lead = i
    while lead > 0 and toks[lead - 1].text in (",", "—", "("):
        lead -= 1
    starts_sentence = lead <= 6 and all(t.low in STOPWORDS or t.text == "," for t in toks[:lead])
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
    att = Attribution(sent, i, i + 1, PARTICIPLE_CUES[toks[i].low], "participle", "right", i - 1, p)
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


def _finite(sent: Sentence, text: str, i: int) -> Attribution | None:
    toks = sent.tokens
    n = len(toks)
    tok = toks[i]
    lemma = FINITE_CUES[tok.low]
    if not _is_verb_use(toks, i):
        return None
    if i > 0 and toks[i - 1].low in _PASSIVE:
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
    if any(t.low in _PASSIVE for t in toks[j + 1 : i]):
        return None  # "was first declared by": a passive, the subject is not the speaker
    if j < 0:
        return None
    prev = toks[j]
    # Inversion: ", said X" / "” said X".
    if (prev.text in (",", ":", "—") or prev.quote == 3) and lemma != "call":
        att = _inverted(sent, text, i, cue_hi, lemma, j)
        if att is not None:
            return att
    mention: Mention | None = None
    region_lo = -1
    rule = "direct"
    fallback = False
    if prev.text == ",":
        found = _comma_subject(toks, j, text)
        if found is not None:
            mention, region_lo = found
    elif (
        prev.low in ("who", "that")
        and j >= 1
        and is_head(toks[j - 1])
        and toks[j - 1].low not in PRONOUNS
    ):
        # "some economists who argue that ...": the speaker is the relative's antecedent.
        s = scan_left(toks, j - 1, 0)
        if s >= 0 and _left_boundary_ok(toks, s):
            mention = parse_mention(toks, s, j, text)
            region_lo = s
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
        if s >= 0 and _left_boundary_ok(toks, s):
            mention = parse_mention(toks, s, j + 1, text)
            region_lo = s
    elif (
        prev.low in ("and", "but", "then")
        and lemma not in SOURCE_ONLY_LEMMAS
        and (tok.low.endswith(("ed", "s")) or tok.low in ("told", "said", "wrote"))
    ):
        subj = _sentence_subject(toks, text, j)
        if subj is not None:
            mention = subj
            region_lo = j
            rule = "coordinated"
            fallback = True
    elif prev.word and not prev.cap and prev.quote == 0:
        # "the ad's narrator says", "one slide says": a determiner and an unlisted noun.
        s = _generic_subject(toks, j)
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
        and not any(t.base in SOURCE_NOUNS for t in toks[mention.start : mention.end])
    ):
        return None
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
        # "told an invited crowd at the club that ...": the content starts after "that".
        for q in range(p, min(n, p + 12)):
            t = toks[q]
            if t.quote != 0 or t.text in (",", ";", ":", ".") or t.low in FINITE_CUES:
                break
            if t.low == "that":
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
    )
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
        (nxt.low in _LEFT_OPENERS and not (p + 1 < n and toks[p + 1].low in _AS_QUANTITY))
        or (
            nxt.low.endswith("ing")
            and not nxt.cap
            and nxt.low not in _NOT_PARTICIPLES
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
        if region_lo > 0 and _has_clause_before(toks, region_lo):
            att.side = "left"
            att.rule = "indirect" if rule == "direct" else rule
            att.region_hi = p
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
                and toks[q].low not in _NOT_PARTICIPLES
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
    if lemma in _CLAUSE_ONLY and not _clause_like(toks, p):
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


def _source_subject(toks: list[Token], j: int, text: str) -> tuple[Mention, int] | None:
    """A clause subject ending at ``j`` whose head (among its first words) is a source noun."""
    k = j
    while k >= 0 and j - k < 30:
        t = toks[k]
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
    if start > j or toks[j].text == ",":
        if start <= j and toks[j].text == ",":
            j -= 1
        else:
            return None
    for h in range(start, min(j + 1, start + 6)):
        t = toks[h]
        if (t.base in SOURCE_NOUNS and not t.cap) or (t.base in SOURCE_NOUNS and h == start):
            if all(
                w.low in _GENERIC_DETS
                or w.low in NP_MODIFIERS_SET
                or w.cap
                or w.text[0].isdigit()
                or _adjective_ok(w)
                for w in toks[start:h]
            ):
                end = j + 1
                while end - 1 > h and toks[end - 1].text in (",", "—"):
                    end -= 1
                m = parse_mention(toks, start, end, text)
                m.form = "description"
                m.name = text[toks[start].start : toks[end - 1].end]
                m.kind = "unknown"
                return m, start
            return None
    return None


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
        p = end
    if (
        p >= n
        or _is_sentence_end(toks, p)
        or toks[p].text in (",", ";")
        or toks[p].low in ("it", "off", "back", "out")
    ):
        return None
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
