#!/usr/bin/env bash
# Zero-downtime benchmark: does `schemactl apply` change a busy table without
# stalling the application, compared with naive DDL on the same data in the same run?
#
# In a throwaway cluster, three copies of one seeded database (accounts: ROWS rows,
# customers: ROWS/100) each get a pgbench workload (4 clients: point reads, balance
# updates, inserts; every transaction logged) while one of these runs:
#   online     schemactl apply  bench/zero_downtime/desired.sql
#   naive      the same change as plain DDL (bench/zero_downtime/naive.sql)
#   reference  one plain UPDATE filling a new column on every row (backfill rate yardstick;
#              under the same workload, most of which it blocks until it commits)
# and prints, side by side, the longest transaction and p99 latency during the
# migration, failed transactions, wall time and backfill throughput. Exits 1 when
# schemactl misses a target (longest stall < 1 s, no failed transaction, backfill
# >= 50% of the single UPDATE's rows/s), 2 on a usage or set-up error.
#
# Usage: bench/zero_downtime.sh
# Environment:
#   SCHEMACTL          the binary (default: build/schemactl, as scripts/build.sh makes it,
#                      then schemactl on PATH)
#   ROWS               accounts rows (default 2000000)
#   BASELINE_SECONDS   workload before each migration (default 3)
#   TAIL_SECONDS       workload after it (default 3)
#   MIGRATION_TIMEOUT  seconds before a migration is given up (default 420)
#   WORKLOAD           "half" (default): the workload runs at half the transactions per
#                      second it reaches unthrottled on this machine (measured first, in
#                      the same run), as a production database runs with headroom;
#                      "saturated": unthrottled, every CPU busy before the migration starts
#   BENCH_OUT          where logs are kept (default: a new /tmp/schemactl-bench.XXXXXX)
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sql_dir="$here/zero_downtime"
repo=$(cd "$here/.." && pwd)

die() { printf 'zero_downtime: %s\n' "$*" >&2; exit 2; }
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
# shellcheck source=bench/common.sh
source "$here/common.sh"
now_us() { local t=$EPOCHREALTIME; printf '%s\n' "${t//[.,]/}"; }

# --- settings -----------------------------------------------------------------
ROWS=${ROWS:-2000000}
BASELINE_SECONDS=${BASELINE_SECONDS:-3}
TAIL_SECONDS=${TAIL_SECONDS:-3}
MIGRATION_TIMEOUT=${MIGRATION_TIMEOUT:-420}
WORKLOAD=${WORKLOAD:-half}
[[ $WORKLOAD == half || $WORKLOAD == saturated ]] || die "WORKLOAD must be half or saturated (got '$WORKLOAD')"
for setting in ROWS BASELINE_SECONDS TAIL_SECONDS MIGRATION_TIMEOUT; do
  [[ ${!setting} =~ ^[0-9]+$ ]] || die "$setting must be a whole number (got '${!setting}')"
done
((ROWS >= 1000)) || die "ROWS must be at least 1000"
((MIGRATION_TIMEOUT >= 10)) || die "MIGRATION_TIMEOUT must be at least 10"
CUSTOMERS=$((ROWS / 100 > 1000 ? ROWS / 100 : 1000))
CHUNK_SECONDS=5     # pgbench runs back to back in slices this long, so that it always ends by itself
CLIENTS=4
THREADS=2
STALL_TARGET_MS=1000
BACKFILL_TARGET=0.5  # schemactl's backfill rows/s over the single UPDATE's

find_schemactl "$repo"
find_postgres_client pgbench
PGBENCH=$bindir/pgbench
[[ -x $PGBENCH && -x $PSQL ]] || die "pgbench and psql are needed (postgresql-client-15)"
for f in before.sql desired.sql seed.sql naive.sql select.sql update.sql insert.sql reference.sql lock_waits.sql; do
  [[ -f $sql_dir/$f ]] || die "missing $sql_dir/$f"
done

# --- clean-up -----------------------------------------------------------------
make_run_directories
cluster_dir=$work/cluster
cluster_started=0
stop_file=$work/stop
bg_pids=()     # background processes of ours still running
pgbench_pid_file=$work/pgbench.pid

forget_pid() {  # forget_pid PID: no longer ours to stop
  local kept=() pid
  for pid in "${bg_pids[@]}"; do [[ $pid == "$1" ]] || kept+=("$pid"); done
  bg_pids=("${kept[@]}")
}

kill_ours() {
  local pid
  for pid in "${bg_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [[ -s $pgbench_pid_file ]]; then kill "$(<"$pgbench_pid_file")" 2>/dev/null || true; fi
  for pid in "${bg_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bg_pids=()
}

stop_ours() {
  : >"$stop_file" 2>/dev/null || true
  kill_ours
}
install_cleanup

# run_waited STDOUT STDERR COMMAND...: runs COMMAND in the background with its output
# in those files and waits for it, so that a signal reaches our trap at once (and
# the trap then stops it). Returns its exit status. (Redirecting the call instead
# would hand the trap those descriptors.)
run_waited() {
  local rc=0 stdout=$1 stderr=$2
  shift 2
  "$@" >"$stdout" 2>"$stderr" &
  local pid=$!
  bg_pids+=("$pid")
  wait "$pid" || rc=$?
  forget_pid "$pid"
  return "$rc"
}

# sleep that a signal cuts short (bash runs traps only between foreground commands).
pause() {
  sleep "$1" &
  local pid=$!
  bg_pids+=("$pid")
  wait "$pid" || true
  forget_pid "$pid"
}

# Prefixes every line of stdin with the epoch time in microseconds.
timestamp_lines() {
  local line t
  while IFS= read -r line; do
    t=$EPOCHREALTIME
    printf '%s %s\n' "${t//[.,]/}" "$line"
  done
}

# --- cluster and data -----------------------------------------------------------
log "schemactl: $SCHEMACTL"
log "starting a throwaway cluster"
cluster_started=1  # stop it even if start fails half-way
conninfo=$("$SCHEMACTL" cluster start "$cluster_dir") || die "schemactl cluster start failed"
db_conninfo() { printf '%s dbname=%s\n' "$conninfo" "$1"; }  # the later dbname wins (libpq)

psql_db() {  # psql_db DB [psql args...]
  local db=$1
  shift
  "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$(db_conninfo "$db")" "$@"
}

log "seeding: $ROWS accounts, $CUSTOMERS customers"
seed_started=$(now_us)
psql_db postgres -c 'CREATE DATABASE bench_seed'
psql_db bench_seed -f "$sql_dir/before.sql"
psql_db bench_seed -v rows="$ROWS" -v customers="$CUSTOMERS" -f "$sql_dir/seed.sql" >/dev/null
for db in online naive reference; do
  psql_db postgres -c "CREATE DATABASE $db TEMPLATE bench_seed STRATEGY FILE_COPY"
done
table_size=$(psql_db bench_seed -Atc "SELECT pg_size_pretty(pg_total_relation_size('accounts'))")

# The workload's rate: unthrottled, or half of what it reaches unthrottled here.
rate_limit=()
capacity_tps=""
if [[ $WORKLOAD == half ]]; then
  log "calibrating: the workload unthrottled for ${CHUNK_SECONDS}s on the seed database"
  capacity_tps=$("$PGBENCH" -n -c "$CLIENTS" -j "$THREADS" -T "$CHUNK_SECONDS" \
    -D rows="$ROWS" -D customers="$CUSTOMERS" \
    -f "$sql_dir/select.sql@6" -f "$sql_dir/update.sql@3" -f "$sql_dir/insert.sql@1" \
    "$(db_conninfo bench_seed)" 2>/dev/null | sed -n 's/^tps = \([0-9]*\).*/\1/p' | head -1)
  [[ $capacity_tps =~ ^[0-9]+$ && $capacity_tps -gt 0 ]] || die "could not measure the workload's capacity"
  rate_limit=(-R "$((capacity_tps / 2))")
fi
workload_rate() { [[ $WORKLOAD == half ]] && echo "$((capacity_tps / 2)) tps (half of the $capacity_tps tps it reaches unthrottled)" || echo "unthrottled (saturated)"; }
log "seeded in $((($(now_us) - seed_started) / 1000000)) s (accounts: $table_size with its index)"

# --- workload -----------------------------------------------------------------
# start_workload DB PHASE: pgbench in CHUNK_SECONDS slices until $stop_file exists.
# Logs: $out/PHASE/pgbench.N.log* (per transaction) and pgbench.N.out (summary).
start_workload() {
  local db=$1 phase=$2
  mkdir -p "$out/$phase"
  rm -f "$stop_file"
  (
    trap 'exit 0' TERM
    n=0
    deadline=$((SECONDS + 3 * MIGRATION_TIMEOUT))  # bounded whatever happens to the caller
    while [[ ! -e $stop_file ]] && ((SECONDS < deadline)); do
      n=$((n + 1))
      "$PGBENCH" -n -c "$CLIENTS" -j "$THREADS" -T "$CHUNK_SECONDS" "${rate_limit[@]}" \
        -D rows="$ROWS" -D customers="$CUSTOMERS" \
        -f "$sql_dir/select.sql@6" -f "$sql_dir/update.sql@3" -f "$sql_dir/insert.sql@1" \
        -l --log-prefix="$out/$phase/pgbench.$n.log" \
        "$(db_conninfo "$db")" >"$out/$phase/pgbench.$n.out" 2>&1 &
      echo "$!" >"$pgbench_pid_file"
      wait "$!" || echo "exit $?" >>"$out/$phase/pgbench.$n.out"
      : >"$pgbench_pid_file"
    done
  ) &
  workload_pid=$!
  bg_pids+=("$workload_pid")
}

stop_workload() {
  : >"$stop_file"
  wait "$workload_pid" || true
  forget_pid "$workload_pid"
}

# start_lock_sampler DB PHASE: lock waits in DB, every 100 ms, into $out/PHASE/lock_waits.
start_lock_sampler() {
  local db=$1 phase=$2
  PGAPPNAME=lock-sampler timeout "$((MIGRATION_TIMEOUT + 60))" \
    "$PSQL" -X -At -F '|' -v db="$db" -d "$(db_conninfo postgres)" -f "$sql_dir/lock_waits.sql" \
    >"$out/$phase/lock_waits" 2>"$out/$phase/lock_waits.err" &
  sampler_pid=$!
  bg_pids+=("$sampler_pid")
}

stop_lock_sampler() {
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  forget_pid "$sampler_pid"
}

# --- measurements -----------------------------------------------------------------
# workload_stats PHASE FROM_US TO_US: key=value lines about the transactions of
# PHASE that overlap [FROM_US, TO_US] (the migration) and those that ended before it.
workload_stats() {
  local phase=$1 from=$2 to=$3 dir=$out/$1
  local -a logs=()
  local f
  for f in "$dir"/pgbench.*.log.*; do [[ -e $f ]] && logs+=("$f"); done
  ((${#logs[@]})) || { echo "n=0"; return; }
  awk -v from="$from" -v to="$to" -v w="$dir/window.lat" -v b="$dir/baseline.lat" -v e="$dir/ends" '
    $3 ~ /^[0-9]+$/ {
      lat = $3; end = $5 * 1000000 + $6; start = end - lat
      printf "%.0f\n", end > e
      if (end < from) { print lat > b; if (first == "" || end < first) first = end; nb++; next }
      if (start <= to) {
        printf "%.0f %.0f %s\n", lat, start, $4 > w; n++
        if (end <= to) done++
        if (lat > max) { max = lat; wstart = start; wend = end; wscript = $4 }
      }
      next
    }
    { failed++ }   # "failed" (or "skipped") in the time column
    END {
      # mawk: %d stops at 2^31 and %s of a number gives 6 digits; %.0f is exact below 2^53.
      printf "n=%.0f\ndone=%.0f\nmax_us=%.0f\nworst_start=%.0f\nworst_end=%.0f\nworst_script=%.0f\nlog_failed=%.0f\nbaseline_n=%.0f\nbaseline_from=%.0f\n",
        n, done, max, wstart, wend, wscript, failed, nb, first
    }' "${logs[@]}"
  # Latency percentiles.
  pct() { sort -n "$1" | awk -v p="$2" '{ v[NR] = $1 } END { if (NR) { i = int(NR * p + 0.999999); if (i < 1) i = 1; print v[i] } else print 0 }'; }
  echo "p99_us=$(pct "$dir/window.lat" 0.99)"
  echo "p50_us=$(pct "$dir/window.lat" 0.50)"
  if [[ -s $dir/baseline.lat ]]; then
    echo "baseline_p99_us=$(pct "$dir/baseline.lat" 0.99)"
    echo "baseline_max_us=$(sort -n "$dir/baseline.lat" | tail -1)"
  else
    echo "baseline_p99_us=0"
    echo "baseline_max_us=0"
  fi
  # The longest time during the migration in which no transaction at all completed.
  sort -n "$dir/ends" | awk -v from="$from" -v to="$to" '
    { if (prev != "" && $1 >= from && prev <= to) { gap = $1 - prev; if (gap > max) max = gap } prev = $1 }
    END { printf "gap_us=%.0f\n", max }'
  # Errors pgbench reported: aborted clients and failed transactions.
  local aborted=0 failed=0 x
  for f in "$dir"/pgbench.*.out; do
    x=$(grep -c 'aborted in command\|client [0-9]* aborted' "$f" || true)
    aborted=$((aborted + x))
    x=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$f" | head -1)
    failed=$((failed + ${x:-0}))
  done
  echo "aborted=$aborted"
  echo "pgbench_failed=$failed"
}

# steps_during EVENTS FROM_US TO_US: the migration steps (lines "<us>   [k/N] ...")
# running at some time in [FROM_US, TO_US].
steps_during() {
  awk -v from="$1" -v to="$2" '
    / +\[[0-9]+\/[0-9]+\] / { n++; at[n] = $1; $1 = ""; sub(/^ +/, ""); name[n] = $0; next }
    /Applied|^[0-9]+ done-all/ { last = $1 }
    { final = $1 }
    END {
      if (last == "") last = final
      for (i = 1; i <= n; i++) {
        stop = (i < n) ? at[i + 1] : last
        if (at[i] <= to && stop >= from) printf "%s%s", (shown++ ? "; " : ""), name[i]
      }
      if (!shown) printf "(before the first step: planning)"
    }' "$3"
}

# stalls_by_step PHASE: the transactions of the migration window grouped by the
# step that was running when they started: how many, how many over 100 ms, the longest.
stalls_by_step() {
  local dir=$out/$1
  [[ -s $dir/window.lat ]] || return 0
  awk '
    FNR == NR {
      if ($0 ~ / +\[[0-9]+\/[0-9]+\] /) { n++; at[n] = $1; $1 = ""; sub(/^ +/, ""); name[n] = $0 }
      else if ($2 == "done-all") end_all = $1
      next
    }
    {
      lat = $1; start = $2; k = 0
      for (i = 1; i <= n; i++) if (at[i] <= start) k = i
      if (k == n && end_all != "" && start > end_all) k = n + 1
      count[k]++; if (lat > 100000) slow[k]++; if (lat > worst[k]) worst[k] = lat
    }
    END {
      name[0] = "(planning, before the first step)"; name[n + 1] = "(after the last step)"
      printf "    %-60s %8s %8s %10s\n", "step running when the transaction started", "txns", ">100ms", "max ms"
      for (i = 0; i <= n + 1; i++) if (count[i])
        printf "    %-60s %8d %8d %10.1f\n", substr(name[i], 1, 60), count[i], slow[i], worst[i] / 1000
    }' "$dir/apply.events" "$dir/window.lat"
}

# lock_summary PHASE: what the lock sampler saw, longest waits first.
lock_summary() {
  local file=$out/$1/lock_waits
  if ! grep -q '|' "$file" 2>/dev/null; then
    echo "    no session waited for a lock at any 100 ms sample"
    return
  fi
  awk -F'|' 'NF >= 8 && !(($1, $3) in seen) { seen[$1, $3] = 1; per_sample[$1]++ }
    END { for (t in per_sample) if (per_sample[t] > most) most = per_sample[t]
    printf "    at most %d sessions waiting at once\n", most }' "$file"
  awk -F'|' '
    NF >= 8 {
      q = $8; gsub(/\(\x27[0-9]+\x27\)/, "(N)", q); gsub(/LIMIT [0-9]+/, "LIMIT N", q)
      key = $2 " waited on " $6 ": " q
      if (!(key in longest) || $5 > longest[key]) longest[key] = $5
      seen[key]++
    }
    END { for (k in longest) printf "    %7d ms longest wait, %4d samples: %s\n", longest[k], seen[k], k }' "$file" |
    sort -rn | head -12
}

ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
clock() { local us=$1; printf '%s.%03d' "$(date -d "@$((us / 1000000))" +%H:%M:%S)" "$(((us / 1000) % 1000))"; }

loadavg() { cut -d' ' -f1 /proc/loadavg; }  # other work on the machine skews the figures

# --- phase 1: schemactl apply ----------------------------------------------------
log "online: schemactl apply under the workload (baseline ${BASELINE_SECONDS}s)"
mkdir -p "$out/online"
online_load=$(loadavg)
start_workload online online
start_lock_sampler online online
pause "$BASELINE_SECONDS"
online_from=$(now_us)
online_rc=0
mkfifo "$work/apply.stderr"  # its stderr, timestamped line by line as it comes
timestamp_lines <"$work/apply.stderr" >"$out/online/apply.events" &
stamper_pid=$!
bg_pids+=("$stamper_pid")
run_waited "$out/online/apply.out" "$work/apply.stderr" \
  env PGAPPNAME=schemactl timeout "$MIGRATION_TIMEOUT" "$SCHEMACTL" apply \
  --url "$(db_conninfo online)" --schema "$sql_dir/desired.sql" --dev-url "$(db_conninfo postgres)" || online_rc=$?
online_to=$(now_us)
wait "$stamper_pid" || true
forget_pid "$stamper_pid"
log "online: apply exited $online_rc after $(ms $((online_to - online_from))) ms; tail ${TAIL_SECONDS}s"
pause "$TAIL_SECONDS"
stop_lock_sampler
stop_workload
echo "$online_to done-all" >>"$out/online/apply.events"

# --- phase 2: naive DDL ------------------------------------------------------------
# naive.sql, one statement per `-- step:` section.
awk -v dir="$work" '/^-- step:/ { n++; sub(/^-- step: */, ""); print > (dir "/naive." n ".name"); next }
                    n && !/^--/ { print > (dir "/naive." n ".sql") }' "$sql_dir/naive.sql"
naive_steps=$(find "$work" -maxdepth 1 -name 'naive.*.sql' | wc -l)
log "naive: $naive_steps plain DDL statements under the workload (baseline ${BASELINE_SECONDS}s)"
naive_load=$(loadavg)
start_workload naive naive
start_lock_sampler naive naive
pause "$BASELINE_SECONDS"
naive_from=$(now_us)
naive_rc=0
: >"$out/naive/apply.events"
for ((i = 1; i <= naive_steps; i++)); do
  printf '%s   [%d/%d] naive  %s\n' "$(now_us)" "$i" "$naive_steps" "$(<"$work/naive.$i.name")" \
    >>"$out/naive/apply.events"
  step_rc=0
  run_waited "$out/naive/psql.$i.out" "$out/naive/psql.$i.err" \
    env PGAPPNAME=naive timeout "$MIGRATION_TIMEOUT" "$PSQL" -X -q -v ON_ERROR_STOP=1 \
    -d "$(db_conninfo naive)" -f "$work/naive.$i.sql" || step_rc=$?
  if ((step_rc)); then naive_rc=$step_rc; break; fi
done
naive_to=$(now_us)
echo "$naive_to done-all" >>"$out/naive/apply.events"
log "naive: exited $naive_rc after $(ms $((naive_to - naive_from))) ms; tail ${TAIL_SECONDS}s"
pause "$TAIL_SECONDS"
stop_lock_sampler
stop_workload

# --- phase 3: single-UPDATE reference -------------------------------------------------
log "reference: one UPDATE of every row under the workload (baseline ${BASELINE_SECONDS}s)"
reference_load=$(loadavg)
start_workload reference reference
start_lock_sampler reference reference
pause "$BASELINE_SECONDS"
reference_from=$(now_us)
reference_rc=0
run_waited "$out/reference/update.out" "$out/reference/update.err" \
  env PGAPPNAME=reference timeout "$MIGRATION_TIMEOUT" "$PSQL" -X -v ON_ERROR_STOP=1 \
  -d "$(db_conninfo reference)" -f "$sql_dir/reference.sql" || reference_rc=$?
reference_to=$(now_us)
log "reference: exited $reference_rc after $(ms $((reference_to - reference_from))) ms; tail ${TAIL_SECONDS}s"
pause "$TAIL_SECONDS"
stop_lock_sampler
stop_workload

# --- results ------------------------------------------------------------------
for phase in online naive reference; do
  eval_from=${phase}_from eval_to=${phase}_to
  printf '%s_from=%s\n%s_to=%s\n' "$phase" "${!eval_from}" "$phase" "${!eval_to}"
done >"$out/windows"
declare -A S  # S[phase.key], from workload_stats
v() { printf '%s' "${S[$1]:-0}"; }
for phase in online naive reference; do
  eval_from=${phase}_from eval_to=${phase}_to
  while IFS='=' read -r key value; do
    [[ $key =~ ^[a-z_0-9]+$ && $value =~ ^[0-9]+$ ]] && S[$phase.$key]=$value
  done < <(workload_stats "$phase" "${!eval_from}" "${!eval_to}")
done

# Does the naive database end in the schema schemactl reached? (exit 0: nothing to do)
naive_converged="no"
if [[ $naive_rc -eq 0 ]] && "$SCHEMACTL" plan --url "$(db_conninfo naive)" --schema "$sql_dir/desired.sql" \
  --dev-url "$(db_conninfo postgres)" --check >"$out/naive/replan.out" 2>&1; then
  naive_converged="yes"
fi

# schemactl's backfill: "backfilled N rows · R rows/s" at the end, "backfill N / ~M rows ·
# R rows/s · ..." while it goes (the last one counts if it never finished).
backfill_line=$(grep -a -E 'backfill(ed)? .* rows/s' "$out/online/apply.events" | tail -1 || true)
backfill_rate=$(sed -n 's/.* \([0-9][0-9.]*\) rows\/s.*/\1/p' <<<"$backfill_line")
backfill_rows=$(sed -n -E 's/.*backfill(ed)? +([0-9,.]+) .*/\2/p' <<<"$backfill_line" | tr -d ',.')
backfill_finished=$([[ $backfill_line == *backfilled* ]] && echo finished || echo "NOT finished")
# The reference UPDATE: "UPDATE N" and psql's "Time: X ms"
update_rows=$(sed -n 's/^UPDATE \([0-9]*\)$/\1/p' "$out/reference/update.out" | tail -1)
update_ms=$(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$out/reference/update.out" | tail -1)
update_rate=$(awk -v n="${update_rows:-0}" -v t="${update_ms:-0}" 'BEGIN { if (t > 0) printf "%.0f", n / (t / 1000); else print 0 }')

fmt_row() { printf '%-44s %16s %16s %10s\n' "$@"; }
online_fail=$(($(v online.aborted) + $(v online.pgbench_failed) + $(v online.log_failed)))
naive_fail=$(($(v naive.aborted) + $(v naive.pgbench_failed) + $(v naive.log_failed)))
online_secs=$(awk -v a="$online_from" -v b="$online_to" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
naive_secs=$(awk -v a="$naive_from" -v b="$naive_to" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
tps() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { if (b > a) printf "%.0f", n / ((b - a) / 1e6); else print 0 }'; }

{
  echo
  echo "schemactl zero-downtime benchmark: accounts $ROWS rows ($table_size), $CLIENTS pgbench clients"
  echo "(60% point select, 30% update by id, 10% insert), $(nproc) CPUs; logs in $out"
  echo "workload rate: $(workload_rate); with a rate, latencies count from each transaction's scheduled start"
  echo "1-minute load average before each phase (2 CPUs; ours included): online $online_load, naive $naive_load, reference $reference_load"
  echo "migration window = from the start to the end of the migration command; latencies are of"
  echo "the transactions that overlap it"
  echo
  fmt_row "metric" "schemactl" "naive" "ratio"
  fmt_row "--------------------------------------------" "----------------" "----------------" "----------"
  fmt_row "longest transaction stall (ms)" "$(ms "$(v online.max_us)")" "$(ms "$(v naive.max_us)")" \
    "$(ratio "$(v online.max_us)" "$(v naive.max_us)")"
  fmt_row "p99 latency during migration (ms)" "$(ms "$(v online.p99_us)")" "$(ms "$(v naive.p99_us)")" \
    "$(ratio "$(v online.p99_us)" "$(v naive.p99_us)")"
  fmt_row "p50 latency during migration (ms)" "$(ms "$(v online.p50_us)")" "$(ms "$(v naive.p50_us)")" \
    "$(ratio "$(v online.p50_us)" "$(v naive.p50_us)")"
  fmt_row "longest time with no commit at all (ms)" "$(ms "$(v online.gap_us)")" "$(ms "$(v naive.gap_us)")" \
    "$(ratio "$(v online.gap_us)" "$(v naive.gap_us)")"
  fmt_row "p99 latency before migration (ms)" "$(ms "$(v online.baseline_p99_us)")" \
    "$(ms "$(v naive.baseline_p99_us)")" "$(ratio "$(v online.baseline_p99_us)" "$(v naive.baseline_p99_us)")"
  fmt_row "transactions during migration" "$(v online.n)" "$(v naive.n)" "$(ratio "$(v online.n)" "$(v naive.n)")"
  online_tps=$(tps "$(v online.done)" "$online_from" "$online_to")
  naive_tps=$(tps "$(v naive.done)" "$naive_from" "$naive_to")
  fmt_row "throughput during migration (tps)" "$online_tps" "$naive_tps" "$(ratio "$online_tps" "$naive_tps")"
  online_btps=$(tps "$(v online.baseline_n)" "$(v online.baseline_from)" "$online_from")
  naive_btps=$(tps "$(v naive.baseline_n)" "$(v naive.baseline_from)" "$naive_from")
  fmt_row "throughput before migration (tps)" "$online_btps" "$naive_btps" "$(ratio "$online_btps" "$naive_btps")"
  fmt_row "failed transactions (incl. aborted clients)" "$online_fail" "$naive_fail" "-"
  fmt_row "migration wall time (s)" "$online_secs" "$naive_secs" "$(ratio "$online_secs" "$naive_secs")"
  fmt_row "backfill rows/s (naive: one UPDATE, loaded)" "${backfill_rate:-?}" "$update_rate" \
    "$(ratio "${backfill_rate:-0}" "$update_rate")"
  fmt_row "migration command exit status" "$online_rc" "$naive_rc" "-"
  fmt_row "ends in the desired schema" "$([[ $online_rc -eq 0 ]] && echo yes || echo no)" "$naive_converged" "-"
  echo
  echo "backfill: schemactl ${backfill_rows:-?} rows at ${backfill_rate:-?} rows/s ($backfill_finished); single UPDATE ${update_rows:-?} rows in ${update_ms:-?} ms (exit $reference_rc)"
  first_step=$(awk '/ +\[1\/[0-9]+\] / { print $1; exit }' "$out/online/apply.events")
  if [[ -n $first_step ]]; then
    echo "online: the first step began $(awk -v a="$online_from" -v b="$first_step" 'BEGIN { printf "%.1f", (b - a) / 1e6 }') s after apply started (planning and preflight checks)"
  fi
  reference_tps=$(tps "$(v reference.done)" "$reference_from" "$reference_to")
  echo "reference: during the single UPDATE the workload ran at $reference_tps tps (before: $(tps "$(v reference.baseline_n)" "$(v reference.baseline_from)" "$reference_from") tps), longest transaction $(ms "$(v reference.max_us)") ms"
  for phase in online naive; do
    if [[ -n ${S[$phase.worst_end]:-} && ${S[$phase.max_us]:-0} -gt 0 ]]; then
      script_names=(select update insert)
      echo "$phase: longest transaction $(ms "${S[$phase.max_us]}") ms (${script_names[${S[$phase.worst_script]:-0}]}), $(clock "${S[$phase.worst_start]}")–$(clock "${S[$phase.worst_end]}"), during: $(steps_during "${S[$phase.worst_start]}" "${S[$phase.worst_end]}" "$out/$phase/apply.events")"
    fi
    echo "$phase: transactions by migration step:"
    stalls_by_step "$phase"
    echo "$phase: lock waits seen by the 100 ms sampler:"
    lock_summary "$phase"
  done
  echo
  echo "schemactl step timings (from its stderr):"
  grep -a -E '\[[0-9]+/[0-9]+\]|done in|lock not granted|backfilled|error' "$out/online/apply.events" |
    sed -E 's/^[0-9]+ //' | sed 's/^/  /'
} | tee "$out/summary.txt"

# --- verdict ------------------------------------------------------------------
misses=()
((online_rc == 0)) || misses+=("schemactl apply exited $online_rc (see $out/online/apply.events)")
(($(v online.max_us) < STALL_TARGET_MS * 1000)) ||
  misses+=("longest stall $(ms "$(v online.max_us)") ms >= ${STALL_TARGET_MS} ms")
((online_fail == 0)) || misses+=("$online_fail failed transactions")
if [[ -z $backfill_rate || $update_rate -eq 0 ]]; then
  misses+=("no backfill rate to compare (schemactl: '${backfill_line:-none}', UPDATE exit $reference_rc)")
elif ! awk -v a="$backfill_rate" -v b="$update_rate" -v t="$BACKFILL_TARGET" 'BEGIN { exit !(a >= t * b) }'; then
  misses+=("backfill $(ratio "$backfill_rate" "$update_rate") of the single UPDATE's rows/s (target >= ${BACKFILL_TARGET})")
fi
verdict "longest stall < ${STALL_TARGET_MS} ms, no failed transaction, backfill >= ${BACKFILL_TARGET} of a single UPDATE"
