#!/usr/bin/env bash
# Builds the benchmarks jar and runs the JMH benchmarks of the Task Optimizer, then CPython's
# difflib on the same text pairs, and writes:
#   results/<date>.json          JMH results (JSON, with -prof gc allocation figures)
#   results/<date>-difflib.json  CPython difflib timings (if python3 is available)
#   results/<date>.txt           machine, settings and every figure beside its target
#   results/<date>.log           JMH's console output
#
# Usage: ./run.sh [--full] [--no-build] [--no-python] [FILTER ...]
#        ./run.sh --decision [--no-build] [SIMULATOR ARGS ...]
#   --decision   run the decision-quality simulator instead of JMH (writes results/<date>-decision.
#                {txt,json,svg}); further arguments go to it: --seeds N --calls N --policies a,b
#                --scenarios x,y
#   --full       longer runs: 2 forks, 5 x 2 s warm-up, 5 x 2 s measurement (default: 1 fork,
#                3 x 1 s warm-up, 3 x 1 s measurement: about 5 minutes on 2 cores)
#   --no-build   use the existing target/benchmarks.jar
#   --no-python  skip difflib_bench.py
#   FILTER       JMH benchmark regexps, e.g. Selection or 'SequenceMatcher|Consensus'
# Environment: MVN_ARGS (extra Maven arguments, e.g. -o), JAVA (java executable).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
java="${JAVA:-java}"
full=0
build=1
python=1
filters=()
decision=0

while [[ $# -gt 0 ]]; do
  case "$1" in
    --full) full=1 ;;
    --no-build) build=0 ;;
    --no-python) python=0 ;;
    --decision) decision=1 ;;
    --seeds|--calls|--policies|--scenarios)
      [[ $decision -eq 1 ]] || { echo "run.sh: $1 goes with --decision" >&2; exit 2; }
      filters+=("$1" "$2"); shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) filters+=("$1") ;;
  esac
  shift
done

jar="$here/target/benchmarks.jar"
if [[ $build -eq 1 ]]; then
  echo "== building optimizer-benchmarks and the modules it needs"
  # shellcheck disable=SC2086
  (cd "$root" && mvn -q ${MVN_ARGS:-} -pl optimizer-benchmarks -am package -DskipTests)
fi
if [[ ! -f "$jar" ]]; then
  echo "run.sh: $jar is missing; run without --no-build" >&2
  exit 1
fi

if [[ $decision -eq 1 ]]; then
  mkdir -p "$here/results"
  out="$here/results/$(date +%Y-%m-%d)-decision"
  echo "== decision-quality simulator ${filters[*]:-}"
  "$java" -cp "$jar" io.taskoptimizer.benchmarks.decision.DecisionSimulator "${filters[@]}" --out "$out"
  exit 0
fi

if [[ $full -eq 1 ]]; then
  settings=(-f 2 -wi 5 -w 2s -i 5 -r 2s)
  quick=()
else
  settings=(-f 1 -wi 3 -w 1s -i 3 -r 1s)
  quick=(--quick)
fi

mkdir -p "$here/results"
stamp="$(date +%Y-%m-%d)"
if [[ -e "$here/results/$stamp.json" ]]; then
  stamp="$(date +%Y-%m-%d-%H%M%S)"
fi
out="$here/results/$stamp"

echo "== JMH ${settings[*]} -prof gc ${filters[*]:-(all benchmarks)}"
"$java" -jar "$jar" "${filters[@]}" "${settings[@]}" -prof gc -rf json -rff "$out.json" 2>&1 | tee "$out.log"

difflib_json=""
run_python=0
if [[ $python -eq 1 ]] && command -v python3 >/dev/null 2>&1; then
  if [[ ${#filters[@]} -eq 0 ]]; then
    run_python=1
  else
    for f in "${filters[@]}"; do
      if [[ "SequenceMatcherBenchmark.ratio" =~ $f ]]; then run_python=1; fi
    done
  fi
fi
if [[ $run_python -eq 1 ]]; then
  echo "== CPython difflib on the same pairs"
  python3 "$here/difflib_bench.py" "${quick[@]}" --out "$out-difflib.json"
  difflib_json="$out-difflib.json"
fi

{
  echo "Task Optimizer benchmarks, $(date '+%Y-%m-%d %H:%M %Z')"
  echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "settings: ${settings[*]} -prof gc; filter: ${filters[*]:-all}"
  echo "nproc: $(nproc 2>/dev/null || echo '?')"
  lscpu 2>/dev/null | head -n 15 || true
  "$java" -version 2>&1
  if [[ -n "$difflib_json" ]]; then python3 --version 2>&1; fi
  echo
  "$java" -cp "$jar" io.taskoptimizer.benchmarks.Summary "$out.json" ${difflib_json:+"$difflib_json"}
} > "$out.txt"

echo
cat "$out.txt"
echo
echo "== results: $out.json, $out.txt${difflib_json:+, $difflib_json}"
