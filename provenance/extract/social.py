"""Embedded social-media posts in article text.

A scraped article keeps an embedded post as a few lines of text and a byline line such as::

    Rostov doesn't sleep🔥
    — Some Author (@some_handle) September 7, 2023
    More text of the post ... pic.twitter.com/abc123

The byline names the post's author (and handle). The post's own lines are the line before the
byline when it does not read like article prose (no final full stop, or it carries the post's
link), and the lines after it up to the one carrying the post's link.
"""

from __future__ import annotations

from dataclasses import dataclass

from provenance.extract.text import Paragraph

_DASHES = ("—", "–", "-", "―")
_LINK_MARKS = ("pic.twitter.com", "t.co/", "https://", "http://", "instagram.com", "t.me/")
_MAX_BODY_LINES = 6


@dataclass
class Post:
    """One embedded post: its author, handle, platform and the paragraphs that hold its text."""

    author: str
    handle: str | None
    platform: str
    byline: int
    paragraphs: list[int]


def _byline(line: str) -> tuple[str, str | None] | None:
    """Author and handle of a byline line ("— Name (@handle) date"), or None."""
    s = line.strip()
    if not s or not s.startswith(_DASHES) or len(s) > 200:
        return None
    s = s.lstrip("".join(_DASHES)).strip()
    at = s.find("(@")
    if at < 0:
        return None
    close = s.find(")", at)
    if close < 0:
        return None
    handle = s[at + 1 : close].strip()
    # The author is the letters before the handle, without emoji flags or symbols.
    raw = s[:at]
    kept = "".join(ch if (ch.isalpha() or ch in " .'’-") else " " for ch in raw)
    author = " ".join(kept.split()).strip(" -.")
    if not author:
        author = handle
    return author, handle


def _has_link(line: str) -> bool:
    return any(mark in line for mark in _LINK_MARKS)


def _reads_like_prose(line: str) -> bool:
    s = line.rstrip()
    return s.endswith((".", "”", '"', "?", "!", ":")) and not _has_link(s)


def find_posts(text: str, paras: list[Paragraph]) -> list[Post]:
    """The embedded posts of an article, by their byline lines."""
    posts: list[Post] = []
    taken: set[int] = set()
    for para in paras:
        line = text[para.start : para.end]
        found = _byline(line)
        if found is None:
            continue
        author, handle = found
        platform = "Twitter" if ("twitter" in line.lower() or handle) else "social media"
        body: list[int] = []
        prev = para.index - 1
        if prev >= 0 and prev not in taken:
            pline = text[paras[prev].start : paras[prev].end]
            if not _reads_like_prose(pline) and _byline(pline) is None:
                body.append(prev)
        after: list[int] = []
        for k in range(para.index + 1, min(len(paras), para.index + 1 + _MAX_BODY_LINES)):
            kline = text[paras[k].start : paras[k].end]
            if _byline(kline) is not None:
                break
            after.append(k)
            if _has_link(kline):
                body.extend(after)
                break
        for k in body:
            taken.add(k)
        taken.add(para.index)
        posts.append(Post(author, handle, platform, para.index, sorted(body)))
    return posts
