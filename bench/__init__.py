"""Benchmarks for trilat-bot: latency, quality, start-up and end to end (`python -m bench`)."""
