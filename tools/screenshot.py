"""Renders docs/screenshot.png: the main window (1400 x 900) comparing the samples 000 and 001,
the first change selected and the pointer on the first moved phrase of the source.

Run from the repository: ``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshot.py``.
``tools/screenshot.py TARGET WxH [HEIGHT]`` shoots another size, cut to its top HEIGHT pixels;
docs/summary-and-legend.png is ``tools/screenshot.py docs/summary-and-legend.png 1000x700 330``.
Uses a throwaway settings file, so the user's settings are never read or written.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

WINDOW_SIZE_PX = (1400, 900)
MAX_BYTES = 400 * 1024
EXACT_COLOURS = 160
TIMEOUT_S = 60


def with_common_colours(image):
    """``image`` mapped onto 256 of its own colours: its most common colours (flat UI colours and
    gradients stay exact), then the most common colour of each of the busiest colour regions
    (16 levels per channel, so small icons keep their hue). The PNG shrinks to about a third."""
    from collections import Counter

    from PySide6.QtGui import QImage

    rgb32 = image.convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(rgb32.constBits())
    counts = Counter(
        int.from_bytes(data[i : i + 4], "little") & 0xFFFFFF for i in range(0, len(data), 4)
    )
    regions: dict[
        int, list[int]
    ] = {}  # region -> [pixels in it, its most common colour, that colour's count]
    for colour, count in counts.items():
        region = (colour >> 4) & 0x0F0F0F
        entry = regions.setdefault(region, [0, colour, count])
        entry[0] += count
        if count > entry[2]:
            entry[1], entry[2] = colour, count
    table = [colour for colour, _ in counts.most_common(EXACT_COLOURS)]
    for entry in sorted(regions.values(), key=lambda entry: entry[0], reverse=True):
        if len(table) == 256:
            break
        if entry[1] not in table:
            table.append(entry[1])
    return rgb32.convertToFormat(
        QImage.Format.Format_Indexed8, [colour | 0xFF000000 for colour in table]
    )


def point_at_first_moved_phrase(window) -> None:
    """Move the pointer onto the source pane's first moved phrase, as a reader would."""
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    from viewer.core.model import Side

    pane = window.view.pane(Side.SOURCE)
    model = pane.model()
    moved = next((run for run in model.paired if run.moved), None) if model else None
    if moved is None:
        return
    cursor = QTextCursor(pane.document())
    cursor.setPosition(moved.start + 1)
    QTest.mouseMove(pane.viewport(), pane.cursorRect(cursor).center())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from viewer.gui.app import create_application
    from viewer.gui.main_window import MainWindow
    from viewer.gui.settings import AppSettings
    from viewer.resources import seed_path

    target = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[1] / "docs" / "screenshot.png"
    )
    size = tuple(int(n) for n in sys.argv[2].split("x")) if len(sys.argv) > 2 else WINDOW_SIZE_PX
    crop_height = int(sys.argv[3]) if len(sys.argv) > 3 else None
    app = create_application([])
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(AppSettings.open(Path(folder) / "settings.ini"))
        window.resize(*size)
        window.show()
        shown = []
        window.comparison_shown.connect(shown.append)
        window.open_files(str(seed_path("000")), str(seed_path("001")))
        deadline = time.monotonic() + TIMEOUT_S
        while not shown and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.005)
        if not shown:
            sys.stderr.write("no comparison on screen; screenshot not taken\n")
            return 1
        window.next_change()  # a selected change shows the band highlight and "change 1 of N"
        point_at_first_moved_phrase(window)  # its partner in the other pane lights up
        for _ in range(10):
            app.processEvents()
        target.parent.mkdir(parents=True, exist_ok=True)
        image = window.grab().toImage()
        if crop_height is not None:
            image = image.copy(0, 0, image.width(), min(crop_height, image.height()))
        image = with_common_colours(image)
        if not image.save(str(target), "PNG", 0):  # quality 0 = strongest compression
            sys.stderr.write(f"could not write {target}\n")
            return 1
        window.close()
    size = target.stat().st_size
    sys.stderr.write(f"{target}: {size / 1024:.0f} KB\n")
    return 0 if size <= MAX_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
