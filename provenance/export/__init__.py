"""Export formats: a registry, and writing an export safely.

Formats register themselves here (:func:`register`); the CLI lists :func:`format_names` as the
``--format`` choices and calls :func:`export`. The built-in formats are ``json`` (lossless),
``csv`` (one row per claim), ``graphml`` (Gephi) and ``markdown`` (a citation trail). Each lives
in its own module and imports its heavy dependencies only when it renders, so listing formats
stays cheap.

Files are written atomically (a temporary file beside the destination, then ``os.replace``),
so an interrupted export never leaves half a file, and an existing file is only replaced with
``force``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from provenance.errors import ExportError
from provenance.export.base import ExportFormat
from provenance.model import Dataset

__all__ = ["ExportFormat", "export", "format_names", "get_format", "register", "write_text"]

_REGISTRY: dict[str, ExportFormat] = {}


def register(fmt: ExportFormat, *, replace: bool = False) -> None:
    """Add an export format to the registry.

    Raises:
        ValueError: a format of that name is registered already (unless ``replace``).
    """
    if fmt.name in _REGISTRY and not replace:
        raise ValueError(f"export format {fmt.name!r} is registered already")
    _REGISTRY[fmt.name] = fmt


def format_names() -> list[str]:
    """Names of the registered formats, sorted."""
    return sorted(_REGISTRY)


def get_format(name: str) -> ExportFormat:
    """The format called ``name`` (any case).

    Raises:
        ExportError: no such format; the message lists the valid ones.
    """
    fmt = _REGISTRY.get(name.lower())
    if fmt is None:
        raise ExportError(
            f"unknown export format {name!r}; choose from {', '.join(format_names())}"
        )
    return fmt


def export(
    ds: Dataset,
    fmt_name: str,
    dest: Path | None,
    *,
    force: bool = False,
    options: Mapping[str, str] | None = None,
) -> str | None:
    """Render ``ds`` in a format, to a file or folder, or as text.

    Args:
        ds: what to export.
        fmt_name: a registered format name.
        dest: the file (or folder, for folder formats) to write; None returns the text.
        force: replace an existing ``dest``.
        options: format options (``{"publisher": "Example Fact Check"}`` for ``claimreview``);
            only the names the format declares in ``ExportFormat.options`` are accepted.

    Returns:
        The text when ``dest`` is None (text formats only), else None.

    Raises:
        ExportError: unknown format, an option the format does not take, ``dest`` exists
            without ``force``, a folder format without ``dest``, or the destination cannot be
            written.
    """
    fmt = get_format(fmt_name)
    options = dict(options or {})
    unknown = sorted(set(options) - set(fmt.option_names()))
    if unknown:
        takes = ", ".join(fmt.option_names()) or "none"
        raise ExportError(
            f"the {fmt.name} format takes no option {', '.join(map(repr, unknown))} "
            f"(its options: {takes})"
        )
    if dest is None:
        if fmt.writes_folder or fmt.render is None:
            raise ExportError(f"the {fmt.name} format writes a folder; name it with --output")
        return fmt.render_text(ds, options)
    parent = _check_dest(dest, force)
    try:
        if fmt.write_folder is not None:
            _write_folder(ds, fmt, dest, parent)
        elif fmt.render is not None:
            _write_file(fmt.render_text(ds, options), dest, parent)
    except OSError as exc:
        raise ExportError(f"{dest}: cannot write the export ({exc.strerror or exc})") from None
    return None


def write_text(text: str, dest: Path, *, force: bool = False) -> None:
    """Write ``text`` to ``dest`` the way :func:`export` writes a file: atomically, and only
    over an existing file with ``force`` (for reports rendered outside the registry).

    Raises:
        ExportError: ``dest`` exists without ``force``, its folder is missing, or it cannot be
            written.
    """
    parent = _check_dest(dest, force)
    try:
        _write_file(text, dest, parent)
    except OSError as exc:
        raise ExportError(f"{dest}: cannot write the export ({exc.strerror or exc})") from None


def _check_dest(dest: Path, force: bool) -> Path:
    """The folder to write ``dest`` in, after checking it may be written."""
    if dest.exists() and not force:
        raise ExportError(f"{dest} exists; use --force to overwrite")
    parent = dest.parent if str(dest.parent) else Path(".")
    if not parent.is_dir():
        raise ExportError(f"{dest}: folder {parent} does not exist; create it first")
    return parent


def _write_file(text: str, dest: Path, parent: Path) -> None:
    if dest.is_dir():
        raise ExportError(f"{dest} is a folder; give a file name")
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode(dest, 0o666))
        os.replace(tmp, dest)
    except BaseException:
        # Interrupted or failed: remove the partial file, leave dest as it was.
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_folder(ds: Dataset, fmt: ExportFormat, dest: Path, parent: Path) -> None:
    assert fmt.write_folder is not None
    if dest.exists() and not dest.is_dir():
        raise ExportError(f"{dest} is a file; the {fmt.name} format writes a folder")
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=parent))
    try:
        os.chmod(tmp, _mode(dest, 0o777))
        fmt.write_folder(ds, tmp)
        if dest.exists():
            # Move the old folder aside, put the new one in place, then drop the old one: an
            # export is never a mix of two runs.
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".old", dir=parent))
            os.replace(dest, old / "x")
            os.replace(tmp, dest)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _mode(dest: Path, default: int) -> int:
    """Permissions for the new export: those of the file it replaces, else the umask's.

    Temporary files are created private (0600); without this an export would not be readable
    by the colleagues who could read the file it replaced.
    """
    if dest.exists():
        return dest.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return default & ~umask


def _register_builtins() -> None:
    from provenance.export import (
        to_claimreview,
        to_csv,
        to_dot,
        to_gexf,
        to_graphml,
        to_html,
        to_json,
        to_markdown,
        to_neo4j,
        to_prov,
    )

    for module in (to_json, to_csv, to_graphml, to_markdown, to_claimreview, to_gexf, to_dot):
        register(module.FORMAT)
    for module in (to_html, to_neo4j):
        register(module.FORMAT)
    for fmt in to_prov.FORMATS:
        register(fmt)


_register_builtins()
