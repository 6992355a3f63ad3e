"""``parallel-reader`` / ``python -m reader``: the desktop app, or the ``compare`` / ``export`` subcommands.

    parallel-reader                         the seed pair
    parallel-reader LEFT RIGHT              a pair of files
    parallel-reader [LEFT RIGHT] --screenshot FILE.png
                                            render the finished comparison to a PNG and exit
    parallel-reader compare|export ...      command line (see ``parallel-reader compare --help``)
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Optional, Sequence

from reader import APP_NAME, APP_SLUG, __version__

SUBCOMMANDS = ("compare", "export")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_SLUG,
        description=f"{APP_NAME}: compare how two sources report the same story. With no files, opens the "
                    "example pair. Subcommands 'compare' and 'export' work without a window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("files", nargs="*", metavar="LEFT RIGHT", help="the two articles to compare")
    parser.add_argument("--screenshot", metavar="FILE.png",
                        help="render the window with the comparison complete into FILE.png and exit")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in SUBCOMMANDS:
        from reader.cli import main as cli_main

        return cli_main(args_list)
    parser = build_parser()
    args, qt_args = parser.parse_known_args(args_list)
    unknown = [a for a in qt_args if not a.startswith("-")]
    if unknown:
        parser.error(f"unexpected argument(s): {' '.join(unknown)}")
    if len(args.files) > 2:
        parser.error("give two files (LEFT RIGHT), one (opened on the left), or none for the example pair")
    if args.screenshot and len(args.files) == 1:
        parser.error("--screenshot needs two files (LEFT RIGHT), or none for the example pair")
    for path in args.files:
        if not os.path.exists(path):
            parser.error(f"{path}: no such file")
    if args.screenshot and not args.screenshot.lower().endswith(".png"):
        parser.error(f"{args.screenshot}: the screenshot must be a .png file")
    from reader.app import run

    left, right = (args.files + [None, None])[:2]
    return run(left, right, screenshot=args.screenshot, argv=qt_args)


if __name__ == "__main__":
    sys.exit(main())
