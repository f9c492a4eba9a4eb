"""Entry script of the frozen one-folder application: the entry point of the installed command."""

import sys

from viewer.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
