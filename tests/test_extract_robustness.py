"""The extractor never raises and stays linear: odd, binary-ish, huge and adversarial input."""

from __future__ import annotations

import random
import time

import pytest

from benchmarks.extract_speed import adversarial
from provenance.extract import extract
from provenance.model import Dataset

ODD_INPUTS = [
    "",
    " ",
    "\n\n\n",
    "said",
    "according to",
    ", said",
    "“",
    "”",
    '"' * 50,
    "''" * 40,
    "he said.",
    "He said, “",
    "— (@) ",
    "— Someone (@x)\npic.twitter.com/\n",
    "\x00\x01\x02 said \ufffd according to \x7f",
    "Mr. . . . said . . .",
    "( ( ( said ) ) )",
    "A" * 5000,
    "said " * 2000,
    "Ministry of Ministry of Ministry said, citing, citing, citing",
    "\u202e\u200b“Zero-width”\u200d said \U0001f600 the 🇺🇦 ministry",
    "Ukraine’s’ ’s ’’ said",
    "According to, according to according to.",
]


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_never_raises(text: str) -> None:
    ds = extract(text)
    assert isinstance(ds, Dataset)
    assert len(ds.documents) == 1
    for c in ds.claims:
        assert text[c.span[0] : c.span[1]] == c.text


def test_random_bytes_never_raise() -> None:
    rnd = random.Random(7)
    for _ in range(40):
        raw = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 400)))
        text = raw.decode("latin-1")
        ds = extract(text)
        for c in ds.claims:
            assert text[c.span[0] : c.span[1]] == c.text


def test_random_words_never_raise() -> None:
    vocab = [
        '"',
        "“",
        "”",
        ",",
        ".",
        "said",
        "according",
        "to",
        "the",
        "Ministry",
        "he",
        "she",
        "told",
        "Reuters",
        "citing",
        "adding",
        "that",
        "Mr",
        "Officials",
        "(",
        ")",
        "—",
        "\n",
        "Sen.",
        "John",
        "Doe",
        "who",
        "says",
        "@x",
        "pic.twitter.com/x",
        "it",
    ]
    rnd = random.Random(11)
    for _ in range(200):
        text = " ".join(rnd.choice(vocab) for _ in range(rnd.randrange(1, 60)))
        ds = extract(text)
        for c in ds.claims:
            assert text[c.span[0] : c.span[1]] == c.text


def test_time_grows_linearly() -> None:
    # Small sizes keep the test quick; benchmarks/extract_speed.py measures 1 MB against 2 MB.
    small, large = adversarial(50_000), adversarial(200_000)
    extract(small)  # warm up
    t0 = time.perf_counter()
    extract(small)
    t_small = time.perf_counter() - t0
    t0 = time.perf_counter()
    extract(large)
    t_large = time.perf_counter() - t0
    # Four times the text: linear is ~4x; quadratic would be ~16x. Generous for noisy machines.
    assert t_large < 8 * t_small + 0.5, (t_small, t_large)
