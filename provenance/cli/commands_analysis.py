"""Independence queries and upkeep: ``unconfirmed``, ``disputed``, ``relink``, ``registry``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from provenance.cli.options import json_option
from provenance.cli.state import State
from provenance.model import ACTOR_KINDS, Actor, Dataset, actor_id

_SLICE = 1000
"""Claims read and printed at a time by ``unconfirmed`` and ``disputed``."""

_MIN_SOURCES = click.option(
    "--min-sources",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Independent source groups a claim needs to count as confirmed.",
)


def _ranked(
    state: State, status: str, min_sources: int | None, limit: int | None, as_json: bool, title: str
) -> None:
    from provenance.jsonio import claim_to_dict

    store = state.store(must_exist=True)
    ranked = store.ranked_by_reach(status=status, min_sources=min_sources, limit=limit)

    def rows_of(part: list[tuple[str, int, int]]) -> list[dict[str, Any]]:
        # A slice at a time: claims, documents and actors of a whole store do not fit in memory.
        claims = {c.id: c for c in store.claims_by_id([r[0] for r in part])}
        docs = {d.id: d for d in store.documents_by_id(c.document for c in claims.values())}
        ids = {a for c in claims.values() for a in (c.speaker, *c.via) if a}
        actors = Dataset(actors=store.actors_by_id(ids)).actor_index()
        out = []
        for cid, documents, carriers in part:
            row = claim_to_dict(claims[cid], actors)
            row["reach"] = {"documents": documents, "carriers": carriers}
            row["source"] = docs[claims[cid].document].source
            out.append(row)
        return out

    parts = (list(ranked[i : i + _SLICE]) for i in range(0, len(ranked), _SLICE))
    if as_json:
        # Streamed, byte for byte what json.dumps(rows, indent=1) prints.
        first = True
        for part in parts:
            for row in rows_of(part):
                text = json.dumps(row, indent=1, ensure_ascii=False).replace("\n", "\n ")
                click.echo(("[\n " if first else ",\n ") + text, nl=False)
                first = False
        click.echo("[]" if first else "\n]")
        return
    rows = [row for part in parts for row in rows_of(part)]
    table = Table(title=f"{len(rows)} {title}")
    for col in ("id", "reach", "speaker", "via", "claim"):
        table.add_column(col)
    for row in rows:
        speaker = row["speaker"]["name"] if row["speaker"] else "(unattributed)"
        via = " > ".join(v["name"] for v in row["via"])
        n_docs, n_carriers = row["reach"]["documents"], row["reach"]["carriers"]
        reach = f"{n_docs} {_plural(n_docs, 'doc')} / {n_carriers} {_plural(n_carriers, 'carrier')}"
        table.add_row(row["id"][:8], reach, Text(speaker), Text(via), Text(row["text"][:100]))
    State.out().print(table)


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


@click.command()
@_MIN_SOURCES
@click.option("--limit", type=click.IntRange(min=1), help="At most this many claims.")
@json_option
@click.pass_obj
def unconfirmed(state: State, min_sources: int, limit: int | None, as_json: bool) -> None:
    """Claims without enough independent sources, the most amplified first.

    A claim is unconfirmed when fewer than --min-sources independent source groups support
    it (sources sharing an affiliation root or a relay origin count once; hedged or unnamed
    support counts for nothing). Reach is how many documents, outlets and relays carry it.

    \b
    Example:
      provenance unconfirmed --min-sources 2 --json
    """
    _ranked(state, "unconfirmed", min_sources, limit, as_json, "unconfirmed claims")


@click.command()
@click.option("--limit", type=click.IntRange(min=1), help="At most this many claims.")
@json_option
@click.pass_obj
def disputed(state: State, limit: int | None, as_json: bool) -> None:
    """Claims that another claim conflicts with, the most amplified first.

    \b
    Example:
      provenance disputed
    """
    _ranked(state, "disputed", None, limit, as_json, "disputed claims")


@click.command()
@_MIN_SOURCES
@click.pass_obj
def relink(state: State, min_sources: int) -> None:
    """Re-link every claim and reassess every status (after merges or registry edits).

    Automatic links are judged again from scratch (one that no longer holds is dropped). Manual
    links and unlinked pairs are kept: automation never overrides them.

    \b
    Example:
      provenance relink
    """
    from provenance.refresh import refresh_all

    store = state.store(must_exist=True)
    with store.transaction():
        report = refresh_all(store, min_sources=min_sources)
    click.echo(
        f"{report.links_new} new link(s), {report.links_dropped} dropped; "
        f"{report.assessed} claim(s) assessed",
        err=True,
    )


@click.group()
def registry() -> None:
    """The source registry: who owns or speaks for news agencies, outlets and bodies.

    The registry shipped with provenance is extended by entries kept in the store.

    \b
    Examples:
      provenance registry list
      provenance registry add "Northfield Herald" --kind news_outlet --country XX
      provenance registry import my-registry.json
    """


@registry.command(name="list")
@json_option
@click.pass_obj
def registry_list(state: State, as_json: bool) -> None:
    """List registry entries: shipped ones and the store's own.

    \b
    Example:
      provenance registry list --json
    """
    from provenance.analysis.registry import load_registry

    store = state.store(must_exist=False)
    entries = [*load_registry(), *store.actors_by_origin("registry")]
    if as_json:
        click.echo(
            json.dumps([a.model_dump(mode="json") for a in entries], indent=1, ensure_ascii=False)
        )
        return
    table = Table(title=f"{len(entries)} registry entries")
    for col in ("id", "name", "kind", "country", "affiliation"):
        table.add_column(col)
    for a in entries:
        table.add_row(a.id, Text(a.name), a.kind, a.country or "", a.affiliation or "")
    State.out().print(table)


@registry.command(name="add")
@click.argument("name")
@click.option("--kind", type=click.Choice(ACTOR_KINDS), default="organisation", show_default=True)
@click.option("--country", help="Country code or name.")
@click.option("--affiliation", help="Who it answers to (name or id of another actor).")
@click.option("--alias", "aliases", multiple=True, help="Another name (repeatable).")
@click.pass_obj
def registry_add(
    state: State,
    name: str,
    kind: str,
    country: str | None,
    affiliation: str | None,
    aliases: tuple[str, ...],
) -> None:
    """Add an entry to the store's registry (it wins over the shipped one).

    \b
    Example:
      provenance registry add "Northfield Herald" --kind news_outlet --country XX
    """
    store = state.store()
    affiliation_id = actor_id(affiliation) if affiliation else None
    entry = Actor(
        id=actor_id(name),
        name=name,
        kind=kind,  # type: ignore[arg-type]
        country=country,
        affiliation=affiliation_id,
        aliases=list(aliases),
        origin="registry",
    )
    with store.transaction():
        store.ingest(Dataset(actors=[entry]))
    click.echo(f"registry: {entry.id}", err=True)


@registry.command(name="import")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_obj
def registry_import(state: State, path: Path) -> None:
    """Import registry entries from a JSON file in the registry format.

    \b
    Example:
      provenance registry import my-registry.json
    """
    from provenance.analysis.registry import validate_registry_file

    entries = [a.model_copy(update={"origin": "registry"}) for a in validate_registry_file(path)]
    store = state.store()
    with store.transaction():
        store.ingest(Dataset(actors=entries))
    click.echo(f"registry: imported {len(entries)} entries from {path}", err=True)


COMMANDS = [unconfirmed, disputed, relink, registry]
