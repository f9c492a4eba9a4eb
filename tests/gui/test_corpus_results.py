"""File ▸ Open Corpus Results…: a corpus run's rows of one source open as a set of outlets.

A tiny corpus is run in-process (synchronous, so neither Dask nor, for JSONL, pyarrow is
needed), then opened through the window with the folder and source dialogs answered here.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from viewer.corpus.pipeline import CorpusRun, Settings, run_corpus
from viewer.gui.corpus_dialog import CorpusSourceDialog
from viewer.gui.corpus_results import NoComparisonsError, ResultsError, scan_results
from viewer.gui.set_window import SET_PAGE, SetWindow

REPO_ROOT = Path(__file__).resolve().parents[2]
WAIT_MS = 30_000


def _generator():
    spec = importlib.util.spec_from_file_location(
        "synthetic_corpus", REPO_ROOT / "benchmarks" / "synthetic_corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synthetic_corpus", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return sys.modules["synthetic_corpus"]


def _run(tmp_path: Path, name: str, settings: Settings) -> Path:
    generator = _generator()
    corpus = generator.make_corpus(5, sources=6, articles=40)
    folder = tmp_path / "corpus"
    sources = folder / "sources.jsonl"
    if not sources.exists():
        generator.write_jsonl(corpus.sources, sources)
        generator.write_shards(corpus.articles, folder / "articles", 20)
    out = tmp_path / name
    run = CorpusRun(str(sources), str(folder / "articles"), str(out), settings, "synchronous")
    outcome = run_corpus(run, quiet=True)
    assert outcome.failed == []
    assert outcome.pairs > 0
    return out


def _rows(out: Path) -> list[dict]:
    rows = []
    for part in sorted((out / "pairs").glob("part-*.jsonl")):
        rows += [json.loads(line) for line in part.read_text(encoding="utf-8").splitlines()]
    return rows


@pytest.fixture(scope="module")
def full_run(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("corpus-results")
    return _run(tmp, "results", Settings(format="jsonl", full_json=True))


@pytest.fixture
def set_window(qtbot, app_settings):
    window = SetWindow(app_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _most_reused(rows: list[dict]) -> str:
    counts = Counter(r["source_id"] for r in rows if r["error"] is None)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]


def test_scan_lists_every_source_with_its_articles(full_run):
    rows = _rows(full_run)
    results = scan_results(str(full_run))
    expected = Counter(r["source_id"] for r in rows if r["error"] is None)
    assert dict(results.sources) == dict(expected)
    assert results.sources[0][1] == max(expected.values())
    assert results.problems == ()


def test_open_corpus_results_shows_the_chosen_source_as_a_set(
    qtbot, set_window, full_run, monkeypatch
):
    rows = _rows(full_run)
    chosen = sorted({r["source_id"] for r in rows})[-1]  # not the first one offered
    mine = [r for r in rows if r["source_id"] == chosen and r["error"] is None]
    assert len(mine) >= 2
    offered: list[list[str]] = []

    def answer(results, parent=None):
        offered.append([source_id for source_id, _n in results.sources])
        return chosen

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(full_run))
    monkeypatch.setattr(CorpusSourceDialog, "choose", staticmethod(answer))
    with qtbot.waitSignal(set_window.set_shown, timeout=WAIT_MS):
        set_window.open_corpus_action.trigger()

    assert chosen in offered[0]
    assert set_window.stack.currentIndex() == SET_PAGE
    shown = set_window.session.outlet_set
    assert shown is not None
    hub_text = json.loads(mine[0]["comparison"])["left"]["text"]
    assert shown.hub.text == hub_text
    names = {f"{r['outlet']} · {r['article_id']}": r["article_date"] for r in mine}
    assert sorted(d.name for d in shown.spokes) == sorted(names)
    for document, date in zip(shown.spokes, shown.dates, strict=True):
        assert date == names[document.name]
    model = set_window.set_view.table.table_model
    assert model.rowCount() == len(mine)
    assert chosen in set_window.windowTitle()
    assert set_window.session.saved_path is None


def test_results_without_full_json_say_to_rerun(qtbot, set_window, tmp_path, monkeypatch):
    out = _run(tmp_path, "summaries", Settings(format="jsonl", full_json=False))
    with pytest.raises(NoComparisonsError):
        scan_results(str(out))
    asked = []
    monkeypatch.setattr(
        CorpusSourceDialog, "choose", staticmethod(lambda *a, **k: asked.append(a) or None)
    )
    with qtbot.waitSignal(set_window.run_ended, timeout=WAIT_MS):
        set_window.open_corpus_results(str(out))
    assert asked == []
    assert "rerun the corpus command with --full-json" in set_window.notice.text()
    assert set_window.session.outlet_set is None
    assert set_window.isVisible()


def test_a_folder_that_is_not_results_is_a_message(qtbot, set_window, tmp_path):
    with pytest.raises(ResultsError):
        scan_results(str(tmp_path))
    with qtbot.waitSignal(set_window.run_ended, timeout=WAIT_MS):
        set_window.open_corpus_results(str(tmp_path))
    assert "is not the results folder of a corpus run" in set_window.notice.text()


def test_a_broken_part_is_skipped_and_named(full_run, tmp_path):
    copy = tmp_path / "copy" / "pairs"
    copy.mkdir(parents=True)
    for part in (full_run / "pairs").glob("part-*.jsonl"):
        (copy / part.name).write_bytes(part.read_bytes())
    (copy / "part-99999.jsonl").write_text("{not json\n", encoding="utf-8")
    results = scan_results(str(copy.parent))
    assert results.sources == scan_results(str(full_run)).sources
    assert any("part-99999.jsonl" in p and "not JSON" in p for p in results.problems)


def test_parquet_results_open_the_same_set(full_run, tmp_path):
    pytest.importorskip("pyarrow")
    from viewer.gui.corpus_results import load_source_set

    out = _run(tmp_path, "parquet", Settings(format="parquet", full_json=True))
    jsonl, parquet = scan_results(str(full_run)), scan_results(str(out))
    assert parquet.sources == jsonl.sources
    source_id = jsonl.sources[0][0]
    a, _ = load_source_set(jsonl, source_id)
    b, _ = load_source_set(parquet, source_id)
    assert [d.name for d in a.spokes] == [d.name for d in b.spokes]
    assert a.matrix == b.matrix


def test_main_window_opens_corpus_results_in_a_set_window(
    qtbot, make_window, full_run, monkeypatch
):
    window = make_window()
    source_id = _most_reused(_rows(full_run))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(full_run))
    monkeypatch.setattr(CorpusSourceDialog, "choose", staticmethod(lambda *a, **k: source_id))
    window.open_corpus_action.trigger()
    (set_window,) = window.set_windows()
    qtbot.waitUntil(lambda: set_window.session.outlet_set is not None, timeout=WAIT_MS)
    assert source_id in set_window.windowTitle()
    set_window.close()


def test_parquet_parts_without_pyarrow_say_what_to_install(full_run, tmp_path, monkeypatch):
    pytest.importorskip("pyarrow")
    out = _run(tmp_path, "parquet", Settings(format="parquet", full_json=True))
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # as if it were not installed
    with pytest.raises(ResultsError, match=r"need pyarrow.*source-compare\[corpus\]"):
        scan_results(str(out))


def test_the_chooser_lists_sources_most_reused_first(qtbot, full_run):
    results = scan_results(str(full_run))
    dialog = CorpusSourceDialog(results)
    qtbot.addWidget(dialog)
    assert dialog.sources.count() == len(results.sources)
    first_id, first_n = results.sources[0]
    assert dialog.sources.item(0).text().startswith(first_id)
    assert f"{first_n} articles" in dialog.sources.item(0).text()
    assert dialog.chosen() == first_id
    dialog.sources.setCurrentRow(2)
    assert dialog.chosen() == results.sources[2][0]
