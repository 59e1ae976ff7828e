"""The pure domain of execgap: standard library only, time comes from an injected Clock."""
