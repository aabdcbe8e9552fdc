"""Output formats, each a :class:`~audit.writers.base.Writer` over the one result model."""

from __future__ import annotations

import importlib

from audit.writers.base import Writer, atomic_write, write_outputs

# format name -> "module:Class"; imported on demand so a format's dependencies load only when used.
WRITERS = {
    "json": "audit.writers.json_writer:JsonWriter",
    "md": "audit.writers.markdown:MarkdownWriter",
    "html": "audit.writers.html:HtmlWriter",
    "csv": "audit.writers.csv_writer:CsvWriter",
    "sarif": "audit.writers.sarif:SarifWriter",
    "junit": "audit.writers.junit:JunitWriter",
}


def get_writer(name: str) -> Writer:
    try:
        module_name, class_name = WRITERS[name].split(":")
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(sorted(WRITERS))}") from None
    return getattr(importlib.import_module(module_name), class_name)()


__all__ = ["WRITERS", "Writer", "atomic_write", "get_writer", "write_outputs"]
