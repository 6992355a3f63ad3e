"""Where bundled files live: the seed pair and resources, from a source checkout or an installed wheel."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

SEED_LEFT = "the-world-iran-missile-attack.txt"
SEED_RIGHT = "reuters-iran-missile-attack.txt"
_ROOT = Path(__file__).resolve().parent.parent


def _bundled_dir(package: str, checkout_dir: str) -> Path:
    """The folder a data package maps to: the installed one if present, else the source checkout's."""
    try:
        found = Path(str(resources.files(package)))
        if found.is_dir():
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    return _ROOT / checkout_dir


def seeds_dir() -> Path:
    return _bundled_dir("reader.seeds", "seeds")


def resources_dir() -> Path:
    return _bundled_dir("reader.resources", "resources")


def seed_pair() -> tuple[Path, Path]:
    folder = seeds_dir()
    return folder / SEED_LEFT, folder / SEED_RIGHT
