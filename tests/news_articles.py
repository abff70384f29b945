"""Small synthetic news articles for the reliability tests (deterministic from a seed).

Each article is a few paragraphs of wire-style English with several attributed statements
("X said", "according to X", "X told Reuters", "X reported, citing Y") and a couple of
unattributed sentences, so that extraction yields claims, speakers, relays and links.
"""

from __future__ import annotations

import random
from pathlib import Path

_PLACES = [
    "Kharkiv",
    "Odesa",
    "Belgorod",
    "Kursk",
    "Zaporizhzhia",
    "Dnipro",
    "Sumy",
    "Kherson",
    "Rostov",
    "Bryansk",
]
_SPEAKERS = [
    ("Oleh Syniehubov", "the regional governor"),
    ("Vyacheslav Gladkov", "the regional governor"),
    ("Dmitry Peskov", "the Kremlin spokesman"),
    ("Ihor Klymenko", "the interior minister"),
    ("Natalia Humeniuk", "a spokeswoman for the southern command"),
    ("Serhiy Lysak", "the head of the regional military administration"),
]
_BODIES = [
    "the Russian Ministry of Defence",
    "Ukraine's air force",
    "the State Emergency Service",
    "the prosecutor general's office",
    "the regional administration",
]
_AGENCIES = ["Reuters", "RIA", "TASS", "Interfax", "Ukrinform"]
_THINGS = ["drones", "missiles", "guided bombs", "artillery shells"]
_DAMAGE = [
    "a power substation",
    "a grain warehouse",
    "several apartment blocks",
    "a railway depot",
    "a school building",
]


def article(rng: random.Random, n: int) -> str:
    """One article; ``n`` makes the text unique even when the choices repeat."""
    place = rng.choice(_PLACES)
    name, role = rng.choice(_SPEAKERS)
    surname = name.split()[-1]
    body = rng.choice(_BODIES)
    agency = rng.choice(_AGENCIES)
    thing = rng.choice(_THINGS)
    downed = rng.randint(3, 60)
    hurt = rng.randint(1, 25)
    damage = rng.choice(_DAMAGE)
    day = rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
    paragraphs = [
        f"{place.upper()}, {day} (Report {n}) - {hurt} people were injured when {thing} hit "
        f"{place} overnight, {name}, {role}, said on {day}.",
        f"Air defence units destroyed {downed} {thing} over the region, according to {body}.",
        f"“The attack damaged {damage} and cut power to thousands of homes,” {surname} told "
        f"Reuters. “Rescue teams are still working at the site.”",
        f"{agency} reported, citing {body}, that {downed + rng.randint(1, 9)} {thing} had been "
        f"launched in total.",
        f"Officials said the damage to {damage} would take weeks to repair. "
        f"Schools in {place} were closed on {day}.",
        f"The claims could not be independently verified. {place} lies about "
        f"{rng.randint(20, 200)} km from the front line.",
    ]
    rng.shuffle(paragraphs[1:4])
    return "\n\n".join(paragraphs) + "\n"


def write_articles(folder: Path, count: int, *, seed: int = 2024) -> list[Path]:
    """``count`` article files ``NNN.txt`` in ``folder`` (created), in name order."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for n in range(count):
        path = folder / f"{n:03d}.txt"
        path.write_text(article(rng, n), encoding="utf-8")
        paths.append(path)
    return paths
