"""What the mining scripts share: where the French corpus is, and how a mined table is written.

The scripts run as ``python scripts/mine_*.py`` from the project root, so this folder is on
``sys.path`` and they ``import corpora``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from audit.fileio import atomic_write  # noqa: E402

FR_TEXT_LARGE = Path("fr-text-large") / "assemblee-nationale-debats.txt.xz"


def default_corpus(name: Path = FR_TEXT_LARGE) -> Path:
    """``shared/corpora/NAME`` beside the project (as CI lays it out), else the workplace's copy;
    the first when neither exists, so that the error names the expected place."""
    bases = (ROOT.parent / "shared" / "corpora", Path("/work/shared/corpora"))
    return next((base / name for base in bases if (base / name).exists()), bases[0] / name)


def write_json(path: Path, data: object, **dumps_options) -> None:
    """Write a mined table atomically: a reader never sees half a file."""
    atomic_write(path, json.dumps(data, ensure_ascii=False, **dumps_options) + "\n")
