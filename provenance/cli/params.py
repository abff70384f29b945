"""Conversion of the input arguments (local files or web URLs)."""

from __future__ import annotations

from pathlib import Path

import click

from provenance.importers.html import is_url


def paths_or_urls(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[Path | str, ...]:
    """Each input as a :class:`~pathlib.Path`, except http(s) URLs, which stay strings.

    ``click.Path`` would turn ``https://example.org/a`` into ``https:/example.org/a`` (a
    ``Path`` collapses the double slash), so the argument is taken as text and URLs are
    recognised before any path conversion. Existence is not checked here: the readers report
    a missing file with a one-line error that names it, as for every other unreadable input.
    """
    return tuple(v if is_url(v) else Path(v) for v in values)
