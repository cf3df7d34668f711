"""Writing a fact base as YAML files the loader reads back: for generated bases and tools."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

from bot.core.model import FactBase, PartialDate


def _date(date: PartialDate | None) -> str | None:
    return str(date) if date is not None else None


def _plain(record: dict[str, object]) -> dict[str, object]:
    return {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in record.items()
        if value not in (None, (), [])
    }


def _chunks(items: list[dict[str, object]], size: int) -> Iterator[list[dict[str, object]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def dump_factbase(factbase: FactBase, directory: Path, facts_per_file: int = 1000) -> Path:
    """Write `factbase` as a knowledge directory that `load_factbase` reads back equal."""
    directory.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    def dump(name: str, data: dict[str, object]) -> None:
        with (directory / f"{name}.yaml").open("w", encoding="utf-8") as stream:
            yaml.dump(data, stream, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)

    dump(
        "sources",
        {
            "sources": [
                _plain({**vars(s), "date": _date(s.date)}) for s in factbase.sources.values()
            ]
        },
    )
    entities = [_plain({**vars(e), "date": _date(e.date)}) for e in factbase.entities.values()]
    dump("entities", {"entities": entities})
    dump("topics", {"topics": [_plain(vars(t)) for t in factbase.topics.values()]})
    if factbase.synonyms:
        dump("synonyms", {"synonyms": [list(group) for group in factbase.synonyms]})
    facts = [_plain({**vars(f), "date": _date(f.date)}) for f in factbase.facts.values()]
    for number, chunk in enumerate(_chunks(facts, facts_per_file)):
        dump(f"facts-{number:04d}", {"facts": chunk})
    return directory
