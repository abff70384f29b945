"""The claim-graph data model.

Four kinds of record, each a strict pydantic model (unknown fields are rejected):

* :class:`Document` - one article text, identified by the hash of its text, so the same text
  ingested twice (or from two paths) is one document.
* :class:`Actor` - one real-world entity whatever role it plays: a person, a ministry, a news
  agency, a platform or an unnamed source such as "local media". Identified by a slug of its
  canonical name.
* :class:`Claim` - one attributed statement: its reported content as a character span of a
  document (the evidence), its speaker, the ordered relay chain that carried it, the cue that
  introduced it and why the extractor (or a curator) attributed it.
* :class:`Link` - a typed relation between two claims (corroborates, conflicts, repeats, updates).

A :class:`Dataset` bundles the four lists; it is what the store returns, what exports consume and
what the extractor produces.

Ids are content hashes of a canonical form (see :func:`document_id`, :func:`claim_id`,
:func:`link_id`), so re-ingesting the same material never duplicates it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FORMAT = "provenance/1"
"""The ``format`` tag of a JSON export (a lossless dump of a store)."""

GOLD_FORMAT = "provenance-gold/1"
"""The ``format`` tag of a hand-curated claims file."""

ActorKind = Literal[
    "person",
    "organisation",
    "government",
    "military",
    "news_outlet",
    "news_agency",
    "platform",
    "party",
    "unnamed",
    "unknown",
]
ACTOR_KINDS: tuple[str, ...] = ActorKind.__args__  # type: ignore[attr-defined]

LinkRelation = Literal["corroborates", "conflicts", "repeats", "updates"]
LINK_RELATIONS: tuple[str, ...] = LinkRelation.__args__  # type: ignore[attr-defined]

LinkOrigin = Literal["auto", "manual", "curated"]
ClaimStatus = Literal["unconfirmed", "confirmed", "disputed", "superseded"]
ClaimOrigin = Literal["extracted", "curated"]

Span = tuple[int, int]


class _Strict(BaseModel):
    """Base of every record: unknown fields are an error, types are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True)


def _as_span(value: Any) -> Any:
    # JSON gives spans as lists; strict mode would reject a list for a tuple.
    if isinstance(value, list) and len(value) == 2:
        return (value[0], value[1])
    return value


def _as_date(value: Any) -> Any:
    # Dates arrive as ISO strings from JSON and SQLite.
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError as exc:
            raise ValueError(f"not an ISO date (YYYY-MM-DD): {value!r}") from exc
    return value


class Quantity(_Strict):
    """A counted quantity mentioned in a claim, as an interval.

    ``low``/``high`` are ``None`` when unbounded; ``low_open``/``high_open`` say whether the bound
    itself is excluded ("more than 40" is ``low=40, low_open=True``; "at least 10" is ``low=10``).
    """

    text: str
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    unit: str | None = None


class Document(_Strict):
    """An article: its text and where it came from."""

    id: str
    text: str
    text_hash: str
    title: str | None = None
    outlet: str | None = Field(default=None, description="actor id of the publishing outlet")
    url: str | None = None
    published: dt.date | None = None
    source: str | None = Field(default=None, description="path the text was ingested from")

    _check_date = field_validator("published", mode="before")(_as_date)

    @model_validator(mode="after")
    def _hash_matches(self) -> Document:
        if self.text_hash != text_hash(self.text):
            raise ValueError("text_hash does not match the document text")
        return self


class Actor(_Strict):
    """A speaker, relay, outlet or organisation: one node per real-world entity."""

    id: str
    name: str
    kind: ActorKind = "unknown"
    aliases: list[str] = Field(default_factory=list)
    role: str | None = None
    affiliation: str | None = Field(default=None, description="actor id it speaks for")
    country: str | None = None
    origin: str | None = Field(default=None, description="text, registry, curated or manual")

    @model_validator(mode="after")
    def _canonical_aliases(self) -> Actor:
        # One canonical form (sorted, unique, without the name itself) so that an actor read
        # back from the store or a JSON export compares equal to the one written.
        canonical = sorted({a.strip() for a in self.aliases if a.strip() and a != self.name})
        if canonical != self.aliases:
            self.aliases = canonical
        return self


class Claim(_Strict):
    """An attributed statement, with its evidence span and sourcing chain.

    ``via`` lists the relays in order from the publishing side back towards the speaker:
    for "Other drones were downed ..., RIA reported, citing the Defence Ministry" the speaker
    is the Ministry and ``via`` is ``[RIA]``; the document's outlet precedes them all.
    """

    id: str
    document: str
    span: Span
    text: str
    speaker: str | None = Field(default=None, description="actor id; None when unattributed")
    via: list[str] = Field(default_factory=list)
    cue: str | None = None
    cue_span: Span | None = None
    channel: str | None = None
    hedged: bool = False
    hedge: str | None = Field(default=None, description="the word that made it hedged")
    rule: str | None = Field(default=None, description="extraction rule or 'curated'")
    why: str | None = Field(default=None, description="human-readable reason for the attribution")
    unattributed: bool = False
    quantities: list[Quantity] = Field(default_factory=list)
    event_date: dt.date | None = None
    status: ClaimStatus = "unconfirmed"
    origin: ClaimOrigin = "extracted"

    _check_spans = field_validator("span", "cue_span", mode="before")(_as_span)
    _check_date = field_validator("event_date", mode="before")(_as_date)

    @model_validator(mode="after")
    def _span_is_sane(self) -> Claim:
        start, end = self.span
        if start < 0 or end < start:
            raise ValueError(f"span {list(self.span)} is not a character range")
        return self


class Link(_Strict):
    """A typed, explained relation between two claims."""

    id: str
    source: str
    target: str
    relation: LinkRelation
    origin: LinkOrigin = "auto"
    note: str | None = Field(default=None, description="the evidence for the link")


RATINGS: tuple[str, ...] = (
    "unreviewed",
    "in_review",
    "true",
    "mostly_true",
    "mixed",
    "misleading",
    "mostly_false",
    "false",
    "unproven",
)
"""The verdict workflow: a claim starts unreviewed, goes in review, and gets a verdict."""


VerdictOrigin = Literal["rated", "claimreview"]
"""Where a verdict comes from: ``rated`` by a user of this store (``provenance rate``), or a
published fact-check imported from ClaimReview markup (the claim was already checked by
``by``)."""


class Verdict(_Strict):
    """A fact-checker's rating of a claim, with who gave it and when.

    An imported review (``origin="claimreview"``) keeps the reviewing organisation in ``by``
    and where the review was published in ``url``.
    """

    claim: str
    rating: str
    explanation: str | None = None
    by: str | None = None
    at: dt.datetime
    origin: VerdictOrigin = "rated"
    url: str | None = None

    @field_validator("at", mode="before")
    @classmethod
    def _parse_at(cls, value: Any) -> Any:
        if isinstance(value, str):
            return dt.datetime.fromisoformat(value)
        return value

    @field_validator("rating")
    @classmethod
    def _known_rating(cls, value: str) -> str:
        if value not in RATINGS:
            raise ValueError(f"unknown rating {value!r}; use one of {', '.join(RATINGS)}")
        return value


class Unlinked(_Strict):
    """Two claims a curator declared unrelated: automatic linking must not link them."""

    a: str
    b: str
    note: str | None = None


class Merge(_Strict):
    """An actor id a curator merged into another (the same entity under two names)."""

    source: str = Field(description="the id merged away")
    into: str = Field(description="the id it became")


class Appearance(_Strict):
    """One path or URL a document text was ingested from, and when (as the store wrote it)."""

    document: str
    source: str = ""
    url: str = ""
    seen_at: str


class Dataset(_Strict):
    """Documents, actors, claims and links: the unit of ingest, export and extraction.

    ``verdicts``, ``unlinked`` and ``merges`` carry a store's curation, so that a JSON export
    restores it exactly. ``appearances`` lists every path and URL of the documents that were
    seen somewhere else than their own ``source`` and ``url`` (the same text under another path
    or URL); when a document has any listed, ingest records exactly those.
    """

    format: str = FORMAT
    documents: list[Document] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    verdicts: list[Verdict] = Field(default_factory=list)
    unlinked: list[Unlinked] = Field(default_factory=list)
    merges: list[Merge] = Field(default_factory=list)
    appearances: list[Appearance] = Field(default_factory=list)

    def actor_index(self) -> dict[str, Actor]:
        """Actors by id."""
        return {a.id: a for a in self.actors}

    def document_index(self) -> dict[str, Document]:
        """Documents by id."""
        return {d.id: d for d in self.documents}


# --------------------------------------------------------------------------- ids and names


def _digest(*parts: str, size: int = 12) -> str:
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:size]


def text_hash(text: str) -> str:
    """SHA-256 of a document text (UTF-8), the document's identity."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_id(text: str) -> str:
    """Stable id of a document: a prefix of its text hash."""
    return text_hash(text)[:12]


def claim_id(document: str, span: Span) -> str:
    """Stable id of a claim: one evidence span of one document is one claim."""
    return _digest("claim", document, str(span[0]), str(span[1]))


def link_id(source: str, target: str, relation: str) -> str:
    """Stable id of a link; corroborates and conflicts are symmetric, so their ends are sorted."""
    if relation in ("corroborates", "conflicts"):
        source, target = sorted((source, target))
    return _digest("link", source, target, relation)


@functools.lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """Canonical comparison form of a name: NFKC, lower case, straight quotes, no leading
    article or honorific, single spaces ("The Kremlin" and "kremlin" compare equal)."""
    s = unicodedata.normalize("NFKC", name).replace("\u2019", "'").lower()
    s = re.sub(r"[^\w@' ]+", " ", s)
    s = re.sub(r"^(the|mr|mrs|ms|dr)\s+", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


def actor_id(name: str) -> str:
    """Stable, readable id of an actor: a slug of its normalized name."""
    slug = re.sub(r"[^\w]+", "-", normalize_name(name), flags=re.UNICODE).strip("-")
    return slug or "actor-" + _digest("actor", name, size=8)
