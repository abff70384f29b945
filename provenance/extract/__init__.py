"""Attribution extraction: article text -> documents, actors and attributed claims.

:func:`extract` is a pure function of its arguments (it never touches a store). It finds every
reporting cue of news English ("X said", "according to X", "X told Reuters", "X reported, citing
Y", embedded social posts ...), resolves the speaker of each (pronouns, surnames and definite
descriptions point back to the actor named earlier), records the relay chain, channel and hedge,
and returns the content span of each claim as evidence.

The work is linear in the length of the text and never raises: on an input it cannot handle the
result is simply a document with fewer (or no) claims.
"""

from __future__ import annotations

import datetime as dt
import gc

from provenance.extract.build import build_dataset
from provenance.extract.engine import run
from provenance.model import Dataset

__all__ = ["extract"]


def extract(
    text: str,
    *,
    source: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Dataset:
    """Extract the attributed claims of one article.

    Args:
        text: the article text (any string; offsets of claims index into it).
        source: path or name the text came from (kept on the document).
        outlet: the publishing outlet's name; becomes a ``news_outlet`` actor and the
            document's ``outlet``.
        published: publication date of the article.
        url: where the article was published.
        title: the article's title.

    Returns:
        A :class:`~provenance.model.Dataset` with one document, the actors found and the claims
        (attributed ones with a speaker; unattributed factual sentences with ``speaker=None``
        and ``unattributed=True``). No links.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    # The pass allocates many small acyclic objects (tokens); the cyclic collector would rescan
    # them again and again on a long text, making the run superlinear. Nothing here makes cycles
    # that need collecting before the pass ends.
    collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            result = run(text, outlet)
        except Exception:  # never fail on an odd article: return the document without claims
            result = None
        try:
            return build_dataset(
                text,
                result,
                source=source,
                outlet=outlet,
                published=published,
                url=url,
                title=title,
            )
        except Exception:
            return build_dataset(
                text, None, source=source, outlet=outlet, published=published, url=url, title=title
            )
    finally:
        if collecting:
            gc.enable()
