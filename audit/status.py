"""What the auditor is busy with, for a progress display: "loading spaCy model …".

Loaders call :func:`announce` before slow work (models, the rule pack, back-translation);
the command line shows the message while its progress bar would otherwise sit at 0/?.
Nothing listens by default, and nothing here imports the rest of the package.
"""

from __future__ import annotations

from typing import Callable

_listener: Callable[[str], None] | None = None


def set_listener(listener: Callable[[str], None] | None) -> None:
    """Send every announcement to ``listener`` (None: stop)."""
    global _listener
    _listener = listener


def announce(message: str) -> None:
    """Tell the listener, if any, what slow work starts now."""
    if _listener is not None:
        _listener(message)
