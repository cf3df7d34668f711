"""The fields of each kind of fact-base entry, declared once: the loader checks values with
these validators and `json_schema()` turns the same declaration into an editor's schema."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.core import limits
from bot.core.model import ENTITY_KINDS, Entity, Fact, PartialDate, Source, Topic

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")

Preview = Callable[[object], str]


class Invalid(ValueError):
    """A value a validator refuses; the message says why."""


def parse_date(value: object) -> PartialDate | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` (string or YAML date) as a PartialDate, else None."""
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and 1000 <= value <= 9999:
        return PartialDate(value)
    if not isinstance(value, str):
        return None
    match = DATE.match(value.strip())
    if not match:
        return None
    year, month, day = (int(group) if group else None for group in match.groups())
    try:
        dt.date(year, month or 1, day or 1)  # type: ignore[arg-type]
    except ValueError:
        return None
    return PartialDate(year, month, day)  # type: ignore[arg-type]


def _squeeze(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid("must be a non-empty text")
    return " ".join(value.split())


# Texts are trimmed and their inner whitespace squeezed before a pattern is tried, so the
# schema's patterns allow whitespace at either end.
_NON_EMPTY = {"type": "string", "pattern": r"\S"}


@dataclass(frozen=True)
class Text:
    """A non-empty text, optionally matching a pattern (after trimming)."""

    pattern: re.Pattern[str] | None = None
    complaint: str = ""
    choices: tuple[str, ...] = ()

    def check(self, value: object, preview: Preview) -> object:
        text = _squeeze(value)
        if self.pattern is not None and not self.pattern.match(text):
            raise Invalid(f"'{preview(text)}' {self.complaint}")
        if self.choices and text not in self.choices:
            raise Invalid(f"'{preview(text)}' is not one of {', '.join(self.choices)}")
        return text

    def json_schema(self) -> dict[str, Any]:
        if self.choices:
            alternatives = "|".join(re.escape(choice) for choice in self.choices)
            return {"type": "string", "pattern": rf"^\s*(?:{alternatives})\s*$"}
        if self.pattern is not None:
            inner = self.pattern.pattern.removeprefix("^").removesuffix("$")
            return {"type": "string", "pattern": rf"^\s*{inner}\s*$"}
        return dict(_NON_EMPTY)


# A month, optionally with a day that month can have; 29 February is allowed in any year
# here, the loader alone knows leap years.
_MONTH_DAY = (
    r"(?:(?:0[13578]|1[02])(?:-(?:0[1-9]|[12]\d|3[01]))?"
    r"|(?:0[469]|11)(?:-(?:0[1-9]|[12]\d|30))?"
    r"|02(?:-(?:0[1-9]|1\d|2[0-9]))?)"
)


@dataclass(frozen=True)
class Date:
    """`YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as a quoted text, a YAML date or a year."""

    def check(self, value: object, preview: Preview) -> object:
        date = parse_date(value)
        if date is None:
            raise Invalid(f"'{preview(value)}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
        return date

    def json_schema(self) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "string", "pattern": rf"^\s*\d{{4}}(?:-{_MONTH_DAY})?\s*$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
        }


@dataclass(frozen=True)
class ListOf:
    """A list of texts (a single text counts as a list of one), each checked by `item`."""

    item: Text

    def check(self, value: object, preview: Preview) -> object:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise Invalid("must be a list of non-empty texts")
        if len(value) > limits.MAX_LIST_ITEMS:
            raise Invalid(f"lists {len(value):,} items, over the limit of {limits.MAX_LIST_ITEMS}")
        items = tuple(" ".join(v.split()) for v in value)
        if self.item.pattern is not None:
            bad = [item for item in items if not self.item.pattern.match(item)]
            if bad:
                raise Invalid(f"'{preview(bad[0])}' is not a valid id")
        return items

    def json_schema(self) -> dict[str, Any]:
        item = self.item.json_schema()
        return {
            "anyOf": [
                item,
                {"type": "array", "items": item, "maxItems": limits.MAX_LIST_ITEMS},
            ]
        }


Validator = Text | Date | ListOf

text = Text()
slug = Text(SLUG, "is not a valid id (use a-z, 0-9 and '-')")
url = Text(URL, "is not an http(s) URL")
entity_kind = Text(choices=ENTITY_KINDS)
date = Date()


def list_of(item: Text) -> ListOf:
    return ListOf(item)


@dataclass(frozen=True)
class Field:
    check: Validator
    required: bool = False


def required(check: Validator) -> Field:
    return Field(check, True)


def optional(check: Validator) -> Field:
    return Field(check, False)


@dataclass(frozen=True)
class Kind:
    """One list section of a file: the fields of its entries and the value it builds."""

    make: type
    fields: dict[str, Field]


KINDS: dict[str, Kind] = {
    "sources": Kind(
        Source,
        {
            "id": required(slug),
            "title": required(text),
            "publisher": required(text),
            "url": required(url),
            "date": required(date),
        },
    ),
    "entities": Kind(
        Entity,
        {
            "id": required(slug),
            "kind": required(entity_kind),
            "name": required(text),
            "aliases": optional(list_of(text)),
            "role": optional(text),
            "organisation": optional(slug),
            "country": optional(slug),
            "place": optional(slug),
            "date": optional(date),
        },
    ),
    "topics": Kind(
        Topic,
        {
            "id": required(slug),
            "title": required(text),
            "aliases": optional(list_of(text)),
        },
    ),
    "facts": Kind(
        Fact,
        {
            "id": required(slug),
            "topic": required(slug),
            "answer": required(text),
            "questions": required(list_of(text)),
            "keywords": optional(list_of(text)),
            "about": optional(list_of(slug)),
            "sources": required(list_of(slug)),
            "date": optional(date),
            "includes": optional(list_of(slug)),
        },
    ),
}
SECTIONS = ("sources", "entities", "topics", "synonyms", "facts")


def _entry_schema(kind: Kind) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: field.check.json_schema() for name, field in kind.fields.items()},
        "required": [name for name, field in kind.fields.items() if field.required],
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of one fact-base file, for editors and tests."""
    sections: dict[str, Any] = {
        name: {"type": "array", "items": _entry_schema(kind)} for name, kind in KINDS.items()
    }
    sections["synonyms"] = {
        "type": "array",
        "items": {
            "type": "array",
            "items": dict(_NON_EMPTY),
            "minItems": 2,
            "maxItems": limits.MAX_LIST_ITEMS,
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "trilat-bot fact base file",
        "description": "Generated by `python -m bot schema` from bot/core/schema.py.",
        "type": ["object", "null"],
        "properties": {name: sections[name] for name in SECTIONS},
        "additionalProperties": False,
    }


def json_schema_text() -> str:
    """The schema as committed in knowledge/schema.json."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
