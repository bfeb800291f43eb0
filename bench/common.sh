# Shared by the benchmarks (sourced, after they define die): where schemactl and
# the PostgreSQL client programs are, and the temporary directories of a run.

# Sets SCHEMACTL to an absolute path: $SCHEMACTL if set, else build/schemactl (as
# scripts/build.sh makes it), else schemactl on PATH.
find_schemactl() {
  local repo=$1
  if [[ -z ${SCHEMACTL:-} ]]; then
    SCHEMACTL=$repo/build/schemactl
    [[ -x $SCHEMACTL ]] || SCHEMACTL=$(command -v schemactl || true)
  fi
  [[ -n ${SCHEMACTL:-} && -x $SCHEMACTL ]] || die "no schemactl binary: build it or set SCHEMACTL"
  SCHEMACTL=$(cd "$(dirname "$SCHEMACTL")" && pwd)/$(basename "$SCHEMACTL")
}

# Sets bindir (the directory holding PROGRAM: pg_config's, else Debian's 15) and
# PSQL (on PATH, else in bindir).
find_postgres_client() {
  local program=$1
  bindir=$(pg_config --bindir 2>/dev/null || true)
  [[ -x $bindir/$program ]] || bindir=/usr/lib/postgresql/15/bin
  PSQL=$(command -v psql || true)
  [[ -x $PSQL ]] || PSQL=$bindir/psql
}

# Sets work (removed by the caller's clean-up; readable by the server, which runs
# as postgres and must reach the cluster directory) and out (kept: $BENCH_OUT, or new).
make_run_directories() {
  work=$(mktemp -d /tmp/schemactl-bench-work.XXXXXX)
  chmod 755 "$work"
  out=${BENCH_OUT:-$(mktemp -d /tmp/schemactl-bench.XXXXXX)}
  mkdir -p "$out"
}

# A over B as "1.23x", or "-" when B is 0.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2fx", a / b }'; }

# On exit, interrupt or termination: the caller's stop_ours (its background work),
# then the cluster in $cluster_dir if $cluster_started, then $work; exits with the status.
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_ours
  if ((cluster_started)); then
    "$SCHEMACTL" cluster stop "$cluster_dir" >/dev/null 2>&1 || log "could not stop the cluster in $cluster_dir"
  fi
  rm -rf "$work"
  exit "$rc"
}
install_cleanup() {
  trap cleanup EXIT
  trap 'log "interrupted"; exit 130' INT
  trap 'log "terminated"; exit 143' TERM
}

# verdict PASS_MESSAGE: prints the misses (array misses) and exits 1, or prints
# PASS_MESSAGE; both are appended to $out/summary.txt.
verdict() {
  echo
  if ((${#misses[@]})); then
    printf 'MISSED: %s\n' "${misses[@]}" | tee -a "$out/summary.txt"
    exit 1
  fi
  echo "PASS: $1" | tee -a "$out/summary.txt"
}
