"""Source Compare: see exactly how one article was made from another.

The package has three layers, each importing only from the ones before it:
``viewer.core`` (pure Python, never Qt), ``viewer.cli`` (the command line) and
``viewer.gui`` (the PySide6 desktop app).

May import: the standard library only: every layer imports this module for the name and
version.
"""

from importlib import metadata as _metadata

APP_NAME = "Source Compare"
APP_ID = "io.github.source_compare.SourceCompare"
"""The reverse-DNS application id: .desktop file, AppStream metainfo, icon name, settings."""

try:
    __version__ = _metadata.version("source-compare")
except _metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
