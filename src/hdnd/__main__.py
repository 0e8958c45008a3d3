"""``python -m hdnd`` runs the ``hdnd`` command."""

from hdnd.cli import run

run()
