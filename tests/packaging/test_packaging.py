"""Packaging metadata: the desktop entry, AppStream metainfo, icons, PyInstaller spec, version."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

import pytest

import viewer

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{viewer.APP_ID}.desktop"
METAINFO = LINUX / f"{viewer.APP_ID}.metainfo.xml"
SPEC = ROOT / "packaging" / "pyinstaller" / "source-compare.spec"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
ICON_SIZES_PX = (16, 32, 48, 64, 128, 256, 512)
EXPECTED_MIME_TYPES = {
    "text/plain",
    "text/html",
    "text/markdown",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in desktop files
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_starts_the_app_with_files_and_names_the_icon_by_app_id():
    entry = desktop_entry()
    assert entry["Exec"] == "source-compare %F"
    assert entry["Icon"] == viewer.APP_ID
    assert entry["StartupWMClass"] == viewer.APP_ID
    assert entry["Type"] == "Application"
    assert set(filter(None, entry["MimeType"].split(";"))) == EXPECTED_MIME_TYPES


def test_the_console_script_matches_the_desktop_entry():
    assert PYPROJECT["project"]["scripts"]["source-compare"] == "viewer.__main__:main"


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate (Debian desktop-file-utils) is not installed",
)
def test_desktop_entry_validates():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower()


def test_metainfo_names_the_app_id_the_launcher_and_the_current_version():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == viewer.APP_ID
    assert root.find("launchable").text == DESKTOP.name
    releases = root.find("releases").findall("release")
    assert releases[0].get("version") == PYPROJECT["project"]["version"]
    assert root.findtext("project_license") == PYPROJECT["project"]["license"]
    assert root.find("provides").findtext("binary") == "source-compare"
    assert {m.text for m in root.find("provides").findall("mediatype")} == EXPECTED_MIME_TYPES


@pytest.mark.skipif(
    shutil.which("appstreamcli") is None, reason="appstreamcli (Debian appstream) is not installed"
)
def test_metainfo_validates():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size_px", ICON_SIZES_PX)
def test_icon_png_exists_at_each_size(size_px):
    path = (
        ROOT
        / "resources"
        / "icons"
        / "hicolor"
        / f"{size_px}x{size_px}"
        / "apps"
        / f"{viewer.APP_ID}.png"
    )
    assert png_size(path) == (size_px, size_px)


def test_icon_svg_and_platform_icons_exist():
    svg = ROOT / "resources" / "icons" / f"{viewer.APP_ID}.svg"
    assert ET.parse(svg).getroot().tag.endswith("svg")
    assert (ROOT / "packaging" / "icons" / "source-compare.ico").read_bytes()[
        :4
    ] == b"\x00\x00\x01\x00"
    assert (ROOT / "packaging" / "icons" / "source-compare.icns").read_bytes()[:4] == b"icns"


def test_spec_bundles_resources_and_seeds_where_the_app_looks_for_them():
    spec = SPEC.read_text(encoding="utf-8")
    assert '"viewer/data/resources"' in spec and '"viewer/data/seeds"' in spec
    assert "launcher.py" in spec and (SPEC.parent / "launcher.py").is_file()
    assert f'APP_ID = "{viewer.APP_ID}"' in spec
    assert 'copy_metadata("source-compare")' in spec


def test_spec_bundles_the_classifier_data_next_to_its_package():
    spec = SPEC.read_text(encoding="utf-8")
    assert '(str(ROOT / "viewer" / "core" / "fitted"), "viewer/core/fitted")' in spec
    assert (ROOT / "viewer" / "core" / "fitted" / "manifest.json").is_file()


def test_wheel_maps_resources_and_seeds_into_the_package():
    mapping = PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert mapping == {"resources": "viewer/data/resources", "seeds": "viewer/data/seeds"}


def test_installed_version_is_the_pyproject_version():
    assert (
        metadata.version("source-compare") == PYPROJECT["project"]["version"] == viewer.__version__
    )
