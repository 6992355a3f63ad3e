"""Shared fixtures. Qt renders offscreen so the GUI and e2e tiers run without a display."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTIFACTS = ROOT / "artifacts"


@pytest.fixture(scope="session")
def seed_paths() -> tuple[Path, Path]:
    return SEEDS / "the-world-iran-missile-attack.txt", SEEDS / "reuters-iran-missile-attack.txt"


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True, scope="session")
def _log_folder(tmp_path_factory):
    """Unexpected errors are logged to a file: keep the tests' out of the user's state folder."""
    os.environ["PARALLEL_READER_LOG_DIR"] = str(tmp_path_factory.mktemp("log"))
