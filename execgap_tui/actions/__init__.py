"""The use-case layer: every action checked, made durable and announced, for CLI and app."""
