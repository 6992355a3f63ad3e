"""Packaging configuration: one source for version and identity, every package in the wheel, the desktop install."""
from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

import reader

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
INSTALLER = ROOT / "packaging" / "linux" / "install-desktop.sh"
PACKAGING_SCRIPTS = ["packaging/packaging.mk", "packaging/pyinstaller/parallel-reader.spec",
                     "packaging/linux/install-desktop.sh", "packaging/wheel_check.sh", "packaging/app_smoke.sh",
                     "packaging/linux/app.desktop.in", "packaging/linux/app.metainfo.xml.in"]


def test_the_version_is_read_from_the_package():
    assert "version" in PYPROJECT["project"]["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "reader.__version__"}


@pytest.mark.parametrize("relative", PACKAGING_SCRIPTS)
def test_no_packaging_file_repeats_the_version_or_app_id(relative):
    text = (ROOT / relative).read_text(encoding="utf-8")
    assert reader.APP_ID not in text
    if not relative.endswith(".metainfo.xml.in"):  # release notes name their version on purpose
        assert f'"{reader.__version__}"' not in text and f"={reader.__version__}" not in text


def test_the_scripts_are_named_after_the_app():
    assert PYPROJECT["project"]["name"] == reader.APP_SLUG
    assert f"{reader.APP_SLUG}" in PYPROJECT["project"]["gui-scripts"]
    assert f"{reader.APP_SLUG}-cli" in PYPROJECT["project"]["scripts"]


def test_every_python_package_in_reader_goes_into_the_wheel():
    """pyproject lists packages explicitly: a new sub-package that is not listed would be missing when installed."""
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "reader").rglob("*.py")
               if "__pycache__" not in p.parts}
    assert on_disk - listed == set()


def test_the_seeds_and_resources_are_package_data():
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert setuptools["package-dir"] == {"reader.seeds": "seeds", "reader.resources": "resources"}
    data = setuptools["package-data"]
    seeds = [p for pattern in data["reader.seeds"] for p in (ROOT / "seeds").glob(pattern)]
    assert {p.name for p in seeds} >= {"the-world-iran-missile-attack.txt", "reuters-iran-missile-attack.txt"}
    assert data["reader.resources"] == ["**/*"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_desktop_install_and_uninstall(tmp_path):
    prefix, program = tmp_path / "prefix", tmp_path / "my apps" / "parallel-reader"
    env = dict(os.environ, PATH="/usr/bin:/bin")
    done = subprocess.run(["bash", str(INSTALLER), "--prefix", str(prefix), "--exec", str(program)],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    share = prefix / "share"
    desktop = share / "applications" / f"{reader.APP_ID}.desktop"
    lines = desktop.read_text(encoding="utf-8").splitlines()
    assert f'Exec="{program}" %F' in lines and f"TryExec={program}" in lines
    assert (share / "metainfo" / f"{reader.APP_ID}.metainfo.xml").is_file()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{reader.APP_ID}.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{reader.APP_ID}.svg").is_file()

    gone = subprocess.run(["bash", str(INSTALLER), "--prefix", str(prefix), "--uninstall"],
                          capture_output=True, text=True, env=env)
    assert gone.returncode == 0, gone.stderr
    assert not desktop.exists()
    assert not list(share.rglob(f"{reader.APP_ID}*"))
