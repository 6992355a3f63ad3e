"""Parallel Reader: compare how two sources report the same story."""

__version__ = "0.1.0"
APP_NAME = "Parallel Reader"
APP_ID = "io.github.parallelreader.ParallelReader"
APP_SLUG = "parallel-reader"
