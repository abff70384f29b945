"""The sourcing chain of a claim, from the publishing document back to its primary source.

:func:`trace` answers "who said this first, and who passed it on": for the seed-000 claim
*"Other drones were downed over the Kursk, Belgorod and Krasnodar regions"* (speaker the Russian
Ministry of Defence, relayed by RIA) the chain is::

    document (the article) -> RIA [relay] -> Russian Ministry of Defence [primary]

Hops run from the publishing side back towards the speaker:

1. ``document`` - the article (title, source path, url, published date);
2. ``outlet`` - the actor that published it, when the document names one;
3. ``relay`` - each actor of ``Claim.via`` in order;
4. ``primary`` - the speaker (absent for an unattributed statement).

Every hop carries its evidence: the sentence(s) of the article holding the claim and its cue,
their span, and where the hop's actor is named in them (by name or alias), when it is.

Linked claims (corroborating, conflicting, repeating, updating) come with their own chains and
the link's note. The trace reads only the Dataset it is given, which must hold the claim, its
document, its actors and its linked claims (the store's ``neighbourhood``); anything missing is
named by its id rather than failing. The JSON form is ``Trace.model_dump(mode="json")``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from provenance.errors import NotFoundError
from provenance.jsonio import claim_to_dict
from provenance.model import Actor, Claim, Dataset, Document, Link, Span

__all__ = [
    "Evidence",
    "Hop",
    "LinkedClaim",
    "Source",
    "Trace",
    "Tracer",
    "find_mention",
    "quote_bounds",
    "trace",
]

HopKind = Literal["document", "outlet", "relay", "primary"]

_CUE_WINDOW = 200
"""How far (characters) from a claim a cue without offsets is looked for."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """Where a hop shows in the article: the quote holding the claim and its cue."""

    document: str = Field(description="document id")
    quote: str = Field(description="the sentence(s) holding the claim and its cue")
    span: Span = Field(description="character offsets of the quote in the document")
    mention: str | None = Field(default=None, description="the words naming the hop's actor")
    mention_span: Span | None = Field(default=None, description="offsets of the mention")


class Hop(_Model):
    """One step of a sourcing chain."""

    kind: HopKind
    name: str
    actor: str = Field(description="actor id; the document id for the document hop")
    actor_kind: str | None = Field(default=None, description="the actor's kind (person, ...)")
    role: str | None = None
    affiliation: str | None = Field(default=None, description="name of the actor it speaks for")
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="ISO date, document hop only")
    evidence: Evidence


class Source(_Model):
    """A primary source: the end of a chain."""

    id: str
    name: str
    kind: Literal["actor", "document"]


class LinkedClaim(_Model):
    """A claim linked to the traced one, with its own chain."""

    claim: dict[str, Any]
    chain: list[Hop]
    relation: str
    link: str = Field(description="link id")
    origin: str
    note: str | None = None


class Trace(_Model):
    """The sourcing of one claim: its chain, primary sources and linked claims."""

    claim: dict[str, Any] = Field(description="the claim as the JSON export shows it")
    chain: list[Hop]
    primary_sources: list[Source]
    corroborated_by: list[LinkedClaim] = Field(default_factory=list)
    conflicts_with: list[LinkedClaim] = Field(default_factory=list)
    repeated_by: list[LinkedClaim] = Field(default_factory=list)
    repeats: list[LinkedClaim] = Field(default_factory=list)
    updated_by: list[LinkedClaim] = Field(default_factory=list)
    updates: list[LinkedClaim] = Field(default_factory=list)
    # Filled by an independence assessment (provenance.refresh.trace_claim), absent otherwise.
    status: str | None = None
    independent_sources: int | None = None
    source_groups: list[dict[str, Any]] = Field(default_factory=list)
    circular: list[list[str]] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)


def trace(ds: Dataset, claim_id: str) -> Trace:
    """Trace one claim (see the module docstring).

    Args:
        ds: a Dataset holding at least the claim, its document, actors and linked claims.
        claim_id: the claim's full id.

    Raises:
        NotFoundError: the claim is not in ``ds``.
    """
    return Tracer(ds).trace(claim_id)


class Tracer:
    """Traces many claims of one Dataset, indexing it once (exports trace every claim)."""

    def __init__(self, ds: Dataset) -> None:
        """Index ``ds``; it must not change while the tracer is used."""
        self.actors = ds.actor_index()
        self.documents = ds.document_index()
        self.claims = {c.id: c for c in ds.claims}
        self.links: dict[str, list[Link]] = defaultdict(list)
        for link in ds.links:
            self.links[link.source].append(link)
            if link.target != link.source:
                self.links[link.target].append(link)

    def trace(self, claim_id: str) -> Trace:
        """The trace of one claim.

        Raises:
            NotFoundError: the claim is not in the Dataset.
        """
        claim = self.claims.get(claim_id)
        if claim is None:
            raise NotFoundError(f"no claim {claim_id!r} in the dataset")
        chain = self.chain(claim)
        linked: dict[str, list[LinkedClaim]] = defaultdict(list)
        for link in self.links.get(claim_id, []):
            other_id = link.target if link.source == claim_id else link.source
            other = self.claims.get(other_id)
            if other is None:
                continue  # a link leaving the neighbourhood: nothing to show for it
            linked[_section(link, claim_id)].append(
                LinkedClaim(
                    claim=claim_to_dict(other, self.actors),
                    chain=self.chain(other),
                    relation=link.relation,
                    link=link.id,
                    origin=link.origin,
                    note=link.note,
                )
            )
        for items in linked.values():
            items.sort(key=self._order)
        return Trace(
            claim=claim_to_dict(claim, self.actors),
            chain=chain,
            primary_sources=self.primary_sources(claim),
            **linked,
        )

    def chain(self, claim: Claim) -> list[Hop]:
        """The hops of a claim, publishing side first."""
        doc = self.documents.get(claim.document)
        text = doc.text if doc is not None else None
        bounds = claim_quote(claim, text)
        quote = text[bounds[0] : bounds[1]] if text is not None else claim.text

        def evidence(names: Sequence[str] = ()) -> Evidence:
            content = _shift(claim.span, -bounds[0])
            found = find_mention(quote, names, avoid=content)
            if found is None:
                # "The ministry said": the head word of a name, outside the reported content.
                found = find_mention(quote, _heads(names), avoid=content, outside_only=True)
            return Evidence(
                document=claim.document,
                quote=quote,
                span=bounds,
                mention=quote[found[0] : found[1]] if found else None,
                mention_span=_shift(found, bounds[0]) if found else None,
            )

        hops = [self._document_hop(claim.document, doc, evidence())]
        if doc is not None and doc.outlet:
            hops.append(self._actor_hop("outlet", doc.outlet, evidence))
        hops += [self._actor_hop("relay", relay, evidence) for relay in claim.via]
        if claim.speaker:
            hops.append(self._actor_hop("primary", claim.speaker, evidence))
        return hops

    def primary_sources(self, claim: Claim) -> list[Source]:
        """The end of the chain: the speaker; for an unattributed statement the last relay,
        else the publishing outlet, else the document itself."""
        doc = self.documents.get(claim.document)
        end = claim.speaker or (claim.via[-1] if claim.via else None)
        end = end or (doc.outlet if doc is not None else None)
        if end:
            return [Source(id=end, name=self._name(end), kind="actor")]
        name = _document_name(claim.document, doc)
        return [Source(id=claim.document, name=name, kind="document")]

    # ----------------------------------------------------------------- helpers

    def _name(self, aid: str) -> str:
        actor = self.actors.get(aid)
        return actor.name if actor is not None else aid

    def _document_hop(self, did: str, doc: Document | None, evidence: Evidence) -> Hop:
        if doc is None:
            return Hop(kind="document", name=did, actor=did, evidence=evidence)
        return Hop(
            kind="document",
            name=_document_name(did, doc),
            actor=did,
            title=doc.title,
            source=doc.source,
            url=doc.url,
            published=doc.published.isoformat() if doc.published else None,
            evidence=evidence,
        )

    def _actor_hop(
        self, kind: HopKind, aid: str, evidence: Callable[[Sequence[str]], Evidence]
    ) -> Hop:
        actor: Actor | None = self.actors.get(aid)
        if actor is None:
            return Hop(kind=kind, name=aid, actor=aid, evidence=evidence([aid]))
        return Hop(
            kind=kind,
            name=actor.name,
            actor=aid,
            actor_kind=actor.kind,
            role=actor.role,
            affiliation=self._name(actor.affiliation) if actor.affiliation else None,
            evidence=evidence([actor.name, *actor.aliases]),
        )

    def _order(self, item: LinkedClaim) -> tuple[str, str, int, str]:
        # Earliest publication first, then document order: the order a reader follows a story.
        claim = self.claims[item.claim["id"]]
        doc = self.documents.get(claim.document)
        published = doc.published.isoformat() if doc is not None and doc.published else "9999"
        return (published, claim.document, claim.span[0], claim.id)


def _section(link: Link, claim_id: str) -> str:
    """The Trace field a link of ``claim_id`` is listed under."""
    if link.relation == "corroborates":
        return "corroborated_by"
    if link.relation == "conflicts":
        return "conflicts_with"
    outgoing = link.source == claim_id  # "source repeats/updates target"
    if link.relation == "repeats":
        return "repeats" if outgoing else "repeated_by"
    return "updates" if outgoing else "updated_by"


def _document_name(did: str, doc: Document | None) -> str:
    if doc is None:
        return did
    return doc.title or doc.source or did


def _shift(span: Span, by: int) -> Span:
    return (span[0] + by, span[1] + by)


# --------------------------------------------------------------------------- evidence text

# A sentence ends at . ! ? (and any closing quotes or brackets) followed by white space and a
# character that is not lower case; a line break always ends one (articles are one paragraph
# a line).
_BOUNDARY = re.compile(r"[.!?…][\"'”’)\]]*[ \t]+(?=[^a-z\s])|\n+")
_ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "gov", "sen"),
        *("rep", "prof", "jr", "sr", "vs", "u.s", "u.k", "e.g", "i.e"),
    }
)


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    if match.group().startswith("\n"):
        return True
    word = re.search(r"([\w.]+)$", text[: match.start()])
    if word is None:
        return True
    w = word.group(1)
    # "Mr. Peskov", "U.S. officials", "J. Smith" are not sentence ends.
    return w.lower() not in _ABBREVIATIONS and not (len(w) == 1 and w.isupper())


def quote_bounds(text: str, start: int, end: int) -> Span:
    """The sentence(s) of ``text`` around ``[start, end)``: from the start of the sentence
    holding ``start`` to the end of the sentence holding ``end``, without surrounding space.

    One linear scan over the text; good enough for news prose, not a full sentence splitter.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    # A line break always ends a sentence, so the scan starts at the line holding ``start``.
    lo, hi = text.rfind("\n", 0, start) + 1, len(text)
    for match in _BOUNDARY.finditer(text, lo):
        if not _ends_sentence(text, match):
            continue
        if match.end() <= start:
            lo = match.end()
        elif match.end() >= end and match.start() >= start:
            hi = match.start() + len(match.group().rstrip())
            break
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return (lo, hi)


def claim_quote(claim: Claim, text: str | None) -> Span:
    """The quote bounds of a claim: the sentence(s) holding its span and its cue.

    A cue without offsets (hand-curated claims give the word only) is looked for as a whole
    word in the claim's own sentence first, else near the claim, nearest first.
    """
    if text is None:
        return claim.span
    lo, hi = claim.span
    cue = claim.cue_span
    if cue is None and claim.cue:
        sentence = quote_bounds(text, lo, hi)
        cue = _nearest_word(text, claim.cue, claim.span, sentence)
        if cue is None:
            window = (max(0, lo - _CUE_WINDOW), min(len(text), hi + _CUE_WINDOW))
            cue = _nearest_word(text, claim.cue, claim.span, window)
    if cue is not None:
        lo, hi = min(lo, cue[0]), max(hi, cue[1])
    return quote_bounds(text, lo, hi)


def _nearest_word(text: str, word: str, span: Span, within: Span) -> Span | None:
    """The occurrence of ``word`` in ``text[within]`` outside ``span`` nearest to it."""
    best: Span | None = None
    for m in _word_pattern(word).finditer(text, within[0], within[1]):
        if span[0] <= m.start() < span[1]:
            continue  # a cue word inside the reported content is not the attribution
        if best is None or _distance(m.span(), span) < _distance(best, span):
            best = (m.start(), m.end())
    return best


def _word_pattern(words: str) -> re.Pattern[str]:
    # Whole words, any case, straight and curly apostrophes alike ("Ukraine's" = "Ukraine’s").
    body = "".join("['’]" if ch in "'’" else re.escape(ch) for ch in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _distance(a: Span, b: Span) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def find_mention(
    quote: str, names: Iterable[str], *, avoid: Span | None = None, outside_only: bool = False
) -> Span | None:
    """Where one of ``names`` occurs in ``quote`` as whole words, ignoring case.

    Longer names are tried first ("Russian Defence Ministry" before "Defence Ministry"). An
    occurrence outside ``avoid`` (the reported content: "Russia" inside "Russia has downed"
    does not attribute anything) is preferred to one inside it, which is only returned when
    there is no other and ``outside_only`` is false.

    Returns:
        The offsets of the mention in ``quote``, or None.
    """
    fallback: Span | None = None
    for name in sorted({n.strip() for n in names if n.strip()}, key=lambda n: (-len(n), n)):
        for m in _word_pattern(name).finditer(quote):
            inside = avoid is not None and m.start() < avoid[1] and m.end() > avoid[0]
            if not inside:
                return (m.start(), m.end())
            fallback = fallback or (m.start(), m.end())
    return None if outside_only else fallback


def _heads(names: Iterable[str]) -> list[str]:
    """The last word of each multi-word name, when it is a word (not "US", not "of")."""
    heads = []
    for name in names:
        words = name.split()
        if len(words) > 1 and len(words[-1]) > 3 and words[-1].isalpha():
            heads.append(words[-1])
    return heads
