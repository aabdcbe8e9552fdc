#!/usr/bin/env bash
# Regenerates reports/ (the committed reports of seeds/) with the README's audit command.
#
#   bash scripts/make_reports.sh            # into reports/
#   bash scripts/make_reports.sh FOLDER     # elsewhere (tests/test_committed_reports.py compares the two)
#
# Runs from the repository root whatever the current folder, so the reports name the inputs
# seeds/…, and the SARIF log names no machine path (see audit/writers/sarif.py, source_root).
# PYTHON picks the interpreter (default .venv/bin/python, as installed by scripts/install.sh).
set -euo pipefail
out="${1:-reports}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"

# A clean folder: a report of a seed that no longer exists must not linger.
if [ "$(cd "$(dirname "$out")" 2>/dev/null && pwd)/$(basename "$out")" = "$PWD" ] || [ "$out" = "$PWD/seeds" ]; then
  echo "make_reports.sh: refusing to empty $out" >&2
  exit 2
fi
rm -rf "$out"
"$PYTHON" -m audit run seeds --out "$out" --format json,md,html,csv,sarif,junit --fail-on never
