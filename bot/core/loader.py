"""Read a knowledge directory into a FactBase, collecting every problem with file and line."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import reprlib
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from bot.core import limits
from bot.core.catalog import AREAS_TOPIC, LEADERS_TOPIC
from bot.core.model import FactBase
from bot.core.schema import KINDS, SECTIONS, Invalid
from bot.core.text import stem, words


class Refused(Exception):
    """A document the loader will not build: too deep, too long, or using aliases."""

    def __init__(self, message: str, mark: yaml.Mark) -> None:
        super().__init__(message)
        self.message = message
        self.line = mark.line + 1


# The `type: ignore`s below are where types-PyYAML describes the composer and the loaders
# wrongly (an `anchors` dict for an anchor name, no mixin methods); PyYAML itself works.
class _BoundedComposer(Composer):
    """PyYAML's composer with the limits checked as each node arrives, so a hostile document
    stops at its first offending node. It runs in Python even over libyaml's parser: the
    C composer holds the GIL for a whole file, which would stall the bot's event loop."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise Refused("YAML anchors and aliases are not allowed", event.start_mark)
        return super().compose_node(parent, index)  # type: ignore[return-value, arg-type]

    def compose_scalar_node(self, anchor: str | None) -> yaml.ScalarNode:  # type: ignore[override]
        node = super().compose_scalar_node(anchor)  # type: ignore[arg-type]
        if len(node.value) > limits.MAX_TEXT_CHARS:
            raise Refused(
                f"a text of {len(node.value):,} characters, over the limit of "
                f"{limits.MAX_TEXT_CHARS:,}",
                node.start_mark,
            )
        return node

    def _enter(self) -> None:
        self.depth += 1
        if self.depth > limits.MAX_DEPTH:
            raise Refused(
                f"nested deeper than {limits.MAX_DEPTH} levels",
                self.peek_event().start_mark,  # type: ignore[attr-defined]
            )

    def compose_sequence_node(self, anchor: str | None) -> yaml.SequenceNode:  # type: ignore[override]
        self._enter()
        node = super().compose_sequence_node(anchor)  # type: ignore[arg-type]
        self.depth -= 1
        return node

    def compose_mapping_node(self, anchor: str | None) -> yaml.MappingNode:  # type: ignore[override]
        self._enter()
        node = super().compose_mapping_node(anchor)  # type: ignore[arg-type]
        self.depth -= 1
        if len(node.value) > limits.MAX_KEYS:
            raise Refused(f"a mapping with more than {limits.MAX_KEYS} keys", node.start_mark)
        return node


if hasattr(yaml, "CSafeLoader"):
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _Parser(_BoundedComposer, CParser):
        """libyaml scans and parses; composing stays in Python (see _BoundedComposer)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _BoundedComposer.__init__(self)

else:

    class _Parser(Reader, Scanner, Parser, _BoundedComposer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            _BoundedComposer.__init__(self)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class KnowledgeError(Exception):
    """A knowledge directory that cannot be served; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' * (count != 1)} in the fact base")

    def report(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


class LocatedDict(dict):
    """A YAML mapping that remembers its own line and each key's line (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class LocatedList(list):
    """A YAML sequence that remembers its line and each item's line (1-based)."""

    line: int = 0
    item_lines: list[int]


class _LocatingLoader(_Parser, SafeConstructor, Resolver):
    """Builds Located containers and notes every duplicate key (PyYAML keeps the last)."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.duplicates: list[tuple[str, int]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LocatedDict:
        mapping = LocatedDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                key = preview(key)
            if key in mapping:
                self.duplicates.append((key, line))
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = line
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LocatedList:
        items = LocatedList(self.construct_object(child, deep=True) for child in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items


_LocatingLoader.add_constructor("tag:yaml.org,2002:map", _LocatingLoader.construct_mapping)  # type: ignore[type-var]
_LocatingLoader.add_constructor("tag:yaml.org,2002:seq", _LocatingLoader.construct_sequence)  # type: ignore[type-var]


class _Preview(reprlib.Repr):
    """reprlib's bounded repr, which knows the loader's own containers."""

    def repr_LocatedList(self, value: list, level: int) -> str:
        return self.repr_list(value, level)

    def repr_LocatedDict(self, value: dict, level: int) -> str:
        return self.repr_dict(value, level)


_PREVIEW = _Preview()
_PREVIEW.maxlevel = 2
_PREVIEW.maxtuple = _PREVIEW.maxlist = _PREVIEW.maxdict = _PREVIEW.maxset = 3
_PREVIEW.maxstring = _PREVIEW.maxother = limits.PREVIEW_CHARS


def preview(value: object, limit: int = limits.PREVIEW_CHARS) -> str:
    """A value or key short enough for a message, whatever its size: texts are cut, other
    values shown by a bounded repr that never expands more than a few items."""
    text = value if isinstance(value, str) else _PREVIEW.repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class _Record:
    """One validated list item with where it came from, and the object made of it once
    the base it is in passed (kept with the record, so an unchanged file gives the same
    objects again)."""

    file: str
    line: int
    values: dict[str, Any]
    lines: dict[str, int]
    built: Any = None


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message))


def _check_limits(record: _Record, out: _Collector) -> bool:
    """Limits of one fact beyond its field types; False when it breaks one."""
    values = record.values
    ok = True
    answer = values.get("answer")
    if answer is not None and len(answer) > limits.MAX_ANSWER_CHARS:
        out.add(
            record.file,
            record.lines["answer"],
            f"'{preview(values['id'])}': the answer has {len(answer):,} characters, "
            f"over the limit of {limits.MAX_ANSWER_CHARS:,}",
        )
        ok = False
    questions = values.get("questions", ())
    if len(questions) > limits.MAX_QUESTIONS:
        out.add(
            record.file,
            record.lines["questions"],
            f"'{preview(values['id'])}' has {len(questions):,} questions, "
            f"over the limit of {limits.MAX_QUESTIONS}",
        )
        ok = False
    return ok


def _records(
    section: str, items: object, file: str, line: int, out: _Collector
) -> Iterator[_Record]:
    schema = KINDS[section].fields
    if not isinstance(items, list):
        out.add(file, line, f"'{section}' must be a list")
        return
    item_lines = getattr(items, "item_lines", [line] * len(items))
    for item, item_line in zip(items, item_lines, strict=True):
        if not isinstance(item, dict):
            out.add(file, item_line, f"each entry of '{section}' must be a mapping")
            continue
        key_lines: dict[str, int] = getattr(item, "key_lines", {})
        values: dict[str, Any] = {}
        ok = True
        for key, value in item.items():
            where = key_lines.get(key, item_line)
            field = schema.get(key)
            if field is None:
                allowed = ", ".join(schema)
                out.add(
                    file, where, f"unknown key '{preview(key)}' in {section} (allowed: {allowed})"
                )
                ok = False
                continue
            try:
                # One copy of each key name for all records, not one per record.
                values[sys.intern(key)] = field.check.check(value, preview)
            except Invalid as error:
                out.add(file, where, f"{section}.{key}: {error}")
                ok = False
        for key, field in schema.items():
            if field.required and key not in item:
                label = f" '{preview(item['id'])}'" if isinstance(item.get("id"), str) else ""
                out.add(file, item_line, f"{section[:-1]}{label} is missing '{key}'")
                ok = False
        if not ok:
            continue
        record = _Record(file, item_line, values, {k: key_lines.get(k, item_line) for k in values})
        if section != "facts" or _check_limits(record, out):
            yield record


def _parse(name: str, raw: bytes) -> tuple[object, list[Problem]]:
    """One file's document, or the problems that stop it being built."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(name, line, f"not UTF-8 text ({error.reason})")]
    loader = _LocatingLoader(text)
    try:
        data = loader.get_single_data()
    except Refused as refusal:
        return None, [Problem(name, refusal.line, refusal.message)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(name, line, f"YAML syntax error: {error.problem or error.context}")]
    except yaml.YAMLError as error:
        return None, [Problem(name, 1, f"cannot read: {preview(str(error), 200)}")]
    finally:
        loader.dispose()
    problems = [Problem(name, line, f"duplicate key '{key}'") for key, line in loader.duplicates]
    return data, problems


@dataclass(frozen=True)
class _FileEntries:
    """What one file gives the base: the problems found reading it, its checked records by
    section with the problems found checking them, and its synonym lists (checked across
    files, so kept as written)."""

    read_problems: list[Problem]
    problems: list[Problem]
    records: dict[str, list[_Record]]
    synonyms: tuple[object, int] | None = None


def _file_entries(name: str, raw: bytes) -> _FileEntries:
    """One file parsed and checked on its own; the parsed document is not kept."""
    data, read_problems = _parse(name, raw)
    if data is None:
        return _FileEntries(read_problems, [], {})
    if not isinstance(data, LocatedDict):
        message = f"top level must be a mapping with keys {', '.join(SECTIONS)}"
        return _FileEntries([*read_problems, Problem(name, 1, message)], [], {})
    for key in data:
        if key not in SECTIONS:
            message = f"unknown section '{preview(key)}' (allowed: {', '.join(SECTIONS)})"
            read_problems.append(Problem(name, data.key_lines.get(key, 1), message))
    out = _Collector()
    records: dict[str, list[_Record]] = {}
    for section in KINDS:
        if section == "facts" and not _facts_fit(name, data, out):
            continue
        if section in data:
            line = data.key_lines.get(section, 1)
            records[section] = list(_records(section, data[section], name, line, out))
    synonyms = None
    if data.get("synonyms") is not None:
        synonyms = (data["synonyms"], data.key_lines.get("synonyms", 1))
    return _FileEntries(read_problems, out.problems, records, synonyms)


class ParseCache:
    """What each file last loaded gave (its checked records, not its parsed YAML), by path
    and content hash: a reload parses and checks only the files that changed. It also
    remembers the last load that passed, whose unchanged files need fewer checks again."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[bytes, _FileEntries]] = {}
        self._passed: dict[str, _FileEntries] = {}
        self._passed_ids: dict[str, frozenset[str]] = {}

    def settled(self, files: list[tuple[str, _FileEntries]]) -> frozenset[str]:
        """The files, of those now read, unchanged since the last load that passed."""
        return frozenset(name for name, entries in files if self._passed.get(name) is entries)

    def ids_kept(self, ids: dict[str, Any]) -> bool:
        """Whether every id of the last load that passed is defined still (`ids` by kind)."""
        return all(ids[kind].keys() >= old for kind, old in self._passed_ids.items())

    def passed(self, files: list[tuple[str, _FileEntries]], ids: dict[str, Any]) -> None:
        self._passed = dict(files)
        self._passed_ids = {kind: frozenset(known) for kind, known in ids.items()}

    def entries(self, name: str, raw: bytes) -> _FileEntries:
        digest = hashlib.sha256(raw).digest()
        cached = self._files.get(name)
        if cached is not None and cached[0] == digest:
            return cached[1]
        entries = _file_entries(name, raw)
        self._files[name] = (digest, entries)
        return entries


def _size(count: int) -> str:
    return f"{count / limits.MiB:.1f} MiB"


def _yaml_files(directory: Path, out: _Collector) -> list[tuple[Path, int]]:
    """The directory's YAML files with their sizes, every one a regular file within the
    limits; anything unreadable or too large is a problem, found before reading a byte."""
    try:
        entries = sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))
    except OSError as error:
        out.add(str(directory), 0, f"cannot read the directory: {error.strerror or error}")
        return []
    if len(entries) > limits.MAX_FILES:
        out.add(
            str(directory),
            0,
            f"{len(entries):,} YAML files, over the limit of {limits.MAX_FILES:,}",
        )
        return []
    files: list[tuple[Path, int]] = []
    for path in entries:
        try:
            info = path.stat()
        except OSError as error:
            out.add(str(path), 0, f"cannot read: {error.strerror or error}")
            continue
        if stat.S_ISDIR(info.st_mode):
            continue
        if not stat.S_ISREG(info.st_mode):
            out.add(str(path), 0, "not a regular file")
        elif info.st_size > limits.MAX_FILE_BYTES:
            out.add(
                str(path),
                0,
                f"the file is {_size(info.st_size)}, over the limit of "
                f"{_size(limits.MAX_FILE_BYTES)}",
            )
        else:
            files.append((path, info.st_size))
    total = sum(size for _, size in files)
    if total > limits.MAX_BASE_BYTES:
        out.add(
            str(directory),
            0,
            f"the YAML files hold {_size(total)}, over the limit of {_size(limits.MAX_BASE_BYTES)}",
        )
        return []
    return files


def _read_bounded(path: Path) -> bytes:
    """At most one byte more than the file limit, so a file growing after `stat` is caught."""
    with path.open("rb") as stream:
        return stream.read(limits.MAX_FILE_BYTES + 1)


def _named(path: Path, raw: bytes) -> bytes:
    """What the fingerprint reads of one file: its name and its bytes."""
    return path.name.encode() + b"\0" + raw


def fingerprint(directory: Path) -> str | None:
    """The fingerprint `load_factbase` gives the directory's files as they are now, read
    without parsing them; None when a file is missing, unreadable or over a limit."""
    out = _Collector()
    files = _yaml_files(Path(directory), out)
    if out.problems or not files:
        return None
    digest = hashlib.sha256()
    for path, _ in files:
        try:
            raw = _read_bounded(path)
        except OSError:
            return None
        if len(raw) > limits.MAX_FILE_BYTES:
            return None
        digest.update(_named(path, raw))
    return digest.hexdigest()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while many long-lived objects are made at once: it
    would traverse them again and again for nothing (a large base loads several times
    faster). Objects freed by reference counting are freed as usual meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_files(
    directory: Path, out: _Collector, cache: ParseCache
) -> tuple[list[tuple[str, _FileEntries]], str]:
    files = _yaml_files(directory, out)
    if not files and not out.problems:
        out.add(str(directory), 0, "no .yaml files found")
    digest = hashlib.sha256()
    read: list[tuple[str, _FileEntries]] = []
    for path, _ in files:
        name = str(path)
        try:
            raw = _read_bounded(path)
        except OSError as error:
            out.add(name, 0, f"cannot read: {error.strerror or error}")
            continue
        if len(raw) > limits.MAX_FILE_BYTES:
            out.add(name, 0, f"the file is over the limit of {_size(limits.MAX_FILE_BYTES)}")
            continue
        digest.update(_named(path, raw))
        entries = cache.entries(name, raw)
        out.problems.extend(entries.read_problems)
        read.append((name, entries))
    return read, digest.hexdigest()


def _unique(records: list[_Record], kind: str, out: _Collector) -> dict[str, _Record]:
    seen: dict[str, _Record] = {}
    for record in records:
        ident = record.values["id"]
        if ident in seen:
            first = seen[ident]
            out.add(
                record.file,
                record.lines["id"],
                f"duplicate {kind} id '{preview(ident)}' (first defined at {first.file}:{first.line})",
            )
            continue
        seen[ident] = record
    return seen


def _check_refs(
    record: _Record, key: str, known: dict[str, Any], what: str, out: _Collector
) -> None:
    value = record.values.get(key)
    if value is None:
        return
    for ref in value if isinstance(value, tuple) else (value,):
        if ref not in known:
            out.add(
                record.file,
                record.lines[key],
                f"'{preview(record.values['id'])}' cites unknown {what} '{preview(ref)}'",
            )


def _synonym_groups(
    lists: list[tuple[str, tuple[object, int]]], out: _Collector
) -> list[tuple[str, ...]]:
    """Each file's synonym lists (with their line), checked: a word in one group only."""
    groups: list[tuple[str, ...]] = []
    # Words are compared as the matcher reads them: "involvement" and "involve" are one.
    owners: dict[tuple[str, ...], str] = {}
    for name, (items, line) in lists:
        if not isinstance(items, LocatedList):
            out.add(name, line, "'synonyms' must be a list of word lists")
            continue
        for group, group_line in zip(items, items.item_lines, strict=True):
            if (
                not isinstance(group, list)
                or len(group) < 2
                or not all(isinstance(word, str) and word.strip() for word in group)
            ):
                out.add(name, group_line, "a synonym group must list at least two words")
                continue
            if len(group) > limits.MAX_LIST_ITEMS:
                out.add(
                    name,
                    group_line,
                    f"a synonym group of {len(group):,} words, over the limit of "
                    f"{limits.MAX_LIST_ITEMS}",
                )
                continue
            group = tuple(" ".join(word.split()) for word in group)
            for word in group:
                key = tuple(stem(w) for w in words(word))
                owner = owners.setdefault(key, group[0])
                if owner != group[0]:
                    out.add(
                        name,
                        group_line,
                        f"synonym '{preview(word)}' is already in the group of '{preview(owner)}'",
                    )
            groups.append(group)
    return groups


def _facts_fit(name: str, data: LocatedDict, out: _Collector) -> bool:
    """False, with a problem, when one file lists more facts than a file may."""
    facts = data.get("facts")
    if not isinstance(facts, list) or len(facts) <= limits.MAX_FACTS_PER_FILE:
        return True
    out.add(
        name,
        data.key_lines.get("facts", 1),
        f"{len(facts):,} facts in one file, over the limit of {limits.MAX_FACTS_PER_FILE:,}",
    )
    return False


def _build(records: dict[str, _Record], make: Callable[..., Any]) -> dict[str, Any]:
    built = {}
    for ident, record in records.items():
        if record.built is None:
            record.built = make(**record.values)
        built[ident] = record.built
    return built


CATALOG_TOPICS = (LEADERS_TOPIC, AREAS_TOPIC)


@dataclass(frozen=True)
class _Base:
    """The validated entries of every file, by kind and id: what the cross-file rules read."""

    directory: str
    sources: dict[str, _Record]
    entities: dict[str, _Record]
    topics: dict[str, _Record]
    facts: dict[str, _Record]
    settled: frozenset[str] = frozenset()
    """Files unchanged since the last load that passed: their records passed every rule."""
    ids_kept: bool = False
    """Whether every id of that load is defined still, so what they cite exists still."""

    def ids(self) -> dict[str, dict[str, _Record]]:
        return {
            "sources": self.sources,
            "entities": self.entities,
            "topics": self.topics,
            "facts": self.facts,
        }

    def to_check(self, records: dict[str, _Record], cites: bool = False) -> Iterable[_Record]:
        """The records a rule of one record must check: not those of settled files, unless
        the rule checks what they `cites` and some id they might cite is gone."""
        if not self.settled or (cites and not self.ids_kept):
            return records.values()
        return [record for record in records.values() if record.file not in self.settled]


def _entity_refs(base: _Base, out: _Collector) -> None:
    """An entity's organisation, country and place are entities; its place is a place."""
    for record in base.to_check(base.entities, cites=True):
        for key in ("organisation", "country", "place"):
            _check_refs(record, key, base.entities, "entity", out)
    # Always over every entity: the place named may have changed its kind in another file.
    for record in base.entities.values():
        place = base.entities.get(record.values.get("place", ""))
        if place is not None and place.values.get("kind") != "place":
            out.add(
                record.file,
                record.lines["place"],
                f"'{preview(record.values['id'])}' has place '{preview(place.values['id'])}', "
                "which is not a place",
            )


def _fact_refs(base: _Base, out: _Collector) -> None:
    """A fact's topic, sources, entities and included facts exist."""
    for record in base.to_check(base.facts, cites=True):
        _check_refs(record, "topic", base.topics, "topic", out)
        _check_refs(record, "sources", base.sources, "source", out)
        _check_refs(record, "about", base.entities, "entity", out)
        _check_refs(record, "includes", base.facts, "fact", out)


def _asked_and_cited(base: _Base, out: _Collector) -> None:
    """A fact is asked for in at least two ways and rests on at least one source."""
    for record in base.to_check(base.facts):
        ident = preview(record.values["id"])
        if len(record.values["questions"]) < 2:
            out.add(
                record.file, record.lines["questions"], f"'{ident}' needs at least two questions"
            )
        if not record.values["sources"]:
            out.add(record.file, record.lines["sources"], f"'{ident}' cites no source")


def _includes_plain_facts(base: _Base, out: _Collector) -> None:
    """A fact lists only facts that list nothing themselves (and never itself)."""
    for record in base.facts.values():
        values = record.values
        for included in values.get("includes", ()):
            target = base.facts.get(included)
            if target is not None and (included == values["id"] or target.values.get("includes")):
                out.add(
                    record.file,
                    record.lines["includes"],
                    f"'{preview(values['id'])}' may include only plain facts, not '{preview(included)}'",
                )


def _catalog_topics(base: _Base, out: _Collector) -> None:
    """The topics the browsing commands list (`leaders`, `areas`) exist."""
    for topic in CATALOG_TOPICS:
        if topic not in base.topics:
            out.add(
                base.directory, 0, f"no topic '{topic}', which the leaders and areas lists need"
            )


def _aliases_name_one_entity(base: _Base, out: _Collector) -> None:
    """A name or alias names one entity: "TIC" for two bodies would answer for either."""
    if not base.to_check(base.entities):
        return  # the same entities passed before
    owners: dict[tuple[str, ...], str] = {}
    for record in base.entities.values():
        ident = record.values["id"]
        for alias in (record.values["name"], *record.values.get("aliases", ())):
            key = tuple(stem(w) for w in words(alias))
            owner = owners.setdefault(key, ident)
            if owner != ident:
                out.add(
                    record.file,
                    record.lines.get("aliases", record.lines["name"]),
                    f"'{preview(alias)}' of '{preview(ident)}' already names '{preview(owner)}'",
                )


RULES: tuple[Callable[[_Base, _Collector], None], ...] = (
    _entity_refs,
    _aliases_name_one_entity,
    _fact_refs,
    _asked_and_cited,
    _includes_plain_facts,
    _catalog_topics,
)


def load_factbase(directory: str | Path, cache: ParseCache | None = None) -> FactBase:
    """Load and validate every YAML file in `directory`; raise KnowledgeError listing all problems.

    Pass the same `cache` to successive loads of a directory to skip unchanged files.
    """
    directory = Path(directory)
    out = _Collector()
    if not directory.is_dir():
        raise KnowledgeError([Problem(str(directory), 0, "not a directory")])
    cache = cache or ParseCache()
    with collector_paused():
        files, digest = _read_files(directory, out, cache)

    sections: dict[str, list[_Record]] = {section: [] for section in KINDS}
    for _, entries in files:
        out.problems.extend(entries.problems)
        for section, records in entries.records.items():
            sections[section].extend(records)
    synonyms = _synonym_groups([(name, e.synonyms) for name, e in files if e.synonyms], out)
    if len(sections["facts"]) > limits.MAX_FACTS:
        count = len(sections["facts"])
        out.add(str(directory), 0, f"{count:,} facts, over the limit of {limits.MAX_FACTS:,}")

    base = _Base(
        directory=str(directory),
        sources=_unique(sections["sources"], "source", out),
        entities=_unique(sections["entities"], "entity", out),
        topics=_unique(sections["topics"], "topic", out),
        facts=_unique(sections["facts"], "fact", out),
    )
    base = replace(base, settled=cache.settled(files), ids_kept=cache.ids_kept(base.ids()))
    for rule in RULES:
        rule(base, out)
    if not base.facts and not out.problems:
        out.add(str(directory), 0, "the fact base has no facts")
    if out.problems:
        raise KnowledgeError(out.problems)
    cache.passed(files, base.ids())

    return FactBase(
        sources=_build(base.sources, KINDS["sources"].make),
        entities=_build(base.entities, KINDS["entities"].make),
        topics=_build(base.topics, KINDS["topics"].make),
        facts=_build(base.facts, KINDS["facts"].make),
        synonyms=tuple(synonyms),
        fingerprint=digest,
    )
