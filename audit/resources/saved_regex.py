"""Compiled regular expressions kept on disk, for a library that compiles a huge one on import.

Importing ``spacy.lang.fr`` compiles one regular expression (the French tokenizer's exceptions:
``(?iu)`` and 150 alternatives with Unicode letter classes), which costs 2.2 s of CPU in every
process that loads spaCy, more than the rest of the model. Python cannot pickle a compiled
pattern, but it compiles in two steps: parsing the pattern into ``_sre`` code (the slow part),
then ``_sre.compile`` (instant). :func:`save` keeps that code in the cache folder; :func:`preload`
rebuilds the pattern from it and puts it in ``re``'s own cache under the same key
(pattern, flags) that the library's ``re.compile`` will ask for, so that the library gets the
already compiled pattern. The code is Python's own output for this pattern, so the pattern
behaves exactly as if compiled there; the file is named after the Python version, the ``_sre``
engine's version and the library's, and anything unexpected falls back to compiling.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import sys
from array import array
from pathlib import Path

log = logging.getLogger(__name__)

FORMAT = 1


def _engine():
    """(``_sre``, ``re._parser``, ``re._compiler``) when this Python compiles the way we rely on, else None."""
    try:
        import _sre
        from re import _compiler, _parser
    except ImportError:  # Python before 3.11 named them sre_parse / sre_compile
        return None
    if not isinstance(getattr(re, "_cache", None), dict) or not hasattr(_compiler, "_code"):
        return None
    return _sre, _parser, _compiler


def cache_file(name: str, library_version: str) -> Path:
    engine = _engine()
    magic = f"{engine[0].MAGIC}:{engine[0].CODESIZE}" if engine else "none"
    folder = os.environ.get("AUDIT_CACHE_DIR")
    if not folder:
        from platformdirs import user_cache_dir

        folder = user_cache_dir("audit")
    digest = hashlib.sha256(f"{FORMAT}:{sys.version}:{magic}:{name}:{library_version}".encode()).hexdigest()[:16]
    return Path(folder) / f"regex-{name}-{digest}.json"


def compile_parts(pattern: str, flags: int = 0) -> dict:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for ``pattern`` (the slow part of compiling)."""
    engine = _engine()
    if engine is None:
        raise RuntimeError("this Python's regular expression compiler is not the one this module knows")
    _, parser, compiler = engine
    parsed = parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for key, index in groupindex.items():
        indexgroup[index] = key
    return {"pattern": pattern, "flags": flags, "all_flags": flags | parsed.state.flags, "code": list(code),
            "groups": parsed.state.groups - 1, "groupindex": groupindex, "indexgroup": indexgroup}


def build(parts: dict) -> re.Pattern:
    """The compiled pattern, from :func:`compile_parts`'s output."""
    engine = _engine()
    if engine is None:
        raise RuntimeError("this Python's regular expression compiler is not the one this module knows")
    return engine[0].compile(parts["pattern"], parts["all_flags"], parts["code"], parts["groups"],
                             parts["groupindex"], tuple(parts["indexgroup"]))


def _encode(parts: dict) -> str:
    engine = _engine()
    code = array("I" if engine[0].CODESIZE == 4 else "H", parts["code"])
    return json.dumps({**parts, "code": base64.b64encode(code.tobytes()).decode("ascii"), "typecode": code.typecode}, ensure_ascii=False)


def _decode(text: str) -> dict:
    data = json.loads(text)
    code = array(data.pop("typecode"))
    code.frombytes(base64.b64decode(data["code"]))
    data["code"] = code.tolist()
    data["groupindex"] = {k: int(v) for k, v in data["groupindex"].items()}
    return data


def save(name: str, library_version: str, pattern: str, flags: int = 0) -> None:
    """Compile ``pattern`` and keep its code under ``name`` for the next processes."""
    from audit.fileio import atomic_write

    if _engine() is None:
        return
    try:
        atomic_write(cache_file(name, library_version), _encode(compile_parts(pattern, flags)))
    except (OSError, RuntimeError) as exc:
        log.info("cannot keep the compiled pattern %s: %s", name, exc)


def preload(name: str, library_version: str) -> str | None:
    """Put the pattern saved under ``name`` into ``re``'s cache; its source, or None when there is none.

    The next ``re.compile(source, flags)`` in this process (the library's) returns it without compiling.
    """
    if _engine() is None:
        return None
    path = cache_file(name, library_version)
    try:
        parts = _decode(path.read_text(encoding="utf-8"))
        compiled = build(parts)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - a damaged file only means compiling again
        log.info("%s: unusable (%s); the pattern is compiled again", path, exc)
        return None
    re._cache[type(parts["pattern"]), parts["pattern"], parts["flags"]] = compiled
    return parts["pattern"]
