"""Render the Linux desktop files from their templates with the identity defined once in reader/__init__.py.

    python packaging/render.py            # write packaging/linux/<APP_ID>.desktop and <APP_ID>.metainfo.xml
    python packaging/render.py --check    # exit 1 if a rendered file is missing or out of date
    python packaging/render.py --print APP_ID   # print one value (for Makefiles and shell scripts)

reader/__init__.py is parsed, not imported, so this runs with any Python 3 and no dependencies installed.
"""
from __future__ import annotations

import argparse
import ast
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
IDENTITY_FILE = ROOT / "reader" / "__init__.py"
IDENTITY_NAMES = ("__version__", "APP_ID", "APP_NAME", "APP_SLUG")
TEMPLATES = {"app.desktop.in": "{APP_ID}.desktop", "app.metainfo.xml.in": "{APP_ID}.metainfo.xml"}
_PLACEHOLDER = re.compile(r"@([A-Z_]+)@")
_FIRST_RELEASE = re.compile(r'<release\s+version="([^"]+)"')


def identity(path: Path = IDENTITY_FILE) -> dict[str, str]:
    """The string constants VERSION, APP_ID, APP_NAME, APP_SLUG assigned at the top level of reader/__init__.py."""
    found: dict[str, str] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in IDENTITY_NAMES:
                    found[target.id] = str(node.value.value)
    missing = [name for name in IDENTITY_NAMES if name not in found]
    if missing:
        raise SystemExit(f"{path}: missing {', '.join(missing)}")
    found["VERSION"] = found.pop("__version__")
    return found


def render_text(template: str, values: dict[str, str], name: str = "template") -> str:
    """Replace every @NAME@; an unknown placeholder is an error, not a silent blank."""
    def substitute(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            raise SystemExit(f"{name}: unknown placeholder @{key}@")
        return values[key]
    return _PLACEHOLDER.sub(substitute, template)


def rendered_files(values: dict[str, str] | None = None) -> dict[Path, str]:
    """Output path -> rendered text for every template."""
    values = values or identity()
    out: dict[Path, str] = {}
    for template_name, pattern in TEMPLATES.items():
        template = LINUX / template_name
        text = render_text(template.read_text(encoding="utf-8"), values, str(template))
        out[LINUX / pattern.format(**values)] = text
    _check_release(out, values)
    return out


def _check_release(out: dict[Path, str], values: dict[str, str]) -> None:
    """The newest <release> in the metainfo must be the package version: release notes are written by hand."""
    for path, text in out.items():
        if path.name.endswith(".metainfo.xml"):
            match = _FIRST_RELEASE.search(text)
            newest = match.group(1) if match else None
            if newest != values["VERSION"]:
                raise SystemExit(
                    f"packaging/linux/app.metainfo.xml.in: newest <release> is {newest!r} but reader/__init__.py "
                    f"says {values['VERSION']!r}; add a <release> entry with notes for {values['VERSION']}")


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def stale(files: dict[Path, str]) -> list[Path]:
    """Rendered files that are missing or differ from their template's rendering."""
    return [p for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a rendered file is missing or out of date")
    parser.add_argument("--print", dest="key", metavar="NAME", help="print VERSION, APP_ID, APP_NAME or APP_SLUG")
    args = parser.parse_args(argv)
    if args.key:
        print(identity()[args.key])
        return 0
    files = rendered_files()
    if args.check:
        bad = stale(files)
        for path in bad:
            print(f"{path.relative_to(ROOT)}: out of date; run `python packaging/render.py`", file=sys.stderr)
        return 1 if bad else 0
    for path, text in files.items():
        if path in stale(files):
            _write_atomic(path, text)
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
