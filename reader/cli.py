"""Command line: ``parallel-reader compare [LEFT RIGHT] [--json | --text]`` and ``parallel-reader export``.

Exit codes: 0 success, 2 bad input or usage (one line on stderr naming the file and the problem), 130 interrupted.
Nothing here imports Qt except the ``export`` subcommand, which needs it to write the PDF.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional, Sequence

from reader import __version__
from reader.paths import seed_pair

PROG = "parallel-reader"


class UsageError(Exception):
    """A problem the user can fix; printed as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Compare how two sources report the same story.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    compare = sub.add_parser("compare", help="compare two articles and print the result")
    _add_pair_arguments(compare)
    fmt = compare.add_mutually_exclusive_group()
    fmt.add_argument("--text", dest="format", action="store_const", const="text", help="readable report (default)")
    fmt.add_argument("--json", dest="format", action="store_const", const="json",
                     help="versioned JSON document (schema parallel-reader/comparison/1)")
    compare.set_defaults(format="text")
    export = sub.add_parser("export", help="export the highlighted comparison as a PDF")
    _add_pair_arguments(export)
    export.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write the PDF")
    export.add_argument("--page-size", choices=("A4", "Letter"), default="A4")
    return parser


def _add_pair_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="LEFT RIGHT",
                        help="the two articles (.txt .md .html .pdf .docx); none: the example seed pair")
    parser.add_argument("--threshold", type=float, default=None, metavar="0..1",
                        help="minimum link score (default %(default)s: the app's default)")


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        comparison = _compare(args)
        if args.command == "export":
            return _export(comparison, args)
        _write_stdout(_render(comparison, args.format))
        return 0
    except UsageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def _compare(args: argparse.Namespace):
    from reader.core.compare import Comparer
    from reader.core.encoder import SentenceEncoder
    from reader.core.model import Options
    from reader.core.nlp import ModelMissing, NlpEngine
    from reader.documents import DocumentError, load_document

    left_path, right_path = _pair(args.files)
    options = Options() if args.threshold is None else Options(threshold=_threshold(args.threshold))
    try:
        left, right = load_document(left_path), load_document(right_path)
        return Comparer(NlpEngine(), SentenceEncoder()).compare(left, right, options)
    except DocumentError as error:
        raise UsageError(str(error)) from None
    except ModelMissing as error:
        raise UsageError(str(error)) from None


def _pair(files: Sequence[str]) -> tuple[Path, Path]:
    if not files:
        return seed_pair()
    if len(files) != 2:
        raise UsageError(f"give two files (LEFT RIGHT) or none for the example pair; got {len(files)}")
    return Path(files[0]), Path(files[1])


def _threshold(value: float) -> float:
    if not 0.0 <= value <= 1.0:
        raise UsageError(f"--threshold must be between 0 and 1, got {value}")
    return value


def _render(comparison, fmt: str) -> str:
    if fmt == "json":
        from reader.core.serialize import to_json_dict

        return json.dumps(to_json_dict(comparison), ensure_ascii=False, indent=1) + "\n"
    from reader.report_text import render_text

    return render_text(comparison)


def _write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `parallel-reader compare | head`
        sys.stderr.close()


def _export(comparison, args: argparse.Namespace) -> int:
    from reader.export import ExportError, export_command

    try:
        export_command(comparison, Path(args.output), page_size=args.page_size)
    except ExportError as error:
        raise UsageError(str(error)) from None
    print(f"Wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
