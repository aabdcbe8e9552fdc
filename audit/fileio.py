"""Writing files safely, and telling the auditor's own reports from its inputs; below the writers and the pipeline."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` via a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


# The first line of every Markdown report the auditor writes. Rendered Markdown hides it;
# collecting inputs skips any file that starts with it, so reports are never audited as articles.
REPORT_SIGNATURE = "<!-- written by audit (translation-quality report): not an input -->"


def is_own_report(path: Path) -> bool:
    """True when ``path`` starts with :data:`REPORT_SIGNATURE` (a report this tool wrote)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(REPORT_SIGNATURE.encode("utf-8")) + 4)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf").startswith(REPORT_SIGNATURE.encode("utf-8"))


def check_writable_folder(folder: Path) -> str | None:
    """None when reports can be written in ``folder`` (created if missing), else the reason in a few words."""
    if folder.exists() and not folder.is_dir():
        return "exists and is not a folder"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".audit-probe.", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return f"cannot write there ({exc.strerror or exc})"
    return None


class AtomicTextFile:
    """A text file written through a temporary file in its folder and renamed over ``path`` by :meth:`commit`.

    For outputs too large to build in memory: lines are written as they come, and
    readers of ``path`` see the old file or the whole new one, never half of it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        # newline="": "\n" stays "\n", as atomic_write's bytes do.
        self.handle = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def write(self, text: str) -> None:
        self.handle.write(text)

    def commit(self) -> None:
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.chmod(self.tmp, 0o644)
            os.replace(self.tmp, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        self.handle.close()
        try:
            os.unlink(self.tmp)
        except FileNotFoundError:
            pass
