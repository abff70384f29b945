"""Keeping links and statuses up to date as claims arrive or curation changes.

After an ingest, only the new claims are linked, against the claims that share a blocking key
with them (read from the store's ``claim_keys`` index), so each ingest costs in proportion to
what it adds, not to the size of the store. Statuses are then reassessed for the claims whose
support may have changed (the new claims and the claims linked to them) and stored, so that
``unconfirmed`` and ``disputed`` are plain indexed queries.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from provenance.model import Actor, Claim
from provenance.store import Store

if TYPE_CHECKING:
    from provenance.analysis.features import ClaimFeatures
    from provenance.analysis.linking import Prepared
    from provenance.analysis.trace import Trace

_BATCH = 2000
"""Claims linked or assessed per neighbourhood read: bounds memory on large ingests."""


@dataclass
class RefreshReport:
    """What a refresh changed."""

    links_new: int = 0
    links_dropped: int = 0
    assessed: int = 0


FEATURE_CACHE = 50_000
"""Claims whose linking features a :class:`Linking` session keeps between batches (the most
recent ones: a new article's candidates are mostly claims of the days before it)."""


class Linking:
    """Links batches of new claims against the store, keeping what it computed between them.

    One session serves one ingest (or one ``relink``): the features of the claims it has seen
    (up to :data:`FEATURE_CACHE`, most recently used first) are not computed again when they
    turn up as candidates of a later batch, and candidates come straight from the store's
    ``claim_keys`` index, so a batch costs in proportion to its claims and their blocks, not
    to the size of the store.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._features: OrderedDict[str, ClaimFeatures] = OrderedDict()
        self._offered: dict[str, Prepared] = {}

    def offer(self, prepared: Mapping[str, Prepared]) -> None:
        """Features and key codes of claims about to be stored, computed where their file was
        parsed (:func:`provenance.pipeline.prepare_features`); used for a claim the store then
        holds unchanged, whose speaker speaks for the same organisations in the store's
        context (a merge may have given it another speaker, or another article the speaker's
        affiliation: then they are computed again)."""
        self._offered.update(prepared)

    def _remember(self, f: ClaimFeatures) -> None:
        self._features[f.claim.id] = f
        self._features.move_to_end(f.claim.id)
        while len(self._features) > FEATURE_CACHE:
            self._features.popitem(last=False)

    def forget_offers(self) -> None:
        """Drop offered features no linked claim used."""
        self._offered.clear()

    @staticmethod
    def _reuse(offered: ClaimFeatures | None, stored: Claim) -> ClaimFeatures | None:
        if offered is None:
            return None
        c = offered.claim
        same = (c.document, c.span, c.text, c.speaker, c.quantities, c.event_date) == (
            stored.document,
            stored.span,
            stored.text,
            stored.speaker,
            stored.quantities,
            stored.event_date,
        )
        # Linking reads only these fields of a claim, so the offered claim object serves as
        # well as the stored one (which may differ in what linking ignores: status, relays).
        return offered if same else None

    def link(self, batch: Sequence[str], affected: set[str]) -> int:
        """Index and link these stored claims; returns the links added and adds their ends
        to ``affected``."""
        from provenance.analysis.linking import (
            Families,
            FeatureMaker,
            block_cap,
            bulk_work,
            claim_codes,
            judge_pairs,
            pairs_in_blocks,
        )

        with bulk_work():
            own = self.store.claims_in_context(batch)
            maker = FeatureMaker(own)
            families = Families(maker.actors)
            new: list[ClaimFeatures] = []
            keys: dict[str, list[int]] = {}
            for c in own.claims:
                family = families.of(c.speaker)
                offered = self._offered.pop(c.id, None)
                f = self._reuse(offered.features if offered else None, c)
                if offered is not None and f is not None and offered.family == family:
                    keys[c.id] = offered.codes
                else:
                    f = f or maker.of(c)
                    keys[c.id] = claim_codes(f, family)
                new.append(f)
            with self.store.transaction():
                self.store.put_keys(keys)
            blocks = self.store.key_members((k for ks in keys.values() for k in ks), cap=block_cap)
            known = {f.claim.id for f in new}
            candidates: dict[str, ClaimFeatures] = {}
            missing: list[str] = []
            for cid in sorted({c for ids in blocks.values() for c in ids} - known):
                cached = self._features.get(cid)
                if cached is None:
                    missing.append(cid)
                else:
                    candidates[cid] = cached
                    self._features.move_to_end(cid)
            actors = dict(maker.actors)
            if missing:
                context = self.store.claims_in_context(missing)
                other = FeatureMaker(context)
                actors.update(other.actors)
                for c in context.claims:
                    candidates[c.id] = other.of(c)
                    self._remember(candidates[c.id])
            ordered = [*new, *(candidates[cid] for cid in sorted(candidates))]
            speakers = {f.claim.speaker for f in ordered if f.claim.speaker} - actors.keys()
            actors.update((a.id, a) for a in self.store.actors_by_id(sorted(speakers)))
            index = {f.claim.id: i for i, f in enumerate(ordered)}
            pairs = pairs_in_blocks(
                (
                    (k, [index[c] for c in ids if c in index])
                    for k, ids in blocks.items()
                    if len(ids) > 1  # a claim alone under a key pairs with nobody
                ),
                ordered,
                set(range(len(new))),
            )
            result = judge_pairs(pairs, ordered, actors)
            for f in new:
                self._remember(f)
        with self.store.transaction():
            added = self.store.put_auto_links(result.links)
        affected.update(end for link in result.links for end in (link.source, link.target))
        return added


def refresh(
    store: Store,
    claim_ids: Sequence[str],
    *,
    min_sources: int = 2,
    session: Linking | None = None,
) -> RefreshReport:
    """Index, link and reassess these (new or changed) claims, inside the caller's transaction.

    Args:
        store: the open store.
        claim_ids: the stored claims to link.
        min_sources: independent source groups a claim needs to be confirmed.
        session: a linking session to reuse across calls (an ingest written in slices);
            a new one by default.
    """
    report = RefreshReport()
    linking = session or Linking(store)
    affected: set[str] = set(claim_ids)
    for start in range(0, len(claim_ids), _BATCH):
        batch = list(claim_ids[start : start + _BATCH])
        report.links_new += linking.link(batch, affected)
    linking.forget_offers()
    report.assessed = reassess(store, sorted(affected), min_sources=min_sources)
    return report


def refresh_all(store: Store, *, min_sources: int = 2) -> RefreshReport:
    """Re-index, re-link and reassess every claim (after merges, affiliations, registry edits).

    Automatic links are judged again from scratch: one that no longer holds (its claims' speakers
    were merged apart, a later article described a speaker otherwise) is dropped. Manual and
    curated links, and pairs a curator unlinked, are kept as they are.
    """
    from provenance.analysis.linking import bulk_work

    with store.transaction(), bulk_work():
        before = store.auto_link_ids()
        store.delete_auto_links()
        report = refresh(store, store.all_claim_ids(), min_sources=min_sources)
        after = store.auto_link_ids()
    report.links_new = len(after - before)
    report.links_dropped = len(before - after)
    return report


def reassess(store: Store, claim_ids: Sequence[str], *, min_sources: int = 2) -> int:
    """Assess and store the status of these claims; returns how many were assessed."""
    from provenance.analysis.independence import assess_statuses

    registry = _registry(store)
    done = 0
    for start in range(0, len(claim_ids), _BATCH):
        batch = list(claim_ids[start : start + _BATCH])
        ds = store.neighbourhood(batch)
        # Only what the store keeps of each assessment: not its explanations.
        statuses: dict[str, tuple[str, int]] = dict(
            assess_statuses(batch, ds, min_sources=min_sources, registry=registry)
        )
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
