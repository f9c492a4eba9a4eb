"""The cyclic garbage collector during a comparison: the two settings, and why, in one place.

May import: the standard library. Must not import: Qt.

A comparison allocates millions of short-lived objects, almost none of them in reference
cycles, so reference counting frees nearly everything and the collector finds next to nothing;
yet its passes walk the whole growing heap, with the GIL held. Two settings follow from that:

- ``paused_in_steps`` (the engine, ``compare_steps``): the collector is off while a step of
  the comparison runs, and only then. Its passes over the growing heap cost 10-15% of a long
  comparison. The switch is process-wide, so it is back on before every yield (the caller's
  thread, or the GUI's, runs with it) and on any exit, cancellation and errors included; if it
  was off to begin with, it is left alone.
- ``frozen_between_steps`` (the GUI worker): after each step, what the step made is moved to
  the permanent generation (``gc.freeze``, O(1)) before the caller goes on. With the collector
  back on, its next pass would otherwise walk everything allocated since the last freeze while
  holding the GIL: a stall of the GUI thread, which waits for the GIL between the worker's
  bytecodes. The worker also freezes after loading a document and before building the view
  model, and unfreezes once the request is answered, so the frozen objects can be collected
  later like any others. A command-line run has no other thread to keep responsive and does
  not freeze.

The aligner adds a third measure for the same stall, on the freeing side: it empties its search
structures a batch at a time between yields (``align._release_gradually``).
"""

from __future__ import annotations

import gc
from collections.abc import Generator
from typing import TypeVar

P = TypeVar("P")
R = TypeVar("R")


def paused_in_steps(steps: Generator[P, None, R]) -> Generator[P, None, R]:
    """``steps``, with the collector off while each step runs (see the module docstring)."""
    pause_collector = gc.isenabled()
    try:
        while True:
            if pause_collector:
                gc.disable()
            try:
                progress = next(steps)
            except StopIteration as stop:
                value: R = stop.value
                return value
            finally:
                if pause_collector:
                    gc.enable()
            yield progress
    finally:
        steps.close()


def frozen_between_steps(steps: Generator[P, None, R]) -> Generator[P, None, R]:
    """``steps``, freezing what each step made before its progress reaches the caller (see the
    module docstring); for a caller whose other threads must stay responsive."""
    try:
        while True:
            try:
                progress = next(steps)
            except StopIteration as stop:
                value: R = stop.value
                return value
            gc.freeze()
            yield progress
    finally:
        steps.close()
