"""The Linux desktop entry and AppStream metainfo: rendered from templates with the identity in reader/__init__.py."""
from __future__ import annotations

import configparser
import importlib.util
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import reader

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{reader.APP_ID}.desktop"
METAINFO = LINUX / f"{reader.APP_ID}.metainfo.xml"
MIME_TYPES = {"text/plain", "text/html", "text/markdown", "application/pdf",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _load_render():
    spec = importlib.util.spec_from_file_location("render", ROOT / "packaging" / "render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render = _load_render()


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_identity_is_read_from_the_package():
    values = render.identity()
    assert values == {"VERSION": reader.__version__, "APP_ID": reader.APP_ID,
                      "APP_NAME": reader.APP_NAME, "APP_SLUG": reader.APP_SLUG}


def test_rendered_files_match_their_templates():
    files = render.rendered_files()
    assert set(files) == {DESKTOP, METAINFO}
    assert render.stale(files) == [], "run: python packaging/render.py"


def test_desktop_entry_fields():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == reader.APP_NAME
    assert entry["GenericName"] and entry["Comment"]
    assert entry["Exec"].split() == [reader.APP_SLUG, "%F"]  # two files, as a list
    assert entry["TryExec"] == reader.APP_SLUG
    assert entry["Icon"] == reader.APP_ID
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Office;Utility;TextTools;"
    assert set(filter(None, entry["MimeType"].split(";"))) == MIME_TYPES
    assert len(list(filter(None, entry["Keywords"].split(";")))) >= 5


def test_metainfo_describes_this_version():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == reader.APP_ID
    assert root.findtext("name") == reader.APP_NAME
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "MIT"
    assert root.findtext("developer_name")
    assert root.find("launchable").text == f"{reader.APP_ID}.desktop"
    assert [b.text for b in root.iter("binary")] == [reader.APP_SLUG]
    assert root.find("content_rating").get("type") == "oars-1.1"
    image = root.find("screenshots/screenshot/image").text
    assert image.startswith("https://") and image.endswith(".png")
    newest = root.find("releases/release")
    assert newest.get("version") == reader.__version__
    assert len("".join(newest.find("description").itertext()).split()) >= 20  # real release notes


def test_a_version_without_release_notes_is_refused():
    values = dict(render.identity(), VERSION="99.0.0")
    with pytest.raises(SystemExit, match="add a <release> entry with notes for 99.0.0"):
        render.rendered_files(values)


def test_an_unknown_placeholder_is_refused():
    with pytest.raises(SystemExit, match="@APP_COLOUR@"):
        render.render_text("Name=@APP_NAME@ @APP_COLOUR@", {"APP_NAME": "x"}, "t.in")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validate_accepts_the_entry():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    errors = [line for line in result.stdout.splitlines() if "error:" in line or "warning:" in line]
    assert result.returncode == 0 and not errors, result.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_appstreamcli_validates_the_metainfo():
    result = subprocess.run(["appstreamcli", "validate", "--no-net", "--strict", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
