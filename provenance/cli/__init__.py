"""The ``provenance`` command: a thin click layer over the library.

Each command opens the store, makes one library call and renders the result: a rich table or
tree on a terminal, JSON with ``--json``. Exceptions become exit codes in one place
(:mod:`provenance.cli.errors`).
"""

from __future__ import annotations

import click

from provenance import __version__
from provenance.cli.errors import Group
from provenance.cli.state import State


@click.group(
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=str),
    envvar="PROVENANCE_DB",
    default="provenance.db",
    show_default=True,
    help="Store file (SQLite). Also read from PROVENANCE_DB.",
)
@click.option("--traceback", is_flag=True, help="Show the Python traceback of an error.")
@click.version_option(__version__, prog_name="provenance")
@click.pass_context
def cli(ctx: click.Context, db: str, traceback: bool) -> None:
    """Track who said what, who passed it on, and who else confirms it.

    \b
    Quick start:
      provenance ingest examples/claims/seed-000.json
      provenance trace "Other drones were downed"
      provenance export --format markdown -o trail.md
    """
    ctx.obj = State(db_path=db)
    ctx.call_on_close(ctx.obj.close)


def _register() -> None:
    # Commands live in small modules; importing them here keeps `import provenance` light.
    from provenance.cli import (
        commands_analysis,
        commands_curate,
        commands_ingest,
        commands_output,
        commands_query,
        commands_report,
    )

    for module in (
        commands_ingest,
        commands_query,
        commands_analysis,
        commands_curate,
        commands_output,
        commands_report,
    ):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="provenance")
