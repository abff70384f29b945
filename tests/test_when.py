"""Event date windows from a claim's words and the publication date (provenance.extract.when)."""

from __future__ import annotations

import datetime as dt

import pytest

from provenance.extract.when import document_date, event_date, event_window

PUB = dt.date(2024, 4, 5)  # a Friday


def d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("drones were downed overnight", "2024-04-04", "2024-04-05"),
        ("on Friday morning", "2024-04-05", "2024-04-05"),
        ("on Wednesday, up to 17 people were killed", "2024-04-03", "2024-04-03"),
        ("last Friday", "2024-03-29", "2024-03-29"),
        ("yesterday", "2024-04-04", "2024-04-04"),
        ("earlier today", "2024-04-05", "2024-04-05"),
        ("two days ago", "2024-04-03", "2024-04-03"),
        ("last week", "2024-03-25", "2024-03-31"),
        ("this week", "2024-04-01", "2024-04-05"),
        ("on September 7, 2023", "2023-09-07", "2023-09-07"),
        ("on 7 September", "2023-09-07", "2023-09-07"),
        ("on 2 April", "2024-04-02", "2024-04-02"),
        ("in March", "2024-03-01", "2024-03-31"),
        ("attacks overnight and on Friday morning were foiled", "2024-04-04", "2024-04-05"),
        ("nothing said", "2024-04-02", "2024-04-05"),
    ],
)
def test_windows(text: str, earliest: str, latest: str) -> None:
    w = event_window(text, PUB)
    assert w is not None
    assert (w.earliest, w.latest) == (d(earliest), d(latest))


def test_sentence_used_only_when_claim_is_silent() -> None:
    sentence = "The governor confirmed early on Thursday that 40 targets were destroyed"
    w = event_window("40 targets were destroyed", PUB, sentence=sentence)
    assert w is not None and (w.earliest, w.latest) == (d("2024-04-04"), d("2024-04-04"))
    w = event_window("yesterday 40 targets were destroyed", PUB, sentence=sentence)
    assert w is not None and w.earliest == d("2024-04-04") and w.basis.startswith("claim")


def test_month_in_sentence_does_not_move_claim() -> None:
    w = event_window("the city was hit", PUB, sentence="The city, captured in June, was hit")
    assert w is not None and w.basis.startswith("default")


def test_unknown_without_publication_date() -> None:
    assert event_window("overnight", None) is None
    w = event_window("on 7 September 2023", None)
    assert w is not None and w.earliest == d("2023-09-07")


def test_overlap_and_label() -> None:
    a = event_window("overnight", PUB)
    b = event_window("on Friday", PUB)
    c = event_window("overnight", d("2023-09-07"))
    assert a is not None and b is not None and c is not None
    assert a.overlaps(b) and not a.overlaps(c)
    assert b.label() == "2024-04-05" and a.label() == "2024-04-04..2024-04-05"


def test_event_date_only_for_single_days() -> None:
    assert event_date("yesterday", PUB) == d("2024-04-04")
    assert event_date("overnight", PUB) is None
    assert event_date("nothing", PUB) is None


def test_document_date() -> None:
    assert document_date("— someone (@x) September 7, 2023 and 2023-01-02") == d("2023-09-07")
    assert document_date("no dates here") is None


@pytest.mark.parametrize("month", ["ſep", "ſept", "ſeptember"])
def test_month_names_matched_case_blind_are_read(month: str) -> None:
    # Case-blind matching takes the long s for an s; reading the month must too, not crash.
    w = event_window(f"on {month} 7", d("2023-09-08"))
    assert w is not None and (w.earliest, w.latest) == (d("2023-09-07"), d("2023-09-07"))
