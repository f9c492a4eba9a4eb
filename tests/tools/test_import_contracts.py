"""The import contracts: every module keeps to the "May import / Must not import" lines of its
docstring, and the checker catches each way of breaking one."""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def _load_checker():
    spec = importlib.util.spec_from_file_location(
        "import_contracts", REPO_ROOT / "tools" / "import_contracts.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


contracts = _load_checker()


def test_every_viewer_module_keeps_its_contract():
    problems = contracts.check(REPO_ROOT / "viewer", known_breaks=contracts.known_breaks(REPO_ROOT))
    assert [str(p) for p in problems] == []


def make_package(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (path under ``pkg/`` -> source) and return the package folder."""
    package = root / "pkg"
    for name, source in {
        "__init__.py": '"""Top.\n\nMay import: the standard library."""\n',
        **files,
    }.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return package


def messages(package: Path, **kwargs) -> list[str]:
    return [p.message for p in contracts.check(package, dependencies={}, **kwargs)]


def test_a_module_without_a_contract_fails_with_a_clear_message(tmp_path):
    package = make_package(tmp_path, {"bare.py": '"""No contract here."""\nimport os\n'})
    [message] = messages(package)
    assert "pkg.bare has no 'May import:' line in its docstring" in message


def test_an_import_the_contract_does_not_name_fails(tmp_path):
    package = make_package(
        tmp_path,
        {
            "a.py": '"""A.\n\nMay import: ``pkg.b``."""\nimport json\nfrom pkg import b\n',
            "b.py": '"""B.\n\nMay import: the standard library."""\nimport json\n',
        },
    )
    [message] = messages(package)
    assert message.startswith("pkg.a imports json, but its docstring allows only")


@pytest.mark.parametrize(
    ("must_not", "imported"),
    [
        ("Qt", "from PySide6.QtCore import QObject"),
        ("QtWidgets", "from PySide6.QtWidgets import QWidget"),
        ("the main window", "from pkg import main_window"),
        ("other ``pkg`` modules", "from . import main_window"),
    ],
)
def test_an_import_the_contract_forbids_fails(tmp_path, must_not, imported):
    package = make_package(
        tmp_path,
        {
            "main_window.py": '"""W.\n\nMay import: the standard library."""\n',
            "view.py": f'"""V.\n\nMay import: PySide6 and ``pkg``. Must not import: {must_not}.\n'
            f'More prose: QtGui and settings are not in the clause."""\n{imported}\n',
        },
    )
    assert any(
        m.startswith("pkg.view imports ") and "Must not import" in m for m in messages(package)
    )


def test_the_more_specific_entry_decides(tmp_path):
    source = '''\
        """R.

        May import: the standard library and ``pkg.core.enc``. Must not import: Qt, or other
        ``pkg`` modules.
        """
        import re
        from pkg.core.enc import decode
        '''
    package = make_package(
        tmp_path,
        {
            "core/__init__.py": '"""Core.\n\nMay import: the standard library."""\n',
            "core/enc.py": '"""E.\n\nMay import: the standard library only."""\n',
            "core/readers.py": source,
            "core/other.py": '"""O."""\n',
        },
    )
    assert messages(package) == [
        "pkg.core.other has no 'May import:' line in its docstring: "
        "state what it may import (and what it must not), e.g. 'May "
        "import: the standard library and ``viewer.core.model``. "
        "Must not import: Qt.'"
    ]
    (package / "core" / "readers.py").write_text(
        textwrap.dedent(source) + "from pkg.core import other\n", encoding="utf-8"
    )
    assert any(
        m.startswith("pkg.core.readers imports pkg.core.other, but its docstring says")
        for m in messages(package)
    )


def test_bare_names_are_siblings_and_relative_imports_resolve(tmp_path):
    package = make_package(
        tmp_path,
        {
            "gui/__init__.py": '"""G.\n\nMay import: nothing but its own modules, ``panes``."""\n'
            "from pkg.gui import panes\n",
            "gui/panes.py": '"""P.\n\nMay import: ``colors``."""\n',
            "gui/colors.py": '"""C.\n\nMay import: the standard library."""\n',
            "gui/view.py": '"""V.\n\nMay import: ``panes`` / ``colors``."""\n'
            "from . import colors\nfrom .panes import Pane\nfrom ..gui import panes\n",
        },
    )
    assert messages(package) == []


def test_a_package_ban_binds_its_modules(tmp_path):
    package = make_package(
        tmp_path,
        {
            "core/__init__.py": '"""Core.\n\nMay import: the standard library. Must not import: '
            'Qt."""\n',
            "core/x.py": '"""X.\n\nMay import: PySide6.QtCore."""\nfrom PySide6.QtCore import Qt\n',
        },
    )
    [message] = messages(package)
    assert message.startswith("pkg.core.x imports PySide6.QtCore, but its package pkg.core says")


def test_qt_reached_through_another_module_fails(tmp_path):
    package = make_package(
        tmp_path,
        {
            "core.py": '"""Core.\n\nMay import: ``pkg.util``. Must not import: Qt."""\n'
            "def later():\n    from pkg import util\n",
            "util.py": '"""U.\n\nMay import: PySide6."""\nfrom PySide6 import QtCore\n',
        },
    )
    [message] = messages(package)
    assert message == (
        "pkg.core must not import Qt, but reaches it through pkg.core -> pkg.util -> PySide6"
    )


def test_a_docstring_naming_a_missing_module_fails(tmp_path):
    package = make_package(tmp_path, {"a.py": '"""A.\n\nMay import: ``pkg.gone``."""\n'})
    assert messages(package) == ["pkg.a's docstring names pkg.gone, which does not exist"]


def test_known_breaks_are_excused_only_while_they_occur(tmp_path):
    package = make_package(tmp_path, {"a.py": '"""A.\n\nMay import: ``pkg``."""\nimport json\n'})
    assert messages(package, known_breaks=["pkg.a imports json"]) == []
    assert messages(package, known_breaks=["pkg.a imports json", "pkg.a imports os"]) == [
        "known break 'pkg.a imports os' no longer occurs: remove it from "
        "[tool.import-contracts] known-breaks"
    ]


def test_dependencies_are_read_by_distribution_and_import_name(tmp_path):
    package = make_package(
        tmp_path,
        {
            "readers.py": '"""R.\n\nMay import: python-docx and lxml."""\n'
            "import docx\nimport lxml.html\nimport pypdf\n",
        },
    )
    dependencies = {"python-docx": {"docx"}, "docx": {"docx"}, "lxml": {"lxml"}}
    problems = contracts.check(package, dependencies=dependencies)
    assert [p.message.split(",")[0] for p in problems] == ["pkg.readers imports pypdf"]
