#!/usr/bin/env bash
# Installs everything the auditor and its tests need on Debian, into ./.venv.
# Safe to run again: apt and pip skip what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  apertium apertium-fr-es apertium-eng-spa apertium-fra-cat apertium-eng-cat   # back-translation
  python3-grammalecte                                                         # grammar checker
  hunspell-fr hunspell-en-us                                                  # lexicons for unknown words
  dict-freedict-eng-fra dict-freedict-fra-eng                                 # bilingual dictionaries (--source-text, scripts/mine_*.py)
  wordnet-base                                                                # English names for scripts/mine_literal_names.py
  chromium                                                                    # HTML report tests
  python3-venv
)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install.sh: apt-get install ${missing[*]}" >&2
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
# Argos Translate without its dependencies: they pull stanza and PyTorch, which we never load
# (the auditor feeds CTranslate2 and SentencePiece itself, with its own sentence splitter).
.venv/bin/python -m pip install -q --no-deps "argostranslate==1.11.0"
.venv/bin/python -m pip install -q -e ".[test]"
# The hunspell word forms spylls accepts, expanded once into the user cache (about a minute):
# without them every audit process reads hunspell-fr with spylls (4 s of CPU, 120 MB).
.venv/bin/python -m audit.resources.hunspell_words --build
# spaCy's lemma tables, its French tokenizer pattern and wordfreq's lists, packed once (about 5 s).
.venv/bin/python -m audit.resources.prepare
echo "install.sh: ready (.venv/bin/audit)" >&2
