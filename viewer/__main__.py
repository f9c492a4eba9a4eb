"""Entry point: ``source-compare`` / ``python -m viewer``.

``compare ...``, ``many ...``, ``attribute ...`` and ``corpus ...`` run the command line (no Qt
is imported); anything else opens the window.

May import: the standard library, ``viewer.cli``, ``viewer.set_cli``, ``viewer.corpus.command``
and ``viewer.gui.app``, each only once the arguments have chosen it.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] == "compare":
        from viewer.cli import main as cli_main

        return cli_main(argv)
    if argv and argv[0] == "many":
        from viewer.set_cli import main_many

        return main_many(argv)
    if argv and argv[0] == "attribute":
        from viewer.set_cli import main_attribute

        return main_attribute(argv)
    if argv and argv[0] == "corpus":
        from viewer.corpus.command import main as corpus_main

        return corpus_main(argv)
    from viewer.gui.app import main as gui_main

    return gui_main(argv)


if __name__ == "__main__":
    sys.exit(main())
