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

from pydantic import BaseModel, ConfigDict, Field

from provenance.analysis.places import names_a_country
from provenance.analysis.registry import load_registry, registry_index, resolve_actor
from provenance.errors import NotFoundError
from provenance.model import Actor, Claim, ClaimStatus, Dataset, Link

__all__ = ["Assessment", "SourceGroup", "assess", "assess_many"]


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
    claim_id: str, links_by_claim: Mapping[str, list[Link]]
) -> tuple[dict[str, str], dict[str, str]]:
    """Claims reachable over corroborates/repeats links: {claim: relation}, {repeat: of}."""
    reached: dict[str, str] = {claim_id: "self"}
    repeat_of: dict[str, str] = {}
    queue = deque([claim_id])
    while queue:
        cur = queue.popleft()
        for link in links_by_claim.get(cur, []):
            if link.relation not in ("corroborates", "repeats"):
                continue
            other = link.target if link.source == cur else link.source
            if link.relation == "repeats":
                repeat_of.setdefault(other, cur)
            if other not in reached:
                reached[other] = link.relation
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


class _Index:
    """What :func:`_assess` looks up in a dataset, built once per dataset."""

    def __init__(self, dataset: Dataset, registry: Sequence[Actor] | None) -> None:
        self.claims = {c.id: c for c in dataset.claims}
        self.roots = _Roots(
            dataset.actor_index(), _builtin_registry() if registry is None else registry
        )
        self.outlets = {d.id: d.outlet for d in dataset.documents}
        self.links_by_claim: dict[str, list[Link]] = defaultdict(list)
        for link in dataset.links:
            self.links_by_claim[link.source].append(link)
            self.links_by_claim[link.target].append(link)


def _assess(claim_id: str, index: _Index, min_sources: int) -> Assessment:
    claims = index.claims
    claim = claims[claim_id]
    roots = index.roots
    outlets = index.outlets
    links_by_claim = index.links_by_claim

    reached, repeat_of = _support(claim_id, links_by_claim)
    members = [c for c in reached if c in claims]
    reasons: list[str] = []

    direct = links_by_claim.get(claim_id, [])
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

    origin = _origin(claim, outlets)
    groups = _Groups()
    key_of_claim: dict[str, str] = {}
    why_extra: dict[str, list[str]] = defaultdict(list)
    circular: list[list[str]] = []

    def key_for(c: Claim) -> str:
        o = _origin(c, outlets)
        if o is None:
            return f"unknown:{c.id}"
        if roots.kind(o) == "unnamed":
            return f"unnamed:{o}"
        if roots.stateless_official(o):
            return UNNAMED_STATE
        return roots.root(o)

    for cid in members:
        key_of_claim[cid] = groups.find(key_for(claims[cid]))
    own_key = key_of_claim[claim_id]
    for cid in members:
        c = claims[cid]
        if cid in repeat_of and repeat_of[cid] in key_of_claim:
            groups.union(key_of_claim[cid], key_of_claim[repeat_of[cid]])
            why_extra[key_of_claim[repeat_of[cid]]].append(
                f"{roots.name(_origin(c, outlets) or cid)} only repeats the statement"
            )
        if cid != claim_id and origin is not None and origin in c.via:
            # A "confirmation" that reached us through the claim's own origin.
            chain = _chain(c, outlets)
            circular.append([cid, *chain[: chain.index(origin) + 1]])
            groups.union(key_of_claim[cid], own_key)
            why_extra[own_key].append(f"{roots.name(c.speaker or cid)} is relayed by the origin")
    chains = [_chain(claims[cid], outlets) for cid in members]
    for cycle in _citation_cycles(chains):
        circular.append(cycle)
        for a in cycle:
            for cid in members:
                if a in _chain(claims[cid], outlets):
                    groups.union(key_of_claim[cid], own_key)

    by_group: dict[str, list[str]] = defaultdict(list)
    for cid in members:
        by_group[groups.find(key_of_claim[cid])].append(cid)
    source_groups: list[SourceGroup] = []
    for gkey, cids in by_group.items():
        origins = sorted({o for o in (_origin(claims[c], outlets) for c in cids) if o})
        unnamed = gkey.startswith(("unnamed:", "unknown:"))
        hedged_only = all(claims[c].hedged for c in cids)
        counts = not unnamed and not hedged_only
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
    own_group = groups.find(own_key)
    source_groups.sort(key=lambda g: (g.root != own_group.split(":", 1)[-1], g.root))
    independent = sum(1 for g in source_groups if g.independent)

    corroborated = sorted(c for c, how in reached.items() if how == "corroborates")
    repeated = sorted(c for c, how in reached.items() if how == "repeats")
    if claim.status == "superseded" or updated_by:
        status: ClaimStatus = "superseded"
        reasons.append(
            "superseded: a later figure from the same source updates it"
            + (f" ({', '.join(updated_by)})" if updated_by else "")
        )
    elif conflicts:
        status = "disputed"
        reasons.append(f"disputed: conflicts with {', '.join(conflicts)}")
    elif independent >= min_sources:
        status = "confirmed"
        reasons.append(f"confirmed: {independent} independent source groups (>= {min_sources})")
    else:
        status = "unconfirmed"
        reasons.append(
            f"unconfirmed: {independent} independent source group"
            f"{'' if independent == 1 else 's'}, {min_sources} needed"
        )
    for g in source_groups:
        reasons.append(f"group {g.name}: {g.why}")
    if circular:
        reasons.append(f"circular sourcing: {len(circular)} loop(s) lead back to the origin")
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
        circular=circular,
        reasons=reasons,
    )
