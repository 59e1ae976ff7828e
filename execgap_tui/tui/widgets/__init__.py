"""Widgets named for what they show. They get plain values and never touch storage."""
