#!/bin/sh
# Installs the Debian packages dossier needs to build, test and run.
# Idempotent: it asks dpkg what is present and installs only what is missing.
set -eu

PACKAGES="build-essential pkg-config clang libclang-rt-14-dev
libsqlite3-dev sqlite3 libutf8proc-dev libjansson-dev libxml2-dev libssl-dev
poppler-utils time"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi

echo "setup: installing missing Debian packages:$missing"
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=sudo
    else
        echo "setup: need root to install:$missing" >&2
        exit 1
    fi
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "setup: done"
