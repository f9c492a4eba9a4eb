"""Where Source Compare's resources and sample articles live, however it was installed.

May import: the standard library only. This is the one module that knows the layouts:
a source tree (``<repo>/resources``, ``<repo>/seeds``), an installed wheel
(``viewer/data/resources``, ``viewer/data/seeds``) and a frozen one-folder bundle
(``<bundle>/viewer/data/...`` under ``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    found = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        found.append(Path(frozen_root) / "viewer" / "data" / name)
    found.append(_PACKAGE_DIR / "data" / name)  # installed wheel
    found.append(_PACKAGE_DIR.parent / name)  # source tree / editable install
    return found


@cache
def _root(name: str) -> Path:
    for path in _candidates(name):
        if path.is_dir():
            return path
    raise FileNotFoundError(
        f"Source Compare's {name}/ folder was not found; looked in: "
        + ", ".join(str(p) for p in _candidates(name))
    )


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, e.g. ``resource_path("icons", "app.svg")``."""
    return _root("resources").joinpath(*parts)


def seeds_dir() -> Path:
    """The folder of sample articles shipped with the app."""
    return _root("seeds")


def seed_path(prefix: str) -> Path:
    """The sample article whose file name starts with ``prefix`` (e.g. ``"000"``)."""
    matches = sorted(seeds_dir().glob(f"{prefix}*"))
    if not matches:
        raise FileNotFoundError(f"no sample article starting with {prefix!r} in {seeds_dir()}")
    return matches[0]
