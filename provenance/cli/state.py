"""Per-invocation state: the store (opened lazily) and the consoles (created at run time)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from provenance.store import Store


@dataclass
class State:
    """What every command shares: where the store is, and how to print."""

    db_path: str
    _store: Store | None = field(default=None, repr=False)

    def store(self, *, must_exist: bool = False) -> Store:
        """Open the store on first use; queries refuse to create an empty store."""
        if self._store is None:
            self._store = Store(Path(self.db_path), create=not must_exist)
        return self._store

    def close(self) -> None:
        """Close the store if it was opened."""
        if self._store is not None:
            self._store.close()
            self._store = None

    @staticmethod
    def out() -> Console:
        """Console for results (stdout). Plain text when not a terminal."""
        # Piped output is read by people with wide windows or by grep: do not wrap at 80.
        tty = sys.stdout.isatty()
        return Console(file=sys.stdout, width=None if tty else 200)

    @staticmethod
    def err() -> Console:
        """Console for messages and progress (stderr)."""
        return Console(file=sys.stderr, stderr=True)
