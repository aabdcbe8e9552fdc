"""Grammalecte, found and started once per process: the French grammar checker's engine.

Looked up first as an installed ``grammalecte`` package, then in Debian's folders
(or the folder ``AUDIT_GRAMMALECTE_PATH`` names). A resource below the checks: the
grammar check and the word lists (its French lexicon) both use it.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

ENV_VAR = "AUDIT_GRAMMALECTE_PATH"
DEFAULT_LOCATIONS = (
    Path("/usr/lib/python3/dist-packages/grammalecte"),
    Path("/usr/share/grammalecte/grammalecte"),
    Path("/usr/local/lib/python3/dist-packages/grammalecte"),
)


def _candidate_paths() -> list[Path]:
    env = os.environ.get(ENV_VAR)
    if env:
        p = Path(env)
        return [p if (p / "__init__.py").exists() else p / "grammalecte"]
    return list(DEFAULT_LOCATIONS)


def _import_from(folder: Path):
    """Import the ``grammalecte`` package from ``folder`` alone, registered in ``sys.modules``."""
    init = folder / "__init__.py"
    if not init.exists():
        raise ImportError(f"no grammalecte package at {folder}")
    existing = sys.modules.get("grammalecte")
    if existing is not None and Path(getattr(existing, "__file__", "") or "").resolve() == init.resolve():
        return existing
    spec = importlib.util.spec_from_file_location("grammalecte", init, submodule_search_locations=[str(folder)])
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load grammalecte from {folder}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["grammalecte"] = module
    try:
        spec.loader.exec_module(module)
    except Exception:
        del sys.modules["grammalecte"]
        raise
    return module


@lru_cache(maxsize=1)
def engine() -> tuple[Any, str]:
    """(Grammalecte's French engine or None, version or the reason it is missing)."""
    from audit.status import announce

    announce("loading Grammalecte")
    errors = []
    module = None
    if os.environ.get(ENV_VAR) is None:
        try:  # an installation on sys.path (pip) wins
            module = importlib.import_module("grammalecte")
        except Exception as exc:  # noqa: BLE001 - any failure means "not there"
            errors.append(f"import grammalecte: {exc}")
            sys.modules.pop("grammalecte", None)
    if module is None:
        for folder in _candidate_paths():
            try:
                module = _import_from(folder)
                break
            except Exception as exc:  # noqa: BLE001
                errors.append(f"{folder}: {exc}")
    if module is None:
        return None, "Grammalecte not found (" + "; ".join(errors[-2:]) + f"); install python3-grammalecte or set {ENV_VAR}"
    try:
        checker = module.GrammarChecker("fr")
        engine = checker.getGCEngine()
    except Exception as exc:  # noqa: BLE001
        return None, f"Grammalecte could not start: {exc}"
    # Grammalecte passes thousands of pattern strings to re.search: more than re's cache holds.
    from audit.resources.regex import install

    for name, loaded in list(sys.modules.items()):
        if name == "grammalecte" or name.startswith("grammalecte."):
            install(loaded)
    version = getattr(engine, "version", None) or getattr(module, "__version__", "unknown version")
    return engine, str(version)


def grammalecte_status() -> tuple[bool, str]:
    """(available, version or the reason it is not) for ``audit doctor``."""
    engine_, info = engine()
    return engine_ is not None, info
