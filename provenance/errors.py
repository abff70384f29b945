"""Exceptions and exit codes.

Every error the library raises on purpose derives from :class:`ProvenanceError`; the CLI maps
each class to one :class:`ExitCode` in a single place (``provenance.cli.errors``) and prints the
message as one line on stderr.
"""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """Process exit codes of the ``provenance`` command."""

    OK = 0
    ERROR = 1
    USAGE = 2
    INTERRUPTED = 130


class ProvenanceError(Exception):
    """Base class of every error raised by provenance on purpose."""

    exit_code: ExitCode = ExitCode.ERROR


class InputError(ProvenanceError):
    """A file given by the user cannot be used (missing, unreadable, wrong encoding, bad JSON)."""


class ClaimsFileError(InputError):
    """A claims file is well-formed JSON but its content is inconsistent (spans, ids, format)."""


class NotFoundError(ProvenanceError):
    """A claim, actor or document named by the user does not exist in the store."""


class AmbiguousError(ProvenanceError):
    """A prefix or text names more than one object."""


class StoreError(ProvenanceError):
    """The store cannot be opened, is corrupt, or was written by a newer version."""


class ExportError(ProvenanceError):
    """An export cannot be written (unknown format, existing file, missing optional extra)."""


class UsageError(ProvenanceError):
    """The options given do not fit together."""

    exit_code = ExitCode.USAGE
