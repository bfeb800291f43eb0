#!/usr/bin/env bash
# The main job on the example project (fixtures/example): load the current shop
# database, show the online plan to the desired schema, apply it, and show that a
# re-plan is empty. Uses DATABASE_URL when set (it must name an empty database the
# demo may fill); otherwise a temporary local cluster, removed at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
schemactl="$root/build/schemactl"
example="$root/fixtures/example"

if [ -n "${DATABASE_URL:-}" ]; then
  url=$DATABASE_URL
else
  base=$(mktemp -d)
  chmod 755 "$base"  # the server runs as an unprivileged user when we are root
  cluster="$base/cluster"
  trap '"$schemactl" cluster stop "$cluster"; rm -rf "$base"' EXIT
  server=$("$schemactl" cluster start "$cluster")
  psql -q -d "$server" -c "CREATE DATABASE shop"
  url="${server/dbname=postgres/dbname=shop}"
fi

echo "== loading the current state (fixtures/example/baseline.sql)"
psql -q -v ON_ERROR_STOP=1 -d "$url" -f "$example/baseline.sql"
cd "$example"
echo "== schemactl plan"
"$schemactl" plan --url "$url"
echo "== schemactl apply (the dropped column is a named hazard, allowed here)"
"$schemactl" apply --url "$url" --allow-hazards DELETES_DATA --format sql >/dev/null
echo "== schemactl plan --check (exit 0: nothing left to do)"
"$schemactl" plan --url "$url" --check
