"""Build a tiny, random-weight Argos package offline, for tests.

The package has the real layout (metadata.json, model/ in CTranslate2 format,
sentencepiece.model) so that installing and translating exercise the real code
paths; its translations are gibberish. No PyTorch and no converter: the
CTranslate2 model is assembled from ``ctranslate2.specs`` and numpy arrays.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

import numpy as np

SENTENCES = [
    "Le président a annoncé une réunion avec les ministres européens.",
    "Les prix de l'énergie ont augmenté de 3,5 % en janvier.",
    "La police a ouvert une enquête après l'accident de samedi.",
    "Le gouvernement veut réduire le déficit public l'année prochaine.",
    "The president announced a meeting with European ministers.",
    "Energy prices rose by 3.5% in January.",
    "Police opened an investigation after Saturday's accident.",
    "The government wants to cut the public deficit next year.",
]

D_MODEL = 32
FFN = 64
HEADS = 2


def _specs():
    """``ctranslate2.specs`` imports torch when it can; keep it out (slow, and never needed here)."""
    if "ctranslate2.specs" in sys.modules or "torch" in sys.modules:
        from ctranslate2 import specs

        return specs
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail fast
    try:
        from ctranslate2 import specs
    finally:
        del sys.modules["torch"]
    return specs


def train_sentencepiece(folder: Path, vocab_size: int = 120) -> Path:
    import sentencepiece

    prefix = folder / "sentencepiece"
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(SENTENCES * 4),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def _fill(spec, rng: np.random.Generator, vocab: int) -> None:
    """Give every weight of ``spec`` a random value of the shape CTranslate2 expects."""

    def linear(layer, out_dim: int, in_dim: int) -> None:
        layer.weight = rng.normal(0, 0.2, (out_dim, in_dim)).astype(np.float32)
        layer.bias = np.zeros(out_dim, dtype=np.float32)

    def norm(layer) -> None:
        layer.gamma = np.ones(D_MODEL, dtype=np.float32)
        layer.beta = np.zeros(D_MODEL, dtype=np.float32)

    def ffn(block) -> None:
        norm(block.layer_norm)
        linear(block.linear_0, FFN, D_MODEL)
        linear(block.linear_1, D_MODEL, FFN)

    encoder, decoder = spec.encoder, spec.decoder
    encoder.embeddings[0].weight = rng.normal(0, 0.2, (vocab, D_MODEL)).astype(np.float32)
    norm(encoder.layer_norm)
    for layer in encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * D_MODEL, D_MODEL)  # fused q, k, v
        linear(layer.self_attention.linear[1], D_MODEL, D_MODEL)
        ffn(layer.ffn)
    decoder.embeddings.weight = rng.normal(0, 0.2, (vocab, D_MODEL)).astype(np.float32)
    norm(decoder.layer_norm)
    linear(decoder.projection, vocab, D_MODEL)
    # Random weights may pick </s> first; make it unlikely so outputs have words.
    decoder.projection.bias[2] = -20.0
    for layer in decoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * D_MODEL, D_MODEL)
        linear(layer.self_attention.linear[1], D_MODEL, D_MODEL)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], D_MODEL, D_MODEL)  # queries from the decoder
        linear(layer.attention.linear[1], 2 * D_MODEL, D_MODEL)  # fused keys, values from the encoder
        linear(layer.attention.linear[2], D_MODEL, D_MODEL)
        ffn(layer.ffn)


def build_ctranslate2_model(folder: Path, sp_model: Path, seed: int = 7) -> Path:
    import sentencepiece

    specs = _specs()
    processor = sentencepiece.SentencePieceProcessor(model_file=str(sp_model))
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    # CTranslate2 looks special tokens up by name; SentencePiece's defaults are ids 0-2.
    assert vocabulary[:3] == ["<unk>", "<s>", "</s>"], vocabulary[:3]
    spec = specs.TransformerSpec.from_config((1, 1), HEADS)
    _fill(spec, np.random.default_rng(seed), len(vocabulary))
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    folder.mkdir(parents=True, exist_ok=True)
    spec.save(str(folder))
    return folder


def build_argos_package(workdir: Path, pairs: tuple[tuple[str, str], ...] = (("fr", "en"), ("en", "fr"))) -> list[Path]:
    """One ``.argosmodel`` per language pair (they share the random model); returns their paths."""
    workdir.mkdir(parents=True, exist_ok=True)
    sp_model = train_sentencepiece(workdir)
    model_dir = build_ctranslate2_model(workdir / "model", sp_model)
    archives = []
    for source, target in pairs:
        top = f"translate-{source}_{target}-0_1"
        metadata = {
            "package_version": "0.1",
            "argos_version": "1.9",
            "from_code": source,
            "from_name": source,
            "to_code": target,
            "to_name": target,
            "type": "translate",
        }
        archive_path = workdir / f"{top}.argosmodel"
        with zipfile.ZipFile(archive_path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{top}/metadata.json", json.dumps(metadata))
            archive.write(sp_model, f"{top}/sentencepiece.model")
            for item in sorted(model_dir.iterdir()):
                archive.write(item, f"{top}/model/{item.name}")
        archives.append(archive_path)
    return archives
