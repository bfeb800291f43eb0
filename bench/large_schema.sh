#!/usr/bin/env bash
# Large-schema benchmark: how schemactl scales to a schema of TABLES tables, compared
# with pg_dump --schema-only on the same database in the same run.
#
# bench/large_schema/generate.py writes the schema (by default 10,000 tables of 10
# columns, 2 indexes and a foreign key each, in ten schemas, plus 300 views, 300
# SQL functions, 300 enum types and 100 partitioned tables of 3 partitions) as
# schema files with every statement shuffled across 16 files, and a copy with
# about CHANGES changes. In a throwaway cluster the schema is loaded into one
# database, then, with the schema files in one folder edited in place as in a project:
#   replan   schemactl plan of the unchanged files must find nothing to do: once
#            without a desired-state cache (every statement built), once with the
#            cache that first run wrote
#   inspect  schemactl inspect against pg_dump --schema-only: wall time, peak memory
#   plan     the files changed in place, then schemactl plan, end to end: parsing and
#            ordering the files, a new embedded cluster for the scratch database,
#            building there what changed since the unchanged files' plan (the cache),
#            introspecting both sides, diff, plan, and the plan's proof
#   plan (--dev-url)  the same with the scratch database on the running cluster
#   plan (no cache)   the same as plan with the cache off (every statement built); it
#            must print the same plan
# Each is run REPEAT times and the median is shown. Exits 1 when a target is missed
# (inspect at least 5x faster than pg_dump; plan under 5 s), 2 on a usage or set-up error.
#
# Usage: bench/large_schema.sh
# Environment:
#   SCHEMACTL   the binary (default: build/schemactl, as scripts/build.sh makes it,
#               then schemactl on PATH); measure a Release build
#   TABLES      tables (default 10000; views, functions, enums and partitions scale with it)
#   CHANGES     changes in the desired schema (default 100)
#   REPEAT      runs of each measured command (default 3)
#   BENCH_OUT   where logs are kept (default: a new /tmp/schemactl-bench.XXXXXX)
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)

die() { printf 'large_schema: %s\n' "$*" >&2; exit 2; }
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
# shellcheck source=bench/common.sh
source "$here/common.sh"

# --- settings -----------------------------------------------------------------
TABLES=${TABLES:-10000}
CHANGES=${CHANGES:-100}
REPEAT=${REPEAT:-3}
for setting in TABLES CHANGES REPEAT; do
  [[ ${!setting} =~ ^[0-9]+$ ]] || die "$setting must be a whole number (got '${!setting}')"
done
((TABLES >= 100)) || die "TABLES must be at least 100"
((CHANGES >= 10)) || die "CHANGES must be at least 10"
((REPEAT >= 1)) || die "REPEAT must be at least 1"
INSPECT_TARGET=5  # pg_dump's wall time over schemactl inspect's
PLAN_TARGET_S=5

find_schemactl "$repo"
find_postgres_client pg_dump
PG_DUMP=$bindir/pg_dump
[[ -x $PG_DUMP && -x $PSQL ]] || die "pg_dump and psql are needed (postgresql-client-15)"
TIME=/usr/bin/time  # GNU time: wall clock and peak resident memory of a command
[[ -x $TIME ]] && "$TIME" -f '%e' true 2>/dev/null || die "GNU time is needed (apt-get install time)"
command -v python3 >/dev/null || die "python3 is needed to generate the schema"

# --- clean-up -----------------------------------------------------------------
make_run_directories
cluster_dir=$work/cluster
cluster_started=0
child_pid=""

stop_ours() {
  if [[ -n $child_pid ]]; then
    kill "$child_pid" 2>/dev/null || true
    wait "$child_pid" 2>/dev/null || true
  fi
}
install_cleanup

# measure NAME COMMAND...: runs COMMAND (stdout and stderr to $out/NAME.out and
# .err) under GNU time, in the background so that a signal reaches our trap at
# once; appends "seconds peak_kb exit_status" to $out/NAME.runs.
measure() {
  local name=$1 rc=0
  shift
  "$TIME" -f '%e %M' -o "$work/time" "$@" >"$out/$name.out" 2>"$out/$name.err" &
  child_pid=$!
  wait "$child_pid" || rc=$?
  child_pid=""
  printf '%s %s\n' "$(tail -1 "$work/time" | cut -d' ' -f1-2)" "$rc" >>"$out/$name.runs"
  return "$rc"
}

# median NAME FIELD: the median of a column of $out/NAME.runs (1: seconds, 2: peak kB).
median() {
  sort -n -k"$2","$2" "$out/$1.runs" | awk -v f="$2" '{ v[NR] = $f } END { print v[int((NR + 1) / 2)] }'
}
worst_status() { awk '$3 != 0 { rc = $3 } END { print rc + 0 }' "$out/$1.runs"; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }

# --- schema, cluster and data ---------------------------------------------------
log "schemactl: $SCHEMACTL"
log "generating $TABLES tables and $CHANGES changes"
python3 "$here/large_schema/generate.py" "$work/schema" --tables "$TABLES" --changes "$CHANGES"
cp "$work/schema/counts" "$out/counts"
declare -A COUNT
while IFS='=' read -r key value; do COUNT[$key]=$value; done <"$work/schema/counts"

log "starting a throwaway cluster"
cluster_started=1  # stop it even if start fails half-way
conninfo=$("$SCHEMACTL" cluster start "$cluster_dir") || die "schemactl cluster start failed"
db_conninfo() { printf '%s dbname=%s\n' "$conninfo" "$1"; }  # the later dbname wins (libpq)
db=$(db_conninfo large)
"$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$(db_conninfo postgres)" -c 'CREATE DATABASE large'
log "loading ${COUNT[statements]} statements with psql"
load_started=$EPOCHREALTIME
"$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$work/schema/base.sql" >"$out/load.out" 2>&1 ||
  die "loading the schema failed: see $out/load.out"
load_seconds=$(awk -v a="$load_started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
relations=$("$PSQL" -X -At -d "$db" -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 'app\\_%'")
log "loaded in $load_seconds s ($relations relations)"

# --- measurements -----------------------------------------------------------------
# As in a project: the schema files live in one folder and are edited in place, and
# the desired-state cache (engine/desired_cache.hpp) is a folder of the run's own.
project=$work/project
export SCHEMACTL_CACHE_DIR=$work/cache
use_schema() { rm -rf "$project"; cp -r "$work/schema/$1" "$project"; }
saved_cache=$work/cache.saved
save_cache() { rm -rf "$saved_cache"; cp -r "$SCHEMACTL_CACHE_DIR" "$saved_cache"; }
restore_cache() { rm -rf "$SCHEMACTL_CACHE_DIR"; cp -r "$saved_cache" "$SCHEMACTL_CACHE_DIR"; }

# The unchanged files against the database they built: nothing to do (exit 0). This
# checks that introspection and diff agree at this size. The first run has no cache
# and builds every statement (replan_cold); the second reuses what it cached (replan).
log "replan: the unchanged schema must plan nothing, without and with a cache"
use_schema base
for name in replan_cold replan; do
  measure "$name" "$SCHEMACTL" plan --url "$db" --schema "$project" --dev-url "$(db_conninfo postgres)" --check ||
    die "plan of the unchanged schema was not empty (exit $(worst_status "$name")): see $out/$name.out and .err"
done
save_cache  # what the main branch's last plan left: the starting point of every changed plan

for ((run = 1; run <= REPEAT; run++)); do
  log "run $run/$REPEAT: pg_dump --schema-only, schemactl inspect"
  measure pg_dump "$PG_DUMP" --schema-only --no-sync -d "$db" || die "pg_dump failed: see $out/pg_dump.err"
  measure inspect "$SCHEMACTL" inspect --url "$db" || die "inspect failed: see $out/inspect.err"
done
use_schema desired
for ((run = 1; run <= REPEAT; run++)); do
  log "run $run/$REPEAT: schemactl plan (embedded scratch cluster), plan --dev-url, each from the saved cache"
  restore_cache
  measure plan "$SCHEMACTL" plan --url "$db" --schema "$project" || die "plan failed: see $out/plan.err"
  restore_cache
  measure plan_dev "$SCHEMACTL" plan --url "$db" --schema "$project" --dev-url "$(db_conninfo postgres)" ||
    die "plan --dev-url failed: see $out/plan_dev.err"
done
log "schemactl plan without a cache (every statement built)"
SCHEMACTL_CACHE_DIR=off measure plan_cold "$SCHEMACTL" plan --url "$db" --schema "$project" ||
  die "plan without a cache failed: see $out/plan_cold.err"
cmp -s "$out/plan.out" "$out/plan_cold.out" || die "the plan with a cache differs from the one without: see $out/plan.out and plan_cold.out"
steps=$(sed -n 's/^Plan: \([0-9]*\) steps.*/\1/p' "$out/plan.out" | head -1)

# --- results ------------------------------------------------------------------
dump_s=$(median pg_dump 1) dump_kb=$(median pg_dump 2)
inspect_s=$(median inspect 1) inspect_kb=$(median inspect 2)
plan_s=$(median plan 1) plan_kb=$(median plan 2)
plan_dev_s=$(median plan_dev 1) plan_dev_kb=$(median plan_dev 2)
replan_s=$(median replan 1) replan_kb=$(median replan 2)
replan_cold_s=$(median replan_cold 1) plan_cold_s=$(median plan_cold 1) plan_cold_kb=$(median plan_cold 2)
speedup=$(awk -v a="$dump_s" -v b="$inspect_s" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print 0 }')

fmt_row() { printf '%-46s %12s %12s %10s\n' "$@"; }
{
  echo
  echo "schemactl large-schema benchmark: ${COUNT[tables]} tables (${COUNT[columns_per_table]} columns,"
  echo "${COUNT[indexes_per_table]} indexes and a foreign key each), ${COUNT[views]} views, ${COUNT[functions]} functions,"
  echo "${COUNT[enums]} enums, ${COUNT[partitioned_tables]} partitioned tables with ${COUNT[partitions]} partitions: $relations relations,"
  echo "${COUNT[statements]} statements in 16 shuffled files; ${COUNT[changed_tables]} tables changed in the desired schema."
  echo "$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); median of $REPEAT runs; logs in $out"
  echo "peak memory: the largest resident set of the command or a process it waited for"
  echo
  fmt_row "metric" "schemactl" "pg_dump" "sc/pg_dump"
  fmt_row "----------------------------------------------" "------------" "------------" "----------"
  fmt_row "inspect vs pg_dump --schema-only: wall (s)" "$inspect_s" "$dump_s" "$(ratio "$inspect_s" "$dump_s")"
  fmt_row "inspect vs pg_dump --schema-only: peak (MB)" "$(mb "$inspect_kb")" "$(mb "$dump_kb")" \
    "$(ratio "$inspect_kb" "$dump_kb")"
  fmt_row "plan, ~$CHANGES changes, embedded scratch: wall (s)" "$plan_s" "-" "-"
  fmt_row "plan, ~$CHANGES changes, embedded scratch: peak (MB)" "$(mb "$plan_kb")" "-" "-"
  fmt_row "plan, ~$CHANGES changes, --dev-url: wall (s)" "$plan_dev_s" "-" "-"
  fmt_row "plan, ~$CHANGES changes, --dev-url: peak (MB)" "$(mb "$plan_dev_kb")" "-" "-"
  fmt_row "plan, ~$CHANGES changes, no cache, embedded: wall (s)" "$plan_cold_s" "-" "-"
  fmt_row "plan, ~$CHANGES changes, no cache, embedded: peak (MB)" "$(mb "$plan_cold_kb")" "-" "-"
  fmt_row "plan, unchanged schema, --dev-url: wall (s)" "$replan_s" "-" "-"
  fmt_row "plan, unchanged schema, --dev-url: peak (MB)" "$(mb "$replan_kb")" "-" "-"
  fmt_row "plan, unchanged schema, no cache, --dev-url: wall (s)" "$replan_cold_s" "-" "-"
  echo
  echo "inspect is ${speedup}x as fast as pg_dump --schema-only; the plan has ${steps:-?} steps;"
  echo "loading the schema with psql (a transaction per statement) took $load_seconds s"
  echo "every run (seconds, peak kB, exit status):"
  for name in pg_dump inspect plan plan_dev plan_cold replan replan_cold; do
    printf '  %-9s %s\n' "$name" "$(tr '\n' ';' <"$out/$name.runs" | sed 's/;$//; s/;/; /g')"
  done
} | tee "$out/summary.txt"

# --- verdict ------------------------------------------------------------------
misses=()
awk -v s="$speedup" -v t="$INSPECT_TARGET" 'BEGIN { exit !(s >= t) }' ||
  misses+=("inspect is ${speedup}x as fast as pg_dump --schema-only (target >= ${INSPECT_TARGET}x)")
awk -v s="$plan_s" -v t="$PLAN_TARGET_S" 'BEGIN { exit !(s < t) }' ||
  misses+=("plan took $plan_s s (target < $PLAN_TARGET_S s)")
[[ -n $steps && $steps -gt 0 ]] || misses+=("the plan of the changed schema has no steps: see $out/plan.out")
verdict "inspect >= ${INSPECT_TARGET}x as fast as pg_dump --schema-only, plan < ${PLAN_TARGET_S} s"
