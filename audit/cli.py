"""Command line: ``audit run``, ``rules``, ``explain``, ``eval``, ``doctor``, ``models``.

Exit status of ``audit run``: 0 when nothing at or above ``--fail-on`` was found
(and no passage reached ``--fail-score``), 1 when something was or a file could
not be read, 2 for usage errors or when no input could be read at all.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperArgument, TyperCommand

from audit import __version__
from audit.config import ConfigError, Settings, load_settings

EXIT_CLEAN, EXIT_FOUND, EXIT_USAGE = 0, 1, 2

class _PlainArgument(TyperArgument):
    """An argument shown as ruff or pytest show one: ``PATH...`` in the usage line, no type tag."""

    def _usage_display_name(self) -> str:
        name = self.metavar or self.name.upper()
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    def display_type(self, ctx) -> str:
        return ""


class _PlainCommand(TyperCommand):
    """A command whose help reads plainly: no Rich markup (it ate "[default: …]"), no ``{paths}``."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _PlainArgument


app = typer.Typer(
    name="audit",
    rich_markup_mode=None,
    help="Audit machine-translated French text: find the passages to distrust, and say why.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
models_app = typer.Typer(help="Manage Argos Translate models.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(models_app, name="models")


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    typer.echo(f"audit: error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def _pipe_safe(stop: bool = True):
    """Stop printing quietly when the reader of stdout goes away (`audit rules | head`).

    With ``stop`` the command exits 0 (what the reader wanted was printed); without,
    the command carries on to its own exit status.
    """
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so that later writes and the final flush do not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        if stop:
            raise typer.Exit(EXIT_CLEAN) from None


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"audit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True, help="Print the version and exit."),
) -> None:
    pass


def build_settings(config: Optional[Path], **overrides) -> Settings:
    """Defaults < config file < command line (only options the user gave)."""
    settings, _ = load_settings(config)
    for key, value in overrides.items():
        if value is None or value == [] or value is False:
            continue
        setattr(settings, key, value)
        settings.origins.pop(key, None)
    settings.validate()
    return settings


class RunTally:
    """What `audit run` prints at its end, gathered report by report so that no report is kept.

    Counts of passages and suspect ones, the findings at or above ``--fail-on`` and
    passages at or above ``--fail-score`` (the first :data:`REASONS_SHOWN` of each as
    lines), and the findings printed on stdout, parked in a temporary file until the end.
    """

    def __init__(self, settings: Settings) -> None:
        import tempfile

        self.settings = settings
        self.audited = self.passages = self.suspect = 0
        self.failing = self.reached = 0
        self.failing_lines: list[str] = []
        self.reached_lines: list[str] = []
        self.printed = None if settings.quiet else tempfile.TemporaryFile("w+", encoding="utf-8", newline="")

    def add(self, report) -> None:
        from audit.model import SEVERITY_RANK, quote_span

        if report.error:
            return
        self.audited += 1
        self.passages += len(report.passages)
        self.suspect += report.suspect_count
        findings = report.all_findings()
        if self.printed is not None:
            for f in findings:
                if SEVERITY_RANK[f.severity] >= SEVERITY_RANK["minor"]:
                    self.printed.write(f"{report.display_path}:{f.line}:{f.col}: {f.code} [{f.severity}] {f.message} {quote_span(f.span, 60)}\n")
        if self.settings.fail_on != "never":
            floor = SEVERITY_RANK[self.settings.fail_on]
            for f in findings:
                if SEVERITY_RANK[f.severity] >= floor:
                    self.failing += 1
                    if len(self.failing_lines) < REASONS_SHOWN:
                        self.failing_lines.append(f"  {report.display_path}:{f.line}:{f.col}: {f.code} [{f.severity}] {quote_span(f.span, 60)}")
        if self.settings.fail_score is not None:
            for p in report.passages:
                if p.score >= self.settings.fail_score:
                    self.reached += 1
                    if len(self.reached_lines) < REASONS_SHOWN:
                        s = p.sentence
                        self.reached_lines.append(f"  {report.display_path}:{s.line}:{s.col}: passage {s.id}, score {p.score:.2f}")

    def print_findings(self) -> None:
        """The findings of minor severity and above, one line each, on stdout."""
        if self.printed is None:
            return
        self.printed.seek(0)
        for line in self.printed:
            typer.echo(line, nl=False)
        self.printed.close()


def _exit_status(tally: RunTally, errors: list, settings: Settings) -> tuple[int, list[str]]:
    """The exit status and, when it is 1, the lines that say why (``file:line:col`` of each cause)."""
    from audit.model import plural

    if not tally.audited:
        return EXIT_USAGE, []
    reasons: list[str] = []
    if errors and settings.fail_on != "never":
        reasons.append(f"{plural(len(errors), 'file')} could not be read: " + ", ".join(r.display_path for r in errors[:5]))
    if settings.fail_on != "never" and tally.failing:
        reasons.append(f"{plural(tally.failing, 'finding')} at or above --fail-on {settings.fail_on}:")
        reasons += tally.failing_lines
        if tally.failing > REASONS_SHOWN:
            reasons.append(f"  ... and {tally.failing - REASONS_SHOWN} more (see the reports)")
    if settings.fail_score is not None and tally.reached:
        reasons.append(f"{plural(tally.reached, 'passage')} reached --fail-score {settings.fail_score:g}:")
        reasons += tally.reached_lines
        if tally.reached > REASONS_SHOWN:
            reasons.append(f"  ... and {tally.reached - REASONS_SHOWN} more (see the reports)")
    if reasons:
        return EXIT_FOUND, ["exit 1 because " + reasons[0], *reasons[1:]]
    return EXIT_CLEAN, []


REASONS_SHOWN = 10


@app.command(cls=_PlainCommand)
def run(
    paths: list[Path] = typer.Argument(..., metavar="PATH", help="Files or folders (folders: every *.txt and *.md below them)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="FOLDER", help="Folder for the reports [default: reports]."),
    format: Optional[list[str]] = typer.Option(None, "--format", "-f", metavar="FORMATS", help="Comma-separated: json, md, html, csv, sarif, junit [default: json,md]."),
    lang: Optional[str] = typer.Option(None, "--lang", metavar="LANG", help="Language of the texts [default: fr]."),
    source: Optional[str] = typer.Option(None, "--source", metavar="LANG", help="Language they were translated from [default: en]."),
    engine: Optional[str] = typer.Option(None, "--engine", metavar="ENGINE", help="auto | argos | apertium | none [default: auto]."),
    pivot: Optional[str] = typer.Option(None, "--pivot", metavar="LANG", help="Apertium pivot language: es | ca [default: es]."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", metavar="SEVERITY", help="Exit 1 when a finding at or above this severity is found: major | minor | info | never [default: major]."),
    fail_score: Optional[float] = typer.Option(None, "--fail-score", metavar="SCORE", help="Exit 1 when a passage's suspicion score reaches this value (0-1)."),
    threshold: Optional[float] = typer.Option(None, "--threshold", metavar="SCORE", help="Suspicion score from which a passage is suspect [default: 0.5]."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", metavar="CODES", help="Rule codes, code prefixes (FR5) or categories to switch off; repeatable or comma-separated."),
    select: Optional[list[str]] = typer.Option(None, "--select", metavar="CODES", help="Only these codes, prefixes or categories."),
    rules: Optional[list[Path]] = typer.Option(None, "--rules", metavar="FILE", help="Extra rule-pack file(s) (TOML)."),
    cache: Optional[Path] = typer.Option(None, "--cache", metavar="FILE", help="Translation cache file (SQLite) [default: in the user cache folder]."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the translation cache."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="N", help="Audit files in N parallel processes (Dask: workers of the local cluster) [default: the cores available]."),
    executor: Optional[str] = typer.Option(None, "--executor", metavar="EXECUTOR", help="local | dask: where batches of files are audited [default: local]."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786) for --executor dask [default: $DASK_SCHEDULER_ADDRESS, else a local cluster]."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", metavar="FILE", help="Baseline file: fail only on findings not in it (created when missing)."),
    update_baseline: bool = typer.Option(False, "--update-baseline", help="Rewrite the baseline with today's findings."),
    suppressions: Optional[Path] = typer.Option(None, "--suppressions", metavar="FILE", help="File of accepted findings, each with a reason."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Settings file (audit.toml or pyproject.toml) [default: nearest one]."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors and the final line."),
    source_text: Optional[str] = typer.Option(None, "--source-text", metavar="SOURCE", help="The original text(s): a file, a folder paired by relative path, or auto (x.fr.txt with x.en.txt)."),
    reference_text: Optional[str] = typer.Option(None, "--reference-text", metavar="REFERENCE", help="Human translation(s) of the same original, for BLEU/chrF/TER (file, folder or auto)."),
) -> None:
    """Audit files and write one report per file plus a summary for the run."""
    try:
        settings = build_settings(
            config,
            out=str(out) if out else None,
            formats=_split(format) or None,
            language=lang,
            source_language=source,
            engine=engine,
            pivot=pivot,
            fail_on=fail_on,
            fail_score=fail_score,
            threshold=threshold,
            ignore=_split(ignore) or None,
            select=_split(select) or None,
            rules=[str(r) for r in rules] if rules else None,
            cache=str(cache) if cache else None,
            no_cache=no_cache,
            jobs=jobs,
            executor=executor,
            scheduler=scheduler,
            baseline=str(baseline) if baseline else None,
            suppressions=str(suppressions) if suppressions else None,
            quiet=quiet,
            source_text=source_text,
            reference_text=reference_text,
        )
        if settings.rules:
            from audit.checks.rulepack import load_rule_file

            for rule_file in settings.rules:
                load_rule_file(Path(rule_file))
        # After the rule packs are loaded: their codes and categories are selectable too.
        settings.check_selection()
    except (ConfigError, ValueError) as exc:
        _fail(str(exc))
        return
    if settings.engine in ("argos", "apertium"):
        # Asked for by name: without it the run would not be what the user asked for.
        from audit.engines import select_engine

        engine_found, _, engine_warnings = select_engine(settings.engine, source=settings.language, target=settings.source_language, pivot=settings.pivot)
        if engine_found is None:
            _fail(engine_warnings[0].replace("; other checks still run", "") + " (or choose --engine auto or none)")
    from audit.fileio import check_writable_folder

    # Before the audit, not after it: a run of minutes must not end on an unwritable folder.
    problem = check_writable_folder(Path(settings.out))
    if problem:
        _fail(f"--out {settings.out}: {problem}")

    from audit.baseline import baseline_to_record, record_baseline
    from audit.model import plural
    from audit.pipeline import audit_paths
    from audit.writers import get_writer
    from audit.writers.base import OutputFolder

    recording = baseline_to_record(settings.baseline, update_baseline)
    record_to = settings.baseline
    if recording:
        # A baseline records every finding of today, so the old baseline must not filter them.
        settings.baseline = None
    progress = _progress(len(paths), settings)
    out_dir = Path(settings.out)
    folder = OutputFolder(out_dir, [get_writer(f) for f in settings.formats])
    folder.open_run(settings.to_dict())
    tally = RunTally(settings)

    def take(report) -> None:
        """One report of the run, in run order: written at once, added to the run's outputs and counts, let go."""
        folder.add(report)
        tally.add(report)

    # Each file's reports are written as soon as it is audited, unless recording a baseline
    # changes them afterwards: then (and with --baseline or --suppressions, which the
    # pipeline applies before handing reports over) the whole run is held until its end.
    streaming = not recording
    try:
        with progress as tick:
            result = audit_paths(
                list(paths), settings, progress=tick,
                on_targets=(lambda targets: folder.add_inputs(t.path for t in targets)) if streaming else None,
                on_file=take if streaming else None,
                keep_reports=not streaming,
            )
    except (ConfigError, ValueError) as exc:
        _fail(str(exc))
        return
    for report in result.errors:
        typer.echo(f"audit: error: {report.display_path}: {report.error}", err=True)
    if recording:
        count = record_baseline(result, record_to, settings.threshold)
        typer.echo(f"audit: baseline of {count} findings written to {record_to}", err=True)
        folder.add_inputs(report.path for report in result.files)
        for report in result.files:
            take(report)
    folder.close(result)
    result.warnings.extend(folder.warnings)
    written = sorted(folder.written)
    for warning in result.warnings:
        typer.echo(f"audit: warning: {warning}", err=True)
    with _pipe_safe(stop=False):
        tally.print_findings()
    status, reasons = _exit_status(tally, result.errors, settings)
    accepted = result.accepted_sentence()
    if accepted:
        typer.echo(f"audit: {accepted}", err=True)
    typer.echo(
        f"{plural(tally.audited, 'file')} audited, {len(result.errors)} unreadable, {plural(tally.passages, 'passage')}, {tally.suspect} suspect; "
        f"{plural(len(written), 'report file')} in {out_dir}/ (exit {status})",
        err=True,
    )
    # Last, so that a CI log's tail says why the job failed.
    for line in reasons:
        typer.echo(f"audit: {line}", err=True)
    raise typer.Exit(status)


class _NoProgress:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


class _RichProgress:
    def __init__(self, total_hint: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"), console=Console(stderr=True), transient=True)
        self.total_hint = total_hint

    def __enter__(self):
        from audit.status import set_listener

        self.progress.__enter__()
        self.task = self.progress.add_task("reading the inputs, loading models…", total=None)

        def tick(name: str) -> None:
            self.progress.update(self.task, advance=1, description=name)

        # While models load the count sits at 0: the description says what is loading.
        set_listener(lambda message: self.progress.update(self.task, description=message + "…"))
        return tick

    def __exit__(self, *exc):
        from audit.status import set_listener

        set_listener(None)
        return self.progress.__exit__(*exc)


def _progress(count: int, settings: Settings):
    """A progress bar on stderr for interactive runs; nothing in pipelines or with --quiet."""
    if settings.quiet or not sys.stderr.isatty():
        return _NoProgress()
    return _RichProgress(count)


@app.command("rules", cls=_PlainCommand)
def list_rules(
    category: Optional[str] = typer.Option(None, "--category", metavar="CATEGORY", help="Only rules of this category."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable list."),
    rules: Optional[list[Path]] = typer.Option(None, "--rules", metavar="FILE", help="Also list the rules of these rule-pack files."),
) -> None:
    """List every rule: code, category, severity, message."""
    from audit.checks.registry import all_rules
    from audit.model import plural

    try:
        if rules:
            from audit.checks.rulepack import load_rule_file

            for rule_file in rules:
                load_rule_file(rule_file)
    except (ConfigError, ValueError) as exc:
        _fail(str(exc))
    if category is not None:
        from audit.checks.registry import check_category

        try:
            check_category(category)
        except ValueError as exc:
            _fail(str(exc))
    selected = [r for r in all_rules() if category is None or r.category == category.lower()]
    with _pipe_safe():
        if as_json:
            typer.echo(json.dumps([{"code": r.code, "name": r.name, "category": r.category, "severity": r.severity, "message": r.message, "source": r.source} for r in selected], ensure_ascii=False, indent=2))
            return
        for r in selected:
            typer.echo(f"{r.code:<7} {r.category:<15} {r.severity:<6} {r.message}")
    typer.echo(f"{plural(len(selected), 'rule')}", err=True)


@app.command(cls=_PlainCommand)
def explain(code: str = typer.Argument(..., metavar="CODE", help="A rule code, e.g. FR101.")) -> None:
    """Print one rule in full: what it catches, why, how to fix it, and its examples."""
    from audit.checks.registry import RULES, all_rules

    all_rules()
    rule = RULES.get(code) or RULES.get(code.upper())
    if rule is None:
        from audit.checks.registry import did_you_mean

        _fail(f"no rule with code {code!r}{did_you_mean(code, RULES)}; `audit rules` lists them")
        return
    lines = [f"{rule.code} ({rule.name})", f"category: {rule.category}; default severity: {rule.severity}; source: {rule.source}"]
    if rule.severity_note:
        lines.append(f"severity in a report: {rule.severity_note}")
    override = _project_severity(rule.code)
    if override:
        lines.append(f"severity in this project: {override[0]} ([severity] in {override[1]}), whatever the check chose")
    lines += ["", rule.message, ""]
    explain_text = (rule.explain or "").strip()
    # Rule-pack explanations often open with the message: print it once.
    if explain_text.startswith(rule.message):
        explain_text = explain_text[len(rule.message):].strip()
    if rule.english and rule.english not in explain_text:
        # Built-in rules name the phenomenon in `english`; pack rules name the English phrase they come from.
        label = "Usually translated from the English" if rule.source != "builtin" else "What it catches"
        lines += [f"{label}: {rule.english}", ""]
    if explain_text:
        lines += [explain_text, ""]
    if rule.suggestion and rule.suggestion not in explain_text:
        lines += [f"Suggestion: {rule.suggestion}", ""]
    if rule.examples:
        lines += ["Flagged:"] + [f"  - {e}" for e in rule.examples] + [""]
    if rule.counterexamples:
        lines += ["Not flagged:"] + [f"  - {e}" for e in rule.counterexamples] + [""]
    typer.echo("\n".join(lines).rstrip())


def _project_severity(code: str) -> tuple[str, str] | None:
    """(severity, settings file) when the nearest settings file overrides ``code``'s severity."""
    try:
        settings, path = load_settings(None)
    except ConfigError:
        return None
    for key, severity in settings.severity.items():
        if key.upper() == code:
            return severity, str(path)
    return None


@app.command("eval", cls=_PlainCommand)
def evaluate(
    gold: Path = typer.Argument(..., metavar="GOLD", help="Gold annotations (JSON lines: file, line, span, category, severity)."),
    paths: list[Path] = typer.Argument(..., metavar="PATH", help="The annotated files or their folder."),
    engine: str = typer.Option("none", "--engine", metavar="ENGINE", help="Engine for back-translation evidence [default: none]."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable result."),
    min_severity: str = typer.Option("minor", "--min-severity", metavar="SEVERITY", help="Lowest finding severity that counts as a prediction [default: minor]."),
) -> None:
    """Recall and precision of the findings, per category, against a gold file."""
    from audit.evaluate import evaluate_run, format_table, load_gold
    from audit.pipeline import audit_paths

    try:
        gold_items = load_gold(gold)
        settings = build_settings(None, engine=engine)
    except (ConfigError, ValueError) as exc:
        _fail(str(exc))
        return
    result = audit_paths(list(paths), settings)
    for report in result.errors:
        typer.echo(f"audit: error: {report.display_path}: {report.error}", err=True)
    scores = evaluate_run(result, gold_items, min_severity=min_severity)
    typer.echo(json.dumps(scores, ensure_ascii=False, indent=2) if as_json else format_table(scores))


@app.command(cls=_PlainCommand)
def doctor() -> None:
    """Which engines, language pairs and checkers are available, and what to install for the rest."""
    from audit.doctor import doctor_lines

    ok, lines = doctor_lines()
    for line in lines:
        typer.echo(line)
    raise typer.Exit(EXIT_CLEAN if ok else EXIT_FOUND)


@models_app.command("list", cls=_PlainCommand)
def models_list() -> None:
    """List the installed Argos Translate models."""
    from audit.engines.argos import list_models, packages_dir

    models = list_models()
    if not models:
        typer.echo(f"No Argos Translate model in {packages_dir()}. `audit models install fr en` (online) or `audit models install FILE.argosmodel`.")
        return
    for m in models:
        typer.echo(f"{m.from_code}->{m.to_code}  {m.version}  {m.name}  {m.path}")


@models_app.command("install", cls=_PlainCommand)
def models_install(
    source: Optional[str] = typer.Argument(None, metavar="SOURCE", help="A .argosmodel file, or a source language code (with TARGET: from the Argos index, online)."),
    target: Optional[str] = typer.Argument(None, metavar="TARGET", help="Target language code."),
    path: Optional[Path] = typer.Option(None, "--path", metavar="FILE", help="Install this .argosmodel file (offline)."),
) -> None:
    """Install an Argos Translate model from a file or from the Argos index."""
    from audit.engines.argos import install_from_index, install_model
    from audit.engines.base import EngineError

    if path is None and source and target is None and (source.endswith(".argosmodel") or Path(source).is_file()):
        path = Path(source)
    try:
        if path is not None:
            if not path.is_file():
                _fail(f"{path}: no such file")
            package = install_model(path)
        elif source and target:
            package = install_from_index(source, target)
        else:
            _fail("give a FILE.argosmodel, or SOURCE and TARGET language codes")
            return
    except EngineError as exc:
        _fail(str(exc), EXIT_FOUND)
        return
    typer.echo(f"installed {package.from_code}->{package.to_code} {package.version} in {package.path}")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("audit: interrupted", err=True)
        sys.exit(130)

