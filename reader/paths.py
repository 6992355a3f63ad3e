"""Where bundled files live: the seed pair and resources, from a source checkout or an installed wheel."""
from __future__ import annotations

import importlib.util
from pathlib import Path

SEED_LEFT = "the-world-iran-missile-attack.txt"
SEED_RIGHT = "reuters-iran-missile-attack.txt"
_ROOT = Path(__file__).resolve().parent.parent


def _bundled_dir(package: str, checkout_dir: str) -> Path:
    """The folder a data package maps to: the installed one if present, else the source checkout's.

    ``reader.seeds`` and ``reader.resources`` have no ``__init__.py`` (they are plain folders mapped into the
    package), so in a wheel install they are namespace packages: their folder is the first entry of the spec's
    search locations (``importlib.resources.files`` would give a MultiplexedPath on Python 3.11).
    """
    try:
        spec = importlib.util.find_spec(package)
    except (ModuleNotFoundError, ValueError):
        spec = None
    for location in (spec.submodule_search_locations or []) if spec else []:
        if Path(location).is_dir():
            return Path(location)
    return _ROOT / checkout_dir


def seeds_dir() -> Path:
    return _bundled_dir("reader.seeds", "seeds")


def resources_dir() -> Path:
    return _bundled_dir("reader.resources", "resources")


def seed_pair() -> tuple[Path, Path]:
    folder = seeds_dir()
    return folder / SEED_LEFT, folder / SEED_RIGHT
