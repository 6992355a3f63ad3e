"""Entry point of the one-folder app: the same as the ``parallel-reader`` script (window, or compare/export)."""
import multiprocessing
import sys

from reader.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
