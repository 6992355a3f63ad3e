#!/usr/bin/env bash
# Adds Parallel Reader to the desktop menu: the .desktop entry, the AppStream metainfo and the icons, in the XDG
# locations under PREFIX/share (default ~/.local, i.e. just for you; use --prefix /usr/local as root for everyone).
#
#   install-desktop.sh [--prefix DIR] [--exec COMMAND] [--uninstall]
#   install-desktop.sh --stage DIR          copy the files, unchanged, into DIR/share (used to build the tarball)
#
# --exec sets the program the menu entry starts (default: next to this script in the app tarball, else
# `parallel-reader` found on PATH). Works from the app tarball (files in ./share) or from a source checkout
# (packaging/linux and resources/icons).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PREFIX="${HOME}/.local"
EXEC=""
MODE=install
SIZES=(16 24 32 48 64 128 256 512)

die() { echo "install-desktop.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX="${2:?--prefix needs a folder}"; shift 2 ;;
    --exec) EXEC="${2:?--exec needs a command}"; shift 2 ;;
    --uninstall) MODE=uninstall; shift ;;
    --stage) MODE=stage; PREFIX="${2:?--stage needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (try --help)" ;;
  esac
done

# Where the files come from: the tarball's share/ tree, or the source checkout.
if [ -d "$HERE/share/applications" ]; then
  DESKTOP_SRC="$(ls "$HERE"/share/applications/*.desktop | head -n 1)"
  APP_ID="$(basename "$DESKTOP_SRC" .desktop)"
  METAINFO_SRC="$HERE/share/metainfo/$APP_ID.metainfo.xml"
  icon_src() { [ "$1" = scalable ] && echo "$HERE/share/icons/hicolor/scalable/apps/$APP_ID.svg" \
                                   || echo "$HERE/share/icons/hicolor/${1}x${1}/apps/$APP_ID.png"; }
  [ -z "$EXEC" ] && [ -x "$HERE/parallel-reader" ] && EXEC="$HERE/parallel-reader"
else
  ROOT="$(cd "$HERE/../.." && pwd)"
  DESKTOP_SRC="$(ls "$ROOT"/packaging/linux/*.desktop 2>/dev/null | head -n 1)"
  [ -n "$DESKTOP_SRC" ] || die "no .desktop file in $ROOT/packaging/linux; run: python3 packaging/render.py"
  APP_ID="$(basename "$DESKTOP_SRC" .desktop)"
  METAINFO_SRC="$ROOT/packaging/linux/$APP_ID.metainfo.xml"
  icon_src() { [ "$1" = scalable ] && echo "$ROOT/resources/icons/parallel-reader.svg" \
                                   || echo "$ROOT/resources/icons/png/parallel-reader-$1.png"; }
fi

SHARE="$PREFIX/share"
icon_dst() { [ "$1" = scalable ] && echo "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg" \
                                 || echo "$SHARE/icons/hicolor/${1}x${1}/apps/$APP_ID.png"; }
targets=("$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml")
for size in "${SIZES[@]}" scalable; do targets+=("$(icon_dst "$size")"); done

refresh() {
  [ "$MODE" = stage ] && return 0
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$SHARE/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$SHARE/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$SHARE/icons/hicolor" || true
  fi
}

if [ "$MODE" = uninstall ]; then
  for f in "${targets[@]}"; do [ -e "$f" ] && rm -f "$f" && echo "removed $f"; done
  refresh
  exit 0
fi

for f in "$DESKTOP_SRC" "$METAINFO_SRC"; do [ -f "$f" ] || die "missing $f"; done
for size in "${SIZES[@]}" scalable; do
  src="$(icon_src "$size")"
  [ -f "$src" ] || die "missing icon $src (run: make icons)"
  install -D -m 0644 "$src" "$(icon_dst "$size")"
done
install -D -m 0644 "$METAINFO_SRC" "$SHARE/metainfo/$APP_ID.metainfo.xml"

desktop_dst="$SHARE/applications/$APP_ID.desktop"
mkdir -p "$(dirname "$desktop_dst")"
tmp="$(mktemp "$(dirname "$desktop_dst")/.$APP_ID.XXXXXX")"
if [ -n "$EXEC" ] && [ "$MODE" = install ]; then
  # Exec quotes the path (it may contain spaces; \ " ` $ are escaped as the spec asks); TryExec takes it bare.
  quoted="$(printf '%s' "$EXEC" | sed -e 's/[\\"`$]/\\\\&/g')"
  Q="$quoted" T="$EXEC" awk '/^Exec=/ { print "Exec=\"" ENVIRON["Q"] "\" %F"; next }
                            /^TryExec=/ { print "TryExec=" ENVIRON["T"]; next } { print }' "$DESKTOP_SRC" > "$tmp"
else
  cp "$DESKTOP_SRC" "$tmp"
fi
chmod 0644 "$tmp"
mv -f "$tmp" "$desktop_dst"

refresh
if [ "$MODE" = install ]; then
  echo "Installed $APP_ID into $SHARE (menu entry: $desktop_dst)"
  launcher="$(sed -n 's/^Exec=//p' "$desktop_dst")"
  echo "The menu entry starts: $launcher"
  if [ -z "$EXEC" ] && ! command -v parallel-reader >/dev/null 2>&1; then
    echo "Note: parallel-reader is not on your PATH; rerun with --exec /path/to/parallel-reader" >&2
  fi
fi
