"""Benchmark food search: catalogue load, index build, query latency, memory.

    .venv/bin/python benchmarks/bench_foods.py [--repeat 20]

Prints the catalogue size, the time to read the packaged catalogue and to build the FTS5
index, p50/p95/p99 search latency over a realistic query set (everyday names, the article's
foods, prefixes typed so far, one-letter typos, synonyms, multi-word queries), and memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
import tracemalloc
from typing import Any

QUERIES = (
    # everyday names and the article's foods
    "almonds",
    "spinach",
    "pumpkin seeds",
    "dark chocolate",
    "black beans",
    "avocado",
    "cashews",
    "banana",
    "quinoa",
    "brown rice",
    "salmon",
    "lentils",
    "kale",
    "edamame",
    "milk",
    "yogurt",
    "bread",
    "egg",
    "rice",
    "oats",
    "potato",
    "chicken breast",
    "coffee",
    "tea",
    "water",
    "apple",
    "orange juice",
    "peanut butter",
    "tofu",
    "broccoli",
    "cheese",
    "pasta",
    "beef",
    "tuna",
    "sunflower seeds",
    "chia seeds",
    "flax",
    "hummus",
    "cereal",
    "granola",
    # prefixes typed so far
    "almo",
    "spin",
    "pump",
    "choc",
    "ban",
    "av",
    "qui",
    "sal",
    "le",
    "br",
    # one-letter typos
    "almnds",
    "spinnach",
    "bananna",
    "brocoli",
    "avocdo",
    "cashwes",
    "quinao",
    "lentls",
    # synonyms
    "chickpeas",
    "garbanzo",
    "oatmeal",
    "porridge",
    "pepitas",
    "yoghurt",
    "wholemeal bread",
    # multi-word and qualified
    "spinach cooked",
    "black beans canned",
    "almond milk unsweetened",
    "greek yogurt plain",
    "whole wheat bread",
    "dark chocolate 70",
    "salmon atlantic farmed cooked",
    "brown rice cooked",
)


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0–100) by the nearest-rank method."""
    ordered = sorted(samples)
    rank = max(1, round(q / 100 * len(ordered)))
    return ordered[rank - 1]


def latencies(index: Any, repeat: int) -> list[float]:
    """Milliseconds per search over ``repeat`` passes of the query set, after a warm-up pass."""
    for query in QUERIES:  # first-touch costs are not search latency
        index.search(query, 10)
    samples = []
    for _ in range(repeat):
        for query in QUERIES:
            t0 = time.perf_counter()
            index.search(query, 10)
            samples.append((time.perf_counter() - t0) * 1000)
    return samples


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description="Benchmark mgcalm food search.")
    parser.add_argument("--repeat", type=int, default=20, help="passes over the query set")
    args = parser.parse_args()

    started = time.perf_counter()
    from mgcalm.knowledge.foods import food_index
    from mgcalm.knowledge.foods_data import default_path, load_catalogue
    from mgcalm.knowledge.foods_index import default_index_path
    from mgcalm.knowledge.foods_search import FoodIndex

    imported = time.perf_counter()
    index = food_index()
    opened = time.perf_counter()
    catalogue, problems = load_catalogue()
    loaded = time.perf_counter()
    FoodIndex.of(catalogue.foods)
    built = time.perf_counter()

    # Memory is measured on a second load + build, so import costs are not counted in it.
    tracemalloc.start()
    FoodIndex.of(load_catalogue()[0].foods)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    samples = latencies(index, args.repeat)
    with_value = sum(1 for f in catalogue.foods if f.magnesium_mg_per_100g is not None)
    sources = {f.id.split(":")[0] for f in catalogue.foods}
    print(
        f"catalogue: {len(catalogue.foods)} foods ({with_value} with a magnesium value), "
        f"sources {sorted(sources)}, problems {len(problems)}"
    )
    print(f"package data file: {default_path().stat().st_size / 1e6:.2f} MB (gzip'd JSON lines)")
    print(f"import of the food modules: {(imported - started) * 1000:.0f} ms")
    print(
        f"search database: {default_index_path().stat().st_size / 1e6:.2f} MB prebuilt, "
        f"opened read-only in {(opened - imported) * 1000:.1f} ms"
    )
    print(
        f"not done per process any more: catalogue load {(loaded - opened) * 1000:.0f} ms, "
        f"index build in memory {(built - loaded) * 1000:.0f} ms"
    )
    print(
        f"search over {len(QUERIES)} queries x {args.repeat}: n={len(samples)} "
        f"p50 {percentile(samples, 50):.2f} ms, p95 {percentile(samples, 95):.2f} ms, "
        f"p99 {percentile(samples, 99):.2f} ms, max {max(samples):.2f} ms, "
        f"mean {statistics.fmean(samples):.2f} ms"
    )
    print(
        f"memory: tracemalloc peak during load+build {peak / 1e6:.1f} MB, "
        f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
