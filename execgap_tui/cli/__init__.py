"""The `execgap` command: one table of commands, parsed, dispatched, rendered; no Textual."""
