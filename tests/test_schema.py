"""The one declaration of the fact base's fields: the loader, the committed JSON Schema,
the model and the knowledge README all say the same."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from bot import bundled_knowledge_dir
from bot.core.loader import KnowledgeError, load_factbase
from bot.core.schema import KINDS, json_schema, json_schema_text
from bot.frontends.cli import main
from tests.conftest import MINI_ENTITIES, MINI_FACTS, MINI_SOURCES, write_knowledge

KNOWLEDGE = bundled_knowledge_dir()
REFERENCE = "# yaml-language-server: $schema=schema.json"


def test_committed_schema_is_the_generated_one() -> None:
    committed = (KNOWLEDGE / "schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(), "run: python -m bot schema > knowledge/schema.json"


def test_cli_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("path", sorted(KNOWLEDGE.glob("*.yaml")), ids=lambda p: p.name)
def test_each_knowledge_file_names_the_schema_and_passes_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == REFERENCE
    jsonschema.validate(_json_compatible(yaml.safe_load(text)), json_schema())


@pytest.mark.parametrize("section", list(KINDS))
def test_model_has_the_declared_fields(section: str) -> None:
    kind = KINDS[section]
    fields = {field.name: field for field in dataclasses.fields(kind.make)}
    assert set(fields) == set(kind.fields)
    for name, declared in kind.fields.items():
        has_default = fields[name].default is not dataclasses.MISSING
        assert has_default == (not declared.required), f"{section}.{name}"


@pytest.mark.parametrize("section", list(KINDS))
def test_readme_table_lists_the_declared_fields(section: str) -> None:
    readme = (KNOWLEDGE / "README.md").read_text(encoding="utf-8")
    part = readme.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `(\w+)` \| (yes|no) \|", part, re.MULTILINE))
    declared = {name: "yes" if f.required else "no" for name, f in KINDS[section].fields.items()}
    assert rows == declared


def _json_compatible(value: object) -> object:
    """What an editor's YAML 1.2 reader sees: unquoted dates are texts."""
    if isinstance(value, dict):
        return {key: _json_compatible(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_compatible(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


VALID = {
    "empty file": "",
    "no facts": "facts: []\n",
    "source": (
        "sources:\n  - {id: src-two, title: T, publisher: P, url: 'http://a.org/x', date: '2024'}\n"
    ),
    "source dated by a year": (
        "sources:\n  - {id: src-two, title: T, publisher: P, url: 'https://a.org', date: 2024}\n"
    ),
    "source date with spaces": (
        "sources:\n  - {id: src-two, title: T, publisher: P, url: ' https://a.org ', "
        "date: ' 2024-03 '}\n"
    ),
    "29 February of a leap year": (
        "sources:\n  - {id: src-two, title: T, publisher: P, url: 'https://a.org', "
        "date: '2024-02-29'}\n"
    ),
    "31 December": (
        "sources:\n  - {id: src-two, title: T, publisher: P, url: 'https://a.org', "
        "date: '2023-12-31'}\n"
    ),
    "entity": (
        "entities:\n  - {id: bob, kind: person, name: Bob, aliases: [B, Bobby], role: Envoy,"
        " country: land, organisation: land}\n"
    ),
    "entity alias as one text": "entities:\n  - {id: bob, kind: person, name: Bob, aliases: B}\n",
    "entity id with spaces": "entities:\n  - {id: ' bob ', kind: ' person ', name: Bob}\n",
    "topic": "topics:\n  - {id: other, title: Other, aliases: [else, elsewhere]}\n",
    "fact": (
        "facts:\n  - id: new-fact\n    topic: meeting\n    answer: It happened.\n"
        "    questions: [What happened, Did it happen]\n    keywords: [event]\n"
        "    about: [land]\n    sources: [src-one]\n    date: 2024-03-13\n"
    ),
    "synonyms": "synonyms:\n  - [alpha, beta]\n  - [gamma, delta, epsilon]\n",
}

INVALID = {
    "top level a list": "- sources\n",
    "top level a text": "hello\n",
    "unknown section": "factz: []\n",
    "section not a list": "topics: {id: other, title: Other}\n",
    "entry not a mapping": "topics:\n  - other\n",
    "missing field": "sources:\n  - {id: src-two, title: T, publisher: P, date: '2024'}\n",
    "unknown field": "topics:\n  - {id: other, title: Other, colour: blue}\n",
    "bad id": "topics:\n  - {id: Other_Topic, title: Other}\n",
    "id a number": "topics:\n  - {id: 7, title: Other}\n",
    "empty title": "topics:\n  - {id: other, title: '  '}\n",
    "title a number": "topics:\n  - {id: other, title: 42}\n",
    "title a list": "topics:\n  - {id: other, title: [a, b]}\n",
    "ftp url": (
        "sources:\n  - {id: src-two, title: T, publisher: P, url: 'ftp://a.org', date: '2024'}\n"
    ),
    "url without a dot": (
        "sources:\n  - {id: src-two, title: T, publisher: P, url: 'https://localhost', "
        "date: '2024'}\n"
    ),
    "url with a space": (
        "sources:\n  - {id: src-two, title: T, publisher: P, url: 'https://a.org/x y', "
        "date: '2024'}\n"
    ),
    "month 13": (
        "sources:\n  - {id: src-two, title: T, publisher: P, url: 'https://a.org', "
        "date: '2024-13'}\n"
    ),
    "31 April": (
        "sources:\n  - {id: src-two, title: T, publisher: P, url: 'https://a.org', "
        "date: '2024-04-31'}\n"
    ),
    "30 February": (
        "sources:\n  - {id: src-two, title: T, publisher: P, url: 'https://a.org', "
        "date: '2024-02-30'}\n"
    ),
    "date in words": (
        "sources:\n  - {id: src-two, title: T, publisher: P, url: 'https://a.org', "
        "date: March 2024}\n"
    ),
    "year too small": (
        "sources:\n  - {id: src-two, title: T, publisher: P, url: 'https://a.org', date: 999}\n"
    ),
    "unknown kind": "entities:\n  - {id: bob, kind: planet, name: Bob}\n",
    "alias a number": "entities:\n  - {id: bob, kind: person, name: Bob, aliases: [B, 7]}\n",
    "empty alias": "entities:\n  - {id: bob, kind: person, name: Bob, aliases: [B, ' ']}\n",
    "too many aliases": (
        "entities:\n  - {id: bob, kind: person, name: Bob, aliases: ["
        + ", ".join(f"a{i}" for i in range(501))
        + "]}\n"
    ),
    "bad id in a list": (
        "facts:\n  - id: new-fact\n    topic: meeting\n    answer: It happened.\n"
        "    questions: [What happened, Did it happen]\n    about: [Land]\n"
        "    sources: [src-one]\n"
    ),
    "fact without questions": (
        "facts:\n  - id: new-fact\n    topic: meeting\n    answer: It happened.\n"
        "    sources: [src-one]\n"
    ),
    "synonym group of one": "synonyms:\n  - [alpha]\n",
    "synonym group not a list": "synonyms:\n  - alpha\n",
    "empty synonym": "synonyms:\n  - [alpha, '']\n",
}


def _schema_accepts(text: str) -> bool:
    validator = jsonschema.Draft202012Validator(json_schema())
    return validator.is_valid(_json_compatible(yaml.safe_load(text)))


def _loader_accepts(tmp_path: Path, text: str) -> bool:
    directory = write_knowledge(
        tmp_path / "knowledge", sources=MINI_SOURCES, entities=MINI_ENTITIES, facts=MINI_FACTS
    )
    (directory / "sample.yaml").write_text(text, encoding="utf-8")
    try:
        load_factbase(directory)
    except KnowledgeError:
        return False
    return True


@pytest.mark.parametrize("name", list(VALID))
def test_schema_and_loader_accept(tmp_path: Path, name: str) -> None:
    assert _loader_accepts(tmp_path, VALID[name])
    assert _schema_accepts(VALID[name])


@pytest.mark.parametrize("name", list(INVALID))
def test_schema_and_loader_reject(tmp_path: Path, name: str) -> None:
    assert not _loader_accepts(tmp_path, INVALID[name])
    assert not _schema_accepts(INVALID[name])
