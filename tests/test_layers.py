"""Layers that point one way: no module of audit/ imports a module of a higher layer.

Checked with ``ast`` over every ``.py`` file under audit/, imports inside functions
included (a lazy import is still a dependency). The layers, lowest first:

    model          the result model and what it needs (fingerprints, file helpers, version)
    ingest         reading and segmenting input; shared language resources (lexicon, spaCy, quotes)
    checks         the checks, the translation engines, the scores
    pipeline       back-translation, the pipeline, settings, baselines, evaluation
    writers        the output formats
    cli            the command line and ``audit doctor``

A module may import its own layer or lower ones. Inside writers, a writer imports only
the shared ``audit.writers.base``, never another writer's internals.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

AUDIT = Path(__file__).resolve().parent.parent / "audit"

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("model", ("audit", "audit.model", "audit.fileio", "audit.fingerprint", "audit.formats", "audit.status")),
    ("ingest", ("audit.ingest", "audit.resources", "audit.data")),
    ("checks", ("audit.checks", "audit.engines", "audit.scoring")),
    ("pipeline", ("audit.backtranslation", "audit.pipeline", "audit.config", "audit.baseline", "audit.evaluate",
                  "audit.evaluate_realmt", "audit.source", "audit.analysis_cache")),
    ("writers", ("audit.writers",)),
    ("cli", ("audit.cli", "audit.__main__", "audit.doctor")),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(AUDIT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    """The layer of ``module``: the one whose longest prefix matches it."""
    best, best_len = None, -1
    for level, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            # "audit" itself is the package (its version), not everything under it
            within = module == prefix or (prefix != "audit" and module.startswith(prefix + "."))
            if within and len(prefix) > best_len:
                best, best_len = level, len(prefix)
    if best is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS")
    return best


def imports_in(source: str, package: str) -> list[tuple[int, str]]:
    """(line, module) of every import of an audit module in ``source``, a module of ``package``;
    relative imports resolved, imports inside functions included."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # "from audit.writers import html" imports the module audit.writers.html
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names
                      if (AUDIT.parent / Path(*f"{target}.{alias.name}".split("."))).with_suffix(".py").is_file()]
    return [(line, name) for line, name in found if name == "audit" or name.startswith("audit.")]


def imports_of(path: Path) -> list[tuple[int, str]]:
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    return imports_in(path.read_text(encoding="utf-8"), package)


SOURCES = sorted(AUDIT.rglob("*.py"))


def test_every_module_has_a_layer():
    for path in SOURCES:
        layer_of(module_name(path))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(AUDIT.parent)))
def test_no_upward_import(path: Path):
    here = module_name(path)
    level = layer_of(here)
    upward = [f"{path.relative_to(AUDIT.parent)}:{line} imports {name} ({LAYERS[layer_of(name)][0]} above {LAYERS[level][0]})"
              for line, name in imports_of(path) if layer_of(name) > level]
    assert not upward, "\n".join(upward)


def test_writers_import_only_the_shared_base():
    for path in sorted((AUDIT / "writers").glob("*.py")):
        here = module_name(path)
        others = [name for _, name in imports_of(path)
                  if name.startswith("audit.writers.") and name != "audit.writers.base" and name != here]
        assert not others, f"{here} imports another writer's internals: {others}"


def test_the_checker_sees_lazy_and_relative_imports():
    """The checker itself: an import inside a function, a relative import and a submodule import are found."""
    source = "import os\n\ndef f():\n    from audit.cli import app\n\nfrom .base import Writer\nfrom audit.writers import html\n"
    names = sorted(name for _, name in imports_in(source, "audit.writers"))
    assert names == ["audit.cli", "audit.writers", "audit.writers.base", "audit.writers.html"]
    assert layer_of("audit.cli") > layer_of("audit.writers.html") > layer_of("audit.pipeline") > layer_of("audit.checks.garble")
    assert layer_of("audit.checks.garble") > layer_of("audit.resources.quotes") > layer_of("audit.model")
