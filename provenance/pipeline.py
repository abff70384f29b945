"""Ingest pipeline: files to Datasets (claims files or extraction), then one store transaction.

A whole batch is one transaction, so a bad file anywhere in the batch leaves the store exactly
as it was. Files are parsed by :func:`load_paths`, in ``workers`` processes when there are
enough of them, and written by one writer (this process) in input order. A batch of up to
:data:`STREAM_AFTER` files is read completely before anything is written (the store's write
lock is taken only at the end); a bigger batch is written and linked as it is read, inside the
same transaction, so memory stays bounded whatever the batch size, at the price of holding the
write lock for the whole ingest (readers are never blocked; other writers wait).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack, closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from provenance.claimsfile import load_claims_file
from provenance.errors import InputError
from provenance.inputs import read_text
from provenance.model import Dataset
from provenance.store import IngestReport, Store

if TYPE_CHECKING:
    from provenance.analysis.linking import Prepared

CLAIMS_SUFFIXES = frozenset({".json"})


@dataclass(frozen=True)
class TextOptions:
    """What the user tells us about articles: it wins over what a text's front matter or a
    page's metadata says about itself."""

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
    options leave unset, and claim spans index into the main text. A text file may begin with a
    front-matter header (see :mod:`provenance.importers.frontmatter`): its title, date, outlet
    and URL fill in what the options leave unset the same way, and the document is the body
    after the header.

    Raises:
        InputError: unreadable or undecodable file, unreachable URL, a bad date in the header,
            or nothing after the header.
    """
    from provenance.extract import extract
    from provenance.importers.frontmatter import split_front_matter

    if _is_url(path) or _is_html_path(Path(path)):
        return _extract_page(path, options)
    source = Path(path)
    text = read_text(source, encoding=options.encoding, what="article")
    header, body = split_front_matter(text, source=str(source))
    if not body.strip():
        raise InputError(f"{source}: no article text after the front matter")
    # What the user says on the command line wins over what the header says.
    return extract(
        body,
        source=str(source),
        outlet=options.outlet or header.outlet,
        published=options.published or header.published,
        url=options.url or header.url,
        title=options.title or header.title,
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


PARALLEL_MIN_FILES = 32
"""Below this many files a batch is read in this process whatever ``workers`` says: starting
worker processes would cost more than they save."""

STREAM_AFTER = 500
"""Files read before writing starts. A batch of at most this many is read completely before the
transaction begins; a bigger one is written (and linked) in slices of this many files as it is
read, in the same transaction, so memory does not grow with the batch."""

_CHUNK = 8
"""Files per task handed to a worker process."""

_AHEAD_FILES = STREAM_AFTER + 64
"""Files parsed ahead of the writer: a slice and a bit, so the workers keep parsing the next
slice while the writer stores and links the current one, while the memory held by parsed files
the writer has not taken yet stays bounded."""


def default_workers() -> int:
    """The number of cores this process may run on (the default of ``ingest --workers``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


WORKER_NICENESS = 5
"""How much lower than the writer's the worker processes' scheduling priority is (Unix)."""


def _start_worker() -> None:
    """Worker process initializer.

    Workers yield the CPU to the writer: the one writer is the slowest stage, and when workers
    and writer share the cores equally the writer falls behind while the workers run out of
    files they may parse ahead, leaving a core idle (10k articles on 2 cores: 84% of the CPU
    used; 94% with the workers niced). And a worker exits as soon as the ingesting process
    dies (SIGKILL, OOM), instead of waiting forever for work that will never come.
    """
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICENESS)
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


Features = dict[str, "Prepared"]
"""A document's claims' linking features and key codes by claim id (see
:func:`prepare_features`)."""


def prepare_features(dataset: Dataset) -> Features:
    """The linking features and blocking-key codes of a parsed file's claims, read in the
    context of that file alone.

    Computed where the file is parsed (in the worker processes of a parallel ingest), so the
    one writer only compares; being per file, they do not depend on how files are batched.
    """
    from provenance.analysis.linking import prepare

    return prepare(dataset)


def _load_one(path: Path | str, options: TextOptions, features: bool) -> tuple[Dataset, Features]:
    ds = load_path(path, options)
    return ds, (prepare_features(ds) if features else {})


def _load_chunk(
    paths: list[Path | str], options: TextOptions, features: bool = False
) -> list[tuple[Dataset, Features]]:
    """Worker process task: parse some files (a module-level function, so 'spawn' can pickle
    it by name)."""
    return [_load_one(path, options, features) for path in paths]


def load_paths(
    paths: Iterable[Path | str], options: TextOptions = TextOptions(), *, workers: int = 1
) -> Generator[tuple[Path | str, Dataset], None, None]:
    """Each path with its Dataset, in the order given.

    With ``workers`` > 1 and at least :data:`PARALLEL_MIN_FILES` paths, the files are parsed by
    that many worker processes (started with 'spawn': safe with the open store and threads),
    a few chunks ahead of the caller, so memory stays bounded. ``workers`` = 1 starts no
    process. A bad file raises the same error as it would in this process, when its turn comes;
    closing the iterator early stops the workers.

    Raises:
        InputError: unreadable or undecodable file, unreachable URL.
        ClaimsFileError: inconsistent claims file.
    """
    for path, ds, _ in _load(paths, options, workers=workers, features=False):
        yield path, ds


def _load(
    paths: Iterable[Path | str], options: TextOptions, *, workers: int, features: bool
) -> Generator[tuple[Path | str, Dataset, Features], None, None]:
    """:func:`load_paths`, with each file's linking features when ``features`` is set."""
    items = list(paths)
    n = min(workers, -(-len(items) // _CHUNK))
    if n <= 1 or len(items) < PARALLEL_MIN_FILES:
        for path in items:
            yield path, *_load_one(path, options, features)
        return
    chunks = iter([items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)])
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=_start_worker)
    pending: deque[tuple[list[Path | str], Future[list[tuple[Dataset, Features]]]]] = deque()

    def submit() -> None:
        chunk = next(chunks, None)
        if chunk is not None:
            pending.append((chunk, pool.submit(_load_chunk, chunk, options, features)))

    try:
        for _ in range(max(n, -(-_AHEAD_FILES // _CHUNK))):
            submit()
        while pending:
            chunk, future = pending.popleft()
            loaded = future.result()
            submit()
            for path, (ds, feats) in zip(chunk, loaded, strict=True):
                yield path, ds, feats
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def ingest_paths(
    store: Store,
    paths: Sequence[Path | str],
    options: TextOptions = TextOptions(),
    *,
    on_loaded: Callable[[Path | str, Dataset], None] | None = None,
    link: bool = True,
    min_sources: int = 2,
    workers: int = 1,
) -> IngestReport:
    """Load every path and write them all to the store in one transaction.

    Up to :data:`STREAM_AFTER` files are all read before the transaction begins; more are
    written and linked slice by slice as they are read, still in one transaction (see the module
    docstring). Either way a bad file leaves the store unchanged.

    Args:
        store: the open store.
        paths: claims files (``.json``) and article texts.
        options: metadata for article texts.
        on_loaded: called after each file is parsed, in input order (progress reporting).
        link: link the new claims to what is stored and reassess statuses.
        min_sources: independent source groups a claim needs to be confirmed.
        workers: processes parsing files (see :func:`load_paths`); 1 parses them here.
    """
    from provenance.analysis.linking import bulk_work
    from provenance.refresh import Linking, refresh

    report = IngestReport()
    pending: list[Dataset] = []
    # One linking session for all the slices: features of recent claims are kept between them.
    session = Linking(store)

    def write() -> None:
        for ds in pending:
            report.add(store.ingest(ds))
        if link:
            new = [c.id for ds in pending for c in ds.claims]
            found = refresh(store, new, min_sources=min_sources, session=session)
            report.links_new += found.links_new
        pending.clear()

    with ExitStack() as stack:
        # The cyclic garbage collector is paused for the whole ingest: parsed files and
        # linking allocate millions of small acyclic objects, and collections over the heap of
        # a large ingest cost more as it grows (8% of the writer's time at 5k articles, with
        # 364 objects of cyclic garbage left at the end: nothing worth collecting).
        stack.enter_context(bulk_work())
        stack.enter_context(store.large_cache())
        loaded = stack.enter_context(closing(_load(paths, options, workers=workers, features=link)))
        writing = False
        for path, ds, feats in loaded:
            if on_loaded is not None:
                on_loaded(path, ds)
            pending.append(ds)
            session.offer(feats)
            if len(pending) >= STREAM_AFTER:
                if not writing:
                    stack.enter_context(store.transaction())
                    writing = True
                write()
        if not writing:
            stack.enter_context(store.transaction())
        write()
    return report


def link_extracted(dataset: Dataset) -> Dataset:
    """``dataset`` with the automatic links between its own claims (nothing is stored).

    ``provenance extract`` uses it so that its JSON carries the same corroborates / conflicts /
    repeats / updates links an ingest of the same files would make among them.
    """
    from provenance.analysis.linking import find_links

    return dataset.model_copy(update={"links": list(find_links(dataset).links)})
