"""The "source-compare/1" JSON format: structure, determinism, round trip and validation."""

from __future__ import annotations

import copy
import io
import json

import pytest

import viewer
from viewer.core import KINDS, Kind, Side
from viewer.core.export import ExportError
from viewer.core.export.json_format import (
    FORMAT_ID,
    FormatError,
    comparison_from_dict,
    comparison_to_dict,
    comparison_to_json,
    read_json,
    write_json,
)


def assert_valid_format(data: dict) -> None:
    assert data["format"] == FORMAT_ID
    kinds = {kind.value for kind in KINDS}
    for side in ("left", "right"):
        doc = data[side]
        assert isinstance(doc["name"], str) and isinstance(doc["text"], str)
        for start, end in doc["sentences"]:
            assert 0 <= start < end <= len(doc["text"])
            assert doc["text"][start:end].strip()
        seen = sorted(i for block in data["blocks"] for i in block[side])
        assert seen == list(range(len(doc["sentences"]))), (
            f"{side}: every sentence in exactly one block"
        )
        assert all(0 <= i < len(doc["sentences"]) for i in doc["boilerplate"])
    for block in data["blocks"]:
        assert block["kind"] in kinds
        assert isinstance(block["moved"], bool) and isinstance(block["boilerplate"], bool)
        assert block["similarity"] == round(block["similarity"], 4)
        assert all(op in (-1, 0, 1) and isinstance(text, str) for op, text in block["diff"])
        if block["kind"] == "omitted":
            assert block["left"] and not block["right"]
        if block["kind"] == "added":
            assert block["right"] and not block["left"]
    assert set(data["summary"]["counts"]) == kinds


def test_seed_comparison_matches_the_format(seed_comparison):
    data = json.loads(comparison_to_json(seed_comparison))
    assert_valid_format(data)
    assert data["left"]["text"] == seed_comparison.source.text
    assert data["summary"]["left_sentences"] == len(seed_comparison.source.sentences)
    assert data["generator"] == {"name": viewer.APP_NAME, "version": viewer.__version__}


def test_diff_sides_rebuild_the_compared_text(handmade_comparison):
    block = comparison_to_dict(handmade_comparison)["blocks"][0]
    left = "".join(text for op, text in block["diff"] if op <= 0)
    right = "".join(text for op, text in block["diff"] if op >= 0)
    assert left == "Russia on Tuesday is set to launch a film crew."
    assert right == "Russia plans to launch a film crew."


def test_similarity_is_rounded_and_flags_kept(handmade_comparison):
    blocks = comparison_to_dict(handmade_comparison)["blocks"]
    assert blocks[0]["similarity"] == 0.7123
    assert blocks[0]["moved"] is True
    assert blocks[1]["boilerplate"] is True and blocks[2]["boilerplate"] is False


def test_output_is_deterministic_and_keeps_non_ascii(seed_comparison):
    first, second = comparison_to_json(seed_comparison), comparison_to_json(seed_comparison)
    assert first == second
    assert "’" in first and "\\u2019" not in first


def test_round_trip_gives_the_same_comparison(seed_comparison, handmade_comparison):
    for comparison in (seed_comparison, handmade_comparison):
        data = comparison_to_dict(comparison)
        again = comparison_from_dict(json.loads(json.dumps(data)))
        assert comparison_to_dict(again) == data
        assert again.source.sentences == comparison.source.sentences
        assert [b.kind for b in again.blocks] == [b.kind for b in comparison.blocks]
        assert again.source.boilerplate == comparison.source.boilerplate


def test_write_and_read_a_file(tmp_path, handmade_comparison):
    target = tmp_path / "out.json"
    write_json(handmade_comparison, target)
    raw = target.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert (
        read_json(target).blocks
        == comparison_from_dict(comparison_to_dict(handmade_comparison)).blocks
    )


def test_write_to_a_stream(handmade_comparison):
    stream = io.StringIO()
    write_json(handmade_comparison, stream)
    assert json.loads(stream.getvalue())["blocks"][2]["kind"] == Kind.ADDED.value


def test_word_marks_are_written_as_runs(handmade_comparison):
    blocks = comparison_to_dict(handmade_comparison)["blocks"]
    assert blocks[0]["words"] == {
        "left": [[0, 6, "kept", None], [7, 24, "replaced", 1], [25, 46, "kept", None]],
        "right": [[0, 6, "kept", None], [7, 12, "replaced", 1], [13, 34, "kept", None]],
        "carried": 0.7059,
    }
    assert blocks[1]["words"] is None and blocks[2]["words"] is None
    text = comparison_to_json(handmade_comparison)
    assert '"words": {"left": [[0, 6, "kept", null], [7, 24, "replaced", 1]' in text


def test_every_linked_block_of_a_comparison_has_valid_word_marks(seed_comparison):
    data = json.loads(comparison_to_json(seed_comparison))
    for block in data["blocks"]:
        assert (block["words"] is not None) == bool(block["left"] and block["right"])
    assert comparison_from_dict(data).blocks == seed_comparison.blocks


def test_a_missing_carried_share_is_worked_out_from_the_runs(handmade_comparison):
    data = comparison_to_dict(handmade_comparison)
    del data["blocks"][0]["words"]["carried"]
    assert comparison_from_dict(data).blocks[0].alike == pytest.approx(12 / 17, abs=1e-4)


def test_files_without_word_marks_still_open(handmade_comparison):
    data = comparison_to_dict(handmade_comparison)
    for block in data["blocks"]:
        del block["words"]
    assert all(block.words is None for block in comparison_from_dict(data).blocks)


def test_unknown_keys_are_ignored(handmade_comparison):
    data = comparison_to_dict(handmade_comparison)
    data["future_field"] = {"x": 1}
    data["blocks"][0]["confidence"] = 0.9
    assert len(comparison_from_dict(data).blocks) == 3


def _broken(data, how):
    data = copy.deepcopy(data)
    how(data)
    return data


@pytest.mark.parametrize(
    "how, message",
    [
        (lambda d: d.update(format="source-compare/2"), "not a source-compare/1 file"),
        (lambda d: d.pop("format"), "not a source-compare/1 file"),
        (lambda d: d["left"]["sentences"].append([0, 10_000]), "inside the text"),
        (lambda d: d["blocks"][0].update(kind="copied"), "is not one of"),
        (lambda d: d["blocks"][0].update(left=[0, 1], words=None), "in 2 blocks"),
        (lambda d: d["blocks"].pop(), "in 0 blocks"),
        (lambda d: d["blocks"][0].update(right=[7]), "does not exist"),
        (lambda d: d["blocks"][0].update(diff=[[2, "x"]]), "diff[0]"),
        (lambda d: d["blocks"][0].update(moved="yes"), "true or false"),
        (lambda d: d["left"].update(text=5), "wrong type"),
        (lambda d: d["blocks"][0]["words"].pop("right"), "has no 'right'"),
        (lambda d: d["blocks"][0]["words"]["left"].pop(), "not every word is in a run"),
        (lambda d: d["blocks"][0]["words"]["left"][0].__setitem__(2, "gone"), "the mark one of"),
        (lambda d: d["blocks"][0]["words"]["left"][1].__setitem__(3, 7), "no partner run"),
        (lambda d: d["blocks"][0]["words"]["left"][1].__setitem__(3, None), "group"),
        (lambda d: d["blocks"][0]["words"]["right"][0].__setitem__(1, 7), "end at a word"),
        (lambda d: d["blocks"][1].update(words={"left": [], "right": []}), "both sides"),
        (lambda d: d["blocks"][0]["words"].update(carried=2), "from 0 to 1"),
    ],
)
def test_invalid_files_are_refused_with_a_reason(handmade_comparison, how, message):
    data = _broken(comparison_to_dict(handmade_comparison), how)
    with pytest.raises(FormatError, match=message.replace("[", r"\[").replace("]", r"\]")):
        comparison_from_dict(data)


def test_not_json_is_a_format_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(FormatError, match="not valid JSON"):
        read_json(bad)
    with pytest.raises(FormatError, match="JSON object"):
        comparison_from_dict([1, 2])


def test_never_overwrites_an_input(tmp_path):
    from viewer.core import compare, load_document

    source = tmp_path / "a.txt"
    source.write_text("One cat sat. Two dogs ran.", encoding="utf-8")
    rewrite = tmp_path / "b.txt"
    rewrite.write_text("Two dogs ran. One cat sat.", encoding="utf-8")
    comparison = compare(load_document(source), load_document(rewrite))
    with pytest.raises(ExportError, match="refusing to overwrite the input"):
        write_json(comparison, tmp_path / "." / "a.txt")
    assert source.read_text(encoding="utf-8") == "One cat sat. Two dogs ran."


def test_the_documented_example_is_a_valid_file():
    import re
    from pathlib import Path

    doc = Path(__file__).resolve().parents[2] / "docs" / "json-format.md"
    if not doc.is_file():
        pytest.skip("docs/json-format.md is not shipped with this installation")
    example = re.search(r"## Example.*?```json\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
    data = json.loads(example.group(1))
    comparison = comparison_from_dict(data)
    assert comparison.source.sentence_texts() == [
        "Russia on Tuesday is set to launch a film crew.",
        "It is a first.",
    ]
    assert comparison.source.word_count == data["left"]["words"]
    assert list(comparison_to_dict(comparison)) == list(data), (
        "the example shows every key, in order"
    )
    assert_valid_format(data)


def test_the_format_s_left_and_right_are_the_source_and_the_rewrite(handmade_comparison):
    """The file says "left"/"right"; the ``Comparison`` read from it says source/rewrite."""
    data = comparison_to_dict(handmade_comparison)
    assert list(data["summary"])[:2] == ["left_sentences", "right_sentences"]
    summary = data["summary"]
    summary.update(
        left_sentences=7,
        right_sentences=9,
        left_words=70,
        right_words=90,
        left_boilerplate_sentences=2,
        right_boilerplate_sentences=3,
    )
    data["blocks"][0].update(left=[0], right=[1], kind="partial", words=None)
    data["blocks"][2].update(right=[0])
    read = comparison_from_dict(data)
    assert read.source.name == data["left"]["name"] == handmade_comparison.source.name
    assert read.rewrite.name == data["right"]["name"] == handmade_comparison.rewrite.name
    assert (read.blocks[0].source, read.blocks[0].rewrite) == ((0,), (1,))
    for side, sentences, words, furniture in ((Side.SOURCE, 7, 70, 2), (Side.REWRITE, 9, 90, 3)):
        assert read.summary.sentence_count(side) == sentences
        assert read.summary.word_count(side) == words
        assert read.summary.boilerplate_sentences(side) == furniture
    assert comparison_to_dict(read)["summary"] == summary


def test_a_summary_without_sentence_counts_takes_them_from_the_documents(handmade_comparison):
    data = comparison_to_dict(handmade_comparison)
    del data["summary"]["left_sentences"], data["summary"]["right_sentences"]
    summary = comparison_from_dict(data).summary
    assert summary.source_sentences == len(handmade_comparison.source.sentences)
    assert summary.rewrite_sentences == len(handmade_comparison.rewrite.sentences)


def _with_confidence(comparison):
    from dataclasses import replace

    blocks = list(comparison.blocks)
    blocks[0] = replace(blocks[0], confidence=0.3217)  # a tentative link
    summary = replace(
        comparison.summary,
        verdict="partially-derived",
        verdict_reason="Partially derived: 1 of 2 sentences of the rewrite reuse ...",
        tentative_links=1,
        rewrite_tentative=0.6,
        rewrite_paraphrased=0.0,
    )
    return replace(comparison, blocks=tuple(blocks), summary=summary)


def test_confidence_and_verdict_are_written_and_read_back(handmade_comparison):
    comparison = _with_confidence(handmade_comparison)
    data = comparison_to_dict(comparison)
    assert data["blocks"][0]["confidence"] == 0.3217
    assert "confidence" not in data["blocks"][1]  # omitted and added blocks have none
    assert data["summary"]["verdict"] == "partially-derived"
    assert data["summary"]["tentative_links"] == 1
    again = comparison_from_dict(json.loads(comparison_to_json(comparison)))
    assert [b.confidence for b in again.blocks] == [b.confidence for b in comparison.blocks]
    assert again.summary == comparison.summary


def test_files_from_before_confidence_still_open(handmade_comparison):
    data = comparison_to_dict(_with_confidence(handmade_comparison))
    for block in data["blocks"]:
        block.pop("confidence", None)
    for key in ("verdict", "verdict_reason", "tentative_links", "rewrite_tentative"):
        data["summary"].pop(key)
    again = comparison_from_dict(data)
    assert again.blocks[0].confidence is None
    assert (again.summary.verdict, again.summary.tentative_links) == ("", 0)


@pytest.mark.parametrize(
    "how, message",
    [
        (lambda d: d["blocks"][0].update(confidence=1.5), "between 0 and 1"),
        (lambda d: d["blocks"][0].update(confidence="high"), "wrong type"),
        (lambda d: d["blocks"][2].update(confidence=0.5), "links nothing"),
        (lambda d: d["summary"].update(verdict="copied"), "is not one of"),
        (lambda d: d["summary"].update(verdict_reason=3), "must be a string"),
        (lambda d: d["summary"].update(tentative_links="2"), "must be an integer"),
    ],
)
def test_invalid_confidence_or_verdict_is_refused(handmade_comparison, how, message):
    data = _broken(comparison_to_dict(_with_confidence(handmade_comparison)), how)
    with pytest.raises(FormatError, match=message):
        comparison_from_dict(data)
