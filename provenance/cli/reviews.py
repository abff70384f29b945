"""``ingest --format claimreview``: published fact-checks matched to the stored claims.

Kept apart from :mod:`provenance.cli.commands_ingest` so that the ingest command only dispatches
here; the matching itself is :mod:`provenance.importers.claimreview`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from provenance.cli.state import State
from provenance.errors import UsageError
from provenance.importers.claimreview import (
    Review,
    attach,
    load_reviews,
    match_reviews,
)

_SHORT = 100  # characters of a review or claim text shown per match line


def import_reviews(state: State, paths: Sequence[Path | str], *, yes: bool, as_json: bool) -> None:
    """Read ClaimReview files, show the matches, and attach the verdicts once confirmed.

    Every file is read before the store is touched, and all verdicts are written in one
    transaction, so a bad file or a "no" at the prompt leaves the store unchanged.
    """
    for path in paths:
        if isinstance(path, str):
            raise UsageError(f"{path}: --format claimreview reads files; save the feed first")
    reviews: list[Review] = []
    for path in paths:
        reviews.extend(load_reviews(Path(path)))
    store = state.store(must_exist=True)
    result = match_reviews(store, reviews)

    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=1, ensure_ascii=False))
    else:
        for match in result.matches:
            review = match.review
            click.echo(
                f"“{_short(review.claim_reviewed)}” ({review.label or review.rating}, "
                f"by {review.author or 'unknown'})\n"
                f"  matches {match.claim[:8]} “{_short(match.claim_text)}” "
                f"(similarity {match.similarity:.2f})"
            )
    for review in result.unmatched:
        click.echo(
            f"note: {review.source}: review {review.position} “{_short(review.claim_reviewed)}” "
            "matches no stored claim",
            err=True,
        )
    for review in result.unrated:
        click.echo(
            f"note: {review.source}: review {review.position} skipped: rating "
            f"{review.label or '(none)'!r} not understood",
            err=True,
        )
    if not result.matches:
        click.echo("no review matched a stored claim; nothing attached", err=True)
        return
    if not yes and not click.confirm(
        f"Attach {len(result.matches)} verdict(s)?", default=False, err=True
    ):
        click.echo("nothing attached", err=True)
        return
    report = attach(store, result.matches)
    if report.attached:
        message = f"attached {report.attached} verdict(s) to {len(report.claims)} claim(s)"
        if report.already:
            message += f"; {report.already} already attached"
    else:
        message = f"nothing new attached: {report.already} verdict(s) already attached"
    click.echo(message, err=True)


def _short(text: str) -> str:
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"
