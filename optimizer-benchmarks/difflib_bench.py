#!/usr/bin/env python3
"""Times CPython's difflib.SequenceMatcher(None, a, b).ratio() on the pairs the JMH
SequenceMatcherBenchmark uses (the committed files under
src/main/resources/io/taskoptimizer/benchmarks/pairs/), so the two can be compared.

Usage: python3 difflib_bench.py [--quick] [--out FILE] [PAIR ...]

Prints one line per pair and, with --out, writes JSON:
  {"python": "3.11.7", "implementation": "CPython", "pairs":
    {"2k-agree": {"seconds_per_call": 0.0012, "ratio": 0.848, "chars": [2048, 2048]}, ...}}

Timing: construction plus ratio(), exactly what the Java benchmark times; timeit's autorange
picks the loop count (at least 0.2 s per sample), and the best of 5 samples (3 with --quick)
is reported, the usual way of timing CPython code (the minimum is least disturbed by the
machine). Only the standard library is used.
"""

import argparse
import difflib
import io
import json
import os
import platform
import sys
import timeit

PAIRS = ["2k-agree", "2k-disagree", "8k-agree", "8k-disagree"]
PAIR_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "src", "main", "resources", "io", "taskoptimizer", "benchmarks", "pairs")


def read(name):
    # newline='' keeps the text byte-for-byte as Java reads it
    with io.open(os.path.join(PAIR_DIR, name), encoding="utf-8", newline="") as f:
        return f.read()


def time_pair(name, repeats):
    a = read(name + "-a.txt")
    b = read(name + "-b.txt")

    def call():
        return difflib.SequenceMatcher(None, a, b).ratio()

    timer = timeit.Timer(call)
    number, _ = timer.autorange()
    number = max(number, 1)
    # make each sample last at least 0.2 s
    while timer.timeit(number) < 0.2:
        number *= 2
    best = min(timer.repeat(repeat=repeats, number=number)) / number
    return {"seconds_per_call": best, "ratio": call(), "chars": [len(a), len(b)], "loops": number}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="*", default=PAIRS, help="pair names (default: all)")
    parser.add_argument("--quick", action="store_true", help="3 samples instead of 5")
    parser.add_argument("--out", help="write the results as JSON to this file")
    args = parser.parse_args()
    unknown = [p for p in args.pairs if p not in PAIRS]
    if unknown:
        parser.error("unknown pair(s) %s; known: %s" % (", ".join(unknown), ", ".join(PAIRS)))

    results = {}
    for name in args.pairs:
        r = time_pair(name, 3 if args.quick else 5)
        results[name] = r
        print("%-12s %10.1f us/call  ratio %.6f  (%d x %d chars, %d loops/sample)" % (
            name, r["seconds_per_call"] * 1e6, r["ratio"], r["chars"][0], r["chars"][1], r["loops"]))
        sys.stdout.flush()

    if args.out:
        doc = {
            "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "pairs": results,
        }
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
