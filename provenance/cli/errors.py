"""The one place where exceptions become exit codes and one-line messages.

:class:`Group` wraps every subcommand: a :class:`~provenance.errors.ProvenanceError` becomes its
message on stderr and its exit code; Ctrl-C becomes exit 130; any other exception becomes a
one-line "internal error" (the traceback only with ``--traceback``). Usage errors are click's
own (exit 2). Because the mapping lives in the group, tests driving the CLI with click's
CliRunner see exactly what a user sees.
"""

from __future__ import annotations

import traceback
from typing import Any

import click

from provenance.errors import ExitCode, ProvenanceError


class Group(click.Group):
    """A click group that maps exceptions to exit codes (see module docstring)."""

    def invoke(self, ctx: click.Context) -> Any:
        show_traceback = bool(ctx.params.get("traceback"))
        try:
            return super().invoke(ctx)
        except ProvenanceError as exc:
            _fail(ctx, f"error: {exc}", exc.exit_code, show_traceback)
        except (KeyboardInterrupt, click.Abort):
            _fail(
                ctx,
                "interrupted: the unfinished command changed nothing in the store",
                ExitCode.INTERRUPTED,
                show_traceback,
            )
        except (click.exceptions.Exit, click.ClickException):
            raise
        except BrokenPipeError:
            # `provenance claims | head`: the reader went away; not an error.
            ctx.exit(int(ExitCode.OK))
        except Exception as exc:
            _fail(
                ctx,
                f"internal error: {type(exc).__name__}: {exc} "
                "(run again with --traceback and report it)",
                ExitCode.ERROR,
                show_traceback,
            )


_MAX_MESSAGE = 1000
"""Characters of an error message shown: a message quoting a 10 MB value from a bad input file
is cut rather than flooding the terminal."""


def one_line(message: str) -> str:
    """``message`` as one line of at most :data:`_MAX_MESSAGE` characters.

    Line breaks (from a file name or a value quoted from the input) are shown as ``\\n``.
    """
    flat = message.replace("\r", "\\r").replace("\n", "\\n")
    if len(flat) > _MAX_MESSAGE:
        flat = flat[:_MAX_MESSAGE] + f"... ({len(flat) - _MAX_MESSAGE} more characters)"
    return flat


def _fail(ctx: click.Context, message: str, code: ExitCode, show_traceback: bool) -> None:
    if show_traceback:
        traceback.print_exc()
    click.echo(one_line(message), err=True)
    ctx.exit(int(code))
