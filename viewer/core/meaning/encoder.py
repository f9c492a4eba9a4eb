"""Sentence embeddings: all-MiniLM-L6-v2 as ONNX on onnxruntime, with a ``tokenizers`` tokenizer.

May import: the standard library, ``numpy``, ``onnxruntime`` and ``tokenizers`` (the
``semantic`` extra, imported inside ``Encoder`` only). Must not import: Qt, or any other
``viewer`` module.

The model folder holds ``model.onnx`` and ``tokenizer.json``, built from a registry package by
``tools/build_meaning_model.py``. Nothing is downloaded at run time. Sentences are embedded in
batches of similar length (little padding), so long documents can be cancelled between batches.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
MAX_TOKENS = 256  # the model's max_seq_length; longer sentences are cut there
BATCH_SENTENCES = 32  # per run of the model: a few tens of milliseconds on one core
DIMENSIONS = 384
# Two threads at most (on short batches more only add synchronisation), and one core always
# left to the rest of the app: on a 2-core machine a second thread made the window stall.
MAX_THREADS = 2


class Encoder:
    """Turns sentences into unit vectors; cosine similarity is then a dot product."""

    def __init__(self, folder: Path) -> None:
        import numpy
        import onnxruntime
        from tokenizers import Tokenizer

        self._np = numpy
        tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest of each batch
        self._tokenizer = tokenizer
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = max(1, min(MAX_THREADS, (os.cpu_count() or 1) - 1))
        options.inter_op_num_threads = 1
        # Idle threads sleep instead of spinning: batches are short, and a busy-waiting thread
        # takes a core from the window and from everything else on the machine.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3  # errors only: the app has its own messages
        self._session = onnxruntime.InferenceSession(
            str(folder / MODEL_FILE), sess_options=options, providers=["CPUExecutionProvider"]
        )

    def embed_steps(self, texts: Sequence[str]) -> Generator[int, None, np.ndarray]:
        """Yields how many sentences are done after each batch; returns [len(texts), 384]."""
        np = self._np
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        # Similar lengths together: a batch is padded to its longest sentence.
        order = sorted(range(len(texts)), key=lambda k: (len(texts[k]), k))
        done = 0
        for start in range(0, len(order), BATCH_SENTENCES):
            batch = order[start : start + BATCH_SENTENCES]
            encodings = self._tokenizer.encode_batch([texts[k] for k in batch])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            (vectors,) = self._session.run(
                ["embedding"], {"input_ids": ids, "attention_mask": mask}
            )
            result[batch] = vectors
            done += len(batch)
            yield done
        return result

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """The unit vectors of ``texts``, one row each."""
        steps = self.embed_steps(texts)
        while True:
            try:
                next(steps)
            except StopIteration as stop:
                return stop.value
