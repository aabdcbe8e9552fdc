"""Mutation testing of the auditor with mutmut, one target at a time.

Not part of CI: a benchmark of how many deliberate breaks the test suite notices.
Each target is a few source files plus the test files that cover them; mutmut
runs only those tests, and per mutant only the tests that reached the mutated
function (it records that in a first, clean run).

Every target runs in its own scratch copy under /tmp/mutation/TARGET/ (the code
being measured is copied there first), so a run neither writes into the working
tree nor sees edits made while it runs, and a second run of the same target
re-tests only the functions that changed since. One child process, at low
priority: the machine is shared.

    python benchmarks/mutation.py --list
    python benchmarks/mutation.py scoring            # run, then print the score
    python benchmarks/mutation.py scoring --report   # score of the last run, no new run
    python benchmarks/mutation.py scoring --survivors > /tmp/survivors.diff
    python benchmarks/mutation.py scoring --fresh    # forget cached verdicts
    python benchmarks/mutation.py --table            # last score of every target, as Markdown

The scores measured so far, with their scope and commit, are in docs/MUTATION.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = Path(os.environ.get("AUDIT_MUTATION_DIR", "/tmp/mutation"))
MUTMUT = Path(sys.executable).parent / "mutmut"

# Tests that drive the browser or the whole corpus are never a fast per-mutant check.
PYTEST_ARGS = ["-q", "-p", "no:cacheprovider", "-m", "not slow and not browser"]


@dataclass(frozen=True)
class Target:
    """Source files to mutate (globs relative to the repository) and the test files that cover them."""

    mutate: tuple[str, ...]
    tests: tuple[str, ...]


TARGETS: dict[str, Target] = {
    "scoring": Target(("audit/scoring/*",), ("tests/test_scoring.py", "tests/test_scoring_formula.py")),
    "decode": Target(("audit/ingest/decode.py",), ("tests/test_ingest.py", "tests/test_ingest_decoding_edges.py")),
    "segment": Target(("audit/ingest/segment.py",), ("tests/test_ingest.py", "tests/test_ingest_segmentation_details.py")),
    "langid": Target(("audit/ingest/langid.py",), ("tests/test_langid.py",)),
    "baseline": Target(("audit/baseline.py",), ("tests/test_baseline.py", "tests/test_baseline_contract.py")),
    "checks.typography": Target(("audit/checks/typography.py",), ("tests/test_checks_typography.py", "tests/test_typography_quote_roles.py")),
    "checks.untranslated": Target(
        ("audit/checks/untranslated.py",), ("tests/test_checks_untranslated.py", "tests/test_checks_untranslated_runs.py", "tests/test_untranslated_run_breaks.py")
    ),
    "checks.boilerplate": Target(
        ("audit/checks/boilerplate.py",), ("tests/test_checks_boilerplate.py", "tests/test_checks_boilerplate_credits.py")
    ),
    "checks.disclaimer": Target(
        ("audit/checks/disclaimer.py",), ("tests/test_checks_disclaimer.py", "tests/test_checks_disclaimer_placement.py")
    ),
    "checks.formats": Target(("audit/checks/formats.py",), ("tests/test_checks_formats.py",)),
    "checks.garble": Target(("audit/checks/garble.py",), ("tests/test_checks_garble.py", "tests/test_garble_verbs_and_noun_phrases.py")),
    "checks.repetition": Target(("audit/checks/repetition.py",), ("tests/test_checks_repetition.py", "tests/test_repetition_normalise_and_names.py")),
    "checks.english_tokens": Target(("audit/checks/english_tokens.py",), ("tests/test_english_tokens.py",)),
    "checks.factory": Target(
        ("audit/checks/factory.py",), ("tests/test_finding_factory.py", "tests/test_finding_factory_fields.py")
    ),
    "checks.grammar": Target(("audit/checks/grammar.py",), ("tests/test_grammar.py",)),
    "checks.rulepack": Target(
        ("audit/checks/rulepack.py",),
        ("tests/test_rulepack.py", "tests/test_rulepack_more.py", "tests/test_rulepack_ff.py", "tests/test_rule_examples.py"),
    ),
    "resources.regex_literal": Target(("audit/resources/regex_literal.py",), ("tests/test_regex_literal.py",)),
    "resources.frequencies": Target(("audit/resources/frequencies.py",), ("tests/test_frequencies.py",)),
    "resources.langdetect_profiles": Target(
        ("audit/resources/langdetect_profiles.py",), ("tests/test_langdetect_profiles.py",)
    ),
    "source.units": Target(("audit/source/units.py",), ("tests/test_source_units.py", "tests/test_source_checks.py")),
}


def _toml_list(items: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join(json.dumps(i) for i in items) + "]"


def prepare(name: str, target: Target, fresh: bool) -> Path:
    """Copy the code and tests into the target's scratch folder and write its mutmut settings there."""
    work = SCRATCH / name
    if fresh and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("audit", "tests", "seeds"):
        # copy2 keeps modification times: mutmut regenerates the mutants of a file only when it is newer.
        shutil.copytree(ROOT / folder, work / folder, ignore=ignore, dirs_exist_ok=True, copy_function=shutil.copy2)
    mutants = work / "mutants" / "audit"
    if mutants.exists():
        # Data files (rules, lexicons) are copied into mutants/ only once by mutmut: refresh them.
        for src in (ROOT / "audit").rglob("*"):
            if src.is_file() and src.suffix != ".py" and "__pycache__" not in src.parts:
                dest = mutants / src.relative_to(ROOT / "audit")
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pyproject = pyproject.split("\n[tool.mutmut]")[0]
    pyproject += (
        "\n[tool.mutmut]\n"
        'source_paths = ["audit"]\n'
        # Tests read the seed articles next to the package.
        'also_copy = ["seeds"]\n'
        f"only_mutate = {_toml_list(target.mutate)}\n"
        f"pytest_add_cli_args = {_toml_list(PYTEST_ARGS)}\n"
        f"pytest_add_cli_args_test_selection = {_toml_list(_existing_tests(target))}\n"
    )
    (work / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return work


def _existing_tests(target: Target) -> list[str]:
    """The target's test files that exist in this checkout (a refactor may rename one)."""
    return [t for t in target.tests if (ROOT / t).exists()]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # The scratch copy must be the one imported, never the working tree's.
    env.pop("PYTHONPATH", None)
    return env


def run(work: Path) -> int:
    """One mutmut run, one child process, low priority; its progress output goes to mutmut.log there.

    mutmut keeps a cached verdict until the mutated function changes, even when tests
    were added since: the mutants that were not killed last time are run again, by name.
    """
    command = ["nice", "-n", "15", str(MUTMUT), "run", "--max-children", "1"]
    with open(work / "mutmut.log", "w", encoding="utf-8") as log:
        status = subprocess.call(command, cwd=work, env=_env(), stdout=log, stderr=subprocess.STDOUT)
        alive = _not_killed(work) if not status else []
        if alive:
            status = subprocess.call(command + alive, cwd=work, env=_env(), stdout=log, stderr=subprocess.STDOUT)
    if status:
        print(f"mutation.py: mutmut failed in {work}, see {work / 'mutmut.log'}", file=sys.stderr)
    return status


def _not_killed(work: Path) -> list[str]:
    """Names of the mutants whose last verdict is not "killed" (survived, no tests, timeout...)."""
    out = subprocess.run([str(MUTMUT), "results"], cwd=work, env=_env(), capture_output=True, text=True, check=True)
    names = []
    for line in out.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name and status != "timeout":
            names.append(name)
    return names


def score(name: str, work: Path) -> dict[str, object]:
    """Counts of the last run, from mutmut's own export."""
    subprocess.run([str(MUTMUT), "export-cicd-stats"], cwd=work, env=_env(), check=True, capture_output=True)
    stats = json.loads((work / "mutants" / "mutmut-cicd-stats.json").read_text(encoding="utf-8"))
    total = int(stats.get("total", 0))
    killed = int(stats.get("killed", 0)) + int(stats.get("timeout", 0))
    summary = {
        "target": name,
        "mutate": list(TARGETS[name].mutate),
        "tests": _existing_tests(TARGETS[name]),
        "killed": killed,
        "total": total,
        "score": round(100 * killed / total, 1) if total else None,
        "counts": stats,
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
    }
    (work / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def survivors(work: Path) -> None:
    """Print the diff of every mutant the tests did not kill."""
    for mutant in _not_killed(work):
        show = subprocess.run([str(MUTMUT), "show", mutant], cwd=work, env=_env(), capture_output=True, text=True)
        print(show.stdout)


def table() -> str:
    """The last measured score of every target that has one, as Markdown rows."""
    rows = ["| target | mutated | tests run per mutant | killed / total | score | commit |", "|---|---|---|---|---|---|"]
    for name in TARGETS:
        path = SCRATCH / name / "summary.json"
        if not path.exists():
            continue
        s = json.loads(path.read_text(encoding="utf-8"))
        tests = ", ".join(t.removeprefix("tests/") for t in s["tests"])
        rows.append(
            f"| {name} | {', '.join(s['mutate'])} | {tests} | {s['killed']} / {s['total']} | {s['score']} % | {s['commit']} |"
        )
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", help="targets to run (see --list)")
    parser.add_argument("--list", action="store_true", help="list the targets, their files and tests")
    parser.add_argument("--report", action="store_true", help="print the score of the last run, do not run")
    parser.add_argument("--survivors", action="store_true", help="print the surviving mutants of the last run")
    parser.add_argument("--fresh", action="store_true", help="discard cached mutants and verdicts first")
    parser.add_argument("--table", action="store_true", help="print the last score of every target as a Markdown table")
    args = parser.parse_args()
    if args.table:
        print(table())
        return 0
    if args.list or not args.targets:
        for name, target in TARGETS.items():
            print(f"{name:22} {' '.join(target.mutate):32} <- {' '.join(_existing_tests(target))}")
        return 0
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        print(f"mutation.py: unknown target(s) {', '.join(unknown)}; see --list", file=sys.stderr)
        return 2
    status = 0
    for name in args.targets:
        work = SCRATCH / name
        if args.survivors:
            survivors(work)
            continue
        if not args.report:
            work = prepare(name, TARGETS[name], args.fresh)
            failed = run(work)
            status |= failed
            if failed:
                continue
        summary = score(name, work)
        print(
            f"{name}: {summary['killed']}/{summary['total']} killed ({summary['score']} %), "
            f"counts {json.dumps(summary['counts'])}, commit {summary['commit']}"
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
