"""Tokens, quotations and sentences of an article, with character offsets into the original.

Everything here is a single left-to-right pass (no backtracking regular expressions), so the cost
is linear in the length of the text whatever it contains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from provenance.extract.lexicon import ABBREVIATIONS, FINITE_CUES

# A word is a run of word characters, optionally joined by apostrophes, hyphens or inner full
# stops ("Ukraine's", "Rostov-on-Don", "U.S"); anything else is a one-character token. A joiner
# is never a word character, so each step of the match is forced and the match is linear; runs
# of word characters are matched as a whole (\w+) rather than one alternation per character.
_TOKEN_RE = re.compile(r"\w+(?:(?:['’\-.]|(?<=\d),(?=\d{3}(?!\d)))\w+)*|''|``|[^\w\s]")
"""Words (with inner apostrophes, hyphens and full stops; "2,521" is one number), doubled
apostrophes and backticks as quote marks, and single punctuation marks."""

OPEN_QUOTES = frozenset("“«„")
CLOSE_QUOTES = frozenset("”»")
STRAIGHT_QUOTES = frozenset({'"', "''", "``"})
QUOTE_CHARS = OPEN_QUOTES | CLOSE_QUOTES | STRAIGHT_QUOTES
"""Quotation marks; "''" (two apostrophes) is how some archives write a double quote."""
SENTENCE_END = frozenset(".!?…")


@dataclass(slots=True)
class Token:
    """One token: its text, character range and a few precomputed properties."""

    text: str
    start: int
    end: int
    low: str
    cap: bool
    word: bool
    quote: int = 0
    """0 outside quotations; 1 inside; 2 for an opening and 3 for a closing quote mark."""

    @property
    def possessive(self) -> bool:
        """True for "Ukraine's" / "Ukraine’s" / "Davis'"."""
        return self.low.endswith("'s") or (self.low.endswith("'") and len(self.low) > 1)

    @property
    def base(self) -> str:
        """Lower-case form without a possessive ending."""
        if self.low.endswith("'s"):
            return self.low[:-2]
        return self.low.rstrip("'")


@dataclass(slots=True)
class Sentence:
    """A sentence: its tokens (with quote flags) and character range."""

    index: int
    paragraph: int
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)


@dataclass(slots=True)
class Paragraph:
    """A line of the article (news texts put one paragraph on a line)."""

    index: int
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    out: list[Token] = []
    stop = len(text) if end is None else end
    for m in _TOKEN_RE.finditer(text, start, stop):
        s = m.group()
        low = s.lower().replace("’", "'")
        first = s[0]
        out.append(
            Token(s, m.start(), m.end(), low, first.isupper(), first.isalnum() or first == "_")
        )
    return out


def paragraphs(text: str) -> list[Paragraph]:
    """Non-blank lines of ``text`` with their character ranges (trailing space trimmed)."""
    out: list[Paragraph] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        s, e = pos, line_end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Paragraph(len(out), s, e))
        if nl < 0:
            break
        pos = nl + 1
    return out


def mark_quotes(tokens: list[Token]) -> None:
    """Set each token's ``quote`` flag: which tokens lie inside a quotation of the paragraph.

    Curly quotes open and close explicitly; straight quotes alternate. A quotation still open at
    the end of the paragraph runs to its end (news style leaves a multi-paragraph quote open).
    """
    inside = False
    for tok in tokens:
        ch = tok.text
        if ch in OPEN_QUOTES or (ch in STRAIGHT_QUOTES and not inside):
            tok.quote = 2
            inside = True
        elif ch in CLOSE_QUOTES or (ch in STRAIGHT_QUOTES and inside):
            if inside:
                tok.quote = 3
                inside = False
            else:
                tok.quote = 0
        else:
            tok.quote = 1 if inside else 0


def _is_abbreviation(tokens: list[Token], i: int) -> bool:
    """True when the full stop at ``i`` ends an abbreviation or an initial ("Mr.", "J.")."""
    if i == 0:
        return False
    prev = tokens[i - 1]
    if prev.end != tokens[i].start:
        return False
    if prev.low in ABBREVIATIONS:
        return True
    # "J." "U.S." and other single capitals are initials, not sentence ends.
    return (len(prev.text) == 1 and prev.cap) or (("." in prev.text) and len(prev.text) <= 5)


def _attribution_follows(tokens: list[Token], j: int) -> bool:
    """Do the tokens from ``j`` read as the attribution of the quotation just closed ("Clark
    said.", "the mayor told reporters on Friday.")? A reporting verb within a few words, before
    any other sentence end."""
    for k in range(j, min(len(tokens), j + 7)):
        t = tokens[k]
        if t.low in FINITE_CUES and not t.cap:
            return k > j
        if not (
            t.low in ("he", "she", "they", "the", "a", "an")
            or (t.cap and t.word and t.low not in ("to", "in", "on", "at", "but", "and"))
            or (t.text == "." and k > j and len(tokens[k - 1].text) <= 4)
        ):
            return False  # only a speaker phrase may stand between the quote and the verb
    return False


def split_sentences(text: str, paras: list[Paragraph]) -> list[Sentence]:
    """Sentences of every paragraph; a sentence never crosses a paragraph.

    A sentence ends at ".", "!", "?" or "…" outside a quotation (or at the closing quote right
    after one) when the next token starts with a capital, a digit or a quote mark.
    """
    out: list[Sentence] = []
    for para in paras:
        toks = tokenize(text, para.start, para.end)
        mark_quotes(toks)
        begin = 0
        n = len(toks)
        i = 0
        while i < n:
            tok = toks[i]
            cut = -1
            if tok.text in SENTENCE_END and not _is_abbreviation(toks, i):
                j = i + 1
                # Closing quotes and brackets belong to the sentence that ends here.
                while j < n and (toks[j].quote == 3 or toks[j].text in ")]"):
                    j += 1
                inside = tok.quote == 1 and not (i + 1 < n and toks[i + 1].quote == 3)
                if not inside and (
                    j >= n
                    or toks[j].cap
                    or toks[j].text[0].isdigit()
                    or toks[j].quote == 2
                    or toks[j].text in "—-–([‘'"
                ):
                    cut = j
                if cut > 0 and j < n and toks[j - 1].quote == 3 and _attribution_follows(toks, j):
                    cut = -1  # '“Must we see this?” Clark asked.': one sentence
            if cut > 0:
                if cut > begin:
                    out.append(_sentence(out, para, toks[begin:cut]))
                begin = cut
                i = cut
                continue
            i += 1
        if begin < n:
            out.append(_sentence(out, para, toks[begin:]))
    return out


def _sentence(out: list[Sentence], para: Paragraph, toks: list[Token]) -> Sentence:
    return Sentence(len(out), para.index, toks[0].start, toks[-1].end, toks)
