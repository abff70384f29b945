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


def load_path(path: Path | str, options: TextOptions = TextOptions()) -> Dataset:
    """One input as a Dataset: a ``.json`` claims file as curated, anything else extracted.

    Args:
        path: a local file, or an http(s) URL given as a string (a ``Path`` would collapse the
            ``//`` of the URL).
        options: metadata for articles.

    Raises:
        InputError: unreadable or undecodable file, unreachable URL.
        ClaimsFileError: inconsistent claims file.
    """
    if not _is_url(path) and Path(path).suffix.lower() in CLAIMS_SUFFIXES:
        return load_claims_file(Path(path))
    return extract_file(path, options)


def extract_file(path: Path | str, options: TextOptions = TextOptions()) -> Dataset:
    """Run the extractor on one article: a text file, a saved HTML page or a web URL.

    An HTML page (``.html``/``.htm``, or a URL) is reduced to its main text first (see
    :mod:`provenance.importers.html`); its title, date, site name and URL fill in what the
    options leave unset, and claim spans index into the main text.
    """
    from provenance.extract import extract

    if _is_url(path) or _is_html_path(Path(path)):
        return _extract_page(path, options)
    source = Path(path)
    text = read_text(source, encoding=options.encoding, what="article")
    return extract(
        text,
        source=str(source),
        outlet=options.outlet,
        published=options.published,
        url=options.url,
        title=options.title,
    )


def _is_html_path(path: Path) -> bool:
    from provenance.importers.html import is_html_path

    return is_html_path(path)


def _is_url(path: Path | str) -> bool:
    # Only a string can be a URL: a Path has already lost the "//" after the scheme.
    if not isinstance(path, str):
        return False
    from provenance.importers.html import is_url

    return is_url(path)


def _extract_page(path: Path | str, options: TextOptions) -> Dataset:
    from provenance.extract import extract
    from provenance.importers.html import read_page

    page = read_page(path, encoding=options.encoding)
    # What the user says on the command line wins over what the page says about itself.
    return extract(
        page.text,
        source=str(path),
        outlet=options.outlet or page.outlet,
        published=options.published or page.published,
        url=options.url or page.url,
        title=options.title or page.title,
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
    paths: Sequence[Path | str],
    options: TextOptions = TextOptions(),
    *,
    on_loaded: Callable[[Path | str, Dataset], None] | None = None,
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


def link_extracted(dataset: Dataset) -> Dataset:
    """``dataset`` with the automatic links between its own claims (nothing is stored).

    ``provenance extract`` uses it so that its JSON carries the same corroborates / conflicts /
    repeats / updates links an ingest of the same files would make among them.
    """
    from provenance.analysis.linking import find_links

    return dataset.model_copy(update={"links": list(find_links(dataset).links)})
