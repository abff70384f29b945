"""The embedded SQLite store (see :mod:`provenance.store.core`)."""

from provenance.store.core import DEFAULT_DB, ENV_DB, IngestReport, Store, default_path
from provenance.store.migrations import SCHEMA_VERSION

__all__ = ["DEFAULT_DB", "ENV_DB", "SCHEMA_VERSION", "IngestReport", "Store", "default_path"]
