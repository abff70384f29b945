"""The one place where exceptions become exit codes and one-line messages."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from typing import NoReturn

import click

from provenance.errors import ExitCode, ProvenanceError


def run(entry: Callable[[], object], *, show_traceback: bool) -> NoReturn:
    """Run the click entry point; map every failure to an exit code and one line on stderr.

    Results go to stdout; messages go to stderr. A traceback is printed only with
    ``--traceback`` (for bug reports).
    """
    try:
        entry()
    except ProvenanceError as exc:
        _fail(f"error: {exc}", exc.exit_code, show_traceback)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        hint = ""
        if exc.ctx is not None:
            hint = f"\nTry '{exc.ctx.command_path} --help' for help."
        _fail(f"error: {exc.format_message()}{hint}", ExitCode.USAGE, show_traceback)
    except click.ClickException as exc:
        _fail(f"error: {exc.format_message()}", ExitCode.ERROR, show_traceback)
    except (KeyboardInterrupt, click.Abort):
        _fail("interrupted; the store is unchanged by the unfinished command",
              ExitCode.INTERRUPTED, show_traceback)
    except BrokenPipeError:
        # `provenance claims | head`: the reader went away; that is not an error.
        sys.stderr.close()
        sys.exit(ExitCode.OK)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no bare tracebacks
        _fail(
            f"internal error: {type(exc).__name__}: {exc} (run again with --traceback "
            "and report it)",
            ExitCode.ERROR,
            show_traceback,
        )
    sys.exit(ExitCode.OK)


def _fail(message: str, code: ExitCode, show_traceback: bool) -> NoReturn:
    if show_traceback:
        traceback.print_exc()
    click.echo(message, err=True)
    sys.exit(int(code))
