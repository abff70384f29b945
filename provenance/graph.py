"""The claim graph of a Dataset as a networkx ``MultiDiGraph``.

Every attribute value is a plain ``str``, ``int``, ``float`` or ``bool`` and attributes whose
value would be ``None`` are left out, so the graph can be written as GraphML and opened in Gephi
as it is. Each attribute name has one type wherever it appears, which GraphML requires.

Nodes
-----
Node ids carry the record kind as a prefix: ``"claim:<id>"``, ``"actor:<id>"``,
``"document:<id>"``. Every node has ``kind`` (``claim``, ``actor`` or ``document``), ``id``
(the record id without prefix) and ``label`` (a short human-readable name for Gephi).

* ``claim``: ``text``, ``document`` (document id), ``start``, ``end`` (the evidence span),
  ``speaker`` (actor id), ``via`` (relay actor ids joined with ``" > "``), ``cue``,
  ``cue_start``, ``cue_end``, ``channel``, ``hedged``, ``hedge``, ``rule``, ``why``,
  ``unattributed``, ``status``, ``origin``, ``event_date`` (ISO date).
* ``actor``: ``name``, ``actor_kind`` (person, government, news_agency, ...; named so because
  ``kind`` is the node kind), ``aliases`` (joined with ``"; "``), ``role``, ``affiliation``
  (actor id), ``country``, ``origin``.
* ``document``: ``title``, ``outlet`` (actor id), ``url``, ``published`` (ISO date),
  ``source``, ``text_hash``. The article text is not copied into the graph.

A record referred to but absent from the Dataset (an affiliation to an actor the store has not
seen, a link to a claim outside a neighbourhood) gets a stub node with ``kind``, ``id``,
``label`` and ``stub=True``.

Edges
-----
Every edge has ``relation`` (its type, listed below); the edge key is the relation, except for
``relayed_by`` (``"relayed_by:<hop>"``: one actor may relay twice) and claim-claim links (the
link id).

* ``said_by``: claim -> actor, the speaker.
* ``relayed_by``: claim -> actor, one per relay, with ``hop`` = 1..n counted from the
  publishing side back towards the speaker (the order of ``Claim.via``).
* ``appears_in``: claim -> document, with ``start`` and ``end`` of the evidence span.
* ``published_by``: document -> actor, the publishing outlet.
* ``affiliated_with``: actor -> actor it speaks for.
* ``corroborates``, ``conflicts``, ``repeats``, ``updates``: claim -> claim, from the link's
  ``source`` to its ``target``, with ``link`` (the link id), ``origin`` (auto, manual, curated)
  and ``note`` (the evidence for the link).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from provenance.model import Actor, Claim, Dataset, Document, Link

__all__ = ["actor_node", "build_graph", "claim_node", "document_node"]

_LABEL_CHARS = 80
"""Claim labels are cut to this many characters; the full text is in ``text``."""


def claim_node(cid: str) -> str:
    """The node id of a claim."""
    return f"claim:{cid}"


def actor_node(aid: str) -> str:
    """The node id of an actor."""
    return f"actor:{aid}"


def document_node(did: str) -> str:
    """The node id of a document."""
    return f"document:{did}"


def build_graph(ds: Dataset) -> nx.MultiDiGraph:
    """Build the claim graph of a Dataset (see the module docstring for every attribute).

    Args:
        ds: documents, actors, claims and links; references to records it lacks become stubs.

    Returns:
        The graph.
    """
    g = nx.MultiDiGraph()
    for doc in ds.documents:
        g.add_node(document_node(doc.id), **_document_attrs(doc))
    for actor in ds.actors:
        g.add_node(actor_node(actor.id), **_actor_attrs(actor))
    for claim in ds.claims:
        g.add_node(claim_node(claim.id), **_claim_attrs(claim))

    for doc in ds.documents:
        if doc.outlet:
            _edge(g, document_node(doc.id), _actor(g, doc.outlet), "published_by")
    for actor in ds.actors:
        if actor.affiliation:
            _edge(g, actor_node(actor.id), _actor(g, actor.affiliation), "affiliated_with")
    for claim in ds.claims:
        _claim_edges(g, claim)
    for link in ds.links:
        _link_edge(g, link)
    return g


# --------------------------------------------------------------------------- edges


def _claim_edges(g: nx.MultiDiGraph, claim: Claim) -> None:
    node = claim_node(claim.id)
    _edge(
        g,
        node,
        _stub(g, document_node(claim.document), "document", claim.document),
        "appears_in",
        start=claim.span[0],
        end=claim.span[1],
    )
    if claim.speaker:
        _edge(g, node, _actor(g, claim.speaker), "said_by")
    for hop, relay in enumerate(claim.via, 1):
        _edge(g, node, _actor(g, relay), "relayed_by", key=f"relayed_by:{hop}", hop=hop)


def _link_edge(g: nx.MultiDiGraph, link: Link) -> None:
    _edge(
        g,
        _stub(g, claim_node(link.source), "claim", link.source),
        _stub(g, claim_node(link.target), "claim", link.target),
        link.relation,
        key=link.id,
        link=link.id,
        origin=link.origin,
        note=link.note,
    )


def _edge(
    g: nx.MultiDiGraph, u: str, v: str, relation: str, *, key: str | None = None, **attrs: Any
) -> None:
    g.add_edge(u, v, key=key or relation, relation=relation, **_plain(attrs))


def _actor(g: nx.MultiDiGraph, aid: str) -> str:
    return _stub(g, actor_node(aid), "actor", aid)


def _stub(g: nx.MultiDiGraph, node: str, kind: str, rid: str) -> str:
    # A reference to a record outside the Dataset still gets typed attributes, so that the
    # GraphML file has no node without a kind.
    if node not in g:
        g.add_node(node, kind=kind, id=rid, label=rid, stub=True)
    return node


# --------------------------------------------------------------------------- node attributes


def _plain(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Attributes without None values (GraphML has no null)."""
    return {k: v for k, v in attrs.items() if v is not None}


def _document_attrs(doc: Document) -> dict[str, Any]:
    return _plain(
        {
            "kind": "document",
            "id": doc.id,
            "label": doc.title or doc.source or doc.id,
            "title": doc.title,
            "outlet": doc.outlet,
            "url": doc.url,
            "published": doc.published.isoformat() if doc.published else None,
            "source": doc.source,
            "text_hash": doc.text_hash,
        }
    )


def _actor_attrs(actor: Actor) -> dict[str, Any]:
    return _plain(
        {
            "kind": "actor",
            "id": actor.id,
            "label": actor.name,
            "name": actor.name,
            "actor_kind": actor.kind,
            "aliases": "; ".join(actor.aliases) if actor.aliases else None,
            "role": actor.role,
            "affiliation": actor.affiliation,
            "country": actor.country,
            "origin": actor.origin,
        }
    )


def _claim_attrs(claim: Claim) -> dict[str, Any]:
    label = claim.text
    if len(label) > _LABEL_CHARS:
        label = label[: _LABEL_CHARS - 1].rstrip() + "…"
    return _plain(
        {
            "kind": "claim",
            "id": claim.id,
            "label": label,
            "text": claim.text,
            "document": claim.document,
            "start": claim.span[0],
            "end": claim.span[1],
            "speaker": claim.speaker,
            "via": " > ".join(claim.via) if claim.via else None,
            "cue": claim.cue,
            "cue_start": claim.cue_span[0] if claim.cue_span else None,
            "cue_end": claim.cue_span[1] if claim.cue_span else None,
            "channel": claim.channel,
            "hedged": claim.hedged,
            "hedge": claim.hedge,
            "rule": claim.rule,
            "why": claim.why,
            "unattributed": claim.unattributed,
            "status": claim.status,
            "origin": claim.origin,
            "event_date": claim.event_date.isoformat() if claim.event_date else None,
        }
    )
