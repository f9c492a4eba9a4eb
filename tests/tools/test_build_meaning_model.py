"""The ONNX builder of the meaning model, on a tiny randomly initialised BERT it is given.

The graph the builder writes is run on onnxruntime and checked against a plain numpy BERT
(embeddings, attention, erf GELU, layer norms, mean pooling, L2 normalisation) written here
from the definitions, so the builder is tested without the 91 MB of real weights.
"""

from __future__ import annotations

import importlib.util
import json
import math
import struct
import sys
from pathlib import Path

import pytest

np = pytest.importorskip("numpy", reason="numpy is part of the semantic extra")
pytest.importorskip("onnx", reason="onnx (to build the meaning model) is not installed")
ort = pytest.importorskip("onnxruntime", reason="onnxruntime (semantic extra) is not installed")

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG = {
    "vocab_size": 40,
    "hidden_size": 12,
    "num_hidden_layers": 2,
    "num_attention_heads": 3,
    "intermediate_size": 20,
    "max_position_embeddings": 16,
    "type_vocab_size": 2,
    "layer_norm_eps": 1e-12,
    "hidden_act": "gelu",
}


@pytest.fixture(scope="module")
def builder():
    spec = importlib.util.spec_from_file_location(
        "build_meaning_model", REPO_ROOT / "tools" / "build_meaning_model.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_meaning_model", module)
    spec.loader.exec_module(module)
    return module


def random_weights(seed: int = 7) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    h, inner = CONFIG["hidden_size"], CONFIG["intermediate_size"]

    def t(*shape: int, scale: float = 0.3) -> np.ndarray:
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    weights = {
        "embeddings.word_embeddings.weight": t(CONFIG["vocab_size"], h),
        "embeddings.position_embeddings.weight": t(CONFIG["max_position_embeddings"], h),
        "embeddings.token_type_embeddings.weight": t(2, h),
        "embeddings.LayerNorm.weight": 1 + t(h, scale=0.1),
        "embeddings.LayerNorm.bias": t(h, scale=0.1),
    }
    for n in range(CONFIG["num_hidden_layers"]):
        p = f"encoder.layer.{n}."
        for name in ("query", "key", "value"):
            weights[p + f"attention.self.{name}.weight"] = t(h, h)
            weights[p + f"attention.self.{name}.bias"] = t(h, scale=0.1)
        weights[p + "attention.output.dense.weight"] = t(h, h)
        weights[p + "attention.output.dense.bias"] = t(h, scale=0.1)
        weights[p + "attention.output.LayerNorm.weight"] = 1 + t(h, scale=0.1)
        weights[p + "attention.output.LayerNorm.bias"] = t(h, scale=0.1)
        weights[p + "intermediate.dense.weight"] = t(inner, h)
        weights[p + "intermediate.dense.bias"] = t(inner, scale=0.1)
        weights[p + "output.dense.weight"] = t(h, inner)
        weights[p + "output.dense.bias"] = t(h, scale=0.1)
        weights[p + "output.LayerNorm.weight"] = 1 + t(h, scale=0.1)
        weights[p + "output.LayerNorm.bias"] = t(h, scale=0.1)
    return weights


def reference(weights: dict[str, np.ndarray], ids: list[int]) -> np.ndarray:
    """BERT's sentence vector for one unpadded sentence, in float64, from the definitions."""
    w = {k: v.astype(np.float64) for k, v in weights.items()}
    n, h, heads = len(ids), CONFIG["hidden_size"], CONFIG["num_attention_heads"]
    size = h // heads

    def norm(x: np.ndarray, prefix: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * w[prefix + ".weight"] + w[prefix + ".bias"]

    def dense(x: np.ndarray, prefix: str) -> np.ndarray:
        return x @ w[prefix + ".weight"].T + w[prefix + ".bias"]

    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][:n]
        + w["embeddings.token_type_embeddings.weight"][0]
    )
    x = norm(x, "embeddings.LayerNorm")
    for layer in range(CONFIG["num_hidden_layers"]):
        p = f"encoder.layer.{layer}."
        q, k, v = (
            dense(x, p + f"attention.self.{name}").reshape(n, heads, size).transpose(1, 0, 2)
            for name in ("query", "key", "value")
        )
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(size)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(1, 0, 2).reshape(n, h)
        x = norm(dense(context, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
        inner = dense(x, p + "intermediate.dense")
        inner = 0.5 * inner * (1 + np.vectorize(math.erf)(inner / math.sqrt(2)))
        x = norm(dense(inner, p + "output.dense") + x, p + "output.LayerNorm")
    mean = x.mean(0)
    return mean / np.linalg.norm(mean)


def run(model_bytes: bytes, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(model_bytes, providers=["CPUExecutionProvider"])
    (out,) = session.run(["embedding"], {"input_ids": ids, "attention_mask": mask})
    return out


SENTENCES = [[2, 17, 5, 33, 9, 3], [2, 8, 3], [2, 39, 1, 1, 24, 11, 30, 7, 3]]


def padded() -> tuple[np.ndarray, np.ndarray]:
    width = max(map(len, SENTENCES))
    ids = np.zeros((len(SENTENCES), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, sentence in enumerate(SENTENCES):
        ids[row, : len(sentence)] = sentence
        mask[row, : len(sentence)] = 1
    return ids, mask


def test_float32_graph_matches_the_reference_with_padding(builder):
    weights = random_weights()
    model = builder.build_model(builder.BertConfig.from_json(CONFIG), weights, np.float32)
    out = run(model.SerializeToString(), *padded())
    expected = np.array([reference(weights, s) for s in SENTENCES])
    assert out.shape == (3, CONFIG["hidden_size"])
    assert np.abs(out - expected).max() < 1e-5
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-6)


def test_float16_storage_rounds_the_weights_only(builder):
    weights = random_weights()
    model = builder.build_model(builder.BertConfig.from_json(CONFIG), weights)  # float16
    out = run(model.SerializeToString(), *padded())
    rounded = {k: v.astype(np.float16).astype(np.float32) for k, v in weights.items()}
    # The position table is stored with token type 0 added, then rounded.
    position = weights["embeddings.position_embeddings.weight"]
    type_zero = weights["embeddings.token_type_embeddings.weight"][0]
    rounded["embeddings.position_embeddings.weight"] = (
        (position + type_zero).astype(np.float16).astype(np.float32)
    )
    rounded["embeddings.token_type_embeddings.weight"] = np.zeros_like(
        weights["embeddings.token_type_embeddings.weight"]
    )
    expected = np.array([reference(rounded, s) for s in SENTENCES])
    assert np.abs(out - expected).max() < 1e-4


def test_the_build_is_byte_for_byte_reproducible(builder):
    config = builder.BertConfig.from_json(CONFIG)
    first = builder.build_model(config, random_weights()).SerializeToString(deterministic=True)
    second = builder.build_model(config, random_weights()).SerializeToString(deterministic=True)
    assert first == second
    other = builder.build_model(config, random_weights(seed=8)).SerializeToString(
        deterministic=True
    )
    assert first != other


def test_safetensors_are_read_by_name_shape_and_type(builder):
    tensors = {"a.weight": np.arange(6, dtype=np.float32).reshape(2, 3), "b": np.array([7, 8])}
    header, body, offset = {}, b"", 0
    for name, array in tensors.items():
        raw = array.astype(array.dtype.newbyteorder("<")).tobytes()
        dtype = {"float32": "F32", "int64": "I64"}[array.dtype.name]
        header[name] = {
            "dtype": dtype,
            "shape": list(array.shape),
            "data_offsets": [offset, offset + len(raw)],
        }
        body += raw
        offset += len(raw)
    header["__metadata__"] = {"format": "pt"}
    encoded = json.dumps(header).encode()
    read = builder.read_safetensors(struct.pack("<Q", len(encoded)) + encoded + body)
    assert set(read) == {"a.weight", "b"}
    assert np.array_equal(read["a.weight"], tensors["a.weight"])
    assert np.array_equal(read["b"], tensors["b"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"hidden_act": "relu"}, "unsupported activation"),
        ({"position_embedding_type": "relative_key"}, "absolute position"),
    ],
)
def test_unsupported_configs_are_refused(builder, change, message):
    with pytest.raises(ValueError, match=message):
        builder.BertConfig.from_json({**CONFIG, **change})


def test_a_missing_tensor_is_named(builder):
    weights = random_weights()
    del weights["encoder.layer.1.output.dense.bias"]
    with pytest.raises(ValueError, match=r"encoder\.layer\.1\.output\.dense\.bias"):
        builder.build_model(builder.BertConfig.from_json(CONFIG), weights)
