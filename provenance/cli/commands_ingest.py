"""``ingest`` and ``extract``: articles and claims files in."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click
from rich.progress import Progress

from provenance.cli import render
from provenance.cli.options import article_options, json_option
from provenance.cli.params import paths_or_urls
from provenance.cli.state import State
from provenance.errors import UsageError
from provenance.model import Dataset
from provenance.pipeline import (
    TextOptions,
    default_workers,
    extract_file,
    ingest_paths,
    link_extracted,
    merge,
)

_PROGRESS_FROM = 5  # files; below that a bar is noise


def _options(
    outlet: str | None, published: dt.date | None, url: str | None, title: str | None, encoding: str
) -> TextOptions:
    return TextOptions(outlet=outlet, published=published, url=url, title=title, encoding=encoding)


@click.command()
@click.argument("paths", nargs=-1, required=True, callback=paths_or_urls)
@article_options
@click.option(
    "--format",
    "input_format",
    type=click.Choice(["auto", "claimreview"]),
    default="auto",
    show_default=True,
    help="auto: by suffix (claims .json, .html/.htm pages, URLs, texts); "
    "claimreview: attach published fact-checks to the matching stored claims.",
)
@click.option("--yes", "-y", is_flag=True, help="With --format claimreview: attach without asking.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Processes extracting articles in parallel (default: all cores; 1: none). "
    "One writer stores what they read.",
)
@json_option
@click.pass_obj
def ingest(
    state: State,
    paths: tuple[Path | str, ...],
    outlet: str | None,
    published: dt.date | None,
    url: str | None,
    title: str | None,
    encoding: str,
    input_format: str,
    yes: bool,
    workers: int | None,
    as_json: bool,
) -> None:
    """Add claims files (.json), article texts (.txt), HTML pages and URLs to the store.

    A claims file (format provenance-gold/1, or a provenance JSON export) is taken as curated;
    an article text goes through the extractor; an HTML page (.html, .htm, or an http(s) URL)
    is reduced to its main text first, its title, date, site name and URL filling in what the
    options do not say. An article text may begin with a front-matter header (a "---" line,
    "published:", "outlet:", "title:" and "url:" lines, a closing "---" line) that fills in what
    the options do not say the same way; the text after it is the article. All inputs are
    written in one transaction: a bad one leaves the store unchanged. Articles are extracted by
    --workers processes in parallel while this process stores and links what they read.

    With --format claimreview the files are ClaimReview JSON-LD (one review, a list, an @graph
    or a DataFeed): each review's verdict is attached to the stored claims its text matches,
    after confirmation.

    \b
    Examples:
      provenance ingest examples/claims/seed-000.json
      provenance ingest article.txt --outlet Reuters --published 2024-04-05
      provenance ingest https://example.org/news/story.html
      provenance ingest --format claimreview reviews.jsonld
    """
    if input_format == "claimreview":
        from provenance.cli.reviews import import_reviews

        if outlet or published or url or title:
            # Reviews carry their own author, date and URL: an article option would be ignored.
            raise UsageError(
                "--outlet, --published, --url and --title describe articles, "
                "not --format claimreview"
            )
        import_reviews(state, paths, yes=yes, as_json=as_json)
        return
    options = _options(outlet, published, url, title, encoding)
    n_workers = workers or default_workers()
    err = State.err()
    empty: list[Path | str] = []

    def note(path: Path | str, ds: Dataset) -> None:
        if not any(not c.unattributed for c in ds.claims):
            empty.append(path)

    if len(paths) >= _PROGRESS_FROM and err.is_terminal:
        with Progress(console=err, transient=True) as progress:
            task = progress.add_task("reading", total=len(paths))

            def step(path: Path | str, ds: Dataset) -> None:
                note(path, ds)
                progress.advance(task)

            report = ingest_paths(state.store(), paths, options, on_loaded=step, workers=n_workers)
    else:
        report = ingest_paths(state.store(), paths, options, on_loaded=note, workers=n_workers)
    for path in empty:
        click.echo(f"note: {path}: no attributed statement found", err=True)
    if as_json:
        click.echo(json.dumps(report.model_dump(), indent=1))
    else:
        render.ingest_report(State.out(), report, state.db_path)


@click.command()
@click.argument("paths", nargs=-1, required=True, callback=paths_or_urls)
@article_options
@json_option
def extract(
    paths: tuple[Path | str, ...],
    outlet: str | None,
    published: dt.date | None,
    url: str | None,
    title: str | None,
    encoding: str,
    as_json: bool,
) -> None:
    """Extract attributed claims from article texts, HTML pages or URLs without storing them.

    With --json the output is the export format (documents, actors, claims, and the automatic
    links among the claims of these files), which ../shared/eval/score.py reads as predictions.

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
    ds = link_extracted(merge(datasets))
    if as_json:
        click.echo(dumps(ds))
    else:
        render.claims_table(State.out(), ds, ds.claims, title="Extracted claims")


COMMANDS = [ingest, extract]
