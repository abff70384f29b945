"""Output commands: ``export`` and ``eval``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from provenance.cli.options import json_option
from provenance.cli.state import State


def _check_format(ctx: click.Context, param: click.Parameter, value: str) -> str:
    # The registry is read only when the command runs: it keeps start-up light, and formats
    # registered later (plugins, optional extras) are accepted without touching the CLI.
    from provenance.export import format_names

    names = format_names()
    if value.lower() not in names:
        raise click.BadParameter(f"{value!r} is not a format; choose from {', '.join(names)}")
    return value.lower()


@click.command()
@click.option(
    "--format",
    "-f",
    "fmt",
    default="json",
    show_default=True,
    callback=_check_format,
    help="Output format: json, csv, graphml, markdown, ... (see 'provenance formats').",
)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write to this file.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option(
    "--publisher",
    metavar="NAME",
    help="claimreview: the organisation publishing the reviews (the ClaimReview author).",
)
@click.pass_obj
def export(
    state: State, fmt: str, output: Path | None, force: bool, publisher: str | None
) -> None:
    """Export the whole store: json, csv, graphml, markdown and more.

    The JSON export is lossless: ingesting it into an empty store rebuilds the store, so it is
    also the backup format.

    \b
    Examples:
      provenance export --format markdown -o trail.md
      provenance export --format graphml -o claims.graphml   # open in Gephi
      provenance export > backup.json
      provenance export -f claimreview --publisher "Example Check" -o reviews.jsonld
    """
    from provenance.export import export as run_export

    options = {"publisher": publisher} if publisher else {}
    store = state.store(must_exist=True)
    text = run_export(store.dataset(), fmt.lower(), output, force=force, options=options)
    if text is not None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        click.echo(f"wrote {output}", err=True)


@click.command(name="eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
def eval_(gold: tuple[Path, ...], as_json: bool) -> None:
    """Score the extractor against gold claims files (provenance-gold/1).

    Runs the extractor on each gold file's article and prints the figures of
    ../shared/eval/score.py: claims P/R/F1, speaker accuracy, relay chains and end-to-end
    P/R/F1, per document and overall.

    \b
    Example:
      provenance eval ../shared/eval/gold/*.json
    """
    from provenance.evaluate import evaluate_gold_files, format_report

    result = evaluate_gold_files(list(gold))
    if as_json:
        click.echo(json.dumps(result.model_dump(mode="json"), indent=1, ensure_ascii=False))
    else:
        click.echo(format_report(result))


@click.command()
@json_option
def formats(as_json: bool) -> None:
    """List the export formats.

    \b
    Example:
      provenance formats
    """
    from provenance.export import format_names, get_format

    rows = [
        {"name": n, "suffix": get_format(n).suffix, "help": get_format(n).help}
        for n in format_names()
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=1))
    else:
        for row in rows:
            click.echo(f"{row['name']:<12} {row['help']}")


COMMANDS = [export, eval_, formats]
