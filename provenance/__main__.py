"""``python -m provenance``: the command-line interface."""

from provenance.cli import main

main()
