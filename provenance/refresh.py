"""Keeping links and statuses up to date as claims arrive or curation changes.

After an ingest, only the new claims are linked, against the claims that share a blocking key
with them (read from the store's ``claim_keys`` index), so each ingest costs in proportion to
what it adds, not to the size of the store. Statuses are then reassessed for the claims whose
support may have changed (the new claims and the claims linked to them) and stored, so that
``unconfirmed`` and ``disputed`` are plain indexed queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from provenance.model import Actor
from provenance.store import Store

if TYPE_CHECKING:
    from provenance.analysis.trace import Trace

_BATCH = 2000
"""Claims linked or assessed per neighbourhood read: bounds memory on large ingests."""


@dataclass
class RefreshReport:
    """What a refresh changed."""

    links_new: int = 0
    assessed: int = 0


def refresh(store: Store, claim_ids: Sequence[str], *, min_sources: int = 2) -> RefreshReport:
    """Index, link and reassess these (new or changed) claims, inside the caller's transaction."""
    report = RefreshReport()
    affected: set[str] = set(claim_ids)
    for start in range(0, len(claim_ids), _BATCH):
        batch = list(claim_ids[start : start + _BATCH])
        report.links_new += _link_batch(store, batch, affected)
    report.assessed = reassess(store, sorted(affected), min_sources=min_sources)
    return report


def refresh_all(store: Store, *, min_sources: int = 2) -> RefreshReport:
    """Re-index, re-link and reassess every claim (after merges, affiliations, registry edits)."""
    return refresh(store, store.all_claim_ids(), min_sources=min_sources)


def _link_batch(store: Store, batch: list[str], affected: set[str]) -> int:
    from provenance.analysis.linking import blocking_keys_many, find_links

    own = store.neighbourhood(batch)
    wanted = set(batch)
    keys = blocking_keys_many(
        (c for c in own.claims if c.id in wanted), own.document_index(), own.actor_index()
    )
    with store.transaction():
        store.put_keys(keys)
    candidates = store.claims_sharing_keys(k for ks in keys.values() for k in ks)
    ds = store.neighbourhood(sorted(candidates | set(batch)))
    result = find_links(ds, only=set(batch))
    added = 0
    with store.transaction():
        for link in result.links:
            added += store.put_link(link)
            affected.update((link.source, link.target))
    return added


def reassess(store: Store, claim_ids: Sequence[str], *, min_sources: int = 2) -> int:
    """Assess and store the status of these claims; returns how many were assessed."""
    from provenance.analysis.independence import assess_many

    registry = _registry(store)
    done = 0
    for start in range(0, len(claim_ids), _BATCH):
        batch = list(claim_ids[start : start + _BATCH])
        ds = store.neighbourhood(batch)
        found = assess_many(batch, ds, min_sources=min_sources, registry=registry)
        statuses: dict[str, tuple[str, int]] = {
            cid: (a.status, a.independent_sources) for cid, a in found.items()
        }
        with store.transaction():
            store.set_statuses(statuses)
        done += len(statuses)
    return done


def _registry(store: Store) -> list[Actor]:
    # The shipped registry plus the user's entries kept in the store (origin "registry").
    from provenance.analysis.registry import load_registry

    return [*load_registry(), *store.actors_by_origin("registry")]


def trace_claim(store: Store, claim_id: str, *, min_sources: int = 2) -> Trace:
    """The sourcing chain of a claim with its independence assessment and status."""
    from provenance.analysis.independence import assess
    from provenance.analysis.trace import trace

    ds = store.neighbourhood([claim_id])
    assessment = assess(claim_id, ds, min_sources=min_sources, registry=_registry(store))
    return trace(ds, claim_id).model_copy(
        update={
            "status": assessment.status,
            "independent_sources": assessment.independent_sources,
            "source_groups": [g.model_dump(mode="json") for g in assessment.source_groups],
            "circular": assessment.circular,
            "reasons": assessment.reasons,
        }
    )
