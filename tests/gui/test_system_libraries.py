"""The check that names missing X11 libraries before Qt fails with its plugin error."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from viewer.gui import system_libraries


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({"DISPLAY": ":0"}, "linux", True),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "darwin", False),
    ],
)
def test_uses_xcb(environ, platform, expected):
    assert system_libraries.uses_xcb(environ, platform) is expected


def test_missing_libraries_are_named_by_package():
    absent = {"libxcb-cursor.so.0", "libxcb-keysyms.so.1"}
    missing = system_libraries.missing_packages(
        {"QT_QPA_PLATFORM": "xcb"}, loadable=lambda soname: soname not in absent
    )
    if not sys.platform.startswith("linux"):
        assert missing == []
        return
    assert missing == ["libxcb-cursor0", "libxcb-keysyms1"]
    assert "sudo apt-get install libxcb-cursor0 libxcb-keysyms1" in system_libraries.advice(missing)


def test_offscreen_needs_no_x11_libraries():
    assert (
        system_libraries.missing_packages(
            {"QT_QPA_PLATFORM": "offscreen"}, loadable=lambda s: False
        )
        == []
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux desktops")
def test_the_app_stops_with_the_advice_instead_of_qt_s_plugin_error(tmp_path):
    # A library that cannot exist stands in for one the desktop lacks.
    code = (
        "import sys\n"
        "from viewer.gui import system_libraries\n"
        "system_libraries.XCB_LIBRARIES['libsource-compare-absent.so.0'] = "
        "'libsource-compare-absent0'\n"
        "from viewer.gui.app import main\n"
        "sys.exit(main(['--settings', sys.argv[1]]))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "s.ini")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1
    # other xcb libraries may be missing on this machine too; the advice names them all
    install_line = next(
        line for line in result.stderr.splitlines() if "sudo apt-get install" in line
    )
    assert "libsource-compare-absent0" in install_line.split()
    assert "Traceback" not in result.stderr
