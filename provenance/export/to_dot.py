"""The ``dot`` export: the claim graph in Graphviz DOT, to draw with ``dot -Tsvg``.

Claims are boxes (their text, cut to 80 characters, as label and in full as tooltip), actors
ellipses, documents notes; every edge is labelled with its relation. Each node and edge also
carries ``kind``/``relation`` attributes so that scripts reading the file can filter it.

Every id and value is written as a DOT quoted string: backslashes and double quotes are
escaped, line breaks become the ``\\n`` escape and other control characters spaces, so article
text can neither end a string nor add statements, and Graphviz's own escapes (``\\N``,
``\\G``, ``\\l`` ...) cannot be triggered by the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from provenance.export.base import ExportFormat
from provenance.model import Dataset

__all__ = ["FORMAT", "quote", "render"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")

_STYLE = {
    "claim": {"shape": "box", "style": "rounded,filled", "fillcolor": "#fff4d6"},
    "actor": {"shape": "ellipse", "style": "filled", "fillcolor": "#dbe9ff"},
    "document": {"shape": "note", "style": "filled", "fillcolor": "#eeeeee"},
}
_EDGE_STYLE = {
    "conflicts": {"color": "#c0392b"},
    "corroborates": {"color": "#27ae60"},
    "affiliated_with": {"style": "dashed"},
}


def quote(value: object) -> str:
    """``value`` as a DOT quoted string that shows exactly its text (see module docstring)."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _attrs(attrs: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={quote(v)}" for k, v in attrs.items() if v is not None)


def render(ds: Dataset) -> str:
    """The claim graph of ``ds`` as DOT text."""
    return "\n".join(_lines(ds)) + "\n"


def _lines(ds: Dataset) -> Iterator[str]:
    from provenance.graph import build_graph

    g = build_graph(ds)
    yield "digraph provenance {"
    yield '  graph [rankdir="LR", fontname="Helvetica"];'
    yield '  node [fontname="Helvetica", fontsize="10"];'
    yield '  edge [fontname="Helvetica", fontsize="8"];'
    for node, data in sorted(g.nodes(data=True)):
        kind = data.get("kind", "")
        attrs: dict[str, Any] = {"label": data.get("label", node), "kind": kind}
        if kind == "claim":
            attrs["tooltip"] = data.get("text")
        elif kind == "actor":
            attrs["tooltip"] = data.get("actor_kind")
        attrs.update(_STYLE.get(kind, {}))
        if data.get("stub"):
            attrs["style"] = "dotted"
        yield f"  {quote(node)} [{_attrs(attrs)}];"
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for u, v, _key, data in edges:
        relation = data.get("relation", "")
        label = f"{relation} {data['hop']}" if "hop" in data else relation
        attrs = {"label": label, "relation": relation, **_EDGE_STYLE.get(relation, {})}
        yield f"  {quote(u)} -> {quote(v)} [{_attrs(attrs)}];"
    yield "}"


FORMAT = ExportFormat(
    name="dot",
    help="The claim graph in Graphviz DOT (draw it with: dot -Tsvg graph.dot -o graph.svg).",
    suffix=".dot",
    render=render,
)
