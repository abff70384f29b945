"""provenance: a claims-and-sources provenance tracker for fact-checkers.

The package is layered, imports flowing one way::

    errors -> model -> extract -> store -> graph / analysis -> export -> cli

``import provenance`` stays light: the CLI (click, rich) is only imported by ``provenance.cli``.
"""

from provenance.errors import ExitCode, ProvenanceError
from provenance.model import Actor, Claim, Dataset, Document, Link, Quantity

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Claim",
    "Dataset",
    "Document",
    "ExitCode",
    "Link",
    "ProvenanceError",
    "Quantity",
    "__version__",
]
