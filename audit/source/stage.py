"""The source stage: align an audited file with its source and check it against it.

Runs after the monolingual checks and the back-translation of a file, only when
a source (or a reference) was paired with it. It

1. reads and segments the source, refusing (one line) an empty one or one that is
   not in the source language;
2. aligns source and translated sentences (:mod:`audit.source.align`) on lengths
   and dictionary links (:mod:`audit.source.lexical`);
3. emits the SRxxx findings (:mod:`audit.source.checks`), omissions and additions;
4. scores the back-translation of each bead against its source sentences
   (chrF, BLEU, TER; per passage and per file, with sacreBLEU signatures): the
   suspicion score uses this chrF in place of the round trip's;
5. with a reference translation, scores the translation against it.

A passage gets ``source`` (its source sentences, the bead, the scores); the file
gets ``source`` (path, alignment, corpus scores) and ``reference``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from audit.ingest.decode import InputError, read_text
from audit.ingest.segment import segment
from audit.model import FileReport, Finding, PassageReport, Sentence
from audit.source import rules  # noqa: F401  (registers the SR rules)
from audit.source.align import Bead as AlignedBead
from audit.source.align import align
from audit.source.checks import ADDITION_MAJOR_WORDS, OMISSION_MINOR_WORDS, Bead, Hit, check_bead, coverage
from audit.source.lexical import attach_keys, english_words, french_words, similarity

LANGUAGE_SAMPLE = 4000  # characters of the source read to tell its language


# English abbreviations after which the (French-tuned) sentence splitter wrongly cuts: "Mr. | Montebourg",
# "the 2nd U.S. | Circuit Court".
_EN_ABBREVIATION = re.compile(
    r"(?:^|[\s(\"“'])(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Prof|Lt|Col|Capt|Sgt|Rev|Hon|Mt|Ft|No|Nos|vs|etc|Inc|Corp|Co|Ltd|Jan|Feb|Aug|Sept|Oct|Nov|Dec|[A-Z]|(?:[A-Z]\.)+[A-Z])\.$"
)


def english_sentences(doc) -> list[Sentence]:
    """The document's sentences, re-joined where the splitter cut after an English abbreviation or initial,
    or before a closing quote (`restored." ` cut as `restored.` and `"`, which would read as an omitted sentence)."""
    out: list[Sentence] = []
    for s in doc.sentences:
        prev = out[-1] if out else None
        if prev is not None and prev.paragraph == s.paragraph and (
            _EN_ABBREVIATION.search(prev.text.rstrip()) or not any(ch.isalnum() for ch in s.text)
        ):
            out[-1] = replace(prev, end=s.end, text=doc.text[prev.start:s.end])
            continue
        out.append(s)
    return out


class SourceError(Exception):
    """A source or reference that cannot be used; the message is one line."""


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_source(path: Path, language: str, source_language: str, role: str = "source"):
    """The segmented source document; :class:`SourceError` when it is unreadable, empty or in the wrong language."""
    display = _display(path)
    try:
        decoded = read_text(path, display)
    except InputError as exc:
        raise SourceError(f"{role} text {display}: {exc.reason}") from None
    doc = segment(decoded.text, display, decoded.encoding)
    if not doc.sentences:
        raise SourceError(f"{role} text {display} is empty")
    if role == "source":
        from audit.ingest.langid import LanguageIdentifier

        guess = LanguageIdentifier(expected=language, source=source_language).identify(decoded.text[:LANGUAGE_SAMPLE])
        if guess.language == language:
            raise SourceError(f"source text {display} is in {language}, not in {source_language} (--source)")
    return doc


def _words_per_sentence(texts: list[str], analyse) -> list:
    return [analyse(t) for t in texts]


def align_texts(source_texts: list[str], target_texts: list[str], lexicon=None) -> tuple[list[AlignedBead], list, list]:
    """Beads pairing the two lists of sentences, and the analysed words of both sides."""
    en = _words_per_sentence(source_texts, english_words)
    fr = _words_per_sentence(target_texts, french_words)
    attach_keys(fr, en, lexicon)

    # Sentences with no letter or digit (a closing quote the splitter cut off: « paix. | » ») are not aligned:
    # each rides with the sentence before it, so it is neither an omission nor an addition.
    src_kept = [k for k, t in enumerate(source_texts) if _has_words(t)] or list(range(len(source_texts)))
    tgt_kept = [k for k, t in enumerate(target_texts) if _has_words(t)] or list(range(len(target_texts)))

    def sim(src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        return similarity([w for k in tgt for w in fr[tgt_kept[k]]], [w for k in src for w in en[src_kept[k]]])

    beads = align([len(source_texts[k]) for k in src_kept], [len(target_texts[k]) for k in tgt_kept], sim)
    return _with_fragments(beads, src_kept, len(source_texts), tgt_kept, len(target_texts)), en, fr


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _with_fragments(beads: list[AlignedBead], src_kept: list[int], n_src: int, tgt_kept: list[int], n_tgt: int) -> list[AlignedBead]:
    """``beads`` over the kept sentences, in the original indices, each word-less sentence joined to the bead of
    the sentence before it (of the first sentence when none is before it)."""
    def expand(indices: tuple[int, ...], kept: list[int], n: int) -> tuple[int, ...]:
        out: list[int] = []
        for k in indices:
            out.extend(range(0 if k == 0 else kept[k], kept[k + 1] if k + 1 < len(kept) else n))
        return tuple(out)

    return [AlignedBead(expand(b.source, src_kept, n_src), expand(b.target, tgt_kept, n_tgt), b.cost, b.similarity)
            for b in beads]


def _finding(policy, passage: PassageReport, hit: Hit) -> Finding | None:
    """The finding of ``hit`` (offsets relative to the passage), made by the one factory; None when not selected."""
    s = passage.sentence
    before = s.text[:hit.start]
    newlines = before.count("\n")
    line = s.line + newlines
    col = (hit.start - before.rfind("\n")) if newlines else s.col + hit.start
    return policy.make(hit.code, start=s.start + hit.start, end=s.start + hit.end, line=line, col=col,
                       span=s.text[hit.start:hit.end], message=hit.message, severity=hit.severity, evidence=hit.evidence)


def _words(text: str) -> int:
    return len(text.split())


def apply_source(report: FileReport, source_path: Path, settings, ignore: Iterable[str] = (), select=None) -> None:
    """Align ``report`` with its source and add the SR findings, passage sources and scores."""
    source_doc = read_source(source_path, settings.language, settings.source_language)
    check_against(report, english_sentences(source_doc), settings, ignore=ignore, select=select)
    report.source["file"] = _display(source_path)


def check_against(report: FileReport, source_sentences, settings, ignore: Iterable[str] = (), select=None) -> None:
    """Align the passages of ``report`` with ``source_sentences`` and add findings, sources and scores."""
    from audit.checks.factory import FindingPolicy
    from audit.scoring import corpus_scores, score_pair

    policy = FindingPolicy.of(ignore, select, getattr(settings, "severity", None))
    passages = report.passages
    if not passages:
        report.source = {"file": None, "language": settings.source_language, "sentences": len(source_sentences)}
        return
    beads, en, fr = align_texts([s.text for s in source_sentences], [p.sentence.text for p in passages])
    def add(passage: PassageReport, hit: Hit) -> None:
        finding = _finding(policy, passage, hit)
        if finding is not None:
            passage.findings.append(finding)

    def omitted(passage: PassageReport, k: int) -> None:
        s = source_sentences[k]
        severity = "minor" if _words(s.text) <= OMISSION_MINOR_WORDS else None
        add(passage, Hit("SR201", 0, 0, len(passage.sentence.text), severity=severity,
                         message=f"Source sentence {s.id} (line {s.line}) has no translation", evidence=f"source: {s.text}"))

    hypotheses, references = [], []
    pending_omissions: list[int] = []
    previous: PassageReport | None = None  # the last translated passage of the beads seen so far
    for n, bead in enumerate(beads):
        if not bead.target:
            for k in bead.source:
                # An omitted sentence that continues the paragraph of the sentence before it belongs with that
                # sentence's translation (a line that lost its second sentence); one that opens a paragraph, with
                # the translation that follows it.
                if previous is not None and k > 0 and source_sentences[k - 1].paragraph == source_sentences[k].paragraph:
                    omitted(previous, k)
                else:
                    pending_omissions.append(k)
            continue
        targets = [passages[k] for k in bead.target]
        source_text = " ".join(source_sentences[k].text for k in bead.source)
        for passage in targets:
            passage.source = {
                "text": source_text,
                "sentences": [source_sentences[k].id for k in bead.source],
                "line": source_sentences[bead.source[0]].line if bead.source else None,
                "bead": bead.kind,
                "similarity": None if bead.similarity is None else round(bead.similarity, 3),
            }
        previous = targets[-1]
        for k in pending_omissions:
            omitted(targets[0], k)
        pending_omissions = []
        if not bead.source:
            for passage in targets:
                severity = "major" if _words(passage.sentence.text) > ADDITION_MAJOR_WORDS else None
                add(passage, Hit("SR202", 0, 0, len(passage.sentence.text), severity=severity))
            continue
        view = Bead([source_sentences[k].text for k in bead.source], [p.sentence.text for p in targets],
                    [en[k] for k in bead.source], [fr[k] for k in bead.target])
        for hit in check_bead(view):
            add(targets[hit.part], hit)
        stats = coverage(view)
        for passage in targets:
            passage.source["coverage"] = stats
        back = [p.backtranslation for p in targets]
        if all(b is not None for b in back):
            hypothesis = " ".join(back)
            metrics = score_pair(hypothesis, source_text)
            for passage in targets:
                passage.source["metrics"] = metrics
            hypotheses.append(hypothesis)
            references.append(source_text)
    for k in pending_omissions:
        omitted(passages[-1], k)
    for passage in passages:
        passage.findings.sort(key=Finding.sort_key)
    kinds: dict[str, int] = {}
    for bead in beads:
        kinds[bead.kind] = kinds.get(bead.kind, 0) + 1
    report.source = {
        "file": None,
        "language": settings.source_language,
        "sentences": len(source_sentences),
        "alignment": {"beads": dict(sorted(kinds.items())),
                      "pairs": [[[source_sentences[k].id for k in b.source], [passages[k].sentence.id for k in b.target]] for b in beads]},
        "metrics": corpus_scores(hypotheses, references),
    }


def audit_pair(source: str, translation: str, settings=None) -> FileReport:
    """The source-aware findings of a translation given as text (no monolingual checks, no engine).

    For rule examples and tests: both texts are segmented as files would be.
    """
    from audit.config import Settings

    settings = settings or Settings()
    doc = segment(translation)
    report = FileReport(path="<translation>", display_path="<translation>", report_name="pair", text=translation)
    report.passages = [PassageReport(sentence=s, language=settings.language) for s in doc.sentences]
    check_against(report, english_sentences(segment(source)), settings)
    return report


def apply_reference(report: FileReport, reference_path: Path, settings) -> None:
    """sacreBLEU scores of the translation against a human reference translation, aligned sentence by sentence."""
    from audit.scoring import corpus_scores, score_pair

    reference_doc = read_source(reference_path, settings.language, settings.source_language, role="reference")
    refs = [s.text for s in reference_doc.sentences]
    passages = report.passages
    if not passages:
        return
    ref_tokens = [set(t.lower().split()) for t in refs]
    hyp_tokens = [set(p.sentence.text.lower().split()) for p in passages]

    def overlap(src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        a = set().union(*(ref_tokens[k] for k in src))
        b = set().union(*(hyp_tokens[k] for k in tgt))
        return len(a & b) / max(1, min(len(a), len(b)))

    beads = align([len(t) for t in refs], [len(p.sentence.text) for p in passages], overlap)
    hypotheses, references = [], []
    for bead in beads:
        if not bead.source or not bead.target:
            continue
        hypothesis = " ".join(passages[k].sentence.text for k in bead.target)
        reference = " ".join(refs[k] for k in bead.source)
        scores = score_pair(hypothesis, reference)
        for k in bead.target:
            passages[k].reference = {"text": reference, "metrics": scores}
        hypotheses.append(hypothesis)
        references.append(reference)
    report.reference = {"file": _display(reference_path), "sentences": len(refs), "metrics": corpus_scores(hypotheses, references)}


def run_source_stage(reports: list[FileReport], targets, settings) -> None:
    """Apply sources and references to the audited ``reports`` (matched to ``targets`` by report name).

    A source that cannot be used turns its file into an error report (one line);
    the other files are not touched.
    """
    by_name = {t.report_name: t for t in targets}
    for report in reports:
        if report.error:
            continue
        target = by_name.get(report.report_name)
        if target is None:
            continue
        try:
            if getattr(target, "source", None) is not None:
                apply_source(report, target.source, settings, ignore=settings.ignore, select=settings.select)
            if getattr(target, "reference", None) is not None:
                apply_reference(report, target.reference, settings)
        except SourceError as exc:
            report.error = str(exc)
            report.passages = []
            report.findings = []
        except Exception as exc:  # one file's failure must not lose the others' reports
            report.error = f"internal error while checking against the source: {type(exc).__name__}: {exc}"
            report.passages = []
            report.findings = []
