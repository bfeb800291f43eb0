#!/usr/bin/env bash
# Installs what schemactl builds and tests with, all from Debian's packages.
# Does nothing when everything is already there.
set -euo pipefail
packages=(
  cmake g++ make pkg-config
  libpg-query-dev libpqxx-dev libtomlplusplus-dev libfmt-dev libdtl-dev catch2
  libcli11-dev nlohmann-json3-dev libssl-dev
  time python3  # bench/large_schema.sh: peak memory, the schema generator
  postgresql-15 postgresql-client-15
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
