"""How many independent sources stand behind a claim, and what its status is.

:func:`assess` follows the links around a claim:

1. **Support** - the claims linked to it by ``corroborates`` or ``repeats`` (and, transitively,
   to those): one event or statement reported several times.
2. **Primary sources** - the end of each supporting claim's relay chain: its speaker; for an
   unattributed claim the last relay, else the publishing outlet.
3. **Groups** - sources count once per *affiliation root* (the top of the affiliation chain,
   from the text's own affiliations continued through the source registry): a governor and the
   Ministry of Defence both answer to the Russian government. Repeats join the group of the
   claim they repeat (carrying a statement again adds nobody), and so does a "confirmation"
   that reached us through the claim's own origin.
4. **Counting** - a group counts as an independent source only when it has a named source
   (not "local media", "officials") and at least one claim that is not hedged.
5. **Status** - ``superseded`` when a later claim updates this one; ``disputed`` when a
   ``conflicts`` link touches it; ``confirmed`` with at least ``min_sources`` independent groups;
   ``unconfirmed`` otherwise.

**Circular sourcing** is reported in ``circular``: loops in the citation graph of the support
(A cites B and B cites A), as actor ids with the first repeated at the end; and confirmations
whose relay chain passes through the claim's own origin, as the confirming claim's id followed by
the actors of its chain up to that origin.
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from provenance.analysis.places import names_a_country
from provenance.analysis.registry import load_registry, registry_index, resolve_actor
from provenance.errors import NotFoundError
from provenance.model import Actor, Claim, ClaimStatus, Dataset, Link

__all__ = ["Assessment", "SourceGroup", "assess", "assess_many", "assess_statuses"]


class SourceGroup(BaseModel):
    """Sources that count as one: they share an affiliation root or a relay origin."""

    model_config = ConfigDict(extra="forbid")

    root: str = Field(description="actor id of the group's root")
    name: str = Field(description="the root's name")
    members: list[str] = Field(default_factory=list, description="actor ids of the sources")
    member_names: list[str] = Field(default_factory=list)
    claims: list[str] = Field(default_factory=list, description="claim ids from this group")
    independent: bool = Field(description="whether the group counts as an independent source")
    why: str = ""


class Assessment(BaseModel):
    """The sourcing of one claim: who stands behind it, how independently, and its status."""

    model_config = ConfigDict(extra="forbid")

    claim: str
    status: ClaimStatus
    primary_sources: list[str] = Field(default_factory=list)
    corroborated_by: list[str] = Field(default_factory=list)
    repeated_by: list[str] = Field(default_factory=list)
    conflicts_with: list[str] = Field(default_factory=list)
    updated_by: list[str] = Field(default_factory=list)
    independent_sources: int = 0
    source_groups: list[SourceGroup] = Field(default_factory=list)
    circular: list[list[str]] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)


@functools.lru_cache(maxsize=1)
def _builtin_registry() -> tuple[Actor, ...]:
    return tuple(load_registry())


# --------------------------------------------------------------------------- roots


UNNAMED_STATE = "state:unnamed"
"""Group key of official sources whose government is not known (see ``stateless_official``)."""

# Role words of people who speak for a state. Narrow on purpose: "secretary", "spokesman" or
# "official" also name offices of companies and international bodies ("NATO Secretary-General").
_OFFICIAL_ROLES = ("governor", "minister", "premier", "mayor", "ambassador", "president")


class _Roots:
    """Affiliation roots over the dataset's actors, continued through the registry."""

    def __init__(self, actors: Mapping[str, Actor], registry: Sequence[Actor]) -> None:
        self.actors = actors
        self.registry = {a.id: a for a in registry}
        self.reg_index = registry_index(registry)
        # Memoised per actor: an index assesses thousands of claims by the same few speakers.
        self._chains: dict[str, list[str]] = {}
        self._stateless: dict[str, bool] = {}

    def name(self, actor_id: str) -> str:
        found = self.actors.get(actor_id) or self.registry.get(actor_id)
        return found.name if found else actor_id

    def _registry_match(self, actor: Actor) -> Actor | None:
        hit = self.registry.get(actor.id) or resolve_actor(actor.name, self.reg_index)
        if hit is None:
            for alias in actor.aliases:
                hit = resolve_actor(alias, self.reg_index)
                if hit is not None:
                    break
        return hit

    def chain(self, actor_id: str) -> list[str]:
        """Actor ids from ``actor_id`` to its root (dataset affiliations, then the registry)."""
        found = self._chains.get(actor_id)
        if found is None:
            found = self._chains[actor_id] = self._chain(actor_id)
        return found

    def _chain(self, actor_id: str) -> list[str]:
        chain = [actor_id]
        seen = {actor_id}
        current: Actor | None = self.actors.get(actor_id) or self.registry.get(actor_id)
        in_registry = actor_id not in self.actors
        while current is not None:
            parent = current.affiliation
            if parent is None and not in_registry:
                # The text says nothing more: ask the registry who this actor answers to.
                hit = self._registry_match(current)
                in_registry = True
                if hit is not None and hit.id != current.id and hit.id not in seen:
                    # Same entity under the registry's id: continue from it, silently.
                    current = hit
                    seen.add(hit.id)
                    continue
                parent = hit.affiliation if hit is not None else None
            if parent is None or parent in seen:
                break
            chain.append(parent)
            seen.add(parent)
            nxt = self.actors.get(parent)
            if nxt is None:
                nxt = self.registry.get(parent)
                in_registry = True
            current = nxt
        return chain

    def root(self, actor_id: str) -> str:
        """The top of the chain: the entity the actor ultimately answers to."""
        return self.chain(actor_id)[-1]

    def kind(self, actor_id: str) -> str:
        found = self.actors.get(actor_id) or self.registry.get(actor_id)
        return found.kind if found else "unknown"

    def stateless_official(self, actor_id: str) -> bool:
        """Whether the actor speaks for a state that neither the text nor the registry names.

        "The Ministry of Defence said" and "Vasily Golubev, the governor of Rostov" are both
        official voices, but nothing in the text says which government they answer to. Counted
        as independent of each other, they would "confirm" a claim that one government made
        twice, so such sources share one group (:data:`UNNAMED_STATE`) until a person says
        otherwise (``provenance affiliate``). The error this allows is an undercount, which a
        fact-checker sees and can correct; the opposite would pass unnoticed.
        """
        found = self._stateless.get(actor_id)
        if found is None:
            found = self._stateless[actor_id] = self._stateless_official(actor_id)
        return found

    def _stateless_official(self, actor_id: str) -> bool:
        if self.root(actor_id) != actor_id:
            return False
        found = self.actors.get(actor_id) or self.registry.get(actor_id)
        if found is None:
            return False
        if any(names_a_country(text) for text in (found.name, *found.aliases, found.role or "")):
            return False  # "Russian government", "United States Secretary of State"
        if found.kind in ("government", "military"):
            return True
        role = (found.role or "").lower()
        return found.kind == "person" and any(word in role for word in _OFFICIAL_ROLES)


# --------------------------------------------------------------------------- union-find


class _Groups:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # Keep the lexically smaller key as the representative: deterministic output.
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


# --------------------------------------------------------------------------- assess


def _origin(claim: Claim, outlets: Mapping[str, str | None]) -> str | None:
    """The end of the claim's relay chain: speaker, else last relay, else the outlet."""
    if claim.speaker:
        return claim.speaker
    if claim.via:
        return claim.via[-1]
    return outlets.get(claim.document)


def _chain(claim: Claim, outlets: Mapping[str, str | None]) -> list[str]:
    """Who cites whom for this claim: outlet -> relays -> speaker."""
    chain: list[str] = []
    outlet = outlets.get(claim.document)
    if outlet:
        chain.append(outlet)
    chain.extend(claim.via)
    if claim.speaker:
        chain.append(claim.speaker)
    out: list[str] = []
    for a in chain:
        if not out or out[-1] != a:
            out.append(a)
    return out


def _support(
    claim_id: str, support: Mapping[str, list[tuple[str, str]]]
) -> tuple[dict[str, str], dict[str, str]]:
    """Claims reachable over corroborates/repeats links: {claim: relation}, {repeat: of}.

    ``support`` gives each claim's corroborates/repeats links as (other end, relation).
    """
    reached: dict[str, str] = {claim_id: "self"}
    repeat_of: dict[str, str] = {}
    queue = deque([claim_id])
    while queue:
        cur = queue.popleft()
        for other, relation in support.get(cur, ()):
            if relation == "repeats":
                repeat_of.setdefault(other, cur)
            if other not in reached:
                reached[other] = relation
                queue.append(other)
    return reached, repeat_of


def _has_cycle(graph: Mapping[str, set[str]]) -> bool:
    """Whether a directed graph (node -> successors) has a loop (Kahn's algorithm)."""
    indegree: dict[str, int] = defaultdict(int)
    for a, targets in graph.items():
        indegree.setdefault(a, 0)
        for b in targets:
            indegree[b] += 1
    ready = [n for n, d in indegree.items() if d == 0]
    removed = 0
    while ready:
        node = ready.pop()
        removed += 1
        for b in graph.get(node, ()):
            indegree[b] -= 1
            if indegree[b] == 0:
                ready.append(b)
    return removed < len(indegree)


def _citation_cycles(chains: Sequence[list[str]]) -> list[list[str]]:
    """Loops in the graph "X cites Y" built from relay chains, each closed (first == last)."""
    if len(chains) == 1 and len(set(chains[0])) == len(chains[0]):
        return []  # one chain without a repeated actor is a path (a claim no other supports)
    graph: dict[str, set[str]] = defaultdict(set)
    for chain in chains:
        for a, b in itertools.pairwise(chain):
            if a != b:
                graph[a].add(b)
    if not graph or not _has_cycle(graph):
        return []  # the usual case, decided without building a networkx graph
    import networkx as nx  # only needed here; keeps `import provenance` light

    g = nx.DiGraph()
    for a, targets in graph.items():
        for b in targets:
            g.add_edge(a, b)
    cycles: list[list[str]] = []
    for cycle in nx.simple_cycles(g, length_bound=8):
        nodes = [str(n) for n in cycle]
        k = nodes.index(min(nodes))
        nodes = nodes[k:] + nodes[:k]
        cycles.append([*nodes, nodes[0]])
    return sorted(cycles)


def assess(
    claim_id: str,
    dataset: Dataset,
    *,
    min_sources: int = 2,
    registry: Sequence[Actor] | None = None,
) -> Assessment:
    """Assess the sourcing and status of one claim.

    Args:
        claim_id: the claim to assess.
        dataset: the claims, actors, documents and links around it (typically the store's
            neighbourhood of the claim).
        min_sources: independent groups needed for ``confirmed``.
        registry: registry actors continuing the text's affiliations; ``None`` uses the shipped
            registry, an empty list uses none.

    Raises:
        NotFoundError: the claim is not in the dataset.
    """
    index = _Index(dataset, registry)
    if claim_id not in index.claims:
        raise NotFoundError(f"no claim {claim_id!r} in the dataset")
    return _assess(claim_id, index, min_sources)


def assess_many(
    claim_ids: Iterable[str],
    dataset: Dataset,
    *,
    min_sources: int = 2,
    registry: Sequence[Actor] | None = None,
) -> dict[str, Assessment]:
    """:func:`assess` for several claims of one dataset, indexing the dataset once (claims not
    in the dataset are left out)."""
    index = _Index(dataset, registry)
    return {cid: _assess(cid, index, min_sources) for cid in claim_ids if cid in index.claims}


def assess_statuses(
    claim_ids: Iterable[str],
    dataset: Dataset,
    *,
    min_sources: int = 2,
    registry: Sequence[Actor] | None = None,
) -> dict[str, tuple[ClaimStatus, int]]:
    """The status and independent-source count :func:`assess_many` gives each claim.

    What a store keeps of an assessment, without the explanations (source groups, names,
    reasons), which cost as much to build again as the grouping itself.

    Returns:
        claim id -> (status, independent source groups), for the claims in the dataset.
    """
    index = _Index(dataset, registry)
    out: dict[str, tuple[ClaimStatus, int]] = {}
    for cid in claim_ids:
        claim = index.claims.get(cid)
        if claim is None:
            continue
        if cid in index.support:
            sourcing = _sourcing(cid, index, explain=False)
            by_group = sourcing.by_group()
            conflicts, updated_by = sourcing.conflicts, sourcing.updated_by
        else:
            # Nothing corroborates or repeats it (half the claims of an ingest): it is its
            # own one group, which is all the search would find.
            by_group = {index.key(claim): [cid]}
            conflicts, updated_by = _direct(cid, index)
        independent = sum(
            1 for gkey, cids in by_group.items() if _independent(gkey, cids, index.claims)
        )
        out[cid] = (_status(claim, conflicts, updated_by, independent, min_sources), independent)
    return out


class _Index:
    """What :func:`_assess` looks up in a dataset, built once per dataset.

    Also memoises what the claims assessed against one dataset share: the group key of
    each origin, the relay chain of each claim and the citation loops of each set of
    supporting claims.
    """

    def __init__(self, dataset: Dataset, registry: Sequence[Actor] | None) -> None:
        self.claims = {c.id: c for c in dataset.claims}
        self.roots = _Roots(
            dataset.actor_index(), _builtin_registry() if registry is None else registry
        )
        self.outlets = {d.id: d.outlet for d in dataset.documents}
        self.links_by_claim: dict[str, list[Link]] = defaultdict(list)
        # The corroborates/repeats links of each claim, as (other end, relation): the edges
        # every claim's support search walks.
        self.support: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for link in dataset.links:
            self.links_by_claim[link.source].append(link)
            self.links_by_claim[link.target].append(link)
            if link.relation in ("corroborates", "repeats"):
                self.support[link.source].append((link.target, link.relation))
                self.support[link.target].append((link.source, link.relation))
        self._keys: dict[str, str] = {}
        self._chains: dict[str, list[str]] = {}
        self._cycles: dict[str, list[list[str]]] = {}

    def key(self, claim: Claim) -> str:
        """The group key of a claim's origin, before any union."""
        origin = _origin(claim, self.outlets)
        if origin is None:
            return f"unknown:{claim.id}"
        found = self._keys.get(origin)
        if found is None:
            roots = self.roots
            if roots.kind(origin) == "unnamed":
                found = f"unnamed:{origin}"
            elif roots.stateless_official(origin):
                found = UNNAMED_STATE
            else:
                found = roots.root(origin)
            self._keys[origin] = found
        return found

    def chain(self, claim_id: str) -> list[str]:
        """:func:`_chain` of a claim of the dataset."""
        found = self._chains.get(claim_id)
        if found is None:
            found = self._chains[claim_id] = _chain(self.claims[claim_id], self.outlets)
        return found

    def cycles(self, reached: Mapping[str, str], members: Sequence[str]) -> list[list[str]]:
        """:func:`_citation_cycles` of the chains of these supporting claims.

        ``reached`` is what :func:`_support` found: a connected part of the support graph,
        the same from any of its claims. The loops do not depend on the order of the chains,
        so they are found once a part, named by its least claim id.
        """
        part = min(reached)
        found = self._cycles.get(part)
        if found is None:
            found = self._cycles[part] = _citation_cycles([self.chain(c) for c in members])
        return found


@dataclass(slots=True)
class _Sourcing:
    """Who stands behind one claim: its support and how its sources group."""

    claim: Claim
    reached: dict[str, str]
    members: list[str]
    groups: _Groups
    key_of_claim: dict[str, str]
    own_key: str
    conflicts: list[str]
    updated_by: list[str]
    why_extra: dict[str, list[str]]
    circular: list[list[str]]

    def by_group(self) -> dict[str, list[str]]:
        """Supporting claim ids by the key of their final group, in order of appearance."""
        out: dict[str, list[str]] = defaultdict(list)
        for cid in self.members:
            out[self.groups.find(self.key_of_claim[cid])].append(cid)
        return out


def _sourcing(claim_id: str, index: _Index, *, explain: bool) -> _Sourcing:
    """Group the sources behind a claim.

    Args:
        claim_id: the claim, in the index.
        index: the dataset around it.
        explain: also record why groups were joined (``why_extra`` and ``circular``, which
            only an :class:`Assessment` shows).
    """
    claims = index.claims
    claim = claims[claim_id]
    roots = index.roots
    outlets = index.outlets

    reached, repeat_of = _support(claim_id, index.support)
    members = [c for c in reached if c in claims]

    conflicts, updated_by = _direct(claim_id, index)
    origin = _origin(claim, outlets)
    groups = _Groups()
    key_of_claim: dict[str, str] = {}
    why_extra: dict[str, list[str]] = defaultdict(list)
    circular: list[list[str]] = []

    for cid in members:
        key_of_claim[cid] = groups.find(index.key(claims[cid]))
    own_key = key_of_claim[claim_id]
    for cid in members:
        c = claims[cid]
        if cid in repeat_of and repeat_of[cid] in key_of_claim:
            groups.union(key_of_claim[cid], key_of_claim[repeat_of[cid]])
            if explain:
                why_extra[key_of_claim[repeat_of[cid]]].append(
                    f"{roots.name(_origin(c, outlets) or cid)} only repeats the statement"
                )
        if cid != claim_id and origin is not None and origin in c.via:
            # A "confirmation" that reached us through the claim's own origin.
            groups.union(key_of_claim[cid], own_key)
            if explain:
                chain = index.chain(cid)
                circular.append([cid, *chain[: chain.index(origin) + 1]])
                why_extra[own_key].append(
                    f"{roots.name(c.speaker or cid)} is relayed by the origin"
                )
    for cycle in index.cycles(reached, members):
        if explain:
            circular.append(cycle)
        for a in cycle:
            for cid in members:
                if a in index.chain(cid):
                    groups.union(key_of_claim[cid], own_key)
    return _Sourcing(
        claim=claim,
        reached=reached,
        members=members,
        groups=groups,
        key_of_claim=key_of_claim,
        own_key=own_key,
        conflicts=conflicts,
        updated_by=updated_by,
        why_extra=why_extra,
        circular=circular,
    )


def _direct(claim_id: str, index: _Index) -> tuple[list[str], list[str]]:
    """The claims a claim conflicts with, and the claims that update it."""
    direct = index.links_by_claim.get(claim_id, [])
    conflicts = sorted(
        {
            (k.target if k.source == claim_id else k.source)
            for k in direct
            if k.relation == "conflicts"
        }
    )
    updated_by = sorted(
        {k.source for k in direct if k.relation == "updates" and k.target == claim_id}
    )
    return conflicts, updated_by


def _independent(gkey: str, cids: Sequence[str], claims: Mapping[str, Claim]) -> bool:
    """Whether a group counts as an independent source: named, and not only hedged."""
    return not gkey.startswith(("unnamed:", "unknown:")) and not all(claims[c].hedged for c in cids)


def _status(
    claim: Claim,
    conflicts: Sequence[str],
    updated_by: Sequence[str],
    independent: int,
    min_sources: int,
) -> ClaimStatus:
    """Superseded, else disputed, else confirmed by enough independent groups."""
    if claim.status == "superseded" or updated_by:
        return "superseded"
    if conflicts:
        return "disputed"
    return "confirmed" if independent >= min_sources else "unconfirmed"


def _assess(claim_id: str, index: _Index, min_sources: int) -> Assessment:
    claims = index.claims
    roots = index.roots
    outlets = index.outlets
    sourcing = _sourcing(claim_id, index, explain=True)
    groups = sourcing.groups
    members = sourcing.members
    reached = sourcing.reached
    conflicts = sourcing.conflicts
    updated_by = sourcing.updated_by
    why_extra = sourcing.why_extra
    reasons: list[str] = []

    source_groups: list[SourceGroup] = []
    for gkey, cids in sourcing.by_group().items():
        origins = sorted({o for o in (_origin(claims[c], outlets) for c in cids) if o})
        unnamed = gkey.startswith(("unnamed:", "unknown:"))
        hedged_only = all(claims[c].hedged for c in cids)
        counts = _independent(gkey, cids, claims)
        root_id = gkey.split(":", 1)[1] if unnamed else gkey
        names = [roots.name(o) for o in origins]
        if gkey == UNNAMED_STATE:
            why = (
                f"{' and '.join(names)}: official source(s) whose government the text does not "
                "name, counted once (provenance affiliate ACTOR ORG to say whose they are)"
            )
        elif unnamed:
            why = f"{' and '.join(names) or 'an unattributed report'}: unnamed, not independent"
        elif len(origins) > 1:
            both = "both" if len(names) == 2 else "all"
            why = f"{', '.join(names[:-1])} and {names[-1]} {both} answer to {roots.name(root_id)}"
        elif origins and origins[0] != root_id:
            why = f"{names[0]} answers to {roots.name(root_id)}"
        else:
            why = names[0] if names else roots.name(root_id)
        if hedged_only and not unnamed:
            why += "; only hedged claims"
        extra = sorted(set(why_extra.get(gkey, [])))
        if extra:
            why += "; " + "; ".join(extra)
        source_groups.append(
            SourceGroup(
                root=root_id,
                name="a government the text does not name"
                if gkey == UNNAMED_STATE
                else roots.name(root_id),
                members=origins,
                member_names=names,
                claims=sorted(cids),
                independent=counts,
                why=why,
            )
        )
    own_group = groups.find(sourcing.own_key)
    source_groups.sort(key=lambda g: (g.root != own_group.split(":", 1)[-1], g.root))
    independent = sum(1 for g in source_groups if g.independent)

    corroborated = sorted(c for c, how in reached.items() if how == "corroborates")
    repeated = sorted(c for c, how in reached.items() if how == "repeats")
    status = _status(sourcing.claim, conflicts, updated_by, independent, min_sources)
    if status == "superseded":
        reasons.append(
            "superseded: a later figure from the same source updates it"
            + (f" ({', '.join(updated_by)})" if updated_by else "")
        )
    elif status == "disputed":
        reasons.append(f"disputed: conflicts with {', '.join(conflicts)}")
    elif status == "confirmed":
        reasons.append(f"confirmed: {independent} independent source groups (>= {min_sources})")
    else:
        reasons.append(
            f"unconfirmed: {independent} independent source group"
            f"{'' if independent == 1 else 's'}, {min_sources} needed"
        )
    for g in source_groups:
        reasons.append(f"group {g.name}: {g.why}")
    if sourcing.circular:
        reasons.append(
            f"circular sourcing: {len(sourcing.circular)} loop(s) lead back to the origin"
        )
    primary = list(dict.fromkeys(o for o in (_origin(claims[c], outlets) for c in members) if o))
    return Assessment(
        claim=claim_id,
        status=status,
        primary_sources=primary,
        corroborated_by=corroborated,
        repeated_by=repeated,
        conflicts_with=conflicts,
        updated_by=updated_by,
        independent_sources=independent,
        source_groups=source_groups,
        circular=sourcing.circular,
        reasons=reasons,
    )
