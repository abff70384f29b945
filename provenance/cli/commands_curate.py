"""Curation commands: ``link``, ``unlink``, ``affiliate``, ``merge``, ``rate``.

What a curator decides wins over automation and survives re-ingest (see
:mod:`provenance.store.curation`).
"""

from __future__ import annotations

import getpass
import json

import click

from provenance.cli.options import json_option
from provenance.cli.state import State
from provenance.model import RATINGS
from provenance.store import Store


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in containers without a passwd entry
        return "unknown"


def _reassess(store: Store, a: str, b: str) -> None:
    # A curated link changes the support of both claims (and "updates" supersedes one): keep
    # their stored statuses current, as an ingest does, so 'unconfirmed' and 'disputed' agree
    # with 'trace' and a JSON backup restores the same statuses.
    from provenance.refresh import reassess

    reassess(store, [a, b])


@click.command()
@click.argument("claim_a")
@click.argument("claim_b")
@click.option("--corroborates", "relation", flag_value="corroborates", help="A supports B.")
@click.option("--conflicts", "relation", flag_value="conflicts", help="A contradicts B.")
@click.option("--repeats", "relation", flag_value="repeats", help="A carries B again.")
@click.option("--updates", "relation", flag_value="updates", help="A is a later figure of B.")
@click.option("--note", help="Why: the evidence for the link.")
@click.pass_obj
def link(state: State, claim_a: str, claim_b: str, relation: str | None, note: str | None) -> None:
    """Link two claims by hand; it replaces any automatic link between them.

    \b
    Example:
      provenance link 3fa2 91bc --conflicts --note "different death tolls"
    """
    if relation is None:
        raise click.UsageError("say how: --corroborates, --conflicts, --repeats or --updates")
    store = state.store(must_exist=True)
    a, b = store.resolve_claim(claim_a), store.resolve_claim(claim_b)
    with store.transaction():
        store.link_manually(a, b, relation, note)
        _reassess(store, a, b)
    click.echo(f"linked {a} {relation} {b}", err=True)


@click.command()
@click.argument("claim_a")
@click.argument("claim_b")
@click.option("--note", help="Why they are not related.")
@click.pass_obj
def unlink(state: State, claim_a: str, claim_b: str, note: str | None) -> None:
    """Remove the links between two claims; automatic linking will not add them back.

    \b
    Example:
      provenance unlink 3fa2 91bc --note "different nights"
    """
    store = state.store(must_exist=True)
    a, b = store.resolve_claim(claim_a), store.resolve_claim(claim_b)
    with store.transaction():
        removed = store.unlink(a, b, note)
        _reassess(store, a, b)
    click.echo(f"removed {removed} link(s) between {a} and {b}", err=True)


@click.command()
@click.argument("actor")
@click.argument("organisation")
@click.option(
    "--kind",
    default="organisation",
    show_default=True,
    help="Kind of ORGANISATION when it is new.",
)
@click.pass_obj
def affiliate(state: State, actor: str, organisation: str, kind: str) -> None:
    """Record that ACTOR speaks for ORGANISATION (created if unknown).

    \b
    Example:
      provenance affiliate "Dmitry Peskov" Kremlin
    """
    store = state.store(must_exist=True)
    who = store.actor(actor)
    with store.transaction():
        # An existing organisation must be named unambiguously; an unknown one is created.
        known = bool(store.match_actors(organisation))
        org_id = (
            store.actor(organisation).id if known else store.create_actor(organisation, kind).id
        )
        store.affiliate(who.id, org_id)
    click.echo(f"{who.name} now speaks for {org_id}", err=True)


@click.command()
@click.argument("keep")
@click.argument("other")
@click.pass_obj
def merge(state: State, keep: str, other: str) -> None:
    """Merge actor OTHER into KEEP: the same entity under two names.

    \b
    Example:
      provenance merge "Russian Ministry of Defence" "Russian Defence Ministry"
    """
    store = state.store(must_exist=True)
    kept, gone = store.actor(keep), store.actor(other)
    with store.transaction():
        store.merge_actors(kept.id, gone.id)
    click.echo(f"merged {gone.id} into {kept.id}", err=True)


@click.command()
@click.argument("claim")
@click.option("--rating", required=True, type=click.Choice(RATINGS), help="Verdict or stage.")
@click.option("--explanation", help="Why: the rating explanation published with the verdict.")
@click.option("--by", default=None, help="Who rates it (default: your user name).")
@json_option
@click.pass_obj
def rate(
    state: State,
    claim: str,
    rating: str,
    explanation: str | None,
    by: str | None,
    as_json: bool,
) -> None:
    """Rate a claim: unreviewed, in_review, or a verdict such as true, false, misleading.

    \b
    Example:
      provenance rate 3fa2 --rating unproven --explanation "no independent source"
    """
    store = state.store(must_exist=True)
    cid = store.resolve_claim(claim)
    with store.transaction():
        verdict = store.rate(cid, rating, explanation, by or _user())
    if as_json:
        click.echo(json.dumps(verdict.model_dump(mode="json"), indent=1, ensure_ascii=False))
    else:
        click.echo(f"{cid}: {rating} (by {verdict.by})", err=True)


COMMANDS = [link, unlink, affiliate, merge, rate]
