"""Hedges: words by which the writer keeps a distance from a reported claim."""

from __future__ import annotations

from provenance.extract.lexicon import HEDGE_PHRASES, HEDGE_WORDS, HEDGING_LEMMAS
from provenance.extract.text import Token

# Adverbs and adjectives that hedge wherever they stand in the sentence; "claims"/"alleged" are
# only hedges as the reporting verb (as nouns they are often the topic: "he denied the claims").
_ANYWHERE = frozenset(
    {"unconfirmed", "unverified", "reportedly", "allegedly", "purportedly", "supposedly"}
)

# HEDGE_PHRASES by first word, in their order, so that each token tries only the phrases it can
# start (scanning the whole table at every token dominated the hedge search).
_PHRASES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in HEDGE_PHRASES:
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)


def find_hedge(toks: list[Token], lemma: str | None, cue_text: str | None) -> str | None:
    """The hedge word or phrase of one attribution, or None.

    Args:
        toks: tokens of the sentence (and, for a trailing "could not be verified", the next one).
        lemma: lemma of the reporting verb ("claim" hedges by itself).
        cue_text: the reporting word as written, returned when it is the hedge.
    """
    if lemma in HEDGING_LEMMAS and cue_text:
        return cue_text
    lows = [t.low for t in toks]
    for i, tok in enumerate(toks):
        if tok.quote == 0 and tok.low in _ANYWHERE:
            return tok.text
        for phrase in _PHRASES_BY_FIRST.get(tok.low, ()):
            if tuple(lows[i : i + len(phrase)]) == phrase:
                return " ".join(t.text for t in toks[i : i + len(phrase)])
    return None


def is_hedge_word(low: str) -> bool:
    """True for a single-word hedge ("allegedly")."""
    return low in HEDGE_WORDS
