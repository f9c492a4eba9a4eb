"""Which system libraries Qt's X11 platform plugin needs and which are missing, before Qt starts.

May import: the standard library only. Without these libraries Qt stops with "Could not load the
Qt platform plugin xcb", which names no package; this check names the Debian/Ubuntu packages.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

# sonames that Qt 6's xcb platform plugin links against and that desktops often lack
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11-xcb.so.1": "libx11-xcb1",
}


def _loadable(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will start on its X11 (xcb) platform plugin in this environment."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    return not environ.get("WAYLAND_DISPLAY") and bool(environ.get("DISPLAY"))


def missing_packages(
    environ: Mapping[str, str] | None = None, loadable: Callable[[str], bool] = _loadable
) -> list[str]:
    """The packages to install before the window can open; empty when nothing is missing."""
    environ = os.environ if environ is None else environ
    if not uses_xcb(environ):
        return []
    return [package for soname, package in XCB_LIBRARIES.items() if not loadable(soname)]


def advice(packages: list[str]) -> str:
    return (
        "Source Compare cannot open its window: system libraries that Qt needs are missing.\n"
        f"On Debian or Ubuntu install them with:  sudo apt-get install {' '.join(packages)}\n"
        "The command line (source-compare compare ...) works without them."
    )
