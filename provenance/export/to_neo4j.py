"""The ``neo4j`` export: a folder of CSV files for ``neo4j-admin database import``.

Files (headers in the format of the Neo4j import tool):

* ``claims.csv``, ``actors.csv``, ``documents.csv``: one node a row; ``uid:ID`` is the claim
  graph's node id (``claim:…``, ``actor:…``, ``document:…``: unique across the three files),
  ``id`` the record id, typed columns (``start:int``, ``hedged:boolean``, ``published:date``)
  and ``:LABEL`` (``Claim``, ``Actor``, ``Document``; ``;Stub`` added to records referred to
  but absent from the store, such as an affiliation to an actor never seen).
* ``relationships.csv``: ``:START_ID``, ``:END_ID``, ``:TYPE`` (``SAID_BY``, ``RELAYED_BY``,
  ``APPEARS_IN``, ``PUBLISHED_BY``, ``AFFILIATED_WITH``, ``CORROBORATES``, ``CONFLICTS``,
  ``REPEATS``, ``UPDATES``) and the edge's properties (``hop``, the evidence span, the link's
  id, origin and note).
* ``import.sh``: the import command (:data:`IMPORT_COMMAND`).

Empty cells are missing properties. Fields are quoted as RFC 4180 (quotes doubled); article
text may hold line breaks, hence ``--multiline-fields=true`` in the command.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from provenance.export.base import ExportFormat
from provenance.model import Dataset

__all__ = ["FILES", "FORMAT", "IMPORT_COMMAND", "write_folder"]

IMPORT_COMMAND = (
    "neo4j-admin database import full --overwrite-destination --multiline-fields=true "
    "--nodes=claims.csv --nodes=actors.csv --nodes=documents.csv "
    "--relationships=relationships.csv neo4j"
)
"""Run in the export folder, Neo4j stopped (Neo4j 5; the database name is the last word)."""

_NODE_COLUMNS: dict[str, Sequence[tuple[str, str]]] = {
    "claim": (
        ("text", ""),
        ("document", ""),
        ("start", "int"),
        ("end", "int"),
        ("speaker", ""),
        ("via", ""),
        ("cue", ""),
        ("cue_start", "int"),
        ("cue_end", "int"),
        ("channel", ""),
        ("hedged", "boolean"),
        ("hedge", ""),
        ("rule", ""),
        ("why", ""),
        ("unattributed", "boolean"),
        ("status", ""),
        ("origin", ""),
        ("event_date", "date"),
    ),
    "actor": (
        ("name", ""),
        ("actor_kind", ""),
        ("aliases", ""),
        ("role", ""),
        ("affiliation", ""),
        ("country", ""),
        ("origin", ""),
    ),
    "document": (
        ("title", ""),
        ("outlet", ""),
        ("url", ""),
        ("published", "date"),
        ("source", ""),
        ("text_hash", ""),
    ),
}
_FILES = {"claim": "claims.csv", "actor": "actors.csv", "document": "documents.csv"}
_EDGE_COLUMNS = (
    ("hop", "int"),
    ("start", "int"),
    ("end", "int"),
    ("link", ""),
    ("origin", ""),
    ("note", ""),
)

FILES = (*_FILES.values(), "relationships.csv", "import.sh")
"""The files the export writes."""


def _header(columns: Sequence[tuple[str, str]]) -> list[str]:
    return [f"{name}:{kind}" if kind else name for name, kind in columns]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_folder(ds: Dataset, folder: Path) -> None:
    """Write the CSV files and ``import.sh`` into the empty ``folder``."""
    from provenance.graph import build_graph

    g = build_graph(ds)
    rows: dict[str, list[list[str]]] = {kind: [] for kind in _FILES}
    for node, data in sorted(g.nodes(data=True)):
        kind = data["kind"]
        label = kind.capitalize() + (";Stub" if data.get("stub") else "")
        cells = [node, data["id"], data.get("label", "")]
        cells += [_cell(data.get(name)) for name, _ in _NODE_COLUMNS[kind]]
        rows[kind].append([*cells, label])
    for kind, file in _FILES.items():
        header = ["uid:ID", "id", "label", *_header(_NODE_COLUMNS[kind]), ":LABEL"]
        _write(folder / file, header, rows[kind])

    edges = []
    for u, v, _key, data in sorted(g.edges(keys=True, data=True), key=lambda e: str(e[:3])):
        cells = [u, v, str(data["relation"]).upper()]
        edges.append(cells + [_cell(data.get(name)) for name, _ in _EDGE_COLUMNS])
    _write(
        folder / "relationships.csv",
        [":START_ID", ":END_ID", ":TYPE", *_header(_EDGE_COLUMNS)],
        edges,
    )
    script = folder / "import.sh"
    script.write_text(
        "#!/bin/sh\n# Import this folder into Neo4j 5 (stop the database first).\n"
        f'cd "$(dirname "$0")" && {IMPORT_COMMAND}\n',
        encoding="utf-8",
    )


def _write(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)


def node_columns() -> Mapping[str, Sequence[tuple[str, str]]]:
    """The typed property columns of each node kind."""
    return _NODE_COLUMNS


FORMAT = ExportFormat(
    name="neo4j",
    help="A folder of CSV files for neo4j-admin database import (nodes, relationships).",
    # A folder, but named like a file bundle (``claims.neo4j/``): every format has a suffix.
    suffix=".neo4j",
    writes_folder=True,
    write_folder=write_folder,
)
