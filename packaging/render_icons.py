"""Render the application icon's PNG sizes, Windows .ico and macOS .icns from its one SVG.

May import: the standard library, PySide6 (QtGui, QtSvg) and ``viewer`` for the application id.
Run from anywhere after editing the SVG, then commit what it wrote:

    .venv/bin/python packaging/render_icons.py

It writes ``resources/icons/hicolor/<N>x<N>/apps/<APP_ID>.png`` (the freedesktop icon theme
layout that ``packaging/linux/install.sh`` copies) and ``packaging/icons/source-compare.ico`` /
``.icns`` (what PyInstaller's ``icon=`` needs on Windows and macOS). The two container formats
are written with the standard library around Qt-rendered PNGs, so no imaging package is needed
and each holds every size rather than the single image Qt's own writers store.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from viewer import APP_ID  # noqa: E402  (needs the repository on sys.path first)

ICONS_DIR = REPO / "resources" / "icons"
SVG_PATH = ICONS_DIR / f"{APP_ID}.svg"
PLATFORM_ICONS_DIR = REPO / "packaging" / "icons"
HICOLOR_SIZES_PX = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES_PX = (16, 24, 32, 48, 64, 128, 256)
# Apple's PNG-bearing icon types; the @2x types share pixel sizes with larger 1x ones.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def hicolor_png_path(size_px: int) -> Path:
    return ICONS_DIR / "hicolor" / f"{size_px}x{size_px}" / "apps" / f"{APP_ID}.png"


def render_png(svg_path: Path, size_px: int) -> bytes:
    """The SVG drawn on a transparent ``size_px`` square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg_path))
    if not renderer.isValid():
        raise SystemExit(f"{svg_path} is not a valid SVG")
    image = QImage(size_px, size_px, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"Qt could not encode a {size_px} px PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon holding one PNG per size (PNG entries are valid since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        png = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        payload += png
        offset += len(png)
    return header + entries + payload


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    chunks = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def write_if_changed(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == data:
        return
    path.write_bytes(data)
    print(f"wrote {path.relative_to(REPO)}")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841
    sizes = set(HICOLOR_SIZES_PX) | set(ICO_SIZES_PX) | {size for _, size in ICNS_TYPES}
    pngs = {size: render_png(SVG_PATH, size) for size in sorted(sizes)}
    for size in HICOLOR_SIZES_PX:
        write_if_changed(hicolor_png_path(size), pngs[size])
    write_if_changed(
        PLATFORM_ICONS_DIR / "source-compare.ico",
        ico_bytes({size: pngs[size] for size in ICO_SIZES_PX}),
    )
    write_if_changed(PLATFORM_ICONS_DIR / "source-compare.icns", icns_bytes(pngs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
