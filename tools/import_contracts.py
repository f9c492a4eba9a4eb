"""Check every module of ``viewer`` against the import contract its docstring states.

    python tools/import_contracts.py [PACKAGE_DIR]   # exit 0 when every contract holds

Each module docstring says what the module may import and, often, what it must not::

    May import: the standard library and ``viewer.core.model``. Must not import: Qt.

The checker reads those two clauses (each runs to the end of its sentence) and every import
statement of the module (including imports inside functions and under ``TYPE_CHECKING``), so a
new module is covered as soon as it exists and a docstring cannot drift from the code. A module
without a "May import:" line fails.

How a clause is read:

- "the standard library" allows any module of ``sys.stdlib_module_names``; ``__future__`` is
  always allowed.
- ``viewer.x.y`` in double backticks names that module and everything under it. A bare ``name``
  in backticks is a sibling module (a package's own module, for a package ``__init__``), or else
  a third-party import name. ``viewer`` alone means the package's own ``__init__`` (its name and
  version) in "May import", and every ``viewer`` module in "Must not import".
- "Qt" means PySide6 and shiboken6; "PySide6" all of PySide6; "PySide6 (QtCore, QtGui)",
  "PySide6.QtCore" or a bare "QtCore" only those modules.
- A project dependency by its distribution or import name (python-docx, lxml...), and a sibling
  module by its words ("the main window" is ``main_window``).

When a "May import" entry and a "Must not import" entry both cover an import, the more specific
one (more dotted parts) decides; on a tie the ban wins. A package ``__init__`` may import its
own modules, and what it must not import, none of its modules may import either. Finally, a
module that must not import Qt must not reach it through other ``viewer`` modules either.

May import: the standard library only. Must not import: any ``viewer`` module: it reads the
code, it does not run it.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAY = "May import:"
MUST_NOT = "Must not import:"
# a clause ends with its sentence, or at a dash or colon that starts an explanation
_CLAUSE_END = re.compile(r"\.(?=\s|$)|\s[\u2014\u2013]\s|:\s")  # full stop, dash, colon
_BACKTICKED = re.compile(r"``([A-Za-z_][\w.]*)``")
_PYSIDE_LIST = re.compile(r"\bPySide6\s*\(\s*(Qt\w+(?:\s*,\s*Qt\w+)*)\s*\)")
_WORD = re.compile(r"[A-Za-z_][\w.-]*\w|[A-Za-z_]")
_QT_ROOTS = ("PySide6", "shiboken6")


@dataclass(frozen=True)
class Rule:
    """A set of modules a clause names: ``name`` and, when ``subtree``, everything under it."""

    name: str
    subtree: bool = True
    stdlib: bool = False

    def covers(self, module: str) -> bool:
        if self.stdlib:
            return module.split(".")[0] in sys.stdlib_module_names
        return module == self.name or (self.subtree and module.startswith(self.name + "."))

    @property
    def weight(self) -> int:
        return 1 if self.stdlib else self.name.count(".") + 1


STDLIB = Rule("the standard library", stdlib=True)
QT = (Rule("PySide6"), Rule("shiboken6"))


@dataclass(frozen=True)
class Import:
    module: str
    line: int


@dataclass
class Module:
    name: str
    path: Path
    is_package: bool
    imports: list[Import]
    may: list[Rule]
    must_not: list[Rule]
    may_text: str
    must_not_text: str

    @property
    def package(self) -> str:
        return self.name if self.is_package else self.name.rpartition(".")[0]


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str
    key: str = ""
    """``"<module> imports <module>"`` for a forbidden import, the form ``known-breaks`` lists."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def clause(docstring: str, marker: str) -> str | None:
    """The text after ``marker`` up to the end of its sentence, on one line; None if absent."""
    flat = " ".join(docstring.split())
    start = flat.find(marker)
    if start < 0:
        return None
    text = flat[start + len(marker) :]
    if marker == MAY and MUST_NOT in text:
        text = text[: text.find(MUST_NOT)]
    end = _CLAUSE_END.search(text)
    return (text[: end.start()] if end else text).strip()


def third_party_names(project_root: Path) -> dict[str, set[str]]:
    """Import names by every spelling of the project's dependencies, direct or indirect.

    Keys are normalised distribution names and import names; read from ``pyproject.toml`` and
    the installed distributions' metadata (a dependency that is not installed keeps the import
    name its distribution name suggests).
    """
    pyproject = project_root / "pyproject.toml"
    if not pyproject.is_file():
        return {}
    project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    imports_by_dist: dict[str, set[str]] = {}
    for import_name, dists in importlib.metadata.packages_distributions().items():
        for dist in dists:
            imports_by_dist.setdefault(_normalise(dist), set()).add(import_name)
    names: dict[str, set[str]] = {}
    todo = [_requirement_name(r) for r in project.get("dependencies", [])]
    seen: set[str] = set()
    while todo:
        dist = _normalise(todo.pop())
        if dist in seen:
            continue
        seen.add(dist)
        imported = imports_by_dist.get(dist, {dist.replace("-", "_")})
        names.setdefault(dist, set()).update(imported)
        for name in imported:
            names.setdefault(name, set()).add(name)
        try:
            requires = importlib.metadata.requires(dist) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        todo.extend(_requirement_name(r) for r in requires if "extra ==" not in r)
    return names


def _normalise(dist: str) -> str:
    return re.sub(r"[-_.]+", "-", dist).lower()


def _requirement_name(requirement: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    if not match:
        raise ValueError(f"cannot read the distribution name of requirement {requirement!r}")
    return match.group(1)


class Checker:
    """Reads one package tree and checks every module's imports against its docstring."""

    def __init__(self, package_dir: Path, dependencies: dict[str, set[str]] | None = None):
        self.package_dir = package_dir
        self.root = package_dir.parent
        self.dependencies = third_party_names(self.root) if dependencies is None else dependencies
        self.problems: list[Problem] = []
        self.paths = self._module_paths()
        self.modules: dict[str, Module] = {}
        for name, path in self.paths.items():
            module = self._read(name, path)
            if module is not None:
                self.modules[name] = module

    def _module_paths(self) -> dict[str, Path]:
        paths = {}
        for path in sorted(self.package_dir.rglob("*.py")):
            parts = path.relative_to(self.root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            paths[".".join(parts)] = path
        return paths

    def _display(self, path: Path) -> Path:
        return path.relative_to(self.root)

    def _read(self, name: str, path: Path) -> Module | None:
        tree = ast.parse(path.read_bytes(), filename=str(path))
        is_package = path.name == "__init__.py"
        docstring = ast.get_docstring(tree) or ""
        may_text = clause(docstring, MAY)
        if may_text is None:
            self.problems.append(
                Problem(
                    self._display(path),
                    1,
                    f"{name} has no '{MAY}' line in its docstring: state what it may import "
                    f"(and what it must not), e.g. '{MAY} the standard library and "
                    f"``viewer.core.model``. {MUST_NOT} Qt.'",
                )
            )
            return None
        must_not_text = clause(docstring, MUST_NOT) or ""
        module = Module(name, path, is_package, [], [], [], may_text, must_not_text)
        module.imports = list(self._imports(tree, module))
        module.may = self._rules(may_text, module, banning=False)
        module.must_not = self._rules(must_not_text, module, banning=True) if must_not_text else []
        if not module.may:
            self.problems.append(
                Problem(
                    self._display(path),
                    1,
                    f"{name}: '{MAY} {may_text}' names nothing this checker can read",
                )
            )
        return module

    def _imports(self, tree: ast.Module, module: Module) -> Iterator[Import]:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield Import(alias.name, node.lineno)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = module.package.split(".")
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:
                    child = f"{base}.{alias.name}"
                    yield Import(child if child in self.paths else base, node.lineno)

    def _rules(self, text: str, module: Module, banning: bool) -> list[Rule]:
        rules: list[Rule] = []
        display = self._display(module.path)
        if "standard library" in text:
            rules.append(STDLIB)
        for match in _PYSIDE_LIST.finditer(text):
            rules += [Rule(f"PySide6.{m.strip()}") for m in match.group(1).split(",")]
        text = _PYSIDE_LIST.sub(" ", text)
        top = self.package_dir.name
        for match in _BACKTICKED.finditer(text):
            named = match.group(1)
            if named == top:
                rules.append(Rule(top, subtree=banning))
            elif named.startswith(top + "."):
                if named not in self.paths:
                    self.problems.append(
                        Problem(
                            display,
                            1,
                            f"{module.name}'s docstring names {named}, which does not exist",
                        )
                    )
                rules.append(Rule(named))
            elif "." not in named and f"{module.package}.{named}" in self.paths:
                rules.append(Rule(f"{module.package}.{named}"))
            elif not named.startswith("Q") or "." in named:
                rules.append(Rule(named))
        plain = _BACKTICKED.sub(" ", text)
        for word in _WORD.findall(plain):
            if word == "Qt":
                rules += QT
            elif word == "PySide6":
                rules.append(Rule("PySide6"))
            elif word.startswith("PySide6."):
                rules.append(Rule(word))
            elif re.fullmatch(r"Qt[A-Z]\w*", word):
                rules.append(Rule(f"PySide6.{word}"))
            else:
                for spelling in (word, _normalise(word)):
                    rules += [Rule(n) for n in sorted(self.dependencies.get(spelling, ()))]
        words = " " + " ".join(re.sub(r"[-_]", " ", plain).split()) + " "
        prefix = module.package + "."
        for other in self.paths:
            if other.startswith(prefix) and "." not in other[len(prefix) :]:
                phrase = other[len(prefix) :].replace("_", " ")
                if re.search(rf"\s{re.escape(phrase)}\s", words):
                    rules.append(Rule(other))
        return rules

    def inherited_bans(self, module: Module) -> list[tuple[Module, Rule]]:
        """The bans of every package above ``module`` (and of the package itself, for its own
        modules)."""
        bans = []
        parts = module.name.split(".")
        for depth in range(1, len(parts)):
            package = self.modules.get(".".join(parts[:depth]))
            if package is not None:
                bans += [(package, rule) for rule in package.must_not]
        return bans

    def allowed(self, module: Module, imported: str) -> tuple[bool, str]:
        """Whether ``module`` may import ``imported``, and why not."""
        if imported == "__future__" or imported == module.name:
            return True, ""
        for package, rule in self.inherited_bans(module):
            if rule.covers(imported):
                return (
                    False,
                    f"its package {package.name} says '{MUST_NOT} {package.must_not_text}'",
                )
        if module.is_package and imported.startswith(module.name + "."):
            return True, ""
        may = max((r.weight for r in module.may if r.covers(imported)), default=0)
        must_not = max((r.weight for r in module.must_not if r.covers(imported)), default=0)
        if must_not and must_not >= may:
            return False, f"its docstring says '{MUST_NOT} {module.must_not_text}'"
        if not may:
            return False, f"its docstring allows only '{MAY} {module.may_text}'"
        return True, ""

    def bans_qt(self, module: Module) -> bool:
        bans = [r for r in module.must_not] + [r for _, r in self.inherited_bans(module)]
        return any(rule.covers("PySide6") for rule in bans)

    def edges(self, module: Module) -> Iterator[tuple[str, int]]:
        """The ``viewer`` modules that importing ``module`` runs, with the line that imports."""
        top = self.package_dir.name
        for imp in module.imports:
            if imp.module.split(".")[0] != top:
                continue
            parts = imp.module.split(".")
            for depth in range(1, len(parts) + 1):
                name = ".".join(parts[:depth])
                if name in self.modules and name != module.name:
                    yield name, imp.line

    def qt_path(self, start: Module) -> list[str] | None:
        """The chain of ``viewer`` modules by which ``start`` reaches Qt, or None."""
        parents: dict[str, str | None] = {start.name: None}
        queue = [start.name]
        while queue:
            name = queue.pop(0)
            module = self.modules[name]
            qt = next(
                (i.module for i in module.imports if any(r.covers(i.module) for r in QT)), None
            )
            if qt is not None:
                chain = [qt]
                at: str | None = name
                while at is not None:
                    chain.append(at)
                    at = parents[at]
                return chain[::-1]
            for other, _line in self.edges(module):
                if other not in parents:
                    parents[other] = name
                    queue.append(other)
        return None

    def check(self) -> list[Problem]:
        problems = list(self.problems)
        for module in self.modules.values():
            display = self._display(module.path)
            for imp in dict.fromkeys(module.imports):
                ok, why = self.allowed(module, imp.module)
                if not ok:
                    key = f"{module.name} imports {imp.module}"
                    problems.append(Problem(display, imp.line, f"{key}, but {why}", key))
            if self.bans_qt(module):
                chain = self.qt_path(module)
                if chain is not None and len(chain) > 2:
                    problems.append(
                        Problem(
                            display,
                            1,
                            f"{module.name} must not import Qt, but reaches it through "
                            + " -> ".join(chain),
                        )
                    )
        return sorted(problems, key=lambda p: (str(p.path), p.line, p.message))


def check(
    package_dir: Path,
    dependencies: dict[str, set[str]] | None = None,
    known_breaks: Iterable[str] = (),
) -> list[Problem]:
    """Every broken import contract under ``package_dir``, in file order.

    ``known_breaks`` (``"<module> imports <module>"``) are breaks left for a module's authors to
    settle; each must still occur, so the list cannot outlive the breaks it excuses.
    """
    known = set(known_breaks)
    problems = Checker(package_dir, dependencies).check()
    found = {p.key for p in problems}
    stale = [
        Problem(
            Path("pyproject.toml"),
            1,
            f"known break '{key}' no longer occurs: remove it from "
            "[tool.import-contracts] known-breaks",
        )
        for key in sorted(known - found)
    ]
    return stale + [p for p in problems if p.key not in known]


def known_breaks(project_root: Path) -> list[str]:
    """``[tool.import-contracts] known-breaks`` of the project's ``pyproject.toml``."""
    pyproject = project_root / "pyproject.toml"
    if not pyproject.is_file():
        return []
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    return list(config.get("tool", {}).get("import-contracts", {}).get("known-breaks", []))


def main(argv: Iterable[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    package_dir = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "viewer"
    if not (package_dir / "__init__.py").is_file():
        print(f"{package_dir} is not a Python package", file=sys.stderr)
        return 2
    package_dir = package_dir.resolve()
    problems = check(package_dir, known_breaks=known_breaks(package_dir.parent))
    for problem in problems:
        print(problem)
    count = len(list(package_dir.rglob("*.py")))
    if problems:
        print(f"{len(problems)} broken import contract(s) in {count} modules", file=sys.stderr)
        return 1
    print(f"import contracts hold in {count} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
