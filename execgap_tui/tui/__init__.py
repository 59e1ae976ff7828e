"""The Textual app: wiring, screens, widgets, the quiet driver, themes and the ASCII filter."""
