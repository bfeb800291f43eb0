#!/usr/bin/env bash
# Installs, builds and runs the whole test suite against a throwaway PostgreSQL
# cluster that ctest starts and stops itself.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
ctest --test-dir "$root/build" --output-on-failure -j"$(nproc)" "$@"
