"""The engine must run without Qt: importing it (and the exporters and the CLI) loads no PySide6."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "viewer.core",
        "viewer.core.export",
        "viewer.cli",
        "viewer.set_cli",
        "viewer.core.outlets",
        "viewer.core.attribution",
    ],
)
def test_module_imports_no_qt(module):
    code = (
        f"import sys, {module}\n"
        "loaded = sorted(m for "
        "m in sys.modules if m == 'PySide6' or m.startswith(('PySide6.', 'shiboken6')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} loaded Qt modules: {result.stdout.strip()}"


def test_engine_runs_with_qt_unimportable(tmp_path):
    """Even with PySide6 made unimportable, loading and comparing still work."""
    blocker = tmp_path / "PySide6"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('Qt is not allowed in the engine')\n")
    code = (
        "from viewer.core import document_from_text, compare\n"
        "c = compare(document_from_text('One cat sat. Two dogs ran.', 'a'),"
        " document_from_text('Two dogs ran. One cat sat.', 'b'))\n"
        "print(len(c.blocks))\n"
    )
    env_path = f"{tmp_path}"
    result = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {env_path!r})\n" + code],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 2
