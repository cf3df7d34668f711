"""trilat-bot: answers questions about the first US-ROK-India trilateral technology meeting."""

__version__ = "0.1.0"
