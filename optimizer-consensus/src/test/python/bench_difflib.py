#!/usr/bin/env python3
"""Times CPython's difflib.SequenceMatcher(None, a, b).ratio() on synthetic 2 KB and 8 KB pairs.

The pairs come from gen_golden.py's generators with a fixed seed (half near-duplicates, half
unrelated texts, English and German), so a Java benchmark can time the very same pairs: write them
with --pairs-out (JSON {"2048": [[a, b], ...], "8192": [...]} when the name ends in .json, else
NUL-separated "size, a, b" records) and load that file on the Java side:

    python3 optimizer-consensus/src/test/python/bench_difflib.py --cpu-time --pairs-out /tmp/pairs.txt
    java -cp optimizer-consensus/target/classes:optimizer-consensus/target/test-classes \
        io.taskoptimizer.consensus.SequenceMatcherSpeed /tmp/pairs.txt

Prints the best-of-N mean time per ratio() call in microseconds for each size (wall time, or
process CPU time with --cpu-time).
"""

import argparse
import difflib
import json
import os
import random
import sys
import time
import timeit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_golden as g  # noqa: E402


def make_pairs(seed=7):
    rnd = random.Random(seed)
    out = {}
    for size in (2048, 8192):
        pairs = []
        for k in range(4):
            german = k % 2 == 1
            a = g.posting_like(rnd, size, german=german)
            if k < 2:
                b = g.mutate_lines(rnd, a, 6, g.de_sentence if german else g.en_sentence)
            else:
                b = g.posting_like(rnd, size, german=german)
            pairs.append([a, b])
        out[str(size)] = pairs
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs-out", help="also write the pairs as JSON to this file")
    parser.add_argument("--repeat", type=int, default=5, help="timing repeats; the best is reported")
    parser.add_argument("--cpu-time", action="store_true",
                        help="measure process CPU time instead of wall time (steadier on a busy machine)")
    args = parser.parse_args()
    pairs = make_pairs()
    if args.pairs_out:
        with open(args.pairs_out, "w", encoding="utf-8") as f:
            if args.pairs_out.endswith(".json"):
                json.dump(pairs, f)
            else:
                for size, ps in pairs.items():
                    for a, b in ps:
                        f.write(size + "\0" + a + "\0" + b + "\0")
    print("python", sys.version.split()[0])
    for size, ps in pairs.items():
        number = 20 if size == "2048" else 5
        timer = time.process_time if args.cpu_time else time.perf_counter
        times = timeit.repeat(lambda: [difflib.SequenceMatcher(None, a, b).ratio() for a, b in ps],
                              number=number, repeat=args.repeat, timer=timer)
        print("%s chars: %.1f us per ratio()" % (size, min(times) / number / len(ps) * 1e6))


if __name__ == "__main__":
    main()
