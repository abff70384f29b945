"""Turning claim drafts and entities into the shared data model (a :class:`Dataset`)."""

from __future__ import annotations

import datetime as dt
from typing import cast

from provenance.extract.engine import Draft, Result

# The other helpers' parsers: a claim's counted quantities and the day of its event.
from provenance.extract.quantities import parse_quantities
from provenance.extract.speakers import Entity
from provenance.model import (
    ACTOR_KINDS,
    Actor,
    ActorKind,
    Claim,
    Dataset,
    Document,
    actor_id,
    claim_id,
    document_id,
    text_hash,
)


class _Actors:
    """Entities -> actors, merging entities whose names give the same id."""

    def __init__(self) -> None:
        self.by_id: dict[str, Actor] = {}
        self.of_entity: dict[int, str] = {}

    def add(self, ent: Entity) -> str:
        key = id(ent)
        if key in self.of_entity:
            return self.of_entity[key]
        aid = actor_id(ent.name)
        self.of_entity[key] = aid
        affiliation = self.add(ent.affiliation) if ent.affiliation is not None else None
        if affiliation == aid:
            affiliation = None
        kind = cast(ActorKind, ent.kind if ent.kind in ACTOR_KINDS else "unknown")
        aliases = sorted({a for a in ent.aliases if a.strip() and a != ent.name})
        existing = self.by_id.get(aid)
        if existing is None:
            self.by_id[aid] = Actor(
                id=aid,
                name=ent.name,
                kind=kind,
                aliases=aliases,
                role=ent.role,
                affiliation=affiliation,
                origin="text",
            )
        else:
            merged = sorted(set(existing.aliases) | set(aliases) - {existing.name})
            self.by_id[aid] = existing.model_copy(
                update={
                    "aliases": merged,
                    "role": existing.role or ent.role,
                    "affiliation": existing.affiliation or affiliation,
                    "kind": existing.kind if existing.kind != "unknown" else kind,
                }
            )
        return aid


def _claim(doc_id: str, text: str, d: Draft, actors: _Actors) -> Claim:
    start, end = d.span
    content = text[start:end]
    return Claim(
        id=claim_id(doc_id, (start, end)),
        document=doc_id,
        span=(start, end),
        text=content,
        speaker=actors.add(d.speaker) if d.speaker is not None else None,
        via=[actors.add(v) for v in d.via],
        cue=d.cue,
        cue_span=d.cue_span,
        channel=d.channel,
        hedged=d.hedge is not None,
        hedge=d.hedge,
        rule=d.rule,
        why=d.why or None,
        unattributed=d.unattributed,
        quantities=parse_quantities(content),
        origin="extracted",
    )


def build_dataset(
    text: str,
    result: Result | None,
    *,
    source: str | None,
    outlet: str | None,
    published: dt.date | None,
    url: str | None,
    title: str | None,
) -> Dataset:
    """The dataset of one extraction: one document, its actors and claims (no links)."""
    doc_id = document_id(text)
    actors = _Actors()
    outlet_id = None
    if result is not None and result.outlet is not None:
        outlet_id = actors.add(result.outlet)
    elif outlet and outlet.strip():
        outlet_id = actor_id(outlet.strip())
        actors.by_id[outlet_id] = Actor(
            id=outlet_id, name=outlet.strip(), kind="news_outlet", origin="text"
        )
    doc = Document(
        id=doc_id,
        text=text,
        text_hash=text_hash(text),
        title=title,
        outlet=outlet_id,
        url=url,
        published=published,
        source=source,
    )
    claims: list[Claim] = []
    seen: set[str] = set()
    if result is not None:
        for d in sorted(result.drafts, key=lambda x: x.span):
            start, end = d.span
            if not (0 <= start < end <= len(text)):
                continue
            c = _claim(doc_id, text, d, actors)
            if c.id in seen:
                continue
            seen.add(c.id)
            claims.append(c)
    return Dataset(documents=[doc], actors=list(actors.by_id.values()), claims=claims)
