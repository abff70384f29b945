"""The ``gexf`` export: the claim graph for Gephi, with publication dates as time intervals.

The graph is :func:`provenance.graph.build_graph` with three changes GEXF needs:

* node ids are the graph's prefixed ids (``claim:…``, ``actor:…``, ``document:…``); the record
  id is kept as ``record_id`` (networkx would otherwise take the ``id`` attribute as the GEXF
  id, and a claim and a document may share one);
* the evidence span attributes ``start``/``end`` of claims and ``appears_in`` edges are renamed
  ``span_start``/``span_end``, because ``start``/``end`` are GEXF's time interval;
* every node and edge that has a date gets ``start`` (an ISO date; the interval stays open, so
  it remains once it appeared): a document its published date, a claim and its edges the date
  of its document, an actor and its affiliation edges the earliest date of a document that
  names it. Gephi's timeline then plays the story in the order it was published. Records
  without any date have no interval and are always shown.
"""

from __future__ import annotations

import io
from typing import Any

from provenance.export.base import ExportFormat
from provenance.model import Dataset

__all__ = ["FORMAT", "dynamic_graph", "render"]


def dynamic_graph(ds: Dataset) -> Any:
    """The claim graph of ``ds`` with GEXF time intervals (see the module docstring)."""
    import networkx as nx

    from provenance.graph import actor_node, build_graph, claim_node, document_node

    g = build_graph(ds)
    published = {d.id: d.published.isoformat() for d in ds.documents if d.published}
    when: dict[str, str] = {document_node(did): day for did, day in published.items()}

    def earliest(node: str, day: str | None) -> None:
        if day is not None and (node not in when or day < when[node]):
            when[node] = day

    for doc in ds.documents:
        if doc.outlet:
            earliest(actor_node(doc.outlet), published.get(doc.id))
    for claim in ds.claims:
        day = published.get(claim.document)
        earliest(claim_node(claim.id), day)
        for aid in (claim.speaker, *claim.via):
            if aid:
                earliest(actor_node(aid), day)

    out = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        attrs = {_rename(k): v for k, v in data.items()}
        if node in when:
            attrs["start"] = when[node]
        out.add_node(node, **attrs)
    for u, v, key, data in g.edges(keys=True, data=True):
        attrs = {_rename(k): val for k, val in data.items()}
        # An edge exists from when both of its ends do.
        days = [when[n] for n in (u, v) if n in when]
        if days:
            attrs["start"] = max(days)
        out.add_edge(u, v, key=key, **attrs)
    return out


def _rename(key: str) -> str:
    return {"id": "record_id", "start": "span_start", "end": "span_end"}.get(key, key)


def render(ds: Dataset) -> str:
    """The claim graph of ``ds`` as GEXF 1.2 text (dynamic, dates as ``start``)."""
    import networkx as nx

    buf = io.BytesIO()
    nx.write_gexf(dynamic_graph(ds), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue().decode("utf-8")


FORMAT = ExportFormat(
    name="gexf",
    help="The claim graph as GEXF for Gephi, with publication dates so the timeline plays.",
    suffix=".gexf",
    render=render,
)
