"""``source-compare corpus``: exit codes, messages, and what it needs installed."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from viewer.corpus.command import main


def test_a_run_writes_pairs_stats_and_provenance(small_corpus, tmp_path, capsys):
    _, sources, articles = small_corpus
    out = tmp_path / "results"
    code = main(
        [
            "corpus",
            str(sources),
            str(articles),
            "--out",
            str(out),
            "--scheduler",
            "synchronous",
            "--format",
            "jsonl",
        ]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "shard 3 of 3" in err and "pairs from 300 articles" in err
    assert sorted(p.name for p in (out / "pairs").glob("part-*.jsonl")) == [
        "part-00000.jsonl",
        "part-00001.jsonl",
        "part-00002.jsonl",
    ]
    provenance = json.loads((out / "run.json").read_text())
    assert provenance["parameters"]["min_match"] == 8
    assert provenance["parameters"]["ngram"] == 5
    assert provenance["counts"]["articles"] == 300
    assert len(provenance["inputs"]["articles"]) == 16
    assert "source-compare" in provenance["versions"]
    stats = json.loads((out / "stats.json").read_text())
    assert set(stats) == {"definitions", "overall", "sources", "outlets"}
    assert sum(o["articles"] for o in stats["outlets"].values()) == 300


def test_input_problems_are_one_line_and_exit_1(tmp_path, capsys):
    assert main([str(tmp_path / "none"), str(tmp_path), "--out", str(tmp_path / "o")]) == 1
    assert capsys.readouterr().err.strip().endswith("none: no such file or folder")
    (tmp_path / "empty").mkdir()
    (tmp_path / "sources.jsonl").write_text('{"id": "a", "text": "One sentence here."}\n')
    assert (
        main(
            [str(tmp_path / "sources.jsonl"), str(tmp_path / "empty"), "--out", str(tmp_path / "o")]
        )
        == 1
    )
    assert "no articles" in capsys.readouterr().err


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["a", "b"]) == 2  # no --out
    assert main(["a", "b", "--out", "o", "--scheduler", "spark"]) == 2
    assert main(["a", "b", "--out", "o", "--min-match", "0"]) == 2
    assert main(["a", "b", "--out", "o", "--max-days", "-1"]) == 2
    capsys.readouterr()


def test_without_the_extra_it_says_what_to_install(tmp_path):
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('pyarrow', 'distributed', 'dask'):\n"
        "            raise ImportError(name + ' is blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from viewer.__main__ import main\n"
        "sys.exit(main(['corpus', sys.argv[1], sys.argv[1], '--out', sys.argv[2]]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "pip install 'source-compare[corpus]'" in result.stderr
    assert "dask[distributed]" in result.stderr and "pyarrow" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_engine_and_the_compare_command_import_no_dask():
    code = (
        "import sys, viewer.core, viewer.core.export, viewer.cli\n"
        "heavy = ('dask', 'distributed', 'pyarrow', 'fsspec')\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_the_closing_line_shows_a_results_folder_name_not_sends_it(tmp_path, capsys):
    from viewer.resources import seed_path

    sources, articles = tmp_path / "wires", tmp_path / "articles"
    sources.mkdir()
    articles.mkdir()
    (sources / "wire.txt").write_bytes(seed_path("000").read_bytes())
    (articles / "story.txt").write_bytes(seed_path("001").read_bytes())
    out = tmp_path / "results\x1b]0;PWNED\x07"
    args = [str(sources), str(articles), "--out", str(out), "--scheduler", "synchronous"]
    assert main([*args, "--format", "jsonl"]) == 0
    err = capsys.readouterr().err
    assert "results^[]0;PWNED^G" in err.splitlines()[-1]
    assert "\x1b" not in err and "\x07" not in err


def test_progress_on_a_standard_error_that_fails_does_not_stop_the_run():
    from viewer.corpus.pipeline import _Progress

    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    progress = _Progress(total=2, quiet=False, stream=Full())
    progress.update(None)
    progress.update(None)
    assert progress.done == 2 and progress.failed == 2
