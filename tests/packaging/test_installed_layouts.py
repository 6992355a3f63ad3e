"""reader.paths finds the seed pair and the icons in the two installed layouts, not only in the checkout.

A wheel installs them as reader/seeds and reader/resources (data-only packages, no __init__.py); the one-folder
app (PyInstaller spec) puts them in seeds/ and resources/ next to the reader package. Both are rebuilt here in a
temporary folder from the checkout's real files and queried by a separate Python, run from another folder.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ("the-world-iran-missile-attack.txt", "reuters-iran-missile-attack.txt")
QUERY = ("import json, reader, reader.paths as p; l, r = p.seed_pair(); "
         "print(json.dumps([str(l), str(r), str(p.resources_dir())]))")


def _copy_reader_package(site: Path) -> None:
    package = site / "reader"
    package.mkdir(parents=True)
    for name in ("__init__.py", "paths.py"):
        shutil.copy2(ROOT / "reader" / name, package / name)


def _copy_data(seeds: Path, resources: Path) -> None:
    seeds.mkdir(parents=True)
    for name in SEEDS:
        shutil.copy2(ROOT / "seeds" / name, seeds / name)
    shutil.copytree(ROOT / "resources", resources)


def _query(site: Path, cwd: Path) -> tuple[Path, Path, Path]:
    cwd.mkdir(exist_ok=True)
    done = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {QUERY}"],
                          cwd=cwd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    left, right, resources = (Path(p) for p in json.loads(done.stdout))
    return left, right, resources


def test_a_wheel_install_finds_its_bundled_seeds_and_icons(tmp_path):
    site = tmp_path / "site-packages"
    _copy_reader_package(site)
    _copy_data(site / "reader" / "seeds", site / "reader" / "resources")
    left, right, resources = _query(site, tmp_path / "elsewhere")
    assert left.is_file() and right.is_file(), (
        f"seed pair looked up at {left}: reader/paths.py should take reader.seeds' folder from its __path__ "
        "(importlib.resources.files() gives a MultiplexedPath for a namespace package on Python 3.11)")
    assert left.parent == site / "reader" / "seeds"
    assert (resources / "icons" / "png" / "parallel-reader-48.png").is_file()


def test_the_one_folder_app_layout_finds_its_seeds_and_icons(tmp_path):
    internal = tmp_path / "_internal"
    _copy_reader_package(internal)
    _copy_data(internal / "seeds", internal / "resources")
    left, right, resources = _query(internal, tmp_path / "elsewhere")
    assert left.is_file() and right.is_file(), f"seed pair looked up at {left}"
    assert (resources / "icons" / "parallel-reader.svg").is_file()
