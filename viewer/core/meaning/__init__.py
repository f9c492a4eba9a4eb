"""The meaning channel: sentence embeddings that link what the lexical stages could not.

May import: the standard library, ``viewer.resources`` (to find the model) and the pure
``viewer.core`` modules; numpy, onnxruntime and tokenizers (the ``semantic`` extra) only lazily,
inside the functions that need them, so the engine runs without them. Must not import: Qt.

The channel is optional. ``unavailable_reason()`` says in one line why it cannot run (a missing
package or a missing model file), or returns None when it can; ``load_encoder()`` loads the
model once per process.
"""

from __future__ import annotations

import importlib.util
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from viewer.core.meaning.encoder import Encoder

REQUIRED_MODULES = ("numpy", "onnxruntime", "tokenizers")
EXTRA = "source-compare[semantic]"
MODEL_FOLDER = "meaning"  # under resources/
MODEL_FILES = ("model.onnx", "tokenizer.json")
BUILD_COMMAND = "python tools/build_meaning_model.py"

_lock = threading.Lock()


def model_folder() -> Path | None:
    """The folder that holds the model files, or None when no resources folder was found."""
    from viewer.resources import resource_path

    try:
        return resource_path(MODEL_FOLDER)
    except FileNotFoundError:
        return None


def missing_modules() -> list[str]:
    """The packages of the ``semantic`` extra that are not installed."""
    return [name for name in REQUIRED_MODULES if importlib.util.find_spec(name) is None]


@cache
def unavailable_reason() -> str | None:
    """Why matching by meaning cannot run here, in one line; None when it can."""
    missing = missing_modules()
    if missing:
        return f"{', '.join(missing)} not installed (install {EXTRA})"
    folder = model_folder()
    absent = [name for name in MODEL_FILES if folder is None or not (folder / name).is_file()]
    if absent:
        where = folder if folder is not None else Path("resources") / MODEL_FOLDER
        return f"the model file {where / absent[0]} is missing (build it: {BUILD_COMMAND})"
    return None


def available() -> bool:
    """True when the extra is installed and the model is in place."""
    return unavailable_reason() is None


def load_encoder() -> Encoder:
    """The sentence encoder, loaded on first use (about half a second) and kept."""
    with _lock:
        return _encoder()


@cache
def _encoder() -> Encoder:
    reason = unavailable_reason()
    if reason is not None:
        raise RuntimeError(f"matching by meaning is not available: {reason}")
    from viewer.core.meaning.encoder import Encoder

    folder = model_folder()
    assert folder is not None  # unavailable_reason() checked it
    return Encoder(folder)
