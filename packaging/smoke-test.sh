#!/usr/bin/env bash
# Smoke tests of what `make package` built: the wheel in a fresh venv, the one-folder bundle's
# command line, and the bundled app started offscreen until its first comparison is on screen.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
BUNDLE_MAX_MB=400  # with the semantic extra: numpy, onnxruntime and the 45 MB model
FIRST_COMPARISON_MAX_S=3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
left=$(ls "$ROOT"/seeds/000_*.txt)
right=$(ls "$ROOT"/seeds/001_*.txt)

fail() { echo "smoke test FAILED: $*" >&2; exit 1; }

check_outputs() {  # $1: label, $2: folder with out.json and out.html
    "$PYTHON" - "$2/out.json" <<'PY' || fail "$1: the JSON output is not a valid comparison"
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
assert data["format"] == "source-compare/1", data.get("format")
assert data["blocks"], "no blocks"
PY
    [ -s "$2/out.html" ] || fail "$1: no HTML written"
    grep -q "<del>\|<ins>" "$2/out.html" || fail "$1: the HTML shows no word changes"
    echo "ok: $1 compare --json --html"
}

# 1. The wheel, installed into a fresh virtual environment, run from outside the source tree.
wheel=$(ls "$ROOT"/dist/source_compare-*.whl | head -n 1)
[ -f "$wheel" ] || fail "no wheel in dist/ (run make package)"
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel" 2> "$work/pip.log" \
    || { cat "$work/pip.log" >&2; fail "the wheel did not install"; }
mkdir "$work/wheel"
(cd "$work" && "$work/venv/bin/source-compare" compare "$left" "$right" \
    --json "$work/wheel/out.json" --html "$work/wheel/out.html" --quiet) || fail "wheel: compare exited $?"
check_outputs "wheel" "$work/wheel"
(cd "$work" && QT_QPA_PLATFORM=offscreen "$work/venv/bin/source-compare" --smoke-test \
    --settings "$work/wheel/settings.ini") || fail "wheel: the app did not show its first comparison"
echo "ok: wheel app --smoke-test"

# 2. The one-folder bundle.
exe="$ROOT/dist/source-compare/source-compare"
[ -x "$exe" ] || fail "no bundle at dist/source-compare/ (run make package)"
size_mb=$(du -sm "$ROOT/dist/source-compare" | cut -f1)
echo "bundle size: ${size_mb} MB (target <= ${BUNDLE_MAX_MB} MB)"
[ "$size_mb" -le "$BUNDLE_MAX_MB" ] || fail "the bundle is ${size_mb} MB, over ${BUNDLE_MAX_MB} MB"
mkdir "$work/bundle"
(cd "$work" && "$exe" compare "$left" "$right" --json "$work/bundle/out.json" \
    --html "$work/bundle/out.html" --quiet) || fail "bundle: compare exited $?"
check_outputs "bundle" "$work/bundle"
if [ -f "$ROOT/resources/meaning/model.onnx" ]; then
    (cd "$work" && "$exe" compare "$left" "$right" --semantic --summary-only --color never) \
        > "$work/bundle/semantic.txt" || fail "bundle: compare --semantic exited $?"
    echo "ok: bundle compare --semantic"
fi

start=$(date +%s.%N)
(cd "$work" && QT_QPA_PLATFORM=offscreen timeout 120 "$exe" --smoke-test --settings "$work/bundle/settings.ini") \
    2> "$work/bundle/smoke.log" || { cat "$work/bundle/smoke.log" >&2; fail "bundle: the app did not show its first comparison"; }
end=$(date +%s.%N)
cat "$work/bundle/smoke.log"
seconds=$("$PYTHON" -c "print(f'{$end - $start:.2f}')")
echo "bundle: first comparison on screen, process exited after ${seconds} s (target <= ${FIRST_COMPARISON_MAX_S} s)"
"$PYTHON" -c "import sys; sys.exit(0 if $seconds <= $FIRST_COMPARISON_MAX_S else 1)" \
    || fail "the bundled app took ${seconds} s to show its first comparison"
echo "smoke tests passed"
