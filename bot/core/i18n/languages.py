"""Load and validate `knowledge/i18n/<code>.yaml`: a language's words, answers and messages.

A translation file adds text to facts that already exist; it never holds a second copy of
a fact, so every problem (unknown code, unknown fact, missing message) is reported with
its file and line, like the fact base's own.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz.utils import default_process

from bot.core import limits
from bot.core.completion import Completions
from bot.core.loader import KnowledgeError, Problem
from bot.core.model import FactBase

SUPPORTED = ("ko", "hi")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
    *(
        "leaders_of no_leaders other_group no_areas cited_by no_sources continued about_title "
        "about_usage version facts entities loaded fingerprint unknown_topic unknown_country "
        "months date_day date_month hint thanks already_rated not_saved suggestion_gone "
        "nothing_to_ask post_answer server_only admins_only not_here"
    ).split(),
)
ENGLISH = {
    "did_you_mean": "Did you mean:",
    "timeline": "Timeline",
    "no_dated_facts": "No dated facts match that topic.",
    "leaders": "Who led each delegation",
    "leaders_of": "Who led the {country} delegation",
    "no_leaders": "The fact base names no leader for that delegation.",
    "other_group": "Other",
    "topics": "Areas of cooperation",
    "no_areas": "The fact base lists no areas of cooperation.",
    "sources": "Sources",
    "continued": "continued",
    "cited_by": "(cited by {count} fact{s})",
    "no_sources": "No sources are cited.",
    "about_title": "About trilat-bot",
    "about": "I answer questions about the first US-ROK-India trilateral technology meeting "
    "(Seoul, March 2024) from a curated fact base, and cite my sources.",
    "about_usage": "Mention me with a question, DM me, or use `/ask`.",
    "version": "Version",
    "facts": "Facts",
    "entities": "Entities",
    "loaded": "Loaded",
    "fingerprint": "Fingerprint",
    "unknown_topic": "I don't know the topic “{topic}”. Try one of: {known}.",
    "unknown_country": "I don't know a country called “{country}”.",
    "months": "January February March April May June July August September October "
    "November December",
    "date_day": "{day} {month} {year}",
    "date_month": "{month} {year}",
    "slow_down": "Slow down a little: try again in {seconds} s.",
    "unexpected": "Sorry, something went wrong on my side. The error is logged; please try again.",
    "hint": "Ask me about the US-ROK-India trilateral technology meeting, for example "
    "“Who led India's delegation?”, or use `/ask`.",
    "thanks": "Thanks for the feedback!",
    "already_rated": "You already rated this answer; thanks!",
    "not_saved": "Thanks! Your feedback could not be saved just now.",
    "suggestion_gone": "That suggestion is no longer in the fact base.",
    "nothing_to_ask": "That message has no text I can read to answer.",
    "post_answer": "Post the answer here",
    "server_only": "That command works only in a server, not in direct messages.",
    "admins_only": "Only members with Manage Server or a configured admin role can do that.",
    "not_here": "You can't use that command here.",
}
"""The English of the fixed texts a listing or a reply shows; a language's `messages`
replace them."""
_WORD_MAPS = ("words", "romanised", "phrases")
_TRANSLATIONS = ("facts", "questions", "topics", "entities", "roles")
_LISTS = ("particles", "endings", "markers", "strong_markers", "titles")
_KEYS = {"lang", "name", "messages", "commands", *_TRANSLATIONS, *_WORD_MAPS, *_LISTS}


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
    questions: Mapping[str, str] = field(default_factory=dict)
    """Fact id to the fact's first question, as a suggestion shows it."""
    topics: Mapping[str, str] = field(default_factory=dict)
    """Topic id to its title."""
    entities: Mapping[str, str] = field(default_factory=dict)
    """Entity id to its name."""
    roles: Mapping[str, str] = field(default_factory=dict)
    """Person's entity id to their role."""
    titles: frozenset[str] = frozenset()
    """Titles written after a name (바이든 대통령), read before it as English writes them."""
    phrases: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    """Expressions of two words or more (두 번째, हाथ मिलाया) to their English, as folded
    words, longest first: read as one before the words are read one by one."""
    readings: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)
    """Each native word's English as read so far: a word reads the same every time, and
    questions repeat their words (see `reading.to_english`)."""
    _asked: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)

    def message(self, key: str, **values: object) -> str:
        return self.messages[key].format(**values)

    def fact_asked(self, message: str) -> str | None:
        """The fact whose question, as this language shows it (a suggestion, an autocomplete
        choice), the message repeats word for word, if any."""
        if not self._asked:
            self._asked.update((default_process(q), f) for f, q in self.questions.items())
        return self._asked.get(default_process(message))

    @functools.cached_property
    def completions(self) -> Completions:
        """Autocomplete over the facts' questions as this language shows them."""
        return Completions.build([[question] for question in self.questions.values()])


def i18n_dir(knowledge: Path) -> Path:
    return Path(knowledge) / "i18n"


def load_languages(
    directory: Path,
    fact_ids: Iterable[str],
    required: Iterable[str] = (),
    factbase: FactBase | None = None,
) -> dict[str, Language]:
    """Every language file in `directory` (none if it does not exist), validated against the
    fact ids, and against the topics and entities of `factbase` when given; raises
    KnowledgeError listing every problem."""
    known = {"facts": set(fact_ids), "questions": set(fact_ids)}
    if factbase is not None:
        known["topics"] = set(factbase.topics)
        known["entities"] = set(factbase.entities)
        known["roles"] = {e.id for e in factbase.entities.values() if e.role}
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


_WHAT = {
    "facts": "translation of unknown fact '{}'",
    "questions": "question of unknown fact '{}'",
    "topics": "title of unknown topic '{}'",
    "entities": "name of unknown entity '{}'",
    "roles": "role of '{}', which is not an entity with a role",
}


def _compose(path: Path) -> yaml.Node | None:
    """The file's YAML nodes, read by libyaml where PyYAML has it (a language file of a few
    thousand lines takes milliseconds there, a tenth of the pure-Python reading, which every
    command-line answer paid); raises ValueError past the file limit."""
    with path.open("rb") as stream:
        raw = stream.read(limits.MAX_FILE_BYTES + 1)
    if len(raw) > limits.MAX_FILE_BYTES:
        raise ValueError(f"the file is over the limit of {limits.MAX_FILE_BYTES:,} bytes")
    return yaml.compose(raw.decode("utf-8"), Loader=_LOADER)


def _shared(root: yaml.Node) -> yaml.Node | None:
    """The first node reached twice (an alias of an anchor), which a language file may not
    have: one alias of a large mapping would make every walk over the file repeat it."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def _root(path: Path, problems: list[Problem]) -> yaml.MappingNode | None:
    """The file's top mapping, or None with the problem that stops it being read."""
    name = str(path)
    try:
        root = _compose(path)
    except (OSError, ValueError, yaml.YAMLError) as error:
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
    shared = _shared(root)
    if shared is not None:
        line = shared.start_mark.line + 1
        problems.append(Problem(name, line, "anchors and aliases are not allowed"))
        return None
    return root


def _load(path: Path, known: Mapping[str, set[str]], problems: list[Problem]) -> Language | None:
    name = str(path)
    root = _root(path, problems)
    if root is None:
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
        for key in (*_WORD_MAPS, *_TRANSLATIONS, "messages", "commands")
    }
    for key, ids in known.items():
        for item, line in maps[key][1].items():
            if item not in ids:
                problems.append(Problem(name, line, _WHAT[key].format(item)))
    for key in MESSAGES:
        if key not in maps["messages"][0]:
            problems.append(Problem(name, root.start_mark.line + 1, f"messages: missing '{key}'"))
    _check_messages(maps["messages"], name, problems)
    lists = {key: _list(nodes.get(key), name, problems, key) for key in _LISTS}
    _check_phrases(maps["phrases"][1], name, problems)
    for title in lists["titles"]:
        if _fold(title) not in _folded(maps["words"][0]):
            line = nodes["titles"][1].start_mark.line + 1
            problems.append(Problem(name, line, f"titles: '{title}' is not in words"))
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
        questions=maps["questions"][0],
        topics=maps["topics"][0],
        entities=maps["entities"][0],
        roles=maps["roles"][0],
        titles=frozenset(_fold(t) for t in lists["titles"]),
        phrases=_phrases(maps["phrases"][0]),
    )


def _check_phrases(lines: Mapping[str, int], file: str, problems: list[Problem]) -> None:
    """A phrase has two words or more; a single word belongs in `words` or `romanised`."""
    for phrase, line in lines.items():
        if len(phrase.split()) < 2:
            problems.append(
                Problem(file, line, f"phrases: '{phrase}' is one word; give it in words")
            )


def _phrases(phrases: Mapping[str, str]) -> dict[tuple[str, ...], str]:
    """Each phrase as its folded words, the longest first, so a longer phrase is read
    before a shorter one it starts with."""
    folded = {
        tuple(_fold(w) for w in phrase.split()): english for phrase, english in phrases.items()
    }
    return dict(sorted(folded.items(), key=lambda item: len(item[0]), reverse=True))


def _check_messages(
    messages: tuple[dict[str, str], dict[str, int]], file: str, problems: list[Problem]
) -> None:
    """A message may use only the values its English text is given, and `months` names
    twelve months."""
    texts, lines = messages
    for key, text in texts.items():
        allowed = _fields(ENGLISH.get(key, ""))
        try:
            used = _fields(text)
        except ValueError as error:
            problems.append(Problem(file, lines[key], f"messages: '{key}': {error}"))
            continue
        for value in sorted(used - allowed):
            problems.append(
                Problem(
                    file, lines[key], f"messages: '{key}' uses {{{value}}}, which it is not given"
                )
            )
    if "months" in texts and len(texts["months"].split()) != 12:
        problems.append(Problem(file, lines["months"], "messages: 'months' must name 12 months"))


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _fold(word: str) -> str:
    from bot.core.i18n.reading import fold

    return fold(word)


def _folded(words: dict[str, str]) -> dict[str, str]:
    return {_fold(word): english for word, english in words.items()}


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
        if key in (*_TRANSLATIONS, "messages") and not text:
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


def coverage(languages: Mapping[str, Language], factbase: FactBase) -> list[str]:
    """One line per language: how many facts have its answer text, and how many of each
    other translatable text it has."""
    kinds = {
        "questions": list(factbase.facts),
        "topics": list(factbase.topics),
        "entities": list(factbase.entities),
        "roles": [e.id for e in factbase.entities.values() if e.role],
    }
    lines = []
    for code, language in sorted(languages.items()):
        done = sum(fact_id in language.facts for fact_id in factbase.facts)
        others = ", ".join(
            f"{kind} {sum(i in getattr(language, kind) for i in ids)}/{len(ids)}"
            for kind, ids in kinds.items()
        )
        lines.append(
            f"  {code} ({language.name}): {done}/{len(factbase.facts)} facts translated; {others}"
        )
    return lines
