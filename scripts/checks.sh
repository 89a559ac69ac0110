#!/usr/bin/env bash
# The build checks of the house style (CONTRIBUTING.md, "Build checks"), without the rest of the tests:
#   1. javac with Error Prone + NullAway, -Xlint and doclint on every module (clean, so nothing is skipped
#      as up to date; -Werror makes every finding fail the build),
#   2. the formatter check (google-java-format through Spotless),
#   3. the architecture tests (optimizer-architecture: module boundaries of every module).
# 'mvn -B verify' runs all of them too, together with the tests.
#
#   scripts/checks.sh          run the checks
#   scripts/checks.sh format   reformat the tree (then review and commit the result)
# Extra arguments go to Maven (for example -o).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "format" ]]; then
  shift
  # the BOM has no sources and no Spotless configuration
  exec mvn -B "$@" spotless:apply -pl '!optimizer-bom'
fi

mvn -B "$@" clean test-compile
mvn -B "$@" spotless:check -pl '!optimizer-bom'
mvn -B "$@" test -pl optimizer-architecture -am \
  -Dtest='io.taskoptimizer.architecture.*Test' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true
