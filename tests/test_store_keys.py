"""Blocking keys as the store indexes them: integer codes that keep the week and the kind."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from provenance.analysis.linking import block_cap, pairs_in_blocks
from provenance.store import Store
from provenance.store.keys import KINDS, key_code, key_kind

KEYS = [
    "2024-W14|place:rostov|air_defence",
    "2024-W14|deny:rostov|air_defence",
    "2024-W14|stmt:3f9a0c1b2d4e",
    "2024-W14|said:kremlin|confrontation",
]


@pytest.mark.parametrize("key", KEYS)
def test_a_code_keeps_the_kind_of_its_key(key: str) -> None:
    code = key_code(key)
    assert key_kind(code) == key_kind(key) == key.split("|")[1].split(":")[0]
    assert block_cap(code) == block_cap(key)


def test_codes_are_stable_positive_64_bit_integers() -> None:
    # Stable across processes and versions: a store written by one run is read by the next.
    assert key_code("2024-W14|stmt:3f9a0c1b2d4e") == key_code("2024-W14|stmt:3f9a0c1b2d4e")
    codes = [key_code(k) for k in KEYS]
    assert len(set(codes)) == len(codes)
    assert all(0 < c < 2**63 for c in codes)


def test_codes_lead_with_their_week() -> None:
    # One week's keys sit together in the index, and weeks are in calendar order.
    weeks = ["2023-W52", "2024-W01", "2024-W02", "2024-W40"]
    codes = [sorted(key_code(f"{w}|stmt:{i:012x}") for i in range(50)) for w in weeks]
    for earlier, later in itertools.pairwise(codes):
        assert earlier[-1] < later[0]
    undated = key_code("undated|stmt:abc")
    per_document = key_code("doc:ab12|place:rostov|air_defence")
    assert undated < per_document < codes[0][0]


def test_keys_of_one_week_and_kind_rarely_share_a_code() -> None:
    codes = {key_code(f"2024-W14|said:org{i % 97}|word{i}") for i in range(100_000)}
    assert len(codes) == 100_000


def test_a_key_of_no_known_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="not a blocking key"):
        key_code("2024-W14|colour:red")
    assert set(KINDS) == {"place", "deny", "stmt", "said"}


def test_a_deny_block_by_code_pairs_denials_only() -> None:
    class F:
        def __init__(self, denial: bool) -> None:
            self.denial = denial

    features = [F(True), F(False), F(False)]
    deny = key_code("2024-W14|deny:rostov|air_defence")
    place = key_code("2024-W14|place:rostov|air_defence")
    assert pairs_in_blocks([(deny, [0, 1, 2])], features) == {(0, 1), (0, 2)}  # type: ignore[arg-type]
    assert pairs_in_blocks([(place, [0, 1, 2])], features) == {(0, 1), (0, 2), (1, 2)}  # type: ignore[arg-type]


def test_key_members_reads_blocks_whole_and_leaves_out_big_ones(tmp_path: Path) -> None:
    with Store(tmp_path / "k.db") as store, store.transaction():
        store.put_keys({"c2": [5, 6], "c1": [5, 6, 7], "c4": [5], "c3": [6]})
        assert store.key_members([5, 6, 7, 8]) == {
            5: ["c1", "c2", "c4"],
            6: ["c1", "c2", "c3"],
            7: ["c1"],
        }
        assert store.key_members([5, 6, 7], cap=lambda key: 2 if key == 6 else None) == {
            5: ["c1", "c2", "c4"],
            7: ["c1"],
        }
        store.put_keys({"c1": [8]})  # a claim's keys are replaced, not added to
        assert store.key_members([5, 8]) == {5: ["c2", "c4"], 8: ["c1"]}
