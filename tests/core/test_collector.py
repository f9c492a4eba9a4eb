"""The collector's settings around a long computation: off inside steps, frozen between them."""

from __future__ import annotations

import gc
from collections.abc import Generator

import pytest

from viewer.core.collector import frozen_between_steps, paused_in_steps


def steps_seeing_the_collector(seen: list[bool], fail: bool = False) -> Generator[int, None, str]:
    for number in range(3):
        seen.append(gc.isenabled())
        yield number
    if fail:
        raise ValueError("broken step")
    return "done"


def drain(steps: Generator[int, None, str]) -> tuple[list[int], str]:
    yielded = []
    while True:
        try:
            yielded.append(next(steps))
        except StopIteration as stop:
            return yielded, stop.value


def test_the_collector_is_off_inside_steps_and_on_between_them():
    assert gc.isenabled()
    seen: list[bool] = []
    steps = paused_in_steps(steps_seeing_the_collector(seen))
    between = []
    for _ in steps:
        between.append(gc.isenabled())
    assert seen == [False, False, False]
    assert between == [True, True, True]
    assert gc.isenabled()


def test_the_value_passes_through_and_the_collector_is_back_after_an_error_or_a_stop():
    seen: list[bool] = []
    assert drain(paused_in_steps(steps_seeing_the_collector(seen))) == ([0, 1, 2], "done")
    with pytest.raises(ValueError, match="broken step"):
        drain(paused_in_steps(steps_seeing_the_collector(seen, fail=True)))
    assert gc.isenabled()
    inner = steps_seeing_the_collector(seen)
    steps = paused_in_steps(inner)
    next(steps)
    steps.close()
    assert gc.isenabled()
    assert inner.gi_frame is None  # the inner steps were closed too


def test_a_collector_already_off_is_left_alone():
    gc.disable()
    try:
        seen: list[bool] = []
        for _ in paused_in_steps(steps_seeing_the_collector(seen)):
            assert not gc.isenabled()
        assert seen == [False, False, False]
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_each_step_made_is_frozen_before_the_caller_sees_its_progress():
    made: list[list[object]] = []

    def allocating_steps() -> Generator[int, None, str]:
        for number in range(3):
            made.append([object() for _ in range(100)])  # tracked by the collector
            yield number
        return "done"

    gc.unfreeze()
    try:
        frozen = []
        steps = frozen_between_steps(allocating_steps())
        while True:
            try:
                next(steps)
            except StopIteration as stop:
                assert stop.value == "done"
                break
            frozen.append(gc.get_freeze_count())
        assert frozen[0] > 0 and frozen == sorted(frozen)
    finally:
        gc.unfreeze()
