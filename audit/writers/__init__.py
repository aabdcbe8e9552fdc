"""Output formats, each a :class:`~audit.writers.base.Writer` over the one result model."""

from __future__ import annotations

import importlib

from audit.formats import WRITERS
from audit.writers.base import Writer, atomic_write, write_outputs

# Formats are named in audit.formats (a table below the settings, which validate against it).


def get_writer(name: str) -> Writer:
    try:
        module_name, class_name = WRITERS[name].split(":")
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(sorted(WRITERS))}") from None
    return getattr(importlib.import_module(module_name), class_name)()


__all__ = ["WRITERS", "Writer", "atomic_write", "get_writer", "write_outputs"]
