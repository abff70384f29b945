"""``ingest`` and ``extract``: articles and claims files in."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click
from rich.progress import Progress

from provenance.cli import render
from provenance.cli.options import article_options, json_option
from provenance.cli.state import State
from provenance.model import Dataset
from provenance.pipeline import TextOptions, extract_file, ingest_paths, merge

_PROGRESS_FROM = 5  # files; below that a bar is noise


def _options(
    outlet: str | None, published: dt.date | None, url: str | None, title: str | None, encoding: str
) -> TextOptions:
    return TextOptions(outlet=outlet, published=published, url=url, title=title, encoding=encoding)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@article_options
@json_option
@click.pass_obj
def ingest(
    state: State,
    paths: tuple[Path, ...],
    outlet: str | None,
    published: dt.date | None,
    url: str | None,
    title: str | None,
    encoding: str,
    as_json: bool,
) -> None:
    """Add claims files (.json) and article texts (.txt) to the store.

    A claims file (format provenance-gold/1, or a provenance JSON export) is taken as curated;
    an article text goes through the extractor. All files are read first and written in one
    transaction: a bad file leaves the store unchanged.

    \b
    Examples:
      provenance ingest examples/claims/seed-000.json
      provenance ingest article.txt --outlet Reuters --published 2024-04-05
    """
    options = _options(outlet, published, url, title, encoding)
    err = State.err()
    empty: list[Path] = []

    def note(path: Path, ds: Dataset) -> None:
        if not any(not c.unattributed for c in ds.claims):
            empty.append(path)

    if len(paths) >= _PROGRESS_FROM and err.is_terminal:
        with Progress(console=err, transient=True) as progress:
            task = progress.add_task("reading", total=len(paths))

            def step(path: Path, ds: Dataset) -> None:
                note(path, ds)
                progress.advance(task)

            report = ingest_paths(state.store(), paths, options, on_loaded=step)
    else:
        report = ingest_paths(state.store(), paths, options, on_loaded=note)
    for path in empty:
        click.echo(f"note: {path}: no attributed statement found", err=True)
    if as_json:
        click.echo(json.dumps(report.model_dump(), indent=1))
    else:
        render.ingest_report(State.out(), report, state.db_path)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@article_options
@json_option
def extract(
    paths: tuple[Path, ...],
    outlet: str | None,
    published: dt.date | None,
    url: str | None,
    title: str | None,
    encoding: str,
    as_json: bool,
) -> None:
    """Extract attributed claims from article texts without storing them.

    With --json the output is the export format (documents, actors, claims), which
    ../shared/eval/score.py reads as predictions.

    \b
    Examples:
      provenance extract seeds/000_c52cd98779172a07.txt --published 2024-04-05
      provenance extract articles/*.txt --json > predictions.json
    """
    from provenance.jsonio import dumps

    options = _options(outlet, published, url, title, encoding)
    datasets = [extract_file(p, options) for p in paths]
    for path, ds in zip(paths, datasets, strict=True):
        if not any(not c.unattributed for c in ds.claims):
            click.echo(f"note: {path}: no attributed statement found", err=True)
    ds = merge(datasets)
    if as_json:
        click.echo(dumps(ds))
    else:
        render.claims_table(State.out(), ds, ds.claims, title="Extracted claims")


COMMANDS = [ingest, extract]
