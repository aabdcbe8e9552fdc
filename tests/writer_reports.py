"""Realistic reports for the writer, baseline and browser tests.

Built from the seed articles: segmentation and the registered checks as they are,
plus findings taken from the hand annotations in ``tests/data/seeds-gold.jsonl``
(codes ``XT...``, so the tests never depend on which checks exist yet). Back-
translations and metrics are fixed fake values: the writers only render them.
Hostile reports (markup in the article, the messages and the file name) are built
by hand.
"""

from __future__ import annotations

import copy
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from audit.model import Document, FileReport, Finding, PassageReport, RunReport

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = ROOT / "tests" / "data" / "seeds-gold.jsonl"

ENGINE = {"name": "apertium", "version": "3.8", "route": ["fr-es", "spa-eng"], "reason": "no direct fr-en pair"}

# Gold category -> a test-only code (never a registered one).
GOLD_CODES = {
    "untranslated": "XT101",
    "mt-disclaimer": "XT201",
    "mt-indicator": "XT202",
    "boilerplate": "XT301",
    "repetition": "XT401",
    "typography": "XT501",
    "number-format": "XT601",
    "date-format": "XT602",
    "grammar": "XT701",
    "garble": "XT801",
    "calque": "XT902",
    "false-friend": "XT903",
    "mistranslation": "XT904",
    "entity": "XT905",
    "omission": "XT906",
}


def _gold() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            out.setdefault(entry["file"], []).append(entry)
    return out


@lru_cache(maxsize=None)
def _real_findings(text: str, path: str) -> tuple[Finding, ...]:
    """The registered checks' findings, computed once per text (loading the checks is slow)."""
    from audit.checks.runner import build_context, run_checks
    from audit.ingest.segment import segment

    doc = segment(text, path)
    return tuple(run_checks(doc, build_context(doc)))


def make_finding(doc: Document, code: str, category: str, severity: str, start: int, end: int,
                 message: str, suggestion: str | None = None) -> Finding:
    line, col = doc.position(start)
    return Finding(code=code, category=category, severity=severity, message=message, start=start, end=end,
                   line=line, col=col, span=doc.text[start:end], suggestion=suggestion)


def _fake_metrics(text: str) -> dict[str, float]:
    h = int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16)
    chrf = 35 + (h % 500) / 10
    return {"chrf": round(chrf, 1), "bleu": round(chrf / 2.5, 1), "ter": round(100 - chrf * 0.8, 1)}


def report_from_text(text: str, display_path: str, report_name: str, path: str | None = None,
                     extra: list[tuple] = (), use_gold: str | None = None, run_real_checks: bool = True) -> FileReport:
    """A FileReport for ``text``: real segmentation (and checks), gold and ``extra`` findings.

    ``extra`` holds (code, category, severity, span text, message, suggestion) tuples,
    placed at the first occurrence of the span text.
    """
    from audit.ingest.segment import segment

    doc = segment(text, path or display_path)
    findings: list[Finding] = copy.deepcopy(list(_real_findings(text, path or display_path))) if run_real_checks else []
    line_starts = doc.line_starts
    for entry in _gold().get(use_gold or "", []):
        line_start = line_starts[entry["line"] - 1] if entry["line"] - 1 < len(line_starts) else 0
        at = text.find(entry["span"], line_start)
        if at < 0:
            at = text.find(entry["span"])
        if at < 0:
            continue
        findings.append(make_finding(doc, GOLD_CODES[entry["category"]], entry["category"], entry["severity"],
                                     at, at + len(entry["span"]), entry["note"]))
    for code, category, severity, span, message, suggestion in extra:
        at = text.find(span)
        assert at >= 0, span
        findings.append(make_finding(doc, code, category, severity, at, at + len(span), message, suggestion))
    seen = set()
    unique = []
    for f in sorted(findings, key=Finding.sort_key):
        if (f.code, f.start, f.end) not in seen:
            seen.add((f.code, f.start, f.end))
            unique.append(f)
    passages = []
    for sentence in doc.sentences:
        mine = [f for f in unique if sentence.start <= f.start < sentence.end]
        metrics = _fake_metrics(sentence.text)
        worst = max((3 if f.severity == "major" else 2 if f.severity == "minor" else 1) for f in mine) if mine else 0
        score = round(min(1.0, worst / 3 * 0.7 + (60 - metrics["chrf"]) / 100), 4)
        passages.append(PassageReport(
            sentence=sentence, language="fr", findings=mine,
            backtranslation=f"English back-translation of passage {sentence.id}.",
            roundtrip=sentence.text[:80],
            metrics=metrics, score=max(score, 0.0), suspect=worst >= 2 or metrics["chrf"] < 40,
        ))
    return FileReport(path=path or display_path, display_path=display_path, report_name=report_name,
                      encoding="utf-8", passages=passages, engine=dict(ENGINE), text=text)


def seed_report(seed: Path, prefix: str = "seeds") -> FileReport:
    text = seed.read_text(encoding="utf-8")
    return report_from_text(text, f"{prefix}/{seed.name}", f"{prefix}/{seed.stem}" if "/" in prefix else seed.stem,
                            path=str(seed), use_gold=seed.name)


HOSTILE_TEXT = (
    "Le président a déclaré <script>alert(1)</script> hier soir à Paris.\n"
    "Un lien \"><img src=x onerror=alert(2)> est apparu dans le texte & ailleurs.\n"
    "Une troisième phrase sans rien de spécial, mais avec un retour au pays.\n"
)


def hostile_report() -> FileReport:
    return report_from_text(
        HOSTILE_TEXT,
        display_path='evil/<b>x</b>"&.txt',
        report_name="evil/x",
        path='evil/<b>x</b>"&.txt',
        extra=[
            ("XT904", "mistranslation", "major", "<script>alert(1)</script>",
             "Message with <script>alert(3)</script> & \"quotes\"", "<img src=x onerror=alert(4)>"),
            ("XT501", "typography", "minor", "\"><img src=x onerror=alert(2)>",
             "Stray markup \"><svg onload=alert(5)>", None),
            ("XT<i>", "<category>", "info", "retour au pays", "odd </style><script>alert(6)</script>", "'x'"),
        ],
        run_real_checks=False,
    )


def error_report(name: str = "broken.txt") -> FileReport:
    return FileReport(path=f"inputs/{name}", display_path=f"inputs/{name}", report_name=Path(name).stem,
                      error="cannot decode: bytes look binary <\x00>")


def seed_run(**settings) -> RunReport:
    files = [seed_report(s) for s in SEEDS]
    return RunReport(files=files, settings=dict(settings), engine=dict(ENGINE))


def full_run(**settings) -> RunReport:
    """Seeds, a seed in a subfolder, a hostile file and an unreadable file."""
    files = [seed_report(s) for s in SEEDS]
    files.append(seed_report(SEEDS[0], prefix="sub/dir"))
    files.append(hostile_report())
    files.append(error_report())
    return RunReport(files=files, settings=dict(settings), engine=dict(ENGINE))
