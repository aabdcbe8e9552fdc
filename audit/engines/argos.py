"""Argos Translate models (OpenNMT/CTranslate2 + SentencePiece) as a translation engine.

An installed Argos package is a folder holding ``metadata.json`` (``from_code``,
``to_code``, ``package_version``, optional ``target_prefix``), ``model/`` (a
CTranslate2 model) and ``sentencepiece.model``. We read that layout ourselves and
call CTranslate2 and SentencePiece directly, splitting sentences with our own
segmenter: ``argostranslate.translate`` and ``argostranslate.sbd`` import stanza,
which imports PyTorch and tries to download models.

For the same reason packages are unpacked here rather than with
``argostranslate.package.install_from_path``: after unzipping it imports
``argostranslate.translate`` to clear a cache. The result on disk is the same
(the archive's folder extracted into the packages directory).

The packages directory is ``$ARGOS_PACKAGES_DIR`` when set (read at each call, so
tests can point it at a temporary folder), else Argos' own setting, else
``~/.local/share/argos-translate/packages``.
"""

from __future__ import annotations

import json
import os
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from audit.engines.base import EngineError, Translation, TranslationEngine

# Argos' defaults (settings.py / translate.apply_packaged_translation).
BEAM_SIZE = 4
LENGTH_PENALTY = 0.2
MAX_BATCH_SIZE = 32
MAX_DECODING_LENGTH = 512


@dataclass(frozen=True)
class ArgosPackage:
    """An installed translate package."""

    path: Path
    from_code: str
    to_code: str
    version: str
    target_prefix: str = ""
    name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.from_code,
            "to": self.to_code,
            "version": self.version,
            "name": self.name,
            "path": str(self.path),
        }


def packages_dir() -> Path:
    """Where Argos packages are installed (see the module docstring for the order)."""
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env)
    try:
        from argostranslate import settings  # light module: paths and env only

        return Path(settings.package_data_dir)
    except Exception:
        return Path.home() / ".local" / "share" / "argos-translate" / "packages"


def list_models(directory: Path | None = None) -> list[ArgosPackage]:
    """Installed translate packages, sorted by language pair."""
    root = Path(directory) if directory else packages_dir()
    if not root.is_dir():
        return []
    found = []
    for folder in sorted(root.iterdir()):
        meta_path = folder / "metadata.json"
        if not folder.is_dir() or not meta_path.is_file():
            continue
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if meta.get("type", "translate") != "translate" or not meta.get("from_code") or not meta.get("to_code"):
            continue
        if not (folder / "model").is_dir() or not (folder / "sentencepiece.model").is_file():
            continue  # BPE-tokenised packages exist but are old; we only read SentencePiece ones
        found.append(
            ArgosPackage(
                path=folder,
                from_code=str(meta["from_code"]),
                to_code=str(meta["to_code"]),
                version=str(meta.get("package_version", "")),
                target_prefix=str(meta.get("target_prefix", "") or ""),
                name=folder.name,
            )
        )
    return sorted(found, key=lambda p: (p.from_code, p.to_code, p.name))


def install_model(path: str | Path, directory: Path | None = None) -> ArgosPackage:
    """Install a ``.argosmodel`` file (a zip of one package folder); return the installed package."""
    path = Path(path)
    if not path.is_file():
        raise EngineError(f"argos: no such model file: {path}")
    if not zipfile.is_zipfile(path):
        raise EngineError(f"argos: {path} is not an Argos model (a .argosmodel is a zip archive)")
    root = Path(directory) if directory else packages_dir()
    root.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        tops = {PurePosixPath(n).parts[0] for n in names if PurePosixPath(n).parts}
        # Refuse archives that would write outside the packages folder.
        if any(n.startswith("/") or ".." in PurePosixPath(n).parts for n in names):
            raise EngineError(f"argos: {path} has unsafe paths; not installed")
        if len(tops) != 1 or f"{next(iter(tops))}/metadata.json" not in names:
            raise EngineError(f"argos: {path} must hold one folder with a metadata.json")
        top = next(iter(tops))
        archive.extractall(root)
    for package in list_models(root):
        if package.path.name == top:
            return package
    raise EngineError(f"argos: {path} was unpacked into {root / top} but is not a usable translate package")


def install_from_index(from_code: str, to_code: str, directory: Path | None = None, timeout: float = 30.0) -> ArgosPackage:
    """Download the ``from_code``->``to_code`` package listed in the Argos index and install it (needs the network)."""
    import urllib.request

    try:
        from argostranslate import package as argos_package
        from argostranslate import settings
    except Exception as exc:  # pragma: no cover - argostranslate is a dependency
        raise EngineError(f"argos: argostranslate is not importable: {exc}") from None
    url = settings.remote_package_index
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            data = response.read()
        json.loads(data)
    except Exception as exc:
        raise EngineError(f"argos: cannot fetch the model index {url} (offline?): {exc}") from None
    Path(settings.local_package_index).write_bytes(data)
    candidates = [
        p for p in argos_package.get_available_packages() if p.from_code == from_code and p.to_code == to_code
    ]
    if not candidates:
        raise EngineError(f"argos: the model index has no {from_code}->{to_code} package")
    try:
        downloaded = candidates[0].download()
    except Exception as exc:
        raise EngineError(f"argos: download of {from_code}->{to_code} failed: {exc}") from None
    return install_model(downloaded, directory)


def find_chain(packages: list[ArgosPackage], source: str, target: str) -> list[ArgosPackage] | None:
    """Packages to chain for ``source``->``target``: direct if installed, else through one pivot language."""
    direct = [p for p in packages if p.from_code == source and p.to_code == target]
    if direct:
        return [direct[0]]
    for first in packages:
        if first.from_code != source:
            continue
        for second in packages:
            if second.from_code == first.to_code and second.to_code == target:
                return [first, second]
    return None


class _Loaded:
    """A package's CTranslate2 translator and SentencePiece processor, loaded once."""

    def __init__(self, package: ArgosPackage) -> None:
        import ctranslate2
        import sentencepiece

        self.package = package
        try:
            self.translator = ctranslate2.Translator(
                str(package.path / "model"), device="cpu", inter_threads=1, intra_threads=0, compute_type="auto"
            )
            self.tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(package.path / "sentencepiece.model"))
        except Exception as exc:
            raise EngineError(f"argos: cannot load {package.name}: {exc}") from None

    def translate_sentences(self, sentences: list[str]) -> list[str]:
        if not sentences:
            return []
        tokens = [self.tokenizer.encode(s, out_type=str) for s in sentences]
        prefix = self.package.target_prefix
        longest = max(len(t) for t in tokens)
        results = self.translator.translate_batch(
            tokens,
            target_prefix=[[prefix]] * len(tokens) if prefix else None,
            replace_unknowns=True,
            max_batch_size=MAX_BATCH_SIZE,
            beam_size=BEAM_SIZE,
            num_hypotheses=1,
            length_penalty=LENGTH_PENALTY,
            # A real sentence never translates to nothing; bound runaway repetition loops.
            min_decoding_length=1,
            max_decoding_length=min(MAX_DECODING_LENGTH, 2 * longest + 16),
        )
        out = []
        for result in results:
            pieces = list(result.hypotheses[0])
            if prefix and pieces[:1] == [prefix]:
                pieces = pieces[1:]
            out.append(self.tokenizer.decode_pieces(pieces).replace("▁", " ").strip())
        return out


def split_sentences(text: str) -> list[str]:
    """Sentences of one passage with the auditor's own segmenter (Argos models are trained on sentences)."""
    from audit.ingest.segment import sentence_spans

    text = " ".join(text.split())
    if not text:
        return []
    return [text[s:e] for s, e in sentence_spans(text, 0, len(text))] or [text]


class ArgosEngine(TranslationEngine):
    """Neural MT with installed Argos packages, direct or chained through a pivot language."""

    name = "argos"

    def __init__(self, directory: Path | None = None) -> None:
        self._directory = Path(directory) if directory else None
        self._loaded: dict[Path, _Loaded] = {}
        self._lock = threading.Lock()

    @property
    def directory(self) -> Path:
        return self._directory or packages_dir()

    def packages(self) -> list[ArgosPackage]:
        return list_models(self.directory)

    def chain(self, source: str, target: str) -> list[ArgosPackage]:
        found = find_chain(self.packages(), source, target)
        if not found:
            raise EngineError(
                f"argos: no {source}->{target} model installed in {self.directory} "
                f"(audit models install {source} {target}, or audit models install PATH.argosmodel)"
            )
        return found

    def available(self, source: str, target: str) -> bool:
        return find_chain(self.packages(), source, target) is not None

    def route(self, source: str, target: str) -> tuple[str, ...]:
        return tuple(f"{p.from_code}-{p.to_code}" for p in self.chain(source, target))

    def version(self) -> str:
        import ctranslate2

        models = ",".join(f"{p.from_code}-{p.to_code}@{p.version or '?'}:{p.name}" for p in self.packages())
        return f"ctranslate2={ctranslate2.__version__};{models}"

    def _load(self, package: ArgosPackage) -> _Loaded:
        with self._lock:
            if package.path not in self._loaded:
                self._loaded[package.path] = _Loaded(package)
            return self._loaded[package.path]

    def translate(self, texts: list[str], source: str, target: str) -> list[Translation]:
        chain = [self._load(p) for p in self.chain(source, target)]
        sentences_of = [split_sentences(t) for t in texts]
        flat = [s for sentences in sentences_of for s in sentences]
        try:
            for hop in chain:
                # All sentences of all passages go through CTranslate2 in one call per hop.
                flat = hop.translate_sentences(flat)
        except EngineError:
            raise
        except Exception as exc:
            raise EngineError(f"argos: translation failed: {exc}") from None
        results, cursor = [], 0
        for sentences in sentences_of:
            results.append(Translation(text=" ".join(flat[cursor:cursor + len(sentences)]).strip()))
            cursor += len(sentences)
        return results
