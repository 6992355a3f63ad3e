#!/usr/bin/env bash
# Smoke test of the one-folder app (make app): run from an empty folder with a clean environment (no venv, no
# PYTHONPATH, a fresh HOME), offscreen: `--screenshot` must write a real picture of the window and
# `compare --text` must report on the bundled seed pair.
#   bash packaging/app_smoke.sh dist/parallel-reader-<version>     (or: make app-smoke)
set -euo pipefail
APP_DIR="$(realpath "${1:?usage: app_smoke.sh APP_DIR}")"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
EXE="$APP_DIR/parallel-reader"
[ -x "$EXE" ] || { echo "app-smoke: $EXE not found; run: make app" >&2; exit 1; }
PY="$ROOT/.venv/bin/python"; [ -x "$PY" ] || PY=python3   # only to read the PNG, never to run the app
WORK="$(mktemp -d /tmp/app-smoke.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
mkdir home
run() { env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$EXE" "$@"; }
fail() { echo "app-smoke FAILED: $*" >&2; exit 1; }

start=$(date +%s)
run --version
run compare --text > text.out 2> text.err || { cat text.err; fail "compare --text"; }
grep -qi "the world" text.out && grep -qi "reuters" text.out || fail "the report does not name both outlets"
grep -qiE "identical|near|paraphrase" text.out || fail "the report lists no linked passages"
echo "compare --text: $(wc -l < text.out) lines in $(( $(date +%s) - start )) s"

start=$(date +%s)
run --screenshot shot.png > shot.log 2>&1 || { cat shot.log; fail "--screenshot"; }
"$PY" "$ROOT/packaging/check_image.py" shot.png || fail "the screenshot"
mkdir -p "$ROOT/artifacts" && cp shot.png "$ROOT/artifacts/app-smoke-screenshot.png"
echo "--screenshot: ok in $(( $(date +%s) - start )) s (copy: artifacts/app-smoke-screenshot.png)"
echo "app-smoke: passed"
