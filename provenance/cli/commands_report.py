"""Report commands: ``report`` (the self-contained HTML citation-trail report)."""

from __future__ import annotations

from pathlib import Path

import click

from provenance.cli.state import State


@click.command()
@click.argument("claim_refs", metavar="[CLAIM]...", nargs=-1)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The HTML file to write.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("--title", help="Page title (default: Citation trail report).")
@click.pass_obj
def report(
    state: State, claim_refs: tuple[str, ...], output: Path, force: bool, title: str | None
) -> None:
    """Write a self-contained HTML report that works offline.

    For each claim: its sourcing chain as an interactive graph (drag to pan, wheel to zoom,
    click a node for its evidence quote in context), status and independent sources, verdict,
    and the corroborating and conflicting claims; plus a table of all claims with filters.
    With CLAIMs (id, id prefix or text fragment) only those are listed, with the claims linked
    to them.

    \b
    Examples:
      provenance report -o report.html
      provenance report "Other drones were downed" -o drones.html --force
    """
    from provenance.analysis.registry import load_registry
    from provenance.export import write_text
    from provenance.export.to_html import render_report

    store = state.store(must_exist=True)
    if claim_refs:
        ids = list(dict.fromkeys(store.resolve_claim(ref) for ref in claim_refs))
        ds = store.neighbourhood(ids)
        shown = {c.id for c in ds.claims}
        ds.verdicts.extend(v for v in store.verdicts() if v.claim in shown)
        focus: list[str] | None = ids
    else:
        ds = store.dataset()
        focus = None
    registry = [*load_registry(), *store.actors_by_origin("registry")]
    text = render_report(ds, focus=focus, title=title, registry=registry)
    write_text(text, output, force=force)
    click.echo(
        f"wrote {output} ({len(focus) if focus is not None else len(ds.claims)} claims)", err=True
    )


COMMANDS = [report]
