"""What an export format is: a name, a help line, a file suffix and how to render a Dataset."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from provenance.model import Dataset

__all__ = ["ExportFormat"]


@dataclass(frozen=True)
class ExportFormat:
    """One export format.

    A text format has ``render`` (the Dataset as text, printed to stdout when no file is
    given); a folder format (``writes_folder=True``) has ``write_folder`` instead, which fills a
    new, empty folder and needs a destination.

    Attributes:
        name: what ``--format`` takes (lower case).
        help: one line for ``provenance formats`` and ``--help``.
        suffix: the usual file suffix, with its dot (``".csv"``); empty for a folder.
        render: Dataset -> text, for text formats.
        writes_folder: whether the format writes a folder rather than one file.
        write_folder: (Dataset, empty folder) -> None, for folder formats.
        options: names of the options the format accepts (``export(..., options=...)``, the
            CLI's ``--publisher`` and the like), each with a one-line help; empty for most.
        render_options: (Dataset, options) -> text, used instead of ``render`` when the format
            takes options; ``render`` stays the plain one-argument form for callers that pass
            none.
    """

    name: str
    help: str
    suffix: str
    render: Callable[[Dataset], str] | None = None
    writes_folder: bool = False
    write_folder: Callable[[Dataset, Path], None] | None = None
    options: tuple[tuple[str, str], ...] = ()
    render_options: Callable[[Dataset, Mapping[str, str]], str] | None = None

    def option_names(self) -> tuple[str, ...]:
        """The names of the options the format accepts."""
        return tuple(name for name, _ in self.options)

    def render_text(self, ds: Dataset, options: Mapping[str, str] | None = None) -> str:
        """Render a text format, with its options when it takes any."""
        if self.render_options is not None:
            return self.render_options(ds, options or {})
        assert self.render is not None  # checked at construction for text formats
        return self.render(ds)

    def __post_init__(self) -> None:
        # A format that could be called the wrong way is a programming error: fail at
        # registration, not when a user exports.
        if self.writes_folder and self.write_folder is None:
            raise ValueError(f"export format {self.name!r} writes a folder but has no writer")
        if not self.writes_folder and self.render is None:
            raise ValueError(f"export format {self.name!r} has no render function")
        if self.options and self.render_options is None:
            raise ValueError(f"export format {self.name!r} takes options but cannot render them")
        if not self.name or self.name != self.name.lower():
            raise ValueError(f"export format name {self.name!r} must be non-empty lower case")
