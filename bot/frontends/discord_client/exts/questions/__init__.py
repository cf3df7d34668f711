"""Answering questions: mentions, DMs, configured channels, /ask and suggestion buttons."""
