#!/usr/bin/env bash
# Set up everything planwatch needs on a Debian machine, then run it.
#
#   ./dev.sh demo   set up and serve the bundled plan with demo data on http://127.0.0.1:8000,
#                   with its background worker (notifications; e-mail printed to the console)
#   ./dev.sh test   set up and run the whole test suite (SQLite, then a real PostgreSQL server)
#   ./dev.sh setup  set up only what running needs (used by deployments)
#
# Idempotent: a second run installs nothing new. Needs root (or sudo) only to install Debian
# packages that are missing.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
VENV="$ROOT/.venv"

# Debian packages: what running needs, and what only the tests need.
# OCR of scanned outlines and table images: Tesseract with the simplified-Chinese model, and
# poppler-utils (pdftoppm) to rasterise scanned PDF pages.
RUN_DEBS=(nodejs fonts-noto-cjk tesseract-ocr tesseract-ocr-chi-sim poppler-utils)
TEST_DEBS=(chromium postgresql libreoffice-writer-nogui)

log() { printf '\033[1m[planwatch]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else log "need root to run: $*"; return 1
  fi
}

install_debs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  # Python's venv module and npm may come from elsewhere (pyenv, NodeSource): check the command.
  python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
  command -v npm >/dev/null || missing+=(npm)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

setup_python() {
  # $1: the package spec to install — ".[web]" to run, ".[web,dev]" to test as well.
  local spec=$1 stamp="$VENV/.installed-${1//[^a-z]/}"
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating $VENV"
    python3 -m venv "$VENV"
  fi
  # Reinstalled when the dependencies changed, or when a core module changed since its compiled
  # build (planwatch/speedups.py: it runs from source until then).
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ setup.py -nt "$stamp" ] ||
    ! "$VENV/bin/python" -c 'import sys, planwatch.speedups as s; sys.exit(bool(s.stale()))' 2>/dev/null; then
    log "installing Python packages ($spec)"
    "$VENV/bin/pip" install -q --upgrade pip
    "$VENV/bin/pip" install -q -e "$spec"
    touch "$stamp"
  fi
}

setup_assets() {
  # Front-end libraries come from the npm registry at setup time and are served by the
  # application itself: no page ever loads anything from the internet.
  local vendor="$ROOT/planwatch/web/static/vendor"
  local portal_entry="$ROOT/planwatch/web/portal/assets/echarts-portal.js"
  if [ ! -f "$vendor/echarts/echarts.min.js" ] || [ package.json -nt "$vendor/echarts/echarts.min.js" ] \
     || [ ! -f "$vendor/echarts/echarts.portal.min.js" ] || [ "$portal_entry" -nt "$vendor/echarts/echarts.portal.min.js" ]; then
    log "installing front-end assets from npm"
    npm install --silent --no-audit --no-fund >/dev/null
    mkdir -p "$vendor/echarts"
    cp node_modules/echarts/dist/echarts.min.js "$vendor/echarts/"
    cp node_modules/echarts/LICENSE "$vendor/echarts/" 2>/dev/null || true
    # The public portal's smaller build: only what its charts use (page weight under 1 MB).
    node_modules/.bin/esbuild "$portal_entry" --bundle --minify --format=iife --log-level=warning \
      --outfile="$vendor/echarts/echarts.portal.min.js"
  fi
}

prepare_install() {
  # A first start's installation-wide work done now, so that the first start only copies it:
  # the compressed static files and the migrated database template, into the user's cache
  # (planwatch prepare; about 1 s when already done). Should it fail, the first start does it.
  log "preparing static files and the database template"
  "$VENV/bin/planwatch" prepare || log "preparation failed; the first start will do it instead"
}

start_postgres() {
  # A throw-away cluster owned by the postgres system user, on a private port and socket.
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  PGTMP=$(mktemp -d /tmp/planwatch-pg.XXXXXX)
  chmod 755 "$PGTMP"
  local run=()
  if [ "$(id -u)" = 0 ]; then chown postgres "$PGTMP"; run=(runuser -u postgres --); fi
  "${run[@]}" "$bindir/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${run[@]}" "$bindir/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w \
    -o "-p ${PGPORT:-54329} -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  trap 'stop_postgres' EXIT
  export DATABASE_URL="postgresql://postgres@127.0.0.1:${PGPORT:-54329}/planwatch"
  "${run[@]}" "$bindir/createdb" -h 127.0.0.1 -p "${PGPORT:-54329}" -U postgres planwatch
  PG_BINDIR=$bindir
  PG_RUN=("${run[@]}")
}

stop_postgres() {
  [ -n "${PGTMP:-}" ] || return 0
  "${PG_RUN[@]}" "$PG_BINDIR/pg_ctl" -D "$PGTMP/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}

run_tests() {
  export PATH="$VENV/bin:$PATH"
  log "ruff"
  ruff check . && ruff format --check .
  log "test suite on SQLite"
  pytest -n "${PYTEST_WORKERS:-2}" "$@"
  log "test suite on PostgreSQL"
  start_postgres
  PLANWATCH_TEST_DB=postgresql pytest -n "${PYTEST_WORKERS:-2}" "$@"
}

cmd=${1:-demo}
shift || true
case "$cmd" in
  setup)
    install_debs "${RUN_DEBS[@]}"
    setup_python ".[web]"
    setup_assets
    prepare_install
    ;;
  demo)
    install_debs "${RUN_DEBS[@]}"
    setup_python ".[web]"
    setup_assets
    prepare_install
    exec "$VENV/bin/planwatch" serve --demo --host 127.0.0.1 --port 8000 "$@"
    ;;
  test)
    install_debs "${RUN_DEBS[@]}" "${TEST_DEBS[@]}"
    setup_python ".[web,dev]"
    setup_assets
    prepare_install
    run_tests "$@"
    ;;
  *)
    echo "usage: ./dev.sh [demo|test|setup]" >&2
    exit 2
    ;;
esac
