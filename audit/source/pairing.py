"""Which source (and reference) file goes with which translation.

``--source-text`` names a file (for one translation), a folder (translations in a
folder are paired by their path relative to it: ``fr/a/b.txt`` with ``en/a/b.txt``,
also ``b.fr.txt`` with ``b.en.txt``), or ``auto``: each ``x.fr.txt`` with the
``x.en.txt`` beside it (the language codes are ``--lang`` and ``--source``). A
file that serves as the source of another input is not audited itself.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audit.pipeline import Target

AUTO = "auto"


def _swap_language(name: str, language: str, source_language: str) -> str | None:
    """``x.fr.txt`` -> ``x.en.txt``; None when the name carries no language code."""
    pattern = re.compile(rf"([._-]){re.escape(language)}(\.[^.]+)$", re.I)
    if not pattern.search(name):
        return None
    return pattern.sub(rf"\g<1>{source_language}\g<2>", name)


def _relative_to_input(path: Path, inputs: list[Path]) -> tuple[Path | None, Path]:
    """(the folder given on the command line that holds ``path``, its relative path), or (None, name)."""
    for given in inputs:
        if given.is_dir():
            try:
                return given, path.relative_to(given)
            except ValueError:
                continue
    return None, Path(path.name)


def find_partner(target: Path, spec: str, inputs: list[Path], language: str, other_language: str) -> Path | None:
    """The file that ``spec`` pairs with ``target`` (None when there is none)."""
    if spec == AUTO:
        swapped = _swap_language(target.name, language, other_language)
        candidate = target.with_name(swapped) if swapped else None
        return candidate if candidate and candidate.exists() else None
    given = Path(spec)
    if not given.is_dir():
        return given  # a file (or a missing path, reported when it is read)
    _, relative = _relative_to_input(target, inputs)
    candidates = [given / relative]
    swapped = _swap_language(relative.name, language, other_language)
    if swapped:
        candidates.append(given / relative.with_name(swapped))
    return next((c for c in candidates if c.exists()), None)


def pair_targets(inputs: list[Path], targets: list["Target"], source_text: str | None, reference_text: str | None,
                 language: str, source_language: str) -> tuple[list["Target"], list[str]]:
    """The targets with their ``source``/``reference`` set, minus the files that are another's source; warnings."""
    warnings: list[str] = []
    paired: list["Target"] = []
    partners: set[Path] = set()
    single_file = source_text not in (None, AUTO) and not Path(source_text).is_dir()
    if single_file and len(targets) > 1:
        warnings.append(f"--source-text {source_text} is one file for {len(targets)} translations: "
                        "it is used for the first only; give a folder to pair several")
    for n, target in enumerate(targets):
        source = reference = None
        if source_text:
            source = find_partner(target.path, source_text, inputs, language, source_language)
            if single_file and n > 0:
                source = None
            if source is None:
                warnings.append(f"{target.display}: no source text found; audited without a source")
        if reference_text:
            reference = find_partner(target.path, reference_text, inputs, language, "ref")
            if reference_text != AUTO and Path(reference_text).is_file() and n > 0:
                reference = None
        paired.append(replace(target, source=source, reference=reference))
        for p in (source, reference):
            if p is not None and p.exists():
                partners.add(p.resolve())
    kept = [t for t in paired if t.path.resolve() not in partners]
    return kept, warnings
