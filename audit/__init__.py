"""Translation-quality auditor for machine-translated French text."""

__version__ = "0.1.0"
