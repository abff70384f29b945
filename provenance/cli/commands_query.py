"""Query commands: ``claims``, ``show``, ``trace``, ``speakers``."""

from __future__ import annotations

import json

import click

from provenance.cli import render
from provenance.cli.options import json_option
from provenance.cli.state import State
from provenance.model import Claim, Dataset


@click.command()
@click.option("--speaker", "-s", help="Who said it (name, alias or id).")
@click.option("--outlet", "-o", help="Who carried it: publishing outlet or relay.")
@click.option("--document", "-d", help="Document id prefix or part of its source path.")
@click.option("--search", "-q", help="Text the claim contains.")
@click.option("--all", "include_all", is_flag=True, help="Include unattributed statements.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many claims.")
@json_option
@click.pass_obj
def claims(
    state: State,
    speaker: str | None,
    outlet: str | None,
    document: str | None,
    search: str | None,
    include_all: bool,
    limit: int | None,
    as_json: bool,
) -> None:
    """List claims, filtered by speaker, outlet, document or text.

    \b
    Examples:
      provenance claims --speaker Golubev
      provenance claims --outlet RIA --json
    """
    store = state.store(must_exist=True)
    found = store.find_claims(
        speaker=speaker,
        outlet=outlet,
        document=document,
        search=search,
        include_unattributed=include_all,
        limit=limit,
    )
    ds = Dataset(
        documents=store.documents_by_id(c.document for c in found),
        actors=store.actors_by_id(a for c in found for a in (c.speaker, *c.via) if a),
    )
    if as_json:
        from provenance.jsonio import claim_to_dict

        actors = ds.actor_index()
        click.echo(
            json.dumps([claim_to_dict(c, actors) for c in found], indent=1, ensure_ascii=False)
        )
    else:
        render.claims_table(State.out(), ds, found, title=f"{len(found)} claims")


@click.command()
@click.argument("claim")
@json_option
@click.pass_obj
def show(state: State, claim: str, as_json: bool) -> None:
    """Show one claim: its evidence in context, cue, rule and why it was attributed.

    CLAIM is an id, a unique id prefix, or a unique fragment of the claim's text.

    \b
    Example:
      provenance show "44 of them"
    """
    store = state.store(must_exist=True)
    cid = store.resolve_claim(claim)
    ds = store.neighbourhood([cid])
    # Verdict history, oldest first: rated here, or already checked elsewhere (ClaimReview).
    ds.verdicts.extend(store.verdicts(cid))
    if as_json:
        from provenance.jsonio import claim_to_dict

        target = next(c for c in ds.claims if c.id == cid)
        doc = ds.document_index()[target.document]
        out = claim_to_dict(target, ds.actor_index())
        out["document_source"] = doc.source
        out["appearances"] = store.appearances(doc.id)
        out["verdicts"] = [v.model_dump(mode="json") for v in ds.verdicts]
        click.echo(json.dumps(out, indent=1, ensure_ascii=False))
    else:
        render.claim_detail(State.out(), ds, cid, store.appearances)


@click.command()
@click.argument("claim")
@click.option(
    "--min-sources",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Independent source groups needed for 'confirmed'.",
)
@json_option
@click.pass_obj
def trace(state: State, claim: str, min_sources: int, as_json: bool) -> None:
    """Trace a claim's sourcing chain back to its primary source.

    Shows the chain from the publishing document through each relay to the speaker, each
    hop with its evidence quote; then corroborating and conflicting claims with their chains.

    \b
    Examples:
      provenance trace "Other drones were downed"
      provenance trace 3fa2 --json
    """
    from provenance.refresh import trace_claim

    store = state.store(must_exist=True)
    result = trace_claim(store, store.resolve_claim(claim), min_sources=min_sources)
    if as_json:
        click.echo(json.dumps(result.model_dump(mode="json"), indent=1, ensure_ascii=False))
    else:
        render.trace_tree(State.out(), result)


@click.command()
@json_option
@click.pass_obj
def speakers(state: State, as_json: bool) -> None:
    """List actors: speakers, relays and outlets, with roles, affiliations and claim counts.

    \b
    Example:
      provenance speakers --json
    """
    store = state.store(must_exist=True)
    actors = store.actors()
    counts = store.claim_counts()
    names = {a.id: a.name for a in actors}
    rows = [
        {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "role": a.role,
            "affiliation": (
                {"id": a.affiliation, "name": names.get(a.affiliation, a.affiliation)}
                if a.affiliation
                else None
            ),
            "aliases": a.aliases,
            "claims": counts.get(a.id, {}).get("said", 0),
            "relayed": counts.get(a.id, {}).get("relayed", 0),
        }
        for a in actors
    ]
    rows.sort(key=lambda r: (-int(str(r["claims"])), str(r["name"]).lower()))
    if as_json:
        click.echo(json.dumps(rows, indent=1, ensure_ascii=False))
    else:
        render.speakers_table(State.out(), rows)


@click.command(name="who-said")
@click.argument("text")
@json_option
@click.pass_obj
def who_said(state: State, text: str, as_json: bool) -> None:
    """Who said TEXT, and who carried it: every claim containing it, earliest first.

    \b
    Example:
      provenance who-said "direct confrontation"
    """
    store = state.store(must_exist=True)
    found = store.find_claims(search=text, include_unattributed=True)
    docs = {d.id: d for d in store.documents_by_id(c.document for c in found)}
    actor_ids = {a for c in found for a in (c.speaker, *c.via) if a}
    actor_ids |= {d.outlet for d in docs.values() if d.outlet}
    ds = Dataset(documents=list(docs.values()), actors=store.actors_by_id(actor_ids))

    def when(c: Claim) -> tuple[str, str, int]:
        published = docs[c.document].published
        return (published.isoformat() if published else "9999", c.document, c.span[0])

    found.sort(key=when)
    if as_json:
        from provenance.jsonio import claim_to_dict

        actors = ds.actor_index()
        rows = []
        for c in found:
            row = claim_to_dict(c, actors)
            doc = docs[c.document]
            row["published"] = doc.published.isoformat() if doc.published else None
            row["outlet"] = actors[doc.outlet].name if doc.outlet in actors else None
            row["source"] = doc.source
            rows.append(row)
        click.echo(json.dumps(rows, indent=1, ensure_ascii=False))
    else:
        render.claims_table(State.out(), ds, found, title=f"Who said {text!r}: {len(found)}")


COMMANDS = [claims, show, trace, speakers, who_said]
