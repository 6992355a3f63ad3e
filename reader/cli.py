"""Command line: ``parallel-reader compare [LEFT RIGHT] [--json | --text]`` and ``parallel-reader export``.

Exit codes: 0 success, 2 bad input or usage (one line on stderr naming the file and the problem), 130 interrupted.
Nothing here imports Qt except the ``export`` subcommand, which needs it to write the PDF. Progress goes to
stderr only when stderr is a terminal; notices about the input (bytes replaced while decoding) always do.
"""
from __future__ import annotations

import argparse
import json
import os
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
    export.add_argument("--force", action="store_true", help="replace FILE.pdf even if it is read-only")
    return parser


def _add_pair_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="LEFT RIGHT",
                        help="the two articles (.txt .md .html .pdf .docx); none: the example seed pair")
    parser.add_argument("--threshold", type=float, default=None, metavar="0..1",
                        help="minimum link score (default %(default)s: the app's default)")


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    progress = TerminalProgress(sys.stderr)
    try:
        if args.command == "export":
            _check_output(args)  # before the comparison: a bad target fails at once
        comparison = _compare(args, progress)
        if args.command == "export":
            return _export(comparison, args, progress)
        progress.done()
        _write_stdout(_render(comparison, args.format))
        return 0
    except UsageError as error:
        progress.done()
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        progress.done()
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


class TerminalProgress:
    """``progress(fraction, message)`` drawn on one line of ``stream``, only when it is a terminal."""

    def __init__(self, stream) -> None:
        try:
            self.active = stream.isatty()
        except (AttributeError, ValueError, OSError):
            self.active = False
        self.stream = stream
        self._last = ""

    def __call__(self, fraction: float, message: str) -> None:
        if not self.active:
            return
        line = f"{PROG}: {round(100 * fraction):3d}% {message}"[:79]
        if line != self._last:
            self._last = line
            self._write(f"\r\x1b[K{line}")

    def done(self) -> None:
        if self.active and self._last:
            self._last = ""
            self._write("\r\x1b[K")

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.active = False


def _compare(args: argparse.Namespace, progress: TerminalProgress):
    from reader.core.compare import Comparer
    from reader.core.encoder import SentenceEncoder
    from reader.core.model import Options
    from reader.core.nlp import ModelMissing, NlpEngine
    from reader.documents import DocumentError, load_document

    left_path, right_path = _pair(args.files)
    options = Options() if args.threshold is None else Options(threshold=_threshold(args.threshold))
    try:
        docs = []
        for path in (left_path, right_path):
            progress(0.0, f"Reading {path.name}")
            docs.append(load_document(path))
        for doc in docs:
            for notice in doc.notices:
                progress.done()
                print(f"{PROG}: note: {doc.path}: {notice}", file=sys.stderr)
        return Comparer(NlpEngine(), SentenceEncoder()).compare(docs[0], docs[1], options, progress=progress)
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
    except BrokenPipeError:  # `parallel-reader compare | head`: the reader has all it wanted
        _drop_stdout()
    except OSError as exc:  # `> /dev/full`, a full disk, a closed terminal
        _drop_stdout()
        raise UsageError(f"standard output: could not write the result ({exc.strerror or exc})") from None


def _drop_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail (and print a traceback) again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _check_output(args: argparse.Namespace) -> None:
    from reader.export.pdf import ExportError, check_target

    try:
        check_target(args.output, args.force)
    except ExportError as error:
        raise UsageError(_export_message(error)) from None


def _export_message(error) -> str:
    from reader.export.pdf import READ_ONLY

    return f"{error} (use --force to replace it)" if error.reason == READ_ONLY else str(error)


def _export(comparison, args: argparse.Namespace, progress: TerminalProgress) -> int:
    from reader.export import ExportError, export_command

    try:
        export_command(comparison, Path(args.output), page_size=args.page_size, progress=progress, force=args.force)
    except ExportError as error:
        raise UsageError(_export_message(error)) from None
    progress.done()
    print(f"Wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
