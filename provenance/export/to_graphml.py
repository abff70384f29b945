"""The ``graphml`` export: the claim graph of :mod:`provenance.graph`, to open in Gephi."""

from __future__ import annotations

import io

from provenance.export.base import ExportFormat
from provenance.model import Dataset


def render(ds: Dataset) -> str:
    """The claim graph of ``ds`` as GraphML text (UTF-8 XML)."""
    # networkx is imported here, not at module import, so listing formats stays fast.
    import networkx as nx

    from provenance.graph import build_graph

    buf = io.BytesIO()
    nx.write_graphml(build_graph(ds), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue().decode("utf-8")


FORMAT = ExportFormat(
    name="graphml",
    help="The claim graph (claims, actors, documents and their links) as GraphML for Gephi.",
    suffix=".graphml",
    render=render,
)
