"""Synthetic news articles with their ground truth, at any size, deterministic from a seed.

    python benchmarks/corpus.py OUT_DIR --articles N --seed S

writes, for article ``i``, ``OUT_DIR/SSS/iiiiii.txt`` (the text) and ``OUT_DIR/SSS/iiiiii.json``
(a ``provenance-gold/1`` claims file whose ``source_file`` is the text beside it; ``SSS`` is
``i // 1000``), then ``OUT_DIR/links.json`` (the links between claims of *different* articles,
which one claims file cannot hold) and ``OUT_DIR/manifest.json`` (seed, sizes, counts). Each
text file begins with a front-matter header (``published``, ``outlet``, ``title``; see
:meth:`GeneratedArticle.front_matter`), so ingesting the texts alone gives every document its
date and outlet; the gold spans index the body after the header.

In-process use, without files::

    from benchmarks.corpus import generate, to_dataset
    for article in generate(1000, seed=1):
        article.text, article.gold(), to_dataset(article)

The world is invented: six states with their ministries, armed forces, emergency services, state
news agencies, ministers, governors and mayors; independent agencies, outlets, monitors, companies
and unnamed sources. Articles report *events* (drone attacks, floods, protests, industrial blasts,
cross-border shelling, cyberattacks). Each event has true figures; officials, agencies, local media
and the other side make *statements* about them, with compatible or conflicting figures ("at least
12 drones", "more than 40 homes", "up to 17 people"), revised tolls, and plain (non-numeric)
statements. Several outlets report one event (1 to 8 articles, published over three days; the
stream advances at :data:`EVENTS_PER_DAY`, so a bigger corpus spans more time at the same density),
some reprinting the same agency sentence word for word, so linking has real work: claims of the
same statement ``repeats``, a revised toll ``updates`` the earlier one, and figures of different
speakers on the same fact ``corroborates`` when their intervals meet and ``conflicts`` when they do
not (interval semantics of :mod:`provenance.extract.quantities`).

The text uses the common news forms: "X said (that) C.", "C, X said.", "C, said X, the governor
of Y.", "According to X, C.", "X told the Meridian Press that C.", direct and multi-sentence
quotes, "C, the Interlink news agency reported, citing the Defence Ministry." (speaker the
ministry, ``via`` the agency), two-hop relays, "adding that", follow-on pronouns ("she said"),
channels ("on Telegram"), hedges ("reportedly", "without providing evidence", "could not be
independently verified", "While unconfirmed, ...") and unattributed background sentences.

Gold conventions (those of ``examples/claims/seed-000.json``): a claim's span is the reported
content only: without "that", without the closing punctuation of the sentence, and for a direct
quote the words inside the quotation marks; a claim said via an agency has the agency in ``via``
(publishing side first); ``hedged`` marks a claim the article itself flags as unverified; a
bare "claimed" is a cue, not a hedge (as in the seed gold).

Generation is a stream: ``generate(m, seed)`` begins with ``generate(n, seed)`` for ``n < m``,
so a small corpus is a prefix of a big one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provenance.model import (
    Actor,
    Claim,
    Dataset,
    Document,
    Link,
    Quantity,
    actor_id,
    claim_id,
    document_id,
    link_id,
    text_hash,
)

GOLD_FORMAT = "provenance-gold/1"
LINKS_FORMAT = "provenance-bench-links/1"
"""Format tag of ``links.json``: links between claims of different articles."""

SHARD = 1000
"""Articles per sub-folder of a written corpus."""

FRONT_MATTER_KEYS = ["published", "outlet", "title"]
"""What the header of each written text carries (recorded in ``manifest.json``)."""

Span = tuple[int, int]
Interval = tuple[float, bool, float, bool]
"""(low, low_open, high, high_open); ``high`` is ``inf`` when unbounded."""

_INF = float("inf")

# =============================================================================== vocabulary
# Everything here is invented for this benchmark.

_COUNTRIES: tuple[tuple[str, str, str, tuple[str, ...], str], ...] = (
    # name, adjective, capital, regions, state news agency
    ("Karvania", "Karvanian", "Vessgrad",
     ("Northfield", "Kessel", "Lorvik", "Amberhollow", "Granmoor", "Veska", "Sulvey", "Orvand"),
     "Interlink"),
    ("Talvera", "Talveran", "Mirobel",
     ("Pellin", "Raskov", "Brightwater", "Maren", "Holtby", "Vintara", "Celmoor", "Duskvale"),
     "Talpress"),
    ("Norwend", "Norwendi", "Haldenport",
     ("Ferrow", "Galden", "Jorvale", "Kelm", "Lindar", "Nerith", "Pyrne", "Quellmoor"),
     "Nordwire"),
    ("Esteria", "Esterian", "Caldura",
     ("Rovan", "Stannet", "Tolgar", "Varrow", "Westmere", "Yarrin", "Zeltow", "Aldmoor"),
     "Estanews"),
    ("Lusova", "Lusovan", "Brevik",
     ("Ostrel", "Pavska", "Drelin", "Morrow Vale", "Sennet", "Tiravo", "Ulden", "Kastrel"),
     "Lusinform"),
    ("Drevia", "Drevian", "Solmark",
     ("Arnholt", "Bellmire", "Corvan", "Dunmere", "Eskely", "Fennick", "Gorran", "Hollin"),
     "Drevpress"),
)  # fmt: skip

_TOWN_STEMS = (
    "Brask", "Cell", "Dorr", "Elm", "Farr", "Gesk", "Harr", "Ilm", "Jarr", "Kolb", "Lark",
    "Menz", "Noll", "Orl", "Pask", "Rell", "Senn", "Tov", "Usk", "Varn", "Wex", "Yelm",
)  # fmt: skip
_TOWN_ENDS = ("ov", "ingen", "by", "ava", "mere", "holt", "enz", "ara")

_FIRST_F = (
    "Ana", "Mira", "Lena", "Sofia", "Irena", "Clara", "Nadia", "Vera", "Elin", "Petra", "Dana",
    "Marta", "Ilse", "Rosa", "Hana", "Greta", "Julia", "Teodora", "Alma", "Livia",
)  # fmt: skip
_FIRST_M = (
    "Tomas", "Viktor", "Marek", "Anton", "Pavel", "Erik", "Luka", "Stefan", "Oskar", "Jonas",
    "Felix", "Dario", "Milan", "Karl", "Ivo", "Rafael", "Bruno", "Emil", "Goran", "Matteo",
)  # fmt: skip
_SURNAMES = (
    "Varga", "Reyes", "Holm", "Kessler", "Novak", "Brandt", "Lindqvist", "Marin", "Sauer", "Tamm",
    "Dvorak", "Ferrante", "Galli", "Halden", "Ilves", "Jansen", "Kovac", "Lund", "Moretti",
    "Nyberg", "Ostrander", "Prado", "Quint", "Rask", "Sorell", "Teller", "Ulrich", "Vance",
    "Weller", "Zima", "Arden", "Belko", "Castel", "Dremmel", "Ekberg", "Falk", "Gorski", "Hartig",
    "Imre", "Jurić", "Kalder", "Lorenz", "Mayer", "Nordin", "Orsini", "Petrak", "Rowan", "Sandor",
    "Tessaro", "Vidal", "Wirth", "Yilmaz", "Zeller", "Abrams", "Borel", "Czerny",
)  # fmt: skip

_INDEPENDENT_AGENCIES = ("Meridian Press", "Coastal Wire", "Global Dispatch", "Northstar News")
_OUTLETS = (
    "The Harbour Gazette", "The Daily Lantern", "Valley Herald", "The Morning Ledger",
    "Eastbridge Times", "The Civic Post", "Riverside Chronicle", "The Northern Observer",
    "Capital Review", "The Evening Beacon", "Lakeside Journal", "The Frontier Courier",
)  # fmt: skip

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
)  # fmt: skip


# =============================================================================== actors


@dataclass(frozen=True)
class ActorSpec:
    """One actor of the invented world, with the surface forms articles use for it."""

    key: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    country: str | None = None
    titled: str | None = None
    """Title-first form of a person ("Defence Minister Ana Varga")."""
    appositive: str | None = None
    """Phrase placed after the name of a person ("the governor of Northfield")."""
    first: str | None = None
    """First mention of a non-person ("the Karvanian Defence Ministry")."""
    short: str = ""
    """Later mention ("Varga", "the ministry")."""
    pronoun: str = "it"
    plural: bool = False

    def gold(self) -> dict[str, Any]:
        """The actor entry of a claims file."""
        out: dict[str, Any] = {"name": self.name, "aliases": list(self.aliases), "kind": self.kind}
        if self.role:
            out["role"] = self.role
        if self.affiliation:
            out["affiliation"] = self.affiliation
        if self.country:
            out["country"] = self.country
        return out


@dataclass
class _Country:
    name: str
    adj: str
    capital: str
    regions: tuple[str, ...]
    towns: dict[str, str]  # region -> a town in it
    roles: dict[str, str] = field(default_factory=dict)  # role name -> actor key


class World:
    """The invented states, organisations and people every article draws from."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"world:{seed}")
        self.actors: dict[str, ActorSpec] = {}
        self.countries: list[_Country] = []
        names = [(f, "f") for f in _FIRST_F] + [(m, "m") for m in _FIRST_M]
        people = [(first, last, g) for first, g in names for last in _SURNAMES]
        rng.shuffle(people)
        self._people = iter(people)
        towns = iter(rng.sample([s + e for s in _TOWN_STEMS for e in _TOWN_ENDS], 60))
        for cname, adj, capital, regions, agency in _COUNTRIES:
            # Every region gets its own invented town (no two countries share one).
            country = _Country(cname, adj, capital, regions, {r: next(towns) for r in regions})
            self._build_country(country, agency)
            self.countries.append(country)
        for name in _INDEPENDENT_AGENCIES:
            key = "ag_" + _slug(name)
            self._add(
                ActorSpec(key, name, "news_agency", (f"{name} agency",),
                          first=f"the {name} agency", short=name)
            )
        self.independent_agencies = ["ag_" + _slug(n) for n in _INDEPENDENT_AGENCIES]
        for name in _OUTLETS:
            self._add(ActorSpec("out_" + _slug(name), name, "news_outlet", first=name, short=name))
        self.outlets = ["out_" + _slug(n) for n in _OUTLETS]
        self._add(
            ActorSpec(
                "council", "Council of Nations", "organisation", ("the Council",),
                first="the Council of Nations", short="the council",
            )
        )
        self._add(
            ActorSpec(
                "monitors", "Border Monitoring Mission", "organisation",
                ("the monitoring mission",), first="the Border Monitoring Mission",
                short="the mission",
            )
        )
        self._add(
            ActorSpec(
                "rights", "Open Rights Forum", "organisation", ("the rights group",),
                first="the Open Rights Forum, a rights group,", short="the group",
            )
        )
        self._add(
            ActorSpec(
                "bastion", "Bastion Cyber Labs", "organisation", ("Bastion",),
                first="Bastion Cyber Labs, a security firm,", short="the firm",
            )
        )
        self._add(
            ActorSpec("local_media", "local media", "unnamed", ("local media reports",),
                      first="local media", short="local media", pronoun="they", plural=True)
        )
        self._add(
            ActorSpec("witnesses", "witnesses", "unnamed", first="witnesses", short="witnesses",
                      pronoun="they", plural=True)
        )
        self._add(
            ActorSpec("organisers", "protest organisers", "unnamed", ("organisers",),
                      first="protest organisers", short="the organisers", pronoun="they",
                      plural=True)
        )

    # ------------------------------------------------------------------ building

    def _add(self, actor: ActorSpec) -> str:
        self.actors[actor.key] = actor
        return actor.key

    def _person(self, key: str, role: str, titled: str, appositive: str, affiliation: str,
                country: str) -> str:
        first, last, gender = next(self._people)
        name = f"{first} {last}"
        return self._add(
            ActorSpec(
                key, name, "person", (last, f"{titled} {name}"), role=role, affiliation=affiliation,
                country=country, titled=f"{titled} {name}", appositive=appositive, short=last,
                pronoun="she" if gender == "f" else "he",
            )
        )

    def _build_country(self, c: _Country, agency: str) -> None:
        p = _slug(c.name)[:4]
        r = c.roles
        r["gov"] = self._add(
            ActorSpec(f"{p}_gov", f"{c.adj} government", "government",
                      (c.name, f"{c.name}'s government", f"the {c.adj} government"),
                      country=c.name, first=f"the {c.adj} government", short="the government")
        )
        for role, label in (("mod", "Defence"), ("moi", "Interior"), ("mfa", "Foreign"),
                            ("moh", "Health"), ("moe", "Energy")):
            r[role] = self._add(
                ActorSpec(
                    f"{p}_{role}", f"{c.adj} {label} Ministry", "government",
                    (f"{label} Ministry", f"Ministry of {label}", f"{c.name}'s {label} Ministry",
                     f"{c.adj} Ministry of {label}"),
                    affiliation=r["gov"], country=c.name,
                    first=f"the {c.adj} {label} Ministry", short="the ministry",
                )
            )
        r["military"] = self._add(
            ActorSpec(f"{p}_mil", f"{c.adj} armed forces", "military",
                      (f"{c.name}'s military", f"{c.adj} military", f"{c.adj} army"),
                      affiliation=r["gov"], country=c.name, first=f"{c.name}'s military",
                      short="the military", pronoun="it")
        )
        r["emergency"] = self._add(
            ActorSpec(f"{p}_ses", f"{c.adj} State Emergency Service", "government",
                      ("State Emergency Service", f"{c.name}'s emergency service"),
                      affiliation=r["gov"], country=c.name,
                      first=f"{c.name}'s State Emergency Service", short="the service")
        )
        r["police"] = self._add(
            ActorSpec(f"{p}_police", f"{c.capital} police", "government",
                      (f"police in {c.capital}",), affiliation=r["moi"], country=c.name,
                      first=f"police in {c.capital}", short="police", pronoun="they",
                      plural=True)
        )
        r["agency"] = self._add(
            ActorSpec(f"{p}_agency", agency, "news_agency",
                      (f"the {agency} news agency", f"{agency} news agency",
                       f"{c.adj} state news agency {agency}"),
                      affiliation=r["gov"], country=c.name,
                      first=f"{c.adj} state news agency {agency}", short=agency)
        )
        r["president"] = self._person(f"{p}_president", f"President of {c.name}", "President",
                                      f"the {c.adj} president", r["gov"], c.name)
        r["pm"] = self._person(f"{p}_pm", f"Prime Minister of {c.name}", "Prime Minister",
                               f"{c.name}'s prime minister", r["gov"], c.name)
        for role, label in (("mod", "Defence"), ("moi", "Interior"), ("mfa", "Foreign"),
                            ("moh", "Health"), ("moe", "Energy")):
            r[f"{role}_minister"] = self._person(
                f"{p}_{role}_minister", f"{c.adj} {label.lower()} minister",
                f"{label} Minister", f"{c.name}'s {label.lower()} minister", r[role], c.name,
            )
        r["mod_spokes"] = self._person(
            f"{p}_mod_spokes", f"spokesperson for the {c.adj} Defence Ministry",
            "Defence Ministry spokesperson", f"a spokesperson for the {c.adj} Defence Ministry",
            r["mod"], c.name,
        )
        r["mil_spokes"] = self._person(
            f"{p}_mil_spokes", f"spokesperson for the {c.adj} armed forces",
            "military spokesperson", f"a spokesperson for {c.name}'s military", r["military"],
            c.name,
        )
        r["ses_chief"] = self._person(
            f"{p}_ses_chief", f"head of the {c.adj} State Emergency Service",
            "emergency service chief", f"the head of {c.name}'s State Emergency Service",
            r["emergency"], c.name,
        )
        r["police_chief"] = self._person(
            f"{p}_police_chief", f"police chief of {c.capital}", f"{c.capital} police chief",
            f"the police chief of {c.capital}", r["police"], c.name,
        )
        r["mayor"] = self._person(f"{p}_mayor", f"mayor of {c.capital}", f"{c.capital} Mayor",
                                  f"the mayor of {c.capital}", r["gov"], c.name)
        for region in c.regions:
            r[f"governor:{region}"] = self._person(
                f"{p}_gov_{_slug(region)}", f"governor of {region}", f"{region} Governor",
                f"the governor of {region}", r["gov"], c.name,
            )
        r["official"] = self._add(
            ActorSpec(f"{p}_official", f"senior {c.adj} official", "unnamed",
                      (f"a senior {c.adj} official",), affiliation=r["gov"], country=c.name,
                      first=f"a senior {c.adj} official who asked not to be named",
                      short="the official", pronoun="the official")
        )

    def company(self, c: _Country, region: str) -> ActorSpec:
        """The chemical works of a region (created on first use)."""
        key = f"{_slug(c.name)[:4]}_works_{_slug(region)}"
        if key not in self.actors:
            name = f"{region} Chemical Works"
            self._add(ActorSpec(key, name, "organisation", ("the plant's operator",),
                                country=c.name, first=name, short="the company"))
        return self.actors[key]


# =============================================================================== quantities


def _fmt(n: int, rng: random.Random) -> str:
    if n <= 12 and rng.random() < 0.4:
        return _NUMBER_WORDS[n]
    return f"{n:,}"


_MODIFIERS: dict[str, tuple[str, ...]] = {
    "exact": ("",),
    "at least": ("at least", "no fewer than"),
    "more than": ("more than", "over"),
    "up to": ("up to", "as many as"),
    "about": ("about", "around", "roughly"),
    "nearly": ("nearly", "almost"),
}


def interval(kind: str, n: float) -> Interval:
    """The interval meant by a modifier and a number (as :mod:`provenance.extract.quantities`)."""
    if kind == "at least":
        return (n, False, _INF, False)
    if kind == "more than":
        return (n, True, _INF, False)
    if kind == "up to":
        return (0.0, False, n, False)
    if kind == "about":
        return (0.9 * n, False, 1.1 * n, False)
    if kind == "nearly":
        return (0.9 * n, False, n, True)
    return (n, False, n, False)


def intervals_meet(a: Interval, b: Interval) -> bool:
    """Whether two intervals share a point (open ends excluded)."""
    lo, lo_open = (a[0], a[1]) if a[0] > b[0] else (b[0], b[1]) if b[0] > a[0] else (
        a[0], a[1] or b[1])
    hi, hi_open = (a[2], a[3]) if a[2] < b[2] else (b[2], b[3]) if b[2] < a[2] else (
        a[2], a[3] or b[3])
    return lo < hi or (lo == hi and not lo_open and not hi_open)


def _round_down(n: int) -> int:
    step = 10 if n < 200 else 100 if n < 2000 else 1000
    return (n - 1) // step * step if n > step else max(1, n - 2)


def _round_up(n: int) -> int:
    step = 10 if n < 200 else 100 if n < 2000 else 1000
    return (n // step + 1) * step


def _roundish(n: int) -> int:
    """Large counts are reported rounded (a crowd of 39,000, not 39,399)."""
    if n >= 1000:
        return round(n, -2)
    if n >= 200:
        return round(n, -1)
    return n


def _compatible(t: int, rng: random.Random) -> tuple[str, int]:
    """A modifier and number whose interval contains ``t``."""
    kind = rng.choice(("exact", "exact", "at least", "more than", "up to", "about", "nearly"))
    n = t
    if kind == "at least":
        n = rng.choice((t, _round_down(t)))
    elif kind == "more than":
        n = _round_down(t)
    elif kind == "up to":
        n = rng.choice((t, _round_up(t)))
    elif kind in ("about", "nearly"):
        n = _round_up(t) if kind == "nearly" else round(t, -1 if t < 200 else -2 if t < 5000
                                                             else -3)
    lo, lo_open, hi, hi_open = interval(kind, n)
    inside = (lo < t or (lo == t and not lo_open)) and (t < hi or (t == hi and not hi_open))
    if n < 2 or not inside:
        return "exact", t
    return kind, n


def _conflicting(t: int, rng: random.Random) -> tuple[str, int]:
    """A modifier and number whose interval is far from ``t``."""
    if t >= 12 and rng.random() < 0.35:
        n = max(2, t // rng.randint(3, 5))
        return rng.choice(("exact", "up to")), n
    n = t * rng.randint(3, 6) + rng.randint(1, 9)
    return rng.choice(("exact", "exact", "at least", "more than")), n


# =============================================================================== events

# A fact: (unit singular, unit plural, truth range, content templates). {q} is the quantity
# phrase; {region}, {town}, {A}, {Aadj}, {B}, {Badj}, {day}, {company} are filled per event.
_Fact = tuple[str, str, tuple[int, int], tuple[str, ...]]

_FACTS: dict[str, _Fact] = {
    "drones": ("drone", "drones", (6, 90), (
        "{q} {Badj} drones were shot down over the {region} region",
        "air defences destroyed {q} drones over {region} overnight",
        "{q} drones were intercepted over {region} and neighbouring regions",
        "its air-defence units had downed {q} drones above {region}",
        "{q} unmanned aerial vehicles launched by {B} were destroyed near {town}",
    )),
    "injured": ("person", "people", (2, 40), (
        "{q} people were injured when debris fell on {town}",
        "the attack on {town} left {q} people injured",
        "{q} people were taken to hospital in {town} with injuries",
        "{q} people, including two children, were hurt in {town}",
    )),
    "homes": ("home", "homes", (3, 120), (
        "{q} homes were damaged in {town}",
        "falling debris damaged {q} homes in and around {town}",
        "windows were blown out in {q} homes on the edge of {town}",
    )),
    "evacuated": ("person", "people", (150, 9000), (
        "{q} people had been evacuated from flooded villages in {region}",
        "rescuers moved {q} people to safety as the river rose near {town}",
        "emergency shelters in {town} were housing {q} people displaced by the water",
    )),
    "dead": ("person", "people", (2, 30), (
        "{q} people had died in the floods in {region}",
        "the bodies of {q} people had been recovered near {town}",
        "the floods had claimed the lives of {q} people across the {region} region",
    )),
    "flooded": ("house", "houses", (120, 4000), (
        "{q} houses were under water in {region}",
        "floodwater had reached {q} houses in {town} and nearby villages",
        "{q} houses along the river in {town} had been inundated",
    )),
    "marchers": ("person", "people", (1500, 60000), (
        "{q} people took part in the march in {town}",
        "{q} people joined the protest against the pension reform in {town}",
        "a crowd of {q} people gathered outside the parliament in {town}",
    )),
    "detained": ("person", "people", (5, 300), (
        "{q} people were detained during the protest in {town}",
        "officers arrested {q} people after scuffles near the parliament in {town}",
        "{q} people spent the night in police custody after the rally in {town}",
    )),
    "blast_injured": ("worker", "workers", (2, 60), (
        "{q} workers were injured in the blast at the plant in {town}",
        "the explosion at the {region} chemical plant injured {q} workers",
        "{q} workers from the night shift needed treatment after the blast in {town}",
    )),
    "residents_moved": ("resident", "residents", (60, 2500), (
        "{q} residents living near the plant were told to leave their homes",
        "{q} residents were evacuated from streets around the chemical works in {town}",
        "buses took {q} residents of {town} to temporary shelters",
    )),
    "shells": ("shell", "shells", (10, 160), (
        "{q} shells hit {town} and surrounding villages on {day}",
        "{Badj} forces fired {q} shells at {town}",
        "artillery positions across the border launched {q} shells towards {town} overnight",
    )),
    "wounded": ("civilian", "civilians", (2, 25), (
        "{q} civilians were wounded in the shelling of {town}",
        "the shelling of {town} wounded {q} civilians",
        "{q} civilians in {town} needed hospital treatment after the bombardment",
    )),
    "websites": ("website", "websites", (12, 480), (
        "{q} government websites were knocked offline by the attack",
        "the cyberattack disrupted {q} official websites in {A}",
        "hackers defaced {q} ministry and agency websites on {day}",
    )),
}  # fmt: skip

# An event type: facts, who states them (role names of country A or B, or world keys), plain
# statements by role, quotes by role, background sentences, a headline.
_Role = str


@dataclass(frozen=True)
class _EventType:
    name: str
    facts: tuple[str, ...]
    sources: dict[str, tuple[_Role, ...]]  # fact -> roles, the first is the principal source
    plain: dict[_Role, tuple[str, ...]]
    quotes: dict[_Role, tuple[str, ...]]
    background: tuple[str, ...]
    headline: str
    rival: bool  # a second country is involved


_EVENT_TYPES: tuple[_EventType, ...] = (
    _EventType(
        "drone_attack", ("drones", "injured", "homes"),
        {"drones": ("A.mod", "A.governor", "A.agency", "A.mod_minister"),
         "injured": ("A.governor", "local_media", "A.moh", "witnesses"),
         "homes": ("A.governor", "local_media", "A.emergency")},
        {"A.mod": ("the attack had been repelled",
                   "most of the drones had been launched from {Badj} territory",
                   "the drones were aimed at energy facilities in {region}"),
         "A.governor": ("emergency crews were working at the scene in {town}",
                        "power had been restored to most of {town} by the morning"),
         "B.military": ("its drones had struck a fuel depot near {town}",
                        "the strikes were a response to attacks on {Badj} border villages"),
         "B.mfa": ("{B} had not targeted civilian areas",),
         "A.president": ("{A} would strengthen its air defences along the border",)},
        {"A.governor": ("The situation is under control. All emergency services are working "
                        "at the scene",
                        "Our air defences did their job. I thank everyone who helped overnight"),
         "A.mod_minister": ("Every drone launched at {region} will be met with force",),
         "B.mil_spokes": ("Our forces hit exactly what they were aiming at",)},
        ("{region} borders {B} and has been targeted by drones several times this year.",
         "The {town} area is home to an oil refinery and a military airfield.",
         "Air-raid sirens sounded across the region for more than two hours.",
         "Schools in {town} were closed on {day}.",
         "The two countries have traded cross-border strikes since the spring.",
         "Drone attacks on energy sites have become more frequent in recent months.",
         "Video footage shared online showed a fire burning near an industrial estate.",
         "{town} has a population of about 90,000."),
        "Drones downed over {region}, {A} says", True,
    ),
    _EventType(
        "flood", ("evacuated", "dead", "flooded"),
        {"evacuated": ("A.emergency", "A.governor", "A.agency", "A.moi_minister"),
         "dead": ("A.emergency", "A.governor", "local_media", "A.moh"),
         "flooded": ("A.governor", "A.emergency", "local_media")},
        {"A.emergency": ("rescue teams were using boats to reach villages cut off by the water",
                         "more rain was expected in {region} over the next two days"),
         "A.governor": ("a state of emergency had been declared in {region}",),
         "council": ("it was ready to send aid to {region}",),
         "A.pm": ("the government would compensate families who lost their homes",)},
        {"A.governor": ("We have never seen water this high. Whole streets have disappeared",
                        "Nobody will be left without help"),
         "A.ses_chief": ("Our teams are working around the clock. The next 24 hours will be "
                         "decisive",),
         "witnesses": ("The water came up in minutes. We only had time to grab the children",)},
        ("Heavy rain has fallen across {region} since the weekend.",
         "The river burst its banks in several places overnight.",
         "Roads into {town} remained closed on {day}.",
         "The region was last hit by serious flooding a decade ago.",
         "Train services between {town} and the capital were suspended.",
         "Volunteers filled sandbags along the embankment through the night.",
         "Forecasters have warned that such storms are becoming more common."),
        "Floods force mass evacuations in {region}", False,
    ),
    _EventType(
        "protest", ("marchers", "detained"),
        {"marchers": ("A.police", "organisers", "local_media", "A.moi"),
         "detained": ("A.police", "rights", "A.moi_minister", "local_media")},
        {"A.police": ("officers had used tear gas after protesters threw stones",
                      "the march had not been authorised"),
         "organisers": ("the protest would continue until the reform was withdrawn",),
         "rights": ("the detentions violated the right to peaceful assembly",),
         "A.pm": ("the pension reform would not be withdrawn",)},
        {"organisers": ("We will be back next week, and there will be more of us",),
         "A.moi_minister": ("Peaceful protest is a right. Violence is a crime",),
         "witnesses": ("The police charged without any warning",)},
        ("The protest was the largest in {town} since the spring.",
         "Demonstrators marched from the central square to the parliament building.",
         "The government announced the pension reform last month.",
         "Several shops on the main avenue were closed for the day.",
         "The reform would raise the retirement age by two years.",
         "Unions have called a general strike for next month.",
         "Public transport in the city centre was halted for most of the afternoon."),
        "Thousands march in {town} against pension reform", False,
    ),
    _EventType(
        "blast", ("blast_injured", "residents_moved"),
        {"blast_injured": ("company", "A.emergency", "A.moh", "local_media"),
         "residents_moved": ("A.emergency", "A.governor", "company", "witnesses")},
        {"company": ("production at the plant had been halted",
                     "an investigation into the cause of the blast was under way"),
         "A.emergency": ("the fire was brought under control after several hours",),
         "A.moe_minister": ("the plant had passed a safety inspection in the spring",)},
        {"company": ("The safety of our workers comes first",),
         "witnesses": ("The whole building shook. Then we saw the smoke",),
         "A.governor": ("There is no danger to the air in {town}",)},
        ("The plant employs around 1,200 people.",
         "Thick black smoke could be seen across {town} for several hours.",
         "The cause of the blast was not immediately clear.",
         "The works produce fertiliser and industrial solvents.",
         "A second fire at the site was put out before dawn.",
         "Residents were told to keep their windows closed.",
         "The plant was fined last year for breaching emission limits."),
        "Explosion at {region} chemical plant", False,
    ),
    _EventType(
        "shelling", ("shells", "wounded"),
        {"shells": ("A.governor", "monitors", "A.military", "local_media"),
         "wounded": ("A.governor", "A.moh", "monitors", "local_media")},
        {"A.military": ("its artillery had returned fire",),
         "B.mod": ("its forces had not fired on civilian areas",
                   "the shelling had been staged to discredit {B}"),
         "monitors": ("observers had been unable to reach {town} because of the fighting",),
         "A.mfa_minister": ("{A} would raise the shelling at the Council of Nations",)},
        {"A.governor": ("They are shooting at homes, not soldiers",),
         "B.mil_spokes": ("We do not target civilians. We never have",),
         "witnesses": ("It went on all night. Nobody slept",)},
        ("{town} lies a few kilometres from the border with {B}.",
         "Several shops and a school were damaged.",
         "Residents spent the night in basements.",
         "A ceasefire agreed last year has been broken repeatedly.",
         "Electricity and water supplies to parts of the town were cut.",
         "The border area has seen sporadic fighting for more than a year."),
        "Shelling of {town} leaves civilians wounded", True,
    ),
    _EventType(
        "cyber", ("websites",),
        {"websites": ("A.moi", "bastion", "A.agency", "local_media")},
        {"A.moi": ("the attack had come from servers controlled by {Badj} intelligence",
                   "no personal data had been stolen"),
         "B.mfa": ("{B} had nothing to do with the attack",),
         "bastion": ("the attackers had used a network of hijacked home routers",)},
        {"A.moi_minister": ("This was a deliberate attack on our state",),
         "B.mfa_minister": ("These accusations are absurd",)},
        ("Government websites were unavailable for much of {day}.",
         "Online tax and passport services were suspended.",
         "Officials did not say which systems were affected.",
         "Banks said their online services were working normally.",
         "The attack came days before a planned vote in parliament.",
         "Cyberattacks on public bodies have risen sharply across the region."),
        "Cyberattack knocks {A} government websites offline", True,
    ),
)  # fmt: skip

_REACTIONS = (
    "all sides must show restraint after the events in {region}",
    "{C} was ready to help the people of {region}",
    "the international community could not ignore what happened in {town}",
    "{C} would raise the matter with its partners in the coming days",
    "the events in {region} showed the need for an independent investigation",
    "{C} had offered to send experts to {town}",
)

_CLUSTER_WEIGHTS = (30, 25, 18, 12, 7, 4, 2, 2)  # articles per event: 1..8 (2.7 on average)
EVENTS_PER_DAY = 4
"""Events a day in the generated world: about 11 articles a day, whatever the corpus size."""
_DATE_JITTER = 3  # days either side of the stream's current day


@dataclass
class _Statement:
    sid: int
    speaker: str  # actor key
    content: str  # lower-case initial unless it starts with a name
    fact: str | None = None
    interval: Interval | None = None
    quote_only: bool = False
    supersedes: int | None = None
    from_day: int = 0  # first day (after the event) this statement exists
    until_day: int = 99  # last day it is the current one


@dataclass
class _Event:
    eid: int
    etype: _EventType
    a: _Country
    b: _Country | None
    region: str
    town: str
    date: dt.date
    fill: dict[str, str]
    statements: list[_Statement]
    wire: dict[int, list[tuple[str, Any]]] = field(default_factory=dict)
    articles: list[GeneratedArticle] = field(default_factory=list)


# =============================================================================== output records


@dataclass(frozen=True)
class GoldClaim:
    """One attributed claim of the ground truth."""

    local: str
    span: Span
    speaker: str
    via: tuple[str, ...]
    cue: str
    channel: str | None
    hedged: bool
    hedge: str | None
    statement: int  # global statement number (same number: the same statement)
    fact: str | None


@dataclass(frozen=True)
class GoldLink:
    """A link between two claims of one article (local ids)."""

    source: str
    target: str
    relation: str
    why: str


@dataclass(frozen=True)
class CrossLink:
    """A link from a claim of this article to a claim of an earlier article of the same event."""

    source: str
    target_document: str
    target: str
    target_uid: str
    relation: str
    why: str


@dataclass
class GeneratedArticle:
    """One generated article: its text, metadata and ground truth."""

    index: int
    key: str
    """The gold document id (``gen-SEED-iiiiii``)."""
    name: str
    """File stem (``iiiiii``)."""
    text: str
    published: dt.date
    outlet: str
    """Actor key of the publishing outlet."""
    title: str
    url: str
    event: int
    actors: dict[str, ActorSpec]
    claims: list[GoldClaim]
    unattributed: list[Span]
    links: list[GoldLink]
    cross_links: list[CrossLink]
    not_linked_with: tuple[str, str] | None = None

    @property
    def doc_id(self) -> str:
        """The provenance document id (hash of the text)."""
        return document_id(self.text)

    def uid(self, local: str) -> str:
        """The provenance claim id of a local claim id."""
        for c in self.claims:
            if c.local == local:
                return claim_id(self.doc_id, c.span)
        raise KeyError(local)

    @property
    def source_file(self) -> str:
        """Name of the text file, beside the claims file."""
        return f"{self.name}.txt"

    def front_matter(self) -> str:
        """The header written at the top of the article's text file: its publication date,
        its outlet (the name the gold document gives) and its title, the way a desk saving
        articles as text records them (:mod:`provenance.importers.frontmatter`). The gold
        spans index the text after it (:attr:`text`)."""
        lines = ["---", f"published: {self.published.isoformat()}",
                 f"outlet: {_header_value(self.actors[self.outlet].name)}"]  # fmt: skip
        if self.title:
            lines.append(f"title: {_header_value(self.title)}")
        lines.append("---")
        return "\n".join(lines) + "\n"

    def gold(self) -> dict[str, Any]:
        """The ``provenance-gold/1`` claims file of this article."""
        out: dict[str, Any] = {
            "format": GOLD_FORMAT,
            "document": {
                "id": self.key,
                "published": self.published.isoformat(),
                "outlet": self.actors[self.outlet].name,
                "title": self.title,
                "url": self.url,
                "source_file": self.source_file,
            },
            "actors": {k: a.gold() for k, a in sorted(self.actors.items())},
            "claims": [
                {
                    "id": c.local,
                    "span": [c.span[0], c.span[1]],
                    "content": self.text[c.span[0] : c.span[1]],
                    "speaker": c.speaker,
                    "via": list(c.via),
                    "cue": c.cue,
                    "channel": c.channel,
                    "hedged": c.hedged,
                    "optional": False,
                }
                for c in self.claims
            ],
            "unattributed": [
                {"span": [s, e], "content": self.text[s:e]} for s, e in self.unattributed
            ],
            "links": [
                {"source": k.source, "target": k.target, "relation": k.relation, "why": k.why}
                for k in self.links
            ],
        }
        if self.not_linked_with is not None:
            out["not_linked_with"] = {
                "document": self.not_linked_with[0],
                "why": self.not_linked_with[1],
            }
        return out


# =============================================================================== text building


class _Claim:
    """A claim being written: filled in as its sentence is built."""

    def __init__(self, st: _Statement, speaker: str, via: tuple[str, ...], cue: str,
                 channel: str | None, hedge: str | None) -> None:
        self.st = st
        self.speaker = speaker
        self.via = via
        self.cue = cue
        self.channel = channel
        self.hedge = hedge
        self.span: Span = (0, 0)


_UNATTRIBUTED = "unattributed"
_Mark = Any  # a _Claim, _UNATTRIBUTED or None
_Seg = tuple[str, _Mark]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _header_value(value: str) -> str:
    """A front-matter value that reads back as ``value``: one line; quoted only when its own
    quotes at both ends would otherwise be taken for quoting."""
    value = " ".join(value.split())
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return f"'{value}'" if value[0] == '"' else f'"{value}"'
    return value


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_")


class _Writer:
    """Renders statements of one article in varied news forms, tracking mentions."""

    def __init__(self, world: World, rng: random.Random, event: _Event, outlet: str) -> None:
        self.w = world
        self.rng = rng
        self.ev = event
        self.outlet = outlet
        self.mentioned: set[str] = set()
        self.used: set[str] = set()
        self.last_speaker: str | None = None

    # ------------------------------------------------------------------ mentions

    def _use(self, key: str) -> ActorSpec:
        self.used.add(key)
        return self.w.actors[key]

    def subj(self, key: str, *, full: bool = False) -> str:
        """The actor as a sentence subject (an appositive carries its closing comma)."""
        a = self._use(key)
        if key in self.mentioned and not full:
            return a.short or a.name
        self.mentioned.add(key)
        if a.kind == "person":
            assert a.titled is not None and a.appositive is not None
            if self.rng.random() < 0.5:
                return a.titled
            return f"{a.name}, {a.appositive},"
        return a.first or a.name

    def obj(self, key: str, *, full: bool = False) -> str:
        """The actor closing a clause ("said X", "according to X", "citing X")."""
        a = self._use(key)
        if key in self.mentioned and not full:
            return a.short or a.name
        self.mentioned.add(key)
        if a.kind == "person":
            assert a.titled is not None and a.appositive is not None
            if self.rng.random() < 0.5:
                return a.titled
            return f"{a.name}, {a.appositive}"
        return (a.first or a.name).rstrip(",")

    def pron(self, key: str) -> str:
        a = self._use(key)
        if a.kind == "person":
            return a.pronoun
        return a.short or a.name

    # ------------------------------------------------------------------ helpers

    def _when(self) -> str:
        day = self.ev.fill["day"]
        return self.rng.choice(("", "", f" on {day}", f" early on {day}", f" late on {day}"))

    def _claim(self, st: _Statement, cue: str, *, via: tuple[str, ...] = (),
               channel: str | None = None, hedge: str | None = None) -> _Claim:
        for v in via:
            self._use(v)
        self._use(st.speaker)
        return _Claim(st, st.speaker, via, cue, channel, hedge)

    def _verb(self, key: str) -> str:
        a = self.w.actors[key]
        if a.kind in ("unnamed", "news_agency", "news_outlet"):
            return self.rng.choice(("said", "said", "reported", "reported", "stated"))
        return self.rng.choice(("said", "said", "said", "told reporters", "stated", "confirmed")
                               + (() if a.plural else ("says",)))

    def _follow(self, key: str) -> bool:
        return self.last_speaker == key

    def _agency(self) -> str:
        roles = self.ev.a.roles
        if self.rng.random() < 0.6:
            return roles["agency"]
        return self.rng.choice(self.w.independent_agencies)

    # ------------------------------------------------------------------ forms

    def render(self, st: _Statement) -> list[_Seg]:
        """One sentence stating ``st``, in a form chosen at random among the common ones."""
        rng = self.rng
        key = st.speaker
        kind = self.w.actors[key].kind
        if st.quote_only:
            segs = self._quote(st)
        elif self._follow(key) and rng.random() < 0.7:
            segs = self._follow_on(st)
        else:
            r = rng.random()
            official = kind in ("government", "military", "person")
            if official and r < 0.18:
                segs = self._relayed(st)
            elif r < 0.40:
                segs = self._said_that(st)
            elif r < 0.58:
                segs = self._content_said(st)
            elif r < 0.68:
                segs = self._according(st)
            elif r < 0.76:
                segs = self._channel(st)
            elif r < 0.82 and kind != "news_agency":
                segs = self._told_agency(st)
            elif r < 0.90:
                segs = self._hedged(st)
            else:
                segs = self._said_that(st)
        self.last_speaker = key
        return segs

    def _said_that(self, st: _Statement) -> list[_Seg]:
        verb = self._verb(st.speaker)
        that = self.rng.choice((" that", " that", ""))
        c = self._claim(st, verb.split()[0])
        return [(f"{self.subj(st.speaker)} {verb}{self._when()}{that} ", None), (st.content, c),
                (".", None)]

    def _content_said(self, st: _Statement) -> list[_Seg]:
        key = st.speaker
        a = self.w.actors[key]
        if a.kind == "person" and key not in self.mentioned and self.rng.random() < 0.5:
            c = self._claim(st, "said")
            return [(_cap(st.content), c), (f", said {self.obj(key)}.", None)]
        verb = self.rng.choice(("said", "said", "reported", "added") if a.kind == "news_agency"
                               else ("said", "said", "said", "warned", "confirmed"))
        if key not in self.mentioned:
            verb = "said" if verb == "added" else verb
        c = self._claim(st, verb)
        return [(_cap(st.content), c), (f", {self.subj(key)} {verb}{self._when()}.", None)]

    def _according(self, st: _Statement) -> list[_Seg]:
        c = self._claim(st, "according to")
        if self.rng.random() < 0.5:
            return [(f"According to {self.obj(st.speaker)}, ", None), (st.content, c), (".", None)]
        return [(_cap(st.content), c), (f", according to {self.obj(st.speaker)}.", None)]

    def _channel(self, st: _Statement) -> list[_Seg]:
        platform = self.rng.choice(("Telegram", "Telegram", "Facebook"))
        c = self._claim(st, "said", channel=platform)
        subj = self.subj(st.speaker)
        if self.rng.random() < 0.5:
            return [(f"{subj} said on {platform} that ", None), (st.content, c), (".", None)]
        lead = self.rng.choice((f"In a post on {platform}", f"Writing on {platform}"))
        return [(f"{lead}{self._when()}, {subj} said ", None), (st.content, c),
                (".", None)]

    def _told_agency(self, st: _Statement) -> list[_Seg]:
        ag = self._agency()
        c = self._claim(st, "told", via=(ag,))
        return [(f"{self.subj(st.speaker)} told {self.obj(ag)} that ", None), (st.content, c),
                (".", None)]

    def _relayed(self, st: _Statement) -> list[_Seg]:
        """Agency relay, written once per event and statement: reprints repeat it verbatim.

        The sentence names everyone in full, so it reads the same in any article.
        """
        cached = self.ev.wire.get(st.sid)
        if cached is not None and self.rng.random() < 0.8:
            segs: list[_Seg] = []
            for text, mark in cached:
                if isinstance(mark, _Claim):
                    mark = self._claim(mark.st, mark.cue, via=mark.via, channel=mark.channel)
                segs.append((text, mark))
            for _, mark in segs:
                if isinstance(mark, _Claim):
                    self.mentioned.update((mark.speaker, *mark.via))
            return segs
        ag = self._agency()
        r = self.rng.random()
        full = {"full": True}
        if r < 0.08:
            outlet = self.rng.choice([o for o in self.w.outlets if o != self.outlet])
            c = self._claim(st, "reported", via=(outlet, ag))
            segs = [
                (_cap(st.content), c),
                (f", {self.obj(outlet, **full)} reported, citing {self.obj(ag, **full)}, which "
                 f"quoted {self.obj(st.speaker, **full)}.", None),
            ]
        elif r < 0.45:
            c = self._claim(st, "reported", via=(ag,))
            segs = [(_cap(st.content), c),
                    (f", {self.obj(ag, **full)} reported, citing {self.obj(st.speaker, **full)}.",
                     None)]
        elif r < 0.65:
            c = self._claim(st, "reported", via=(ag,))
            segs = [(f"{self.subj(ag, **full)}, citing {self.obj(st.speaker, **full)}, reported "
                     "that ", None), (st.content, c), (".", None)]
        elif r < 0.82:
            c = self._claim(st, "according to", via=(ag,))
            segs = [(f"According to {self.obj(ag, **full)}, which cited "
                     f"{self.obj(st.speaker, **full)}, ", None), (st.content, c), (".", None)]
        else:
            c = self._claim(st, "quoted", via=(ag,))
            segs = [(_cap(st.content), c),
                    (f", {self.obj(ag, **full)} quoted {self.obj(st.speaker, **full)} as saying.",
                     None)]
        self.ev.wire[st.sid] = segs
        return segs

    def _hedged(self, st: _Statement) -> list[_Seg]:
        key = st.speaker
        r = self.rng.random()
        if self.w.actors[key].kind in ("unnamed", "news_agency", "news_outlet") and r < 0.5:
            c = self._claim(st, "reported", hedge="unconfirmed")
            return [(f"While unconfirmed, {self.subj(key)} reported that ", None),
                    (st.content, c), (".", None)]
        if r < 0.35:
            c = self._claim(st, "claimed", hedge="without providing evidence")
            return [(f"{self.subj(key)} claimed, without providing evidence, that ", None),
                    (st.content, c), (".", None)]
        if r < 0.65:
            c = self._claim(st, "said", hedge="reportedly")
            return [(_cap(st.content), c),
                    (f", {self.subj(key)} reportedly said.", None)]
        c = self._claim(st, "said", hedge="could not be independently verified")
        return [(_cap(st.content), c),
                (f", {self.subj(key)} said, a claim that could not be independently "
                 "verified.", None)]

    def _quote(self, st: _Statement) -> list[_Seg]:
        key = st.speaker
        q = _cap(st.content)
        follow = self._follow(key)
        who = self.pron(key) if follow else None
        r = self.rng.random()
        if r < 0.15 and not follow and self.w.actors[key].kind == "person":
            ag = self._agency()
            c = self._claim(st, "told", via=(ag,))
            return [("“", None), (q, c), (f",” {self.subj(key)} told {self.obj(ag)}.",
                                          None)]
        if r < 0.35 and not follow:
            c = self._claim(st, "said")
            return [(f"{self.subj(key)} said: “", None), (q, c), (".”", None)]
        verb = self.rng.choice(("said", "said", "added")) if follow else "said"
        c = self._claim(st, verb)
        if who is not None:
            return [("“", None), (q, c), (f",” {who} {verb}.", None)]
        if self.w.actors[key].kind == "person" and self.rng.random() < 0.5:
            return [("“", None), (q, c), (f",” said {self.obj(key)}.", None)]
        return [("“", None), (q, c), (f",” {self.subj(key)} said.", None)]

    def _follow_on(self, st: _Statement) -> list[_Seg]:
        key = st.speaker
        who = self.pron(key)
        r = self.rng.random()
        if r < 0.35:
            c = self._claim(st, "said")
            return [(_cap(st.content), c), (f", {who} said.", None)]
        if r < 0.7:
            verb = self.rng.choice(("added", "said"))
            c = self._claim(st, verb)
            that = self.rng.choice((" that", ""))
            return [(f"{_cap(who)} {verb}{that} ", None), (st.content, c), (".", None)]
        return self._said_that(st)

    def pair(self, first: _Statement, second: _Statement) -> list[_Seg]:
        """Two statements of one speaker in one sentence: "X said C1, adding that C2."."""
        c1 = self._claim(first, "said")
        c2 = self._claim(second, "adding")
        subj = self.subj(first.speaker)
        self.last_speaker = first.speaker
        return [(f"{subj} said{self._when()} that ", None), (first.content, c1),
                (", adding that ", None), (second.content, c2), (".", None)]


# =============================================================================== generation


class _Generator:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.world = World(seed)
        self.rng = random.Random(f"events:{seed}")
        self.index = 0
        self.sid = 0
        self.used_keys: set[tuple[str, str, dt.date]] = set()
        self.last_of: dict[tuple[str, str], tuple[str, dt.date]] = {}
        self.start = dt.date(2023, 1, 1)

    def articles(self) -> Iterator[GeneratedArticle]:
        eid = 0
        while True:
            event = self._event(eid)
            size = self.rng.choices(range(1, 9), weights=_CLUSTER_WEIGHTS)[0]
            outlets = self.rng.sample(self.world.outlets, size)
            for k in range(size):
                yield self._article(event, outlets[k], k)
            eid += 1

    # ------------------------------------------------------------------ events

    def _event(self, eid: int) -> _Event:
        rng = self.rng
        w = self.world
        etype = rng.choice(_EVENT_TYPES)
        a, b = rng.sample(w.countries, 2)
        while True:
            region = rng.choice(a.regions)
            # The stream moves forward in time at a constant pace (EVENTS_PER_DAY), so a larger
            # corpus covers more days, not more events a day: a growing archive, as a desk's
            # is. A fixed span would crowd ever more events into each week and make linking
            # look quadratic for a reason no real archive has.
            day = eid // EVENTS_PER_DAY + rng.randrange(-_DATE_JITTER, _DATE_JITTER + 1)
            date = self.start + dt.timedelta(days=max(0, day))
            if (etype.name, region, date) not in self.used_keys:
                self.used_keys.add((etype.name, region, date))
                break
        town = a.towns[region]
        if etype.name == "protest":
            town = a.capital
        company = w.company(a, region)
        fill = {
            "region": region, "town": town, "A": a.name, "Aadj": a.adj, "B": b.name,
            "Badj": b.adj, "day": _WEEKDAYS[date.weekday()], "company": company.name,
            "company_key": company.key,
        }  # fmt: skip
        ev = _Event(eid, etype, a, b if etype.rival else None, region, town, date, fill, [])
        # Quantified statements: a principal source and others, compatible or conflicting.
        for fact in etype.facts:
            unit_sg, unit_pl, (lo, hi), templates = _FACTS[fact]
            truth = _roundish(rng.randint(lo, hi))
            roles = etype.sources[fact]
            n_sources = min(len(roles), rng.choice((1, 2, 2, 3, 3, 4)))
            chosen = [roles[0], *rng.sample(roles[1:], n_sources - 1)]
            for i, role in enumerate(chosen):
                speaker = self._resolve(role, ev)
                if i == 0 or rng.random() < 0.7:
                    kind, n = _compatible(truth, rng)
                else:
                    kind, n = _conflicting(truth, rng)
                st = self._quant(ev, speaker, fact, kind, n, rng.choice(templates), unit_sg,
                                 unit_pl)
                ev.statements.append(st)
                if i == 0 and fact in ("dead", "injured", "wounded", "evacuated") and (
                    rng.random() < 0.4
                ):
                    # The principal source revises its figure a day later.
                    later = max(truth + 1, int(truth * rng.uniform(1.3, 2.2)))
                    kind2, n2 = _compatible(later, rng)
                    st.until_day = 0
                    upd = self._quant(ev, speaker, fact, kind2, n2, rng.choice(templates),
                                      unit_sg, unit_pl)
                    upd.supersedes = st.sid
                    upd.from_day = 1
                    ev.statements.append(upd)
        # Plain statements and quotes.
        for role, contents in etype.plain.items():
            speaker = self._resolve(role, ev)
            for content in contents:
                if rng.random() < 0.7:
                    ev.statements.append(self._plain(speaker, content.format(**fill)))
        for role, quotes in etype.quotes.items():
            speaker = self._resolve(role, ev)
            for q in quotes:
                if rng.random() < 0.8:
                    ev.statements.append(
                        self._plain(speaker, q.format(**fill).rstrip("."), quote_only=True)
                    )
        return ev

    def _resolve(self, role: str, ev: _Event) -> str:
        if role.startswith(("A.", "B.")):
            country = ev.a if role[0] == "A" or ev.b is None else ev.b
            name = role[2:]
            if name == "governor":
                return country.roles[f"governor:{ev.region}"]
            return country.roles[name]
        if role == "company":
            return ev.fill["company_key"]
        return role

    def _next_sid(self) -> int:
        self.sid += 1
        return self.sid

    def _quant(self, ev: _Event, speaker: str, fact: str, kind: str, n: int, template: str,
               unit_sg: str, unit_pl: str) -> _Statement:
        rng = self.rng
        mod = rng.choice(_MODIFIERS[kind])
        number = _fmt(n, rng)
        phrase = f"{mod} {number}".strip()
        content = template.format(q=phrase, **ev.fill)
        if n == 1:
            content = content.replace(f"{phrase} {unit_pl}", f"{phrase} {unit_sg}")
        return _Statement(self._next_sid(), speaker, content, fact, interval(kind, n))

    def _plain(self, speaker: str, content: str, *, quote_only: bool = False) -> _Statement:
        return _Statement(self._next_sid(), speaker, content, quote_only=quote_only)

    # ------------------------------------------------------------------ articles

    def _article(self, ev: _Event, outlet: str, k: int) -> GeneratedArticle:
        idx = self.index
        self.index += 1
        rng = random.Random(f"article:{self.seed}:{idx}")
        day = min(k, rng.choice((0, 0, 1, 1, 2)))
        published = ev.date + dt.timedelta(days=day)
        current = [s for s in ev.statements if s.from_day <= day <= s.until_day]
        quant = [s for s in current if s.fact]
        plain = [s for s in current if not s.fact]
        lead = quant[0] if quant else plain[0]
        others = [s for s in quant[1:] if rng.random() < 0.75]
        others += [s for s in plain if rng.random() < 0.6]
        rng.shuffle(others)
        # Group by speaker so that follow-on pronouns occur, keep the lead first.
        order: list[str] = []
        for s in others:
            if s.speaker not in order:
                order.append(s.speaker)
        picked = [lead] + [s for sp in order for s in others if s.speaker == sp and s is not lead]
        picked = picked[: rng.randint(6, 14)]

        writer = _Writer(self.world, rng, ev, outlet)
        sentences: list[list[_Seg]] = []
        i = 0
        while i < len(picked):
            st = picked[i]
            nxt = picked[i + 1] if i + 1 < len(picked) else None
            if (
                nxt is not None
                and nxt.speaker == st.speaker
                and not st.quote_only
                and not nxt.quote_only
                and rng.random() < 0.25
            ):
                sentences.append(writer.pair(st, nxt))
                i += 2
                continue
            segs = writer.render(st)
            if st.fact and rng.random() < 0.06:
                segs = [*segs, (" The figures could not be independently verified.", "hedge")]
            sentences.append(segs)
            i += 1
        # Background (unattributed) sentences, after the lead.
        backs = rng.sample(ev.etype.background, rng.randint(2, min(5, len(ev.etype.background))))
        for b in backs:
            pos = rng.randint(1, len(sentences))
            sentences.insert(pos, [(b.format(**ev.fill), _UNATTRIBUTED)])
        # A reaction from a third country, now and then.
        # Reactions from abroad, now and then (statements of this article only).
        for what in rng.sample(_REACTIONS, rng.choice((0, 0, 1, 1, 2))):
            third = rng.choice([c for c in self.world.countries if c is not ev.a and c is not ev.b])
            who = rng.choice(("mfa_minister", "president", "mfa"))
            what = what.format(C=third.name, **ev.fill)
            sentences.append(writer.render(self._plain(third.roles[who], what)))
        return self._finish(ev, idx, published, outlet, sentences, writer, rng)

    def _finish(self, ev: _Event, idx: int, published: dt.date, outlet: str,
                sentences: list[list[_Seg]], writer: _Writer, rng: random.Random
                ) -> GeneratedArticle:
        parts: list[str] = []
        pos = 0
        pending: list[_Claim] = []
        unattributed: list[Span] = []
        for n, segs in enumerate(sentences):
            if n:
                sep = "\n" if rng.random() < 0.6 else " "
                parts.append(sep)
                pos += 1
            first = True
            sentence_claims: list[_Claim] = []
            for text, mark in segs:
                if first:
                    text = _cap(text)
                    first = False
                if mark == "hedge":
                    for c in sentence_claims:
                        c.hedge = c.hedge or "could not be independently verified"
                    # The hedge sentence itself is neither a claim nor a statement.
                elif mark == _UNATTRIBUTED:
                    unattributed.append((pos, pos + len(text)))
                elif isinstance(mark, _Claim):
                    mark.span = (pos, pos + len(text))
                    pending.append(mark)
                    sentence_claims.append(mark)
                parts.append(text)
                pos += len(text)
        text = "".join(parts)
        pending.sort(key=lambda c: c.span)
        claims: list[GoldClaim] = []
        for n, c in enumerate(pending, 1):
            claims.append(
                GoldClaim(f"c{n:02d}", c.span, c.speaker, c.via, c.cue, c.channel,
                          c.hedge is not None, c.hedge, c.st.sid, c.st.fact)
            )
        # Actors: everyone used, their affiliations up to the root, the outlet.
        keys = set(writer.used) | {outlet}
        frontier = list(keys)
        while frontier:
            aff = self.world.actors[frontier.pop()].affiliation
            if aff and aff not in keys:
                keys.add(aff)
                frontier.append(aff)
        actors = {k: self.world.actors[k] for k in keys}
        key = f"gen-{self.seed}-{idx:06d}"
        title = ev.etype.headline.format(**ev.fill)
        art = GeneratedArticle(
            index=idx, key=key, name=f"{idx:06d}", text=text, published=published,
            outlet=outlet, title=title,
            url=f"https://{_slug(self.world.actors[outlet].name).replace('_', '')}.example/"
                f"{published:%Y/%m/%d}/{_slug(title).replace('_', '-')}-{idx}",
            event=ev.eid, actors=actors, claims=claims, unattributed=unattributed, links=[],
            cross_links=[],
        )  # fmt: skip
        statements = {s.sid: s for s in ev.statements}
        art.links = [
            GoldLink(x.local, y.local, rel, why)
            for i, x in enumerate(claims)
            for y in claims[:i]
            if (rel_why := _relation(x, y, statements, self.world)) is not None
            for rel, why in (rel_why,)
        ]
        for prev in ev.articles:
            prev_doc = prev.doc_id
            for x in claims:
                for y in prev.claims:
                    rel_why = _relation(x, y, statements, self.world)
                    if rel_why is not None:
                        art.cross_links.append(
                            CrossLink(x.local, prev.key, y.local, claim_id(prev_doc, y.span),
                                      rel_why[0], rel_why[1])
                        )
        # A different event of the same kind in the same region: must not be linked.
        k = (ev.etype.name, ev.region)
        earlier = self.last_of.get(k)
        if earlier is not None and earlier[1] != ev.date:
            art.not_linked_with = (
                earlier[0],
                f"different events: {ev.etype.name} in {ev.region} on {earlier[1]} and {ev.date}",
            )
        if not ev.articles:
            self.last_of[k] = (key, ev.date)
        ev.articles.append(_light(art))
        return art


def _light(art: GeneratedArticle) -> GeneratedArticle:
    """What later articles of the event need of an earlier one (not its links)."""
    return GeneratedArticle(
        index=art.index, key=art.key, name=art.name, text=art.text, published=art.published,
        outlet=art.outlet, title=art.title, url=art.url, event=art.event, actors={},
        claims=art.claims, unattributed=[], links=[], cross_links=[],
    )


def _relation(x: GoldClaim, y: GoldClaim, statements: dict[int, _Statement],
              world: World) -> tuple[str, str] | None:
    """The gold relation of claim ``x`` (later) to claim ``y`` (earlier), if any."""
    if x.statement == y.statement:
        who = world.actors[x.speaker].name
        return "repeats", f"the same statement by {who}"
    if x.fact is None or x.fact != y.fact:
        return None
    sx, sy = statements[x.statement], statements[y.statement]
    if sx.supersedes == sy.sid:
        return "updates", f"{world.actors[x.speaker].name} revised the {x.fact} figure"
    if sy.supersedes == sx.sid:
        return None  # an old figure reported after the new one: not an update of it
    if x.speaker == y.speaker:
        return None
    assert sx.interval is not None and sy.interval is not None
    rel = "corroborates" if intervals_meet(sx.interval, sy.interval) else "conflicts"
    return rel, (
        f"{x.fact}: {world.actors[x.speaker].name} and {world.actors[y.speaker].name} "
        f"({'compatible' if rel == 'corroborates' else 'incompatible'} figures, same event)"
    )


def generate(n: int, seed: int = 1) -> Iterator[GeneratedArticle]:
    """The first ``n`` articles of the corpus of ``seed`` (a stream: nothing is kept)."""
    if n <= 0:
        return
    for i, art in enumerate(_Generator(seed).articles()):
        yield art
        if i + 1 >= n:
            return


# =============================================================================== datasets


def _quantities(text: str) -> list[Quantity]:
    try:
        from provenance.extract.quantities import parse_quantities
    except ImportError:  # pragma: no cover - only while the module is being written
        return []
    return list(parse_quantities(text))


def to_dataset(art: GeneratedArticle, *, source: str | None = None,
               quantities: bool = True) -> Dataset:
    """The Dataset that ``load_claims_file`` gives for this article's claims file.

    Args:
        art: the article.
        source: the document's ``source`` (``load_claims_file`` records the text's path).
        quantities: parse quantities as the claims-file reader does (the costly part).
    """
    doc_id = art.doc_id
    ids = {k: actor_id(a.name) for k, a in art.actors.items()}
    actors: dict[str, Actor] = {}
    for k, a in sorted(art.actors.items()):
        actors[ids[k]] = Actor(
            id=ids[k], name=a.name, kind=a.kind,  # type: ignore[arg-type]
            aliases=[str(x) for x in a.aliases], role=a.role,
            affiliation=ids[a.affiliation] if a.affiliation else None, country=a.country,
            origin="curated",
        )  # fmt: skip
    outlet_id = actor_id(art.actors[art.outlet].name)
    document = Document(
        id=doc_id, text=art.text, text_hash=text_hash(art.text), title=art.title,
        outlet=outlet_id, url=art.url, published=art.published,
        source=source if source is not None else art.source_file,
    )  # fmt: skip
    claims: list[Claim] = []
    local: dict[str, str] = {}
    for c in art.claims:
        s, e = c.span
        cid = claim_id(doc_id, c.span)
        local[c.local] = cid
        claims.append(
            Claim(
                id=cid, document=doc_id, span=c.span, text=art.text[s:e], speaker=ids[c.speaker],
                via=[ids[v] for v in c.via], cue=c.cue, channel=c.channel, hedged=c.hedged,
                rule="curated", why=f"hand-curated as {c.local} in {art.name}.json",
                unattributed=False,
                quantities=_quantities(art.text[s:e]) if quantities else [], origin="curated",
            )
        )  # fmt: skip
    for n, (s, e) in enumerate(art.unattributed, 1):
        claims.append(
            Claim(
                id=claim_id(doc_id, (s, e)), document=doc_id, span=(s, e), text=art.text[s:e],
                speaker=None, rule="curated",
                why=f"hand-curated unattributed statement #{n} in {art.name}.json",
                unattributed=True,
                quantities=_quantities(art.text[s:e]) if quantities else [], origin="curated",
            )
        )  # fmt: skip
    links = [
        Link(id=link_id(local[k.source], local[k.target], k.relation), source=local[k.source],
             target=local[k.target], relation=k.relation,  # type: ignore[arg-type]
             origin="curated", note=k.why)
        for k in art.links
    ]  # fmt: skip
    return Dataset(documents=[document], actors=list(actors.values()), claims=claims, links=links)


def cross_link_records(art: GeneratedArticle) -> list[Link]:
    """The links from this article's claims to earlier articles' claims, as store records."""
    out = []
    for k in art.cross_links:
        src = art.uid(k.source)
        out.append(
            Link(id=link_id(src, k.target_uid, k.relation), source=src, target=k.target_uid,
                 relation=k.relation, origin="curated", note=k.why)  # type: ignore[arg-type]
        )
    return out


# =============================================================================== files


@dataclass
class CorpusStats:
    """What :func:`write_corpus` wrote."""

    articles: int = 0
    claims: int = 0
    unattributed: int = 0
    links: int = 0
    cross_links: int = 0
    events: int = 0
    chars: int = 0

    def add(self, art: GeneratedArticle) -> None:
        """Count one article."""
        self.articles += 1
        self.claims += len(art.claims)
        self.unattributed += len(art.unattributed)
        self.links += len(art.links)
        self.cross_links += len(art.cross_links)
        self.chars += len(art.text)


def article_paths(out_dir: Path, index: int) -> tuple[Path, Path]:
    """(text, claims file) of article ``index`` in a written corpus."""
    folder = out_dir / f"{index // SHARD:03d}"
    return folder / f"{index:06d}.txt", folder / f"{index:06d}.json"


def write_corpus(out_dir: Path, n: int, seed: int = 1) -> CorpusStats:
    """Write ``n`` articles, their claims files, ``links.json`` and ``manifest.json``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stats = CorpusStats()
    events: set[int] = set()
    with (out_dir / "links.json").open("w", encoding="utf-8") as lf:
        lf.write(json.dumps({"format": LINKS_FORMAT})[:-1] + ', "links": [\n')
        first = True
        for art in generate(n, seed):
            txt, js = article_paths(out_dir, art.index)
            txt.parent.mkdir(exist_ok=True)
            txt.write_text(art.front_matter() + art.text, encoding="utf-8")
            js.write_text(json.dumps(art.gold(), indent=1, ensure_ascii=False), encoding="utf-8")
            for k in art.cross_links:
                row = {
                    "source": {"document": art.key, "claim": k.source,
                               "uid": art.uid(k.source)},
                    "target": {"document": k.target_document, "claim": k.target,
                               "uid": k.target_uid},
                    "relation": k.relation, "why": k.why,
                }  # fmt: skip
                lf.write(("" if first else ",\n") + json.dumps(row, ensure_ascii=False))
                first = False
            stats.add(art)
            events.add(art.event)
        lf.write("\n]}\n")
    stats.events = len(events)
    manifest = {
        "generator": "benchmarks/corpus.py",
        "seed": seed,
        "layout": "SSS/iiiiii.txt + SSS/iiiiii.json (provenance-gold/1), SSS = i // 1000",
        "front_matter": FRONT_MATTER_KEYS,
        **stats.__dict__,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return stats


def main(argv: Sequence[str] | None = None) -> int:
    """``python benchmarks/corpus.py OUT_DIR --articles N --seed S``."""
    ap = argparse.ArgumentParser(
        description="Write a synthetic news corpus with provenance-gold/1 ground truth."
    )
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--articles", "-n", type=int, default=100, help="how many (default 100)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    args = ap.parse_args(argv)
    if args.articles < 1:
        ap.error("--articles must be at least 1")
    t0 = time.perf_counter()
    stats = write_corpus(args.out_dir, args.articles, args.seed)
    took = time.perf_counter() - t0
    print(
        f"{args.out_dir}: {stats.articles} articles ({stats.events} events), {stats.claims} "
        f"claims, {stats.unattributed} unattributed, {stats.links} in-article links, "
        f"{stats.cross_links} cross-article links in links.json; {took:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
