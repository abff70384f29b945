"""Datasets built in code: small scenarios for tests and large synthetic corpora for benchmarks.

:class:`DatasetBuilder` assembles documents, actors, claims and links with valid ids and spans
from plain strings, so a scenario reads like the story it tells::

    b = DatasetBuilder()
    doc = b.document("The ministry said 12 drones were downed over Kursk.", published="2024-04-05")
    mod = b.actor("Russian Ministry of Defence", kind="government")
    c = b.claim(doc, "12 drones were downed over Kursk", speaker=mod)
    ds = b.build()

:func:`synthetic_corpus` generates ``n`` claims of drone-strike news in many places over a time
span that grows with ``n`` (a larger archive covers more time), deterministically from a seed.
"""

from __future__ import annotations

import datetime as dt
import random

from provenance.extract.quantities import parse_quantities
from provenance.model import (
    Actor,
    ActorKind,
    Claim,
    Dataset,
    Document,
    Link,
    LinkRelation,
    actor_id,
    claim_id,
    document_id,
    link_id,
    text_hash,
)

__all__ = ["DatasetBuilder", "synthetic_corpus"]


class DatasetBuilder:
    """Collects records and returns them as one :class:`~provenance.model.Dataset`."""

    def __init__(self) -> None:
        self.documents: dict[str, Document] = {}
        self.actors: dict[str, Actor] = {}
        self.claims: dict[str, Claim] = {}
        self.links: dict[str, Link] = {}

    def document(
        self,
        text: str,
        *,
        published: str | dt.date | None = None,
        outlet: str | None = None,
        source: str | None = None,
    ) -> str:
        """Add an article; ``outlet`` is an actor id (see :meth:`actor`). Returns its id."""
        did = document_id(text)
        pub = dt.date.fromisoformat(published) if isinstance(published, str) else published
        self.documents[did] = Document(
            id=did,
            text=text,
            text_hash=text_hash(text),
            outlet=outlet,
            published=pub,
            source=source,
        )
        return did

    def actor(
        self,
        name: str,
        *,
        kind: ActorKind = "unknown",
        affiliation: str | None = None,
        role: str | None = None,
        aliases: list[str] | None = None,
    ) -> str:
        """Add an actor; ``affiliation`` is another actor's id. Returns its id."""
        aid = actor_id(name)
        self.actors[aid] = Actor(
            id=aid,
            name=name,
            kind=kind,
            affiliation=affiliation,
            role=role,
            aliases=aliases or [],
            origin="manual",
        )
        return aid

    def claim(
        self,
        document: str,
        text: str,
        *,
        speaker: str | None = None,
        via: list[str] | None = None,
        cue: str | None = None,
        hedged: bool = False,
        occurrence: int = 0,
    ) -> str:
        """Add a claim whose content is ``text`` as found in the document (the
        ``occurrence``-th time). Returns its id."""
        doc_text = self.documents[document].text
        start = -1
        for _ in range(occurrence + 1):
            start = doc_text.find(text, start + 1)
        if start < 0:
            raise ValueError(f"{text!r} is not in document {document}")
        span = (start, start + len(text))
        cid = claim_id(document, span)
        self.claims[cid] = Claim(
            id=cid,
            document=document,
            span=span,
            text=text,
            speaker=speaker,
            via=via or [],
            cue=cue,
            hedged=hedged,
            unattributed=speaker is None,
            quantities=parse_quantities(text),
        )
        return cid

    def link(self, source: str, target: str, relation: LinkRelation, note: str = "") -> str:
        """Add a link (origin ``manual``). Returns its id."""
        lid = link_id(source, target, relation)
        self.links[lid] = Link(
            id=lid, source=source, target=target, relation=relation, origin="manual", note=note
        )
        return lid

    def build(self) -> Dataset:
        """The dataset assembled so far."""
        return Dataset(
            documents=list(self.documents.values()),
            actors=list(self.actors.values()),
            claims=list(self.claims.values()),
            links=list(self.links.values()),
        )


_EVENTS = [
    ("{n} drones were downed over {place}", "drone"),
    ("{n} missiles were intercepted near {place}", "missile"),
    ("{n} explosions were heard in {place}", "explosion"),
    ("{n} people were killed in a strike on {place}", "person"),
    ("a fire broke out at a depot in {place} after {n} drones struck it", "drone"),
]
_SYLLABLES = ["ka", "lo", "mir", "vo", "sta", "nov", "gor", "dar", "pol", "zen", "rin", "bel"]


def _distinct_words(rng: random.Random, count: int, syllables: int) -> list[str]:
    """``count`` different made-up words of ``syllables`` syllables each.

    Drawn without replacement, so a larger corpus really has more of them: drawing with
    replacement from a small syllable space saturated at large sizes, crowding more claims into
    each place and inflating the cost of linking beyond what a real archive would see.
    """
    base = len(_SYLLABLES)
    out = []
    for number in rng.sample(range(base**syllables), min(count, base**syllables)):
        parts = []
        for _ in range(syllables):
            number, digit = divmod(number, base)
            parts.append(_SYLLABLES[digit])
        out.append("".join(parts))
    return out


def synthetic_corpus(n_claims: int, *, seed: int = 7, claims_per_document: int = 5) -> Dataset:
    """A deterministic corpus of ``n_claims`` event claims for benchmarks.

    Places (``n/20``), days (``n/25``) and the vocabulary of descriptive words (``n/5``) grow
    with the corpus, so the density of claims per place and week is the same at every size, as
    in a growing archive.
    """
    rng = random.Random(seed)
    b = DatasetBuilder()
    speakers = [
        b.actor(f"Speaker {i}", kind="person", affiliation=None)
        for i in range(max(n_claims // 50, 4))
    ]
    places = sorted(w.capitalize() + "sk" for w in _distinct_words(rng, max(n_claims // 20, 10), 4))
    days = max(n_claims // 25, 30)
    vocabulary = sorted(_distinct_words(rng, max(n_claims // 5, 200), 5))
    start = dt.date(2020, 1, 1)
    made = 0
    while made < n_claims:
        published = start + dt.timedelta(days=rng.randrange(days))
        sentences: list[tuple[str, str]] = []
        for _ in range(min(claims_per_document, n_claims - made)):
            template, _unit = rng.choice(_EVENTS)
            detail = " ".join(rng.choice(vocabulary) for _ in range(4))
            content = (
                template.format(n=rng.randint(1, 60), place=rng.choice(places)) + f", {detail}"
            )
            speaker = rng.choice(speakers)
            sentences.append((content, speaker))
            made += 1
        text = " ".join(
            f"{b.actors[s].name} said {c} on {rng.choice(['Monday', 'Friday', 'Sunday'])}."
            for c, s in sentences
        )
        text += f" Report {made}."
        did = b.document(text, published=published)
        for k, (content, speaker) in enumerate(sentences):
            occurrence = sum(1 for c, _ in sentences[:k] if c == content)
            b.claim(did, content, speaker=speaker, cue="said", occurrence=occurrence)
    return b.build()
