"""AppSettings: values survive a reopen of the INI file, and bad values read back safely."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from viewer.gui.settings import MAX_RECENT, ZOOM_LIMIT_STEPS, AppSettings


def test_defaults_on_an_empty_file(settings_file):
    s = AppSettings.open(settings_file)
    assert s.recent_comparisons() == []
    assert s.last_comparison() is None
    assert s.zoom() == 0
    assert (s.hide_identical(), s.show_boilerplate(), s.linked_scrolling()) == (False, True, True)
    assert s.show_tentative()
    assert s.geometry() is None


def test_values_survive_reopening(settings_file):
    s = AppSettings.open(settings_file)
    s.set_geometry(QByteArray(b"\x01\x02geometry"))
    s.set_zoom(3)
    s.set_hide_identical(True)
    s.set_show_boilerplate(False)
    s.set_linked_scrolling(False)
    s.set_last_comparison("/tmp/a b.txt", "/tmp/c,d.html")
    s.add_recent_comparison("/tmp/one.txt", "/tmp/two.txt")
    s.sync()
    again = AppSettings.open(settings_file)
    assert bytes(again.geometry().data()) == b"\x01\x02geometry"
    assert again.zoom() == 3
    assert (again.hide_identical(), again.show_boilerplate(), again.linked_scrolling()) == (
        True,
        False,
        False,
    )
    assert again.last_comparison() == ("/tmp/a b.txt", "/tmp/c,d.html")
    assert again.recent_comparisons() == [
        ("/tmp/one.txt", "/tmp/two.txt")
    ]  # a list of one survives


def test_recent_is_most_recent_first_deduplicated_and_capped(settings_file):
    s = AppSettings.open(settings_file)
    for n in range(MAX_RECENT + 3):
        s.add_recent_comparison(f"/a{n}.txt", f"/b{n}.txt")
    s.add_recent_comparison("/a5.txt", "/b5.txt")
    s.sync()
    pairs = AppSettings.open(settings_file).recent_comparisons()
    assert len(pairs) == MAX_RECENT
    assert pairs[0] == ("/a5.txt", "/b5.txt")
    assert pairs[1] == (f"/a{MAX_RECENT + 2}.txt", f"/b{MAX_RECENT + 2}.txt")
    assert pairs.count(("/a5.txt", "/b5.txt")) == 1


def test_mangled_values_fall_back(settings_file):
    raw = QSettings(str(settings_file), QSettings.Format.IniFormat)
    raw.setValue("view/zoom", "lots")
    raw.setValue("view/hide_identical", "maybe")
    raw.setValue("recent/comparisons", ["no separator", "/x.txt\n/y.txt"])
    raw.setValue("window/geometry", "not bytes")
    raw.sync()
    s = AppSettings.open(settings_file)
    assert s.zoom() == 0
    assert s.hide_identical() is False
    assert s.recent_comparisons() == [("/x.txt", "/y.txt")]
    assert s.geometry() is None
    raw.setValue("view/zoom", 999)
    raw.sync()
    assert AppSettings.open(settings_file).zoom() == ZOOM_LIMIT_STEPS


def test_recent_paths_with_line_breaks_and_odd_characters_survive(settings_file):
    s = AppSettings.open(settings_file)
    odd = [
        ("/tmp/two\nlines.txt", "/tmp/plain.txt"),
        ("/tmp/plain.txt", "/tmp/carriage\rreturn.html"),
        ('/tmp/["quoted", "list"].txt', "/tmp/tab\tand\u202eevil.txt"),
        ("/tmp/undecodable-\udcff.txt", "/tmp/ünïcode.txt"),
    ]
    for left, right in reversed(odd):
        s.add_recent_comparison(left, right)
    s.sync()
    assert AppSettings.open(settings_file).recent_comparisons() == odd


def test_recent_pairs_in_the_older_form_still_read(settings_file):
    raw = QSettings(str(settings_file), QSettings.Format.IniFormat)
    raw.setValue("recent/comparisons", ["/old/a.txt\n/old/b.txt", "[not json", "/c.txt\n/d.txt"])
    raw.sync()
    assert AppSettings.open(settings_file).recent_comparisons() == [
        ("/old/a.txt", "/old/b.txt"),
        ("/c.txt", "/d.txt"),
    ]


def test_match_by_meaning_is_on_until_switched_off(settings_file):
    s = AppSettings.open(settings_file)
    assert s.match_by_meaning() is True
    s.set_match_by_meaning(False)
    s.sync()
    assert AppSettings.open(settings_file).match_by_meaning() is False


def test_show_punctuation_changes_is_off_until_switched_on(settings_file):
    s = AppSettings.open(settings_file)
    assert s.show_punctuation() is False
    s.set_show_punctuation(True)
    s.sync()
    assert AppSettings.open(settings_file).show_punctuation() is True
