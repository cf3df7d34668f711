"""The fact base being served, and its reload: a new snapshot is built aside, then swapped."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.core import index_cache
from bot.core.answer import Answer
from bot.core.i18n.languages import Language, i18n_dir, load_languages
from bot.core.i18n.localise import answer_in, language_of
from bot.core.loader import ParseCache, collector_paused, load_factbase
from bot.core.matcher import Matcher, MatchSettings
from bot.core.model import FactBase

RELOAD_SWITCH_INTERVAL = 0.0005
"""Seconds a thread may hold the GIL while a reload runs (Python's default is 0.005)."""
_DEFAULT_SWITCH_INTERVAL = sys.getswitchinterval()


@contextlib.contextmanager
def responsive_while_busy(interval: float = RELOAD_SWITCH_INTERVAL) -> Iterator[None]:
    """Hand the GIL back and forth faster while a reload thread runs, so the event loop
    keeps answering promptly (the default 5 ms slice makes every answer wait for one)."""
    sys.setswitchinterval(min(_DEFAULT_SWITCH_INTERVAL, interval))
    try:
        yield
    finally:
        sys.setswitchinterval(_DEFAULT_SWITCH_INTERVAL)


@dataclass(frozen=True)
class Snapshot:
    """A fact base and the index built from it, replaced whole, never edited."""

    factbase: FactBase
    matcher: Matcher
    loaded_at: dt.datetime
    languages: Mapping[str, Language] = field(default_factory=dict)


@dataclass(frozen=True)
class FactDiff:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def changes(self) -> list[tuple[str, tuple[str, ...]]]:
        """("added", ids), ("removed", ids), ("changed", ids), leaving out the empty ones."""
        groups = (("added", self.added), ("removed", self.removed), ("changed", self.changed))
        return [(label, ids) for label, ids in groups if ids]

    def summary(self) -> str:
        if self.unchanged:
            return "no facts changed"
        return "; ".join(f"{label} {len(ids)}: {', '.join(ids)}" for label, ids in self.changes())


def diff_facts(old: FactBase, new: FactBase) -> FactDiff:
    return FactDiff(
        added=tuple(i for i in new.facts if i not in old.facts),
        removed=tuple(i for i in old.facts if i not in new.facts),
        changed=tuple(i for i in new.facts if i in old.facts and new.facts[i] != old.facts[i]),
    )


def build_snapshot(
    directory: Path,
    settings: MatchSettings | None = None,
    cache: ParseCache | None = None,
    previous: Snapshot | None = None,
) -> Snapshot:
    """Load, validate and index a knowledge directory (raises KnowledgeError).

    With the `cache` and `previous` snapshot of an earlier load, unchanged files are not
    parsed or checked again, and the index and autocomplete are updated for the facts that
    changed instead of built whole.
    """
    with collector_paused():
        factbase = load_factbase(directory, cache)
        matcher = Matcher(factbase, settings, previous.matcher if previous else None)
        matcher.completions  # noqa: B018 - built here, off the event loop, not on a keystroke
        languages = load_languages(i18n_dir(directory), factbase.facts, factbase=factbase)
    return Snapshot(factbase, matcher, dt.datetime.now(dt.UTC), languages)


class KnowledgeService:
    """Serves answers from the current snapshot; `reload` swaps in a new one or keeps the old."""

    def __init__(
        self,
        directory: Path,
        settings: MatchSettings | None = None,
        state_dir: Path | None = None,
    ) -> None:
        """With a `state_dir`, an unchanged base starts from its index cache there, and a
        base built at start is cached for the next. A reload does not write the cache:
        pickling holds the GIL for the whole file, which would stall answers meanwhile."""
        self.directory = Path(directory)
        self.settings = settings
        self.state_dir = state_dir
        self._reload_lock = threading.Lock()
        self._parse_cache = ParseCache()
        found = None
        if state_dir is not None:
            found = index_cache.cached(self.directory, settings or MatchSettings(), state_dir)
        if found is not None:
            factbase, matcher = found
            matcher.completions  # noqa: B018 - built here if the cache was made without it
            languages = load_languages(i18n_dir(self.directory), factbase.facts, factbase=factbase)
            self._snapshot = Snapshot(factbase, matcher, dt.datetime.now(dt.UTC), languages)
        else:
            self._snapshot = build_snapshot(self.directory, settings, self._parse_cache)
            if state_dir is not None:
                snapshot = self._snapshot
                index_cache.store(state_dir, self.directory, snapshot.factbase, snapshot.matcher)

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    def answer(self, question: str, locale: str | None = None) -> Answer:
        """The answer in the question's language, or in `locale` (a slash command's) when
        the question does not show one."""
        snapshot = self._snapshot
        lang = language_of(question, snapshot.languages, locale)
        return answer_in(snapshot.matcher, snapshot.languages, question, lang)

    def language_for(self, question: str, locale: str | None = None) -> Language | None:
        """The language to reply in, None for English."""
        languages = self._snapshot.languages
        return languages.get(language_of(question, languages, locale))

    def reload(self) -> FactDiff:
        """Rebuild from disk; on KnowledgeError the current snapshot stays in service."""
        with self._reload_lock, collector_paused():
            fresh = build_snapshot(self.directory, self.settings, self._parse_cache, self._snapshot)
            # Like the first snapshot (see the runner), the new one lives long: full
            # collections need not traverse it. It holds no cycles, so when replaced it is
            # freed by reference counting all the same.
            gc.freeze()
            previous, self._snapshot = self._snapshot, fresh
        return diff_facts(previous.factbase, fresh.factbase)
