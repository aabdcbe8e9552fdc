"""Segmentation gives the same sentences when two threads segment at once (the pipeline's
back-translation prefetch thread segments while the checks segment the next file)."""

from __future__ import annotations

import threading
from pathlib import Path

from audit.ingest.segment import segment

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _spans(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in segment(text).sentences]


def test_two_threads_segmenting_at_once_get_what_one_thread_gets() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    expected = [_spans(t) for t in texts]
    results: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def work(worker: int) -> None:
        for round_ in range(4):
            for index, text in enumerate(texts):
                results[(worker, round_ * len(texts) + index)] = _spans(text)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for (worker, position), spans in results.items():
        assert spans == expected[position % len(texts)], f"thread {worker}, text {position % len(texts)}"
