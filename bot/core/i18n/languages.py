"""Load and validate `knowledge/i18n/<code>.yaml`: a language's words, answers and messages.

A translation file adds text to facts that already exist; it never holds a second copy of
a fact, so every problem (unknown code, unknown fact, missing message) is reported with
its file and line, like the fact base's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.core.loader import KnowledgeError, Problem

SUPPORTED = ("ko", "hi")
MESSAGES = (
    "dont_know",
    "did_you_mean",
    "english_only",
    "sources_english",
    "not_known_part",
    "slow_down",
    "unexpected",
    "timeline",
    "no_dated_facts",
    "leaders",
    "topics",
    "sources",
    "about",
)
_WORD_MAPS = ("words", "romanised")
_LISTS = ("particles", "endings", "markers", "strong_markers")
_KEYS = {"lang", "name", "facts", "messages", "commands", *_WORD_MAPS, *_LISTS}


@dataclass(frozen=True)
class Language:
    """One language's reading vocabulary (native word to English words), answers, messages."""

    code: str
    name: str
    words: Mapping[str, str]
    romanised: Mapping[str, str] = field(default_factory=dict)
    particles: tuple[str, ...] = ()
    endings: tuple[str, ...] = ()
    markers: frozenset[str] = frozenset()
    strong_markers: frozenset[str] = frozenset()
    facts: Mapping[str, str] = field(default_factory=dict)
    messages: Mapping[str, str] = field(default_factory=dict)
    commands: Mapping[str, str] = field(default_factory=dict)

    def message(self, key: str, **values: object) -> str:
        return self.messages[key].format(**values)


def i18n_dir(knowledge: Path) -> Path:
    return Path(knowledge) / "i18n"


def load_languages(
    directory: Path, fact_ids: Iterable[str], required: Iterable[str] = ()
) -> dict[str, Language]:
    """Every language file in `directory` (none if it does not exist), validated against the
    fact ids; raises KnowledgeError listing every problem."""
    known = set(fact_ids)
    problems: list[Problem] = []
    languages: dict[str, Language] = {}
    paths = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
    for path in paths:
        language = _load(path, known, problems)
        if language:
            languages[language.code] = language
    for code in required:
        if code not in languages:
            problems.append(Problem(str(directory), 0, f"language '{code}' is required"))
    if problems:
        raise KnowledgeError(problems)
    return languages


def _load(path: Path, known: set[str], problems: list[Problem]) -> Language | None:
    name = str(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        problems.append(
            Problem(
                name,
                getattr(getattr(error, "problem_mark", None), "line", -1) + 1,
                f"cannot read: {error}",
            )
        )
        return None
    if not isinstance(root, yaml.MappingNode):
        problems.append(Problem(name, 1, "must be a mapping"))
        return None
    nodes = {key.value: (key, value) for key, value in root.value}
    before = len(problems)
    for key, (node, _) in nodes.items():
        if key not in _KEYS:
            problems.append(Problem(name, node.start_mark.line + 1, f"unknown key '{key}'"))
    code = _scalar(nodes.get("lang"), name, problems, "lang")
    if code is not None and code not in SUPPORTED:
        line = nodes["lang"][1].start_mark.line + 1
        problems.append(
            Problem(name, line, f"unknown language code '{code}' ({', '.join(SUPPORTED)})")
        )
    if code is not None and code != path.stem:
        line = nodes["lang"][1].start_mark.line + 1
        problems.append(Problem(name, line, f"lang '{code}' does not match the file name"))
    maps = {
        key: _mapping(nodes.get(key), name, problems, key)
        for key in (*_WORD_MAPS, "facts", "messages", "commands")
    }
    for fact_id, line in maps["facts"][1].items():
        if fact_id not in known:
            problems.append(Problem(name, line, f"translation of unknown fact '{fact_id}'"))
    for key in MESSAGES:
        if key not in maps["messages"][0]:
            problems.append(Problem(name, root.start_mark.line + 1, f"messages: missing '{key}'"))
    lists = {key: _list(nodes.get(key), name, problems, key) for key in _LISTS}
    if len(problems) > before or code is None:
        return None
    return Language(
        code,
        _scalar(nodes.get("name"), name, problems, "name") or code,
        _folded(maps["words"][0]),
        _folded(maps["romanised"][0]),
        tuple(sorted(lists["particles"], key=len, reverse=True)),
        tuple(lists["endings"]),
        frozenset(lists["markers"]),
        frozenset(lists["strong_markers"]),
        maps["facts"][0],
        maps["messages"][0],
        maps["commands"][0],
    )


def _folded(words: dict[str, str]) -> dict[str, str]:
    from bot.core.i18n.reading import fold

    return {fold(word): english for word, english in words.items()}


def _scalar(
    pair: tuple[yaml.Node, yaml.Node] | None, file: str, problems: list[Problem], key: str
) -> str | None:
    if pair is None:
        problems.append(Problem(file, 1, f"missing '{key}'"))
        return None
    node = pair[1]
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        problems.append(
            Problem(file, node.start_mark.line + 1, f"'{key}' must be a non-empty text")
        )
        return None
    return str(node.value).strip()


def _mapping(
    pair: tuple[yaml.Node, yaml.Node] | None, file: str, problems: list[Problem], key: str
) -> tuple[dict[str, str], dict[str, int]]:
    """The text mapping under `key` and the line of each of its keys."""
    if pair is None:
        return {}, {}
    node = pair[1]
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(file, node.start_mark.line + 1, f"'{key}' must be a mapping"))
        return {}, {}
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    for item_key, item in node.value:
        line = item_key.start_mark.line + 1
        if not isinstance(item, yaml.ScalarNode) or not isinstance(item_key, yaml.ScalarNode):
            problems.append(Problem(file, line, f"{key}: '{item_key.value}' must map to a text"))
            continue
        if item_key.value in values:
            problems.append(Problem(file, line, f"{key}: '{item_key.value}' appears twice"))
        text = " ".join(str(item.value).split())
        if key in ("facts", "messages") and not text:
            problems.append(Problem(file, line, f"{key}: '{item_key.value}' is empty"))
        values[str(item_key.value)] = text
        lines[str(item_key.value)] = line
    return values, lines


def _list(
    pair: tuple[yaml.Node, yaml.Node] | None, file: str, problems: list[Problem], key: str
) -> list[str]:
    if pair is None:
        return []
    node = pair[1]
    if not isinstance(node, yaml.SequenceNode) or not all(
        isinstance(n, yaml.ScalarNode) for n in node.value
    ):
        problems.append(Problem(file, node.start_mark.line + 1, f"'{key}' must be a list of texts"))
        return []
    return [str(n.value) for n in node.value]


def coverage(languages: Mapping[str, Language], fact_ids: Iterable[str]) -> list[str]:
    """One line per language: how many facts have its answer text."""
    ids = list(fact_ids)
    lines = []
    for code, language in sorted(languages.items()):
        done = sum(fact_id in language.facts for fact_id in ids)
        lines.append(f"  {code} ({language.name}): {done}/{len(ids)} facts translated")
    return lines
