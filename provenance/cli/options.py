"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def article_options(func: F) -> F:
    """--outlet, --published, --url, --title and --encoding for plain-text articles."""
    for decorator in reversed(
        [
            click.option("--outlet", help="Outlet that published the article(s)."),
            click.option(
                "--published",
                callback=_date,
                metavar="YYYY-MM-DD",
                help='Publication date; anchors "overnight", "on Friday" and the like.',
            ),
            click.option("--url", help="Where the article was published."),
            click.option("--title", help="Article title."),
            click.option(
                "--encoding",
                default="utf-8",
                show_default=True,
                help="Text encoding of the article files.",
            ),
        ]
    ):
        func = decorator(func)
    return func


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
