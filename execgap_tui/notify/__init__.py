"""Telling the user: the notifier chain (desktop through plyer, the terminal's bell and OSC)."""
