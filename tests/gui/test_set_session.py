"""The set session without a window: inputs, folders, exclusions, re-centring, dates, answers."""

from __future__ import annotations

import shutil

import pytest

from viewer.core import compare, document_from_text, load_document
from viewer.core.export.set_json import SetFile
from viewer.core.outlets import compare_set
from viewer.gui.set_session import SetItem, SetResult, SetSession, files_in
from viewer.gui.set_view import sentence_card_html
from viewer.resources import seed_path


def test_folders_expand_and_nothing_is_added_twice(tmp_path):
    for n in ("000", "001", "002"):
        shutil.copy(seed_path(n), tmp_path)
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert [p.split("/")[-1][:3] for p in files_in([str(tmp_path)])] == ["000", "001", "002"]
    session = SetSession()
    session.set_source(str(tmp_path / seed_path("000").name))
    assert session.add_outlets([str(tmp_path)]) == 2  # the source is not its own outlet
    assert session.add_outlets([str(tmp_path / seed_path("001").name)]) == 0
    assert [o.name[:3] for o in session.outlets] == ["001", "002"]


def test_exclude_make_source_and_request():
    session = SetSession()
    session.set_source("wire.txt")
    session.add_outlets(["a.txt", "b.txt"])
    session.set_excluded("a.txt", True)
    assert [o.name for o in session.request().outlets] == ["b.txt"]
    session.set_excluded("a.txt", False)
    assert session.make_source("b.txt")
    request = session.request()
    assert request.source.name == "b.txt"
    assert [o.name for o in request.outlets] == ["a.txt", "wire.txt"]
    assert not session.make_source("missing.txt")


def test_stale_answers_change_nothing():
    source = document_from_text("Rain fell on the city today.\n", "s.txt")
    rewrite = document_from_text("Rain fell on the city today.\n", "r.txt")
    outlet_set = compare_set(source, [rewrite])
    session = SetSession()
    session.set_source("s.txt")
    session.add_outlets(["r.txt"])
    session.started(session.request(), 1)
    session.started(session.request(), 2)
    assert not session.on_finished(SetResult(1, outlet_set))
    assert session.outlet_set is None
    loaded = (SetItem(path="s.txt", document=source), SetItem(path="r.txt", document=rewrite))
    assert session.on_finished(SetResult(2, outlet_set, ("x.txt: gone",), loaded))
    assert session.outlet_set is outlet_set and session.problems == ("x.txt: gone",)
    assert session.source.document is source  # loaded documents are not read again
    assert session.outlets[0].document is rewrite


def test_dates_typed_in_reorder_nothing_but_the_dates():
    source = load_document(seed_path("000"))
    outlet_set = compare_set(source, [load_document(seed_path(n)) for n in ("001", "002")])
    session = SetSession()
    session.open_file(SetFile(outlet_set), "set.json")
    name = outlet_set.spoke(1).name
    session.set_date(name, "2021-10-05")
    assert session.outlet_set.dates == (None, "2021-10-05")
    assert session.outlet_set.comparisons == outlet_set.comparisons
    assert session.outlets[1].date == "2021-10-05"
    with pytest.raises(ValueError, match="not a date"):
        session.set_date(name, "Tuesday")


def test_the_card_collapses_identical_renderings():
    source = document_from_text(
        "The bridge will close on Monday for repairs.\n\nTraffic will be diverted.\n", "wire.txt"
    )
    same = "The bridge will close on Monday for repairs.\n"
    other = "On Monday the bridge shuts so that it can be repaired.\n"
    rewrites = [
        document_from_text(same, "a.txt"),
        document_from_text(same, "b.txt"),
        document_from_text(same, "c.txt"),
        document_from_text(other, "d.txt"),
        document_from_text("Nothing to do with it at all here.\n", "e.txt"),
    ]
    outlet_set = compare_set(source, rewrites)
    assert compare(source, rewrites[3]).blocks[0].kind.value != "identical"
    card = sentence_card_html(outlet_set, 0)
    assert "verbatim in 3 outlets</b>" in card
    assert card.index("verbatim in 3 outlets") < card.index("in 1 outlet<")
    assert "omitted by 1 outlet</b>: e.txt" in card
    assert card.count('href="pair:') == 4


def test_what_saving_writes_keeps_the_outlets_left_out():
    source = document_from_text("Rain fell on the city today. The river rose.\n", "s.txt")
    kept = document_from_text("Rain fell on the city today.\n", "a.txt")
    left = document_from_text("The river rose in the night.\n", "b.txt")
    session = SetSession()
    session.set_source("s.txt")
    session.add_outlets(["a.txt", "b.txt", "c.txt"])
    assert session.set_file() is None  # nothing on screen yet
    loaded = tuple(
        SetItem(path=doc.name, document=doc) for doc in (source, kept, left)
    )  # c.txt could not be read
    session.started(session.request(), 1)
    session.on_finished(SetResult(1, compare_set(source, [kept, left]), ("c.txt: gone",), loaded))
    session.set_excluded("b.txt", True)
    session.set_excluded("c.txt", True)
    # left out, but the set on screen still compares it until the next run answers
    assert session.set_file().excluded == ()
    session.started(session.request(), 2)
    session.on_finished(SetResult(2, compare_set(source, [kept])))
    stored = session.set_file()
    assert [(e.document, e.date) for e in stored.excluded] == [(left, None)]  # c.txt: no text
    reopened = SetSession()
    reopened.open_file(stored, "set.json")
    assert reopened.is_excluded("b.txt")
    assert [o.name for o in reopened.request().outlets] == ["a.txt"]
    reopened.excluded = []
    assert [o.name for o in reopened.request().outlets] == ["a.txt", "b.txt"]
