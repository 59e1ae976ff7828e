"""`python -m execgap_tui` runs the same entry point as the `execgap` command."""

from execgap_tui.cli.main import run

raise SystemExit(run())
