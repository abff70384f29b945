"""Ingest pipeline: files to Datasets (claims files or extraction), then one store transaction.

Every file is read and parsed before anything is written, so a bad file anywhere in the batch
leaves the store exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from provenance.claimsfile import load_claims_file
from provenance.inputs import read_text
from provenance.model import Dataset
from provenance.store import IngestReport, Store

CLAIMS_SUFFIXES = frozenset({".json"})


@dataclass(frozen=True)
class TextOptions:
    """What the user tells us about plain-text articles (the text cannot say it)."""

    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    title: str | None = None
    encoding: str = "utf-8"


def load_path(path: Path, options: TextOptions = TextOptions()) -> Dataset:
    """One file as a Dataset: a ``.json`` claims file as curated, anything else extracted.

    Raises:
        InputError: unreadable or undecodable file.
        ClaimsFileError: inconsistent claims file.
    """
    if path.suffix.lower() in CLAIMS_SUFFIXES:
        return load_claims_file(path)
    return extract_file(path, options)


def extract_file(path: Path, options: TextOptions = TextOptions()) -> Dataset:
    """Run the extractor on one article text file."""
    from provenance.extract import extract

    text = read_text(path, encoding=options.encoding, what="article")
    return extract(
        text,
        source=str(path),
        outlet=options.outlet,
        published=options.published,
        url=options.url,
        title=options.title,
    )


def merge(datasets: Sequence[Dataset]) -> Dataset:
    """Concatenate datasets, keeping the first copy of any record with the same id."""
    out = Dataset()
    seen: set[tuple[str, str]] = set()
    for ds in datasets:
        for kind in ("documents", "actors", "claims", "links"):
            target = getattr(out, kind)
            for record in getattr(ds, kind):
                key = (kind, record.id)
                if key not in seen:
                    seen.add(key)
                    target.append(record)
    return out


def ingest_paths(
    store: Store,
    paths: Sequence[Path],
    options: TextOptions = TextOptions(),
    *,
    on_loaded: Callable[[Path, Dataset], None] | None = None,
    link: bool = True,
    min_sources: int = 2,
) -> IngestReport:
    """Load every path, then write them all to the store in one transaction.

    Args:
        store: the open store.
        paths: claims files (``.json``) and article texts.
        options: metadata for article texts.
        on_loaded: called after each file is parsed (progress reporting).
        link: link the new claims to what is stored and reassess statuses.
        min_sources: independent source groups a claim needs to be confirmed.
    """
    loaded: list[Dataset] = []
    for path in paths:
        ds = load_path(path, options)
        loaded.append(ds)
        if on_loaded is not None:
            on_loaded(path, ds)
    report = IngestReport()
    with store.transaction():
        for ds in loaded:
            report.add(store.ingest(ds))
        if link:
            from provenance.refresh import refresh

            new = [c.id for ds in loaded for c in ds.claims]
            report.links_new += refresh(store, new, min_sources=min_sources).links_new
    return report
