"""Channels: the platform a statement was made on ("said on Telegram", "in a tweet")."""

from __future__ import annotations

from provenance.extract.lexicon import PLATFORMS
from provenance.extract.text import Token


def platform_of(toks: list[Token], i: int) -> str | None:
    """The platform named by token ``i`` (with its neighbours for ambiguous names), or None."""
    tok = toks[i]
    low = tok.low
    if low not in PLATFORMS or tok.quote != 0:
        return None
    if low == "x":
        # "on X" (the former Twitter) but not the letter X in a name or list.
        prev = toks[i - 1].low if i > 0 else ""
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if tok.text != "X" or prev not in ("on", "platform") or (nxt is not None and nxt.cap):
            return None
    elif low == "truth":
        if i + 1 >= len(toks) or toks[i + 1].low != "social":
            return None
    elif (low == "threads" and not tok.cap) or not tok.cap:
        return None
    return PLATFORMS[low]


def find_channel(toks: list[Token], lo: int, hi: int, lemma: str | None) -> str | None:
    """The platform named in ``toks[lo:hi]`` (the attribution outside the content), or None.

    "tweeted" and "in a tweet" imply Twitter without naming it.
    """
    for i in range(max(0, lo), min(hi, len(toks))):
        found = platform_of(toks, i)
        if found:
            return found
        if toks[i].low in ("tweet", "tweets", "tweeted") and toks[i].quote == 0:
            return "Twitter"
    if lemma == "tweet":
        return "Twitter"
    return None
