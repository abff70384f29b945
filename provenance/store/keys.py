"""Blocking keys as the store indexes them: one 63-bit integer a key.

Linking works with readable keys (``2024-W14|stmt:3f9a0c1b2d4e``, see
:mod:`provenance.analysis.linking`); the store keeps a code of each. A code is
``period << 43 | hash << 2 | kind``:

* the **period** (the key's ISO week as ``year * 64 + week``; 0 for ``undated``, 1 for a
  ``doc:<id>`` period) leads, so one week's keys still sit together in the index and an ingest
  of the day's news writes to a few hot pages rather than all over a years-deep index;
* a 41-bit **hash** of the whole key tells keys of one period apart (two keys of the same week
  and kind share a code about once in 10^12 pairs; a shared code only makes two claims
  candidates, which judging then decides, so a collision cannot make a link by itself);
* the **kind** (``place``, ``deny``, ``stmt``, ``said``) stays readable, because linking treats
  blocks of each kind differently.

An integer a fifth of the size of the text, in a table without rowids, makes the index about
half the size and its inserts cheaper; the codes are computed where articles are parsed, so the
store's one writer does not hash. Each claim's codes are also kept together in one blob
(:func:`pack_codes`), which is how the store finds them to delete: an index by claim would take
one entry a key at a random place (claim ids are hashes), which made it the costliest part of
indexing a new claim.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from array import array
from collections.abc import Iterable

__all__ = ["KINDS", "key_code", "key_kind", "pack_codes", "unpack_codes"]

KINDS = ("place", "deny", "stmt", "said")
"""Kinds of blocking key, in the order of their 2-bit code."""

_KIND_CODE = {kind: i for i, kind in enumerate(KINDS)}
_KIND_BITS = 2
_HASH_BITS = 41
_PERIOD_SHIFT = _HASH_BITS + _KIND_BITS
_PERIOD_LIMIT = 1 << (63 - _PERIOD_SHIFT)  # codes stay positive 64-bit SQLite integers


# Memoised: the keys of a claim name one of a few weeks, and parsing a week cost nearly as
# much as hashing the key. Least-recently-used, so one-off ``doc:<id>`` periods only evict
# each other and old weeks.
@functools.lru_cache(maxsize=4096)
def _period_number(period: str) -> int:
    if period == "undated":
        return 0
    year, sep, week = period.partition("-W")
    if sep and year.isdigit() and week.isdigit():
        number = int(year) * 64 + int(week)
        if 64 <= number < _PERIOD_LIMIT:
            return number
    # "doc:<id>", and anything unforeseen: the hash alone tells them apart.
    return 1


# Memoised: keys recur in the claims ingested near each other (an organisation's words in one
# week, the bands of a reprinted statement, an event's places), and a remembered code costs a
# fraction of the hash.
@functools.lru_cache(maxsize=8192)
def key_code(key: str) -> int:
    """The integer the store indexes a blocking key under.

    Args:
        key: a key of the form ``<period>|<kind>:...``.

    Raises:
        ValueError: the key has no known kind.
    """
    period, _, rest = key.partition("|")
    kind = _KIND_CODE.get(rest.partition(":")[0])
    if kind is None:
        raise ValueError(f"not a blocking key: {key!r}")
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    hashed = int.from_bytes(digest, "big") >> (64 - _HASH_BITS)
    return (_period_number(period) << _PERIOD_SHIFT) | (hashed << _KIND_BITS) | kind


def key_kind(key: str | int) -> str:
    """The kind of a blocking key or of its code: ``place``, ``deny``, ``stmt`` or ``said``."""
    if isinstance(key, int):
        return KINDS[key & ((1 << _KIND_BITS) - 1)]
    return key.partition("|")[2].partition(":")[0]


def pack_codes(codes: Iterable[int]) -> bytes:
    """Key codes as one blob: 8 bytes each, little-endian."""
    packed = array("q", codes)
    if sys.byteorder != "little":
        packed.byteswap()
    return packed.tobytes()


def unpack_codes(blob: bytes) -> list[int]:
    """The key codes of a :func:`pack_codes` blob."""
    packed = array("q")
    packed.frombytes(blob)
    if sys.byteorder != "little":
        packed.byteswap()
    return packed.tolist()
