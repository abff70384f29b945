"""Counted quantities as intervals with a unit (provenance.extract.quantities)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.extract.quantities import parse_quantities, singular


def one(text: str) -> tuple[float | None, float | None, bool, bool, str | None]:
    found = parse_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    return q.low, q.high, q.low_open, q.high_open, q.unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia has downed 53 Ukrainian drones, the majority", (53, 53, False, False, "drone")),
        ("44 of them were downed or intercepted", (44, 44, False, False, None)),
        ("destroyed more than 40 airborne targets", (40, None, True, False, "target")),
        ("at least 10 people were poisoned", (10, None, False, False, "person")),
        ("up to 17 people were killed", (0, 17, False, False, "person")),
        ("at least 3 explosions in the city", (3, None, False, False, "explosion")),
        ("one drone was downed", (1, 1, False, False, "drone")),
        ("Two drones were also downed", (2, 2, False, False, "drone")),
        ("a dozen missiles", (12, 12, False, False, "missile")),
        ("twenty-five soldiers", (25, 25, False, False, "soldier")),
        ("2,000 people fled", (2000, 2000, False, False, "person")),
        ("1.5 million people", (1_500_000, 1_500_000, False, False, "person")),
        ("between 10 and 20 drones", (10, 20, False, False, "drone")),
        ("two or three missiles", (2, 3, False, False, "missile")),
        ("fewer than 5 casualties", (0, 5, False, True, "casualty")),
        ("10 or more buildings", (10, None, False, False, "building")),
        ("about 40 missiles", (36, 44, False, False, "missile")),
        ("Several other drones also struck", (3, 9, False, False, "drone")),
        ("Multiple Ukrainian drones were shot down", (2, None, False, False, "drone")),
        ("dozens of people", (24, 99, False, False, "person")),
        ("hundreds of civilians", (200, 999, False, False, "civilian")),
        ("20 percent of voters", (20, 20, False, False, "percent")),
    ],
)
def test_intervals_and_units(
    text: str, expected: tuple[float | None, float | None, bool, bool, str | None]
) -> None:
    assert one(text) == expected


def test_two_quantities_in_order() -> None:
    found = parse_quantities("three explosions took place leaving one person injured")
    assert [(q.low, q.unit) for q in found] == [(3, "explosion"), (1, "person")]
    assert found[0].text == "three explosions"


@pytest.mark.parametrize(
    "text",
    [
        "a market, shops and a pharmacy had been hit",
        "in 2023 the war went on",
        "NATO's 75th anniversary celebrations",
        "a military aid package worth up to $175million (£140m)",
        "September 7, 2023",
        "on 7 September",
        "a 10-year-old boy",
        "Su-34 jets",
        "at 10:30 local time",
        "one of the most important",
        "no one was hurt",
        "",
    ],
)
def test_not_counts(text: str) -> None:
    assert parse_quantities(text) == []


def test_singular() -> None:
    assert [singular(w) for w in ("drones", "targets", "people", "casualties", "buses")] == [
        "drone",
        "target",
        "person",
        "casualty",
        "bus",
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises(text: str) -> None:
    for q in parse_quantities(text):
        assert q.text


def test_linear_time() -> None:
    unit = "Officials said at least 12 drones and more than 3,000 people, a dozen buildings. "
    small, big = unit * 200, unit * 2000
    t0 = time.perf_counter()
    n_small = len(parse_quantities(small))
    t1 = time.perf_counter()
    n_big = len(parse_quantities(big))
    t2 = time.perf_counter()
    assert n_big == 10 * n_small
    assert (t2 - t1) < 30 * max(t1 - t0, 1e-3)
