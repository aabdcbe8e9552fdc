"""The output formats by name: format -> "module:Class" of its writer.

A table of names, below every layer that needs it: the settings validate ``formats``
against it without importing a writer, and :func:`audit.writers.get_writer` imports
a format's module only when it is used.
"""

from __future__ import annotations

WRITERS = {
    "json": "audit.writers.json_writer:JsonWriter",
    "md": "audit.writers.markdown:MarkdownWriter",
    "html": "audit.writers.html:HtmlWriter",
    "csv": "audit.writers.csv_writer:CsvWriter",
    "sarif": "audit.writers.sarif:SarifWriter",
    "junit": "audit.writers.junit:JunitWriter",
}
