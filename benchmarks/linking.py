"""Benchmark: time of find_links on synthetic corpora of 10k and 100k claims.

    python benchmarks/linking.py [--sizes 10000 100000] [--seed 7]

Linking works from blocking keys, so its cost should grow about linearly with the number of
claims when the density of claims per place and week stays the same; the script prints the
time ratio of the largest to the smallest size (near-linear target: <= ~12 for 10x claims).
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

# Runnable from a checkout without installing, like the other benchmarks.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from provenance.analysis.linking import find_links
from provenance.analysis.synthetic import synthetic_corpus


def run(n: int, seed: int) -> float:
    """Generate ``n`` claims, link them, print a line and return the linking time."""
    t0 = time.perf_counter()
    dataset = synthetic_corpus(n, seed=seed)
    t1 = time.perf_counter()
    result = find_links(dataset)
    t2 = time.perf_counter()
    kinds = collections.Counter(link.relation for link in result.links)
    print(
        f"{n:>7} claims  generate {t1 - t0:6.1f}s  find_links {t2 - t1:6.1f}s  "
        f"links {dict(sorted(kinds.items()))}"
    )
    return t2 - t1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    times = [run(n, args.seed) for n in args.sizes]
    if len(times) > 1:
        ratio = times[-1] / times[0]
        print(f"ratio {args.sizes[-1]}/{args.sizes[0]}: {ratio:.1f}")


if __name__ == "__main__":
    main()
