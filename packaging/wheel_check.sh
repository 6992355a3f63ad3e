#!/usr/bin/env bash
# Installs the wheel into a fresh virtual environment (dependencies from the package index), then, from a folder
# that is not the checkout, runs `parallel-reader-cli compare --text` and `--json` on the bundled seed pair and
# `parallel-reader --screenshot` offscreen, and checks what a user would see.
#   bash packaging/wheel_check.sh dist/parallel_reader-<version>-py3-none-any.whl   (or: make wheel-check)
set -euo pipefail
WHEEL="$(realpath "${1:?usage: wheel_check.sh WHEEL}")"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
[ -x "$ROOT/.venv/bin/python" ] && PYTHON="$ROOT/.venv/bin/python"   # same interpreter the project uses
WORK="$(mktemp -d /tmp/wheel-check.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
VENV="$WORK/venv"
# WHEEL_CHECK_VENV=DIR keeps the venv in DIR between runs (faster when iterating); the default is a fresh one.
[ -n "${WHEEL_CHECK_VENV:-}" ] && VENV="$(realpath -m "$WHEEL_CHECK_VENV")"
start=$(date +%s)
step() { echo "[wheel-check $(( $(date +%s) - start ))s] $*"; }
fail() { echo "wheel-check FAILED: $*" >&2; exit 1; }

VPY="$VENV/bin/python"
if [ -x "$VPY" ]; then
  step "reusing $VENV; reinstalling $(basename "$WHEEL")"
  "$VPY" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$WHEEL" || fail "pip install"
else
  step "fresh venv in $VENV"
  "$PYTHON" -m venv "$VENV"
  step "pip install $(basename "$WHEEL") (dependencies from the package index)"
  "$VPY" -m pip install -q --disable-pip-version-check "$WHEEL" 2> "$WORK/pip.err" \
    || { cat "$WORK/pip.err"; fail "pip install"; }
fi

mkdir "$WORK/elsewhere" && cd "$WORK/elsewhere"
export QT_QPA_PLATFORM=offscreen HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config"
mkdir -p "$HOME"
step "installed files come from the venv, not the checkout"
"$VPY" - "$ROOT" <<'EOF' || fail "the installed package is not self-contained"
import sys
from pathlib import Path
import reader, reader.paths as paths
root = Path(sys.argv[1]).resolve()
left, right = paths.seed_pair()
if not left.is_file() and (Path(reader.__file__).parent / "seeds" / left.name).is_file():
    sys.exit(f"reader.paths.seed_pair() gives {left}, but the wheel installed the seeds in "
             f"{Path(reader.__file__).parent / 'seeds'}: reader/paths.py must read the folder of the namespace "
             "package reader.seeds from its __path__ (importlib.resources.files() returns a MultiplexedPath "
             "for it on Python 3.11, whose str() is not a path)")
icons = sorted((paths.resources_dir() / "icons" / "png").glob("*.png"))
for p in (Path(reader.__file__), left, right, *icons):
    assert root not in p.resolve().parents, f"{p} is in the checkout"
    assert p.is_file(), f"{p} is missing"
assert len(icons) == 8, f"expected 8 icon PNGs, found {len(icons)}"
print(f"  reader {reader.__version__} from {Path(reader.__file__).parent}; seeds and {len(icons)} icons bundled")
EOF

step "the sentence encoder: model and vocabulary from the installed packages, checked, nothing fetched"
"$VPY" - "$ROOT" <<'EOF' || fail "the sentence encoder"
import socket, sys
from pathlib import Path
from reader.core.encoder import SentenceEncoder, default_vocab_path, find_model_file
root = Path(sys.argv[1]).resolve()
for path in (default_vocab_path(), find_model_file()):
    assert path is not None and path.is_file(), f"{path} is missing"
    assert root not in path.resolve().parents, f"{path} is in the checkout"
def refuse(*args, **kwargs):
    raise OSError("network access attempted")
socket.socket.connect = socket.create_connection = refuse
encoder = SentenceEncoder()
assert encoder.available(), encoder.reason
a, b, c = encoder.encode(["The mayor opened the new bridge on Monday.", "On Monday the mayor opened the new bridge.",
                          "Rain is expected across the north this weekend."])
assert a @ b > a @ c + 0.3, (a @ b, a @ c)
print(f"  {encoder.describe()}: loaded in {encoder.load_seconds:.2f} s; same fact {a @ b:.2f}, other {a @ c:.2f}")
EOF

step "parallel-reader-cli compare --text (seed pair)"
"$VENV/bin/parallel-reader-cli" compare --text > text.out 2> text.err || { cat text.err; fail "compare --text"; }
grep -qi "the world" text.out || fail "the text report does not name The World"
grep -qi "reuters" text.out || fail "the text report does not name Reuters"
grep -qiE "identical|near|paraphrase" text.out || fail "the text report lists no linked passages"
echo "  $(wc -l < text.out) lines"

step "parallel-reader compare --json (gui script dispatching the subcommand)"
"$VENV/bin/parallel-reader" compare --json > json.out 2> json.err || { cat json.err; fail "compare --json"; }
"$VPY" - <<'EOF' || fail "the JSON report"
import json
doc = json.load(open("json.out", encoding="utf-8"))
assert str(doc.get("schema", "")).startswith("parallel-reader/comparison/"), doc.get("schema")
text = json.dumps(doc).lower()
assert "reuters" in text and "the world" in text, "the JSON does not name both outlets"
links = doc.get("links") or []
assert len(links) >= 5, f"only {len(links)} links"
print(f"  schema {doc['schema']}, {len(links)} links")
EOF

step "parallel-reader --screenshot (offscreen)"
if "$VPY" -c "import reader.app" 2>/dev/null; then
  "$VENV/bin/parallel-reader" --screenshot shot.png > shot.log 2>&1 || { cat shot.log; fail "--screenshot"; }
  "$VPY" "$ROOT/packaging/check_image.py" shot.png || fail "the screenshot"
  mkdir -p "$ROOT/artifacts" && cp shot.png "$ROOT/artifacts/wheel-check-screenshot.png"
else
  echo "  reader.app is not in this wheel yet: skipped"
fi
step "passed"
