"""The largest fact base the loader accepts, so a broken or hostile file is a reported
problem, not minutes of parsing and gigabytes of memory. Documented in knowledge/README.md.

Sized far above real use: the bundled base is about 70 KB in 13 files, and a synthetic
100,000-fact base (1,000 facts a file) is 63 MB in 104 files, its largest file 1.5 MB.
"""

from __future__ import annotations

MiB = 2**20

MAX_FILE_BYTES = 2 * MiB
"""One YAML file, checked with `stat` before it is read."""

MAX_BASE_BYTES = 128 * MiB
"""All YAML files of a directory together, checked with `stat` before any is read."""

MAX_FILES = 1_000
"""YAML files in one directory."""

MAX_DEPTH = 16
"""Nesting of mappings and lists in a file; the schema needs 4."""

MAX_TEXT_CHARS = 10_000
"""Any one text (YAML scalar), checked while scanning, before the document is built."""

MAX_ANSWER_CHARS = 4_000
"""A fact's answer: one to three sentences, and what one Discord embed can show."""

MAX_QUESTIONS = 100
"""Phrasings (`questions`) of one fact."""

MAX_KEYS = 50
"""Keys of one mapping; an entry of the schema has at most 9."""

MAX_LIST_ITEMS = 500
"""Items of any other list field of one entry (aliases, keywords, about, sources...)."""

MAX_FACTS_PER_FILE = 5_000
"""Facts in one file."""

MAX_FACTS = 250_000
"""Facts in the whole base."""

PREVIEW_CHARS = 60
"""How much of a value or key a problem message quotes."""
