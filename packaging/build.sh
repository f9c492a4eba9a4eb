#!/usr/bin/env bash
# Builds the wheel and sdist into dist/, then the one-folder application into dist/source-compare/.
# Run through `make package`, which installs the build tools into .venv/ first.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

rm -rf dist/source-compare dist/*.whl dist/*.tar.gz build/pyinstaller
"$PY" -m build --outdir dist .
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/pyinstaller/source-compare.spec
echo "built: $(ls dist/*.whl dist/*.tar.gz | tr '\n' ' ')"
echo "bundle: dist/source-compare/ ($(du -sh dist/source-compare | cut -f1))"
