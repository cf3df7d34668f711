"""Browsing the fact base: timeline, leaders, topics, sources, about."""
