"""The ``json`` export: the lossless ``provenance/1`` format (see :mod:`provenance.jsonio`)."""

from __future__ import annotations

from provenance.export.base import ExportFormat
from provenance.model import Dataset


def render(ds: Dataset) -> str:
    """The Dataset as ``provenance/1`` JSON."""
    from provenance.jsonio import dumps

    return dumps(ds)


FORMAT = ExportFormat(
    name="json",
    help="Lossless JSON (provenance/1): ingest it into an empty store to rebuild the store.",
    suffix=".json",
    render=render,
)
