"""The ``csv`` export: one row per claim, safe to open in a spreadsheet.

Columns are :data:`COLUMNS`. Actors are given by name (``via`` joins the relays with
``" > "``, publishing side first), booleans as ``true``/``false``, dates as ISO strings. Rows
follow the documents' publication dates, then the order of the text.

Article text is untrusted: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return would be run as a formula by Excel or LibreOffice, so such cells get a leading ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from provenance.export.base import ExportFormat
from provenance.model import Actor, Claim, Dataset, Document

__all__ = ["COLUMNS", "FORMAT", "neutralise", "render"]

COLUMNS = (
    "id",
    "document",
    "document_source",
    "outlet",
    "published",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_kind",
    "via",
    "cue",
    "channel",
    "hedged",
    "hedge",
    "unattributed",
    "status",
    "rule",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """``cell`` made inert for spreadsheets: a leading ``'`` before a formula-like start."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def render(ds: Dataset) -> str:
    """The claims of ``ds`` as CSV text (header row first, ``\\n`` line ends)."""
    actors = ds.actor_index()
    docs = ds.document_index()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for claim in sorted(ds.claims, key=lambda c: _order(c, docs)):
        row = _row(claim, docs.get(claim.document), actors)
        writer.writerow([neutralise(row[col]) for col in COLUMNS])
    return out.getvalue()


def _order(claim: Claim, docs: Mapping[str, Document]) -> tuple[str, str, int, str]:
    doc = docs.get(claim.document)
    published = doc.published.isoformat() if doc is not None and doc.published else "9999"
    return (published, claim.document, claim.span[0], claim.id)


def _row(claim: Claim, doc: Document | None, actors: Mapping[str, Actor]) -> dict[str, str]:
    def name(aid: str | None) -> str:
        if aid is None:
            return ""
        actor = actors.get(aid)
        return actor.name if actor is not None else aid

    speaker = actors.get(claim.speaker) if claim.speaker else None
    return {
        "id": claim.id,
        "document": claim.document,
        "document_source": (doc.source or "") if doc else "",
        "outlet": name(doc.outlet) if doc else "",
        "published": doc.published.isoformat() if doc and doc.published else "",
        "start": str(claim.span[0]),
        "end": str(claim.span[1]),
        "text": claim.text,
        "speaker": name(claim.speaker),
        "speaker_kind": speaker.kind if speaker else "",
        "via": " > ".join(name(v) for v in claim.via),
        "cue": claim.cue or "",
        "channel": claim.channel or "",
        "hedged": _bool(claim.hedged),
        "hedge": claim.hedge or "",
        "unattributed": _bool(claim.unattributed),
        "status": claim.status,
        "rule": claim.rule or "",
    }


def _bool(value: bool) -> str:
    return "true" if value else "false"


FORMAT = ExportFormat(
    name="csv",
    help="One row per claim (speaker, relays, cue, evidence span) for spreadsheets.",
    suffix=".csv",
    render=render,
)
