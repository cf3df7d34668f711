"""Reply pages built from core values, and their conversion to Discord embeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.core import catalog
from bot.core.loader import KnowledgeError, Problem
from bot.core.matcher import Matcher
from bot.core.model import FactBase
from bot.core.service import FactDiff
from bot.core.timeline import timeline
from bot.frontends.discord_client.embeds import (
    about_pages,
    answer_pages,
    leaders_pages,
    reload_failed_pages,
    reload_pages,
    sources_pages,
    timeline_pages,
    to_embeds,
)
from bot.frontends.discord_client.layout import DESCRIPTION, TITLE


def test_answer_has_marks_and_numbered_source_links(matcher: Matcher) -> None:
    answer = matcher.answer("Who led India's delegation?")
    [[page]] = answer_pages(answer)
    assert page.title == "Who led India's delegation?"
    assert "Thakkar" in page.description and "[1]" in page.description
    name, value = page.fields[0]
    assert name == "Sources"
    first = answer.citations[0]
    assert value.startswith(f"[1] [{first.title}]({first.url}) — {first.publisher}, {first.date}")


def test_abstention_says_so_and_lists_suggestions(matcher: Matcher) -> None:
    answer = matcher.answer("What is the weather like on Mars?")
    assert not answer.answered
    [[page]] = answer_pages(answer)
    assert page.description.startswith("I don't know")
    for suggestion in answer.suggestions:
        assert f"- {suggestion}" in page.description
    assert page.fields == ()


def test_timeline_is_oldest_first_and_cited(factbase: FactBase) -> None:
    entries = timeline(factbase)
    messages = timeline_pages(entries, None)
    text = "\n".join(p.description for pages in messages for p in pages)
    assert text.index(entries[0].fact.answer[:40]) < text.index(entries[-1].fact.answer[:40])
    assert all(line.rstrip().endswith("]") for line in text.splitlines())
    assert timeline_pages([], "Nothing")[0][0].description == "No dated facts match that topic."


def test_leaders_grouped_under_countries(factbase: FactBase) -> None:
    [[page]] = leaders_pages(catalog.leaders(factbase), None)
    lines = page.description.splitlines()
    assert "**India**" in lines
    assert lines[lines.index("**India**") + 1].startswith("- Lekhan Thakkar — Joint Secretary")
    assert page.fields[0][0] == "Sources"


def test_sources_and_about(factbase: FactBase) -> None:
    [[page]] = sources_pages(catalog.sources(factbase))
    assert page.description.count("\n- ") + 1 == len(catalog.sources(factbase))
    loaded = dt.datetime(2024, 3, 13, tzinfo=dt.UTC)
    [[about]] = about_pages(factbase, loaded)
    assert f"**Facts:** {len(factbase.facts)}" in about.description
    assert f"<t:{int(loaded.timestamp())}:f>" in about.description


def test_reload_pages() -> None:
    [[page]] = reload_pages(FactDiff(("new-fact",), (), ("old-fact",)), 50)
    assert "**Added (1):** `new-fact`" in page.description
    assert "**Changed (1):** `old-fact`" in page.description
    [[same]] = reload_pages(FactDiff((), (), ()), 50)
    assert "No facts changed." in same.description


def test_reload_failure_lists_every_problem_with_relative_files(tmp_path: Path) -> None:
    problems = [Problem(str(tmp_path / "facts.yaml"), n, "bad " * 20) for n in range(1, 300)]
    [[page]] = reload_failed_pages(KnowledgeError(problems), tmp_path, 49)
    assert len(page.title) <= TITLE and "kept the current 49 facts" in page.title
    assert len(page.description) <= DESCRIPTION
    assert page.description.startswith("`facts.yaml:1`: bad")
    assert "more" in page.description.splitlines()[-1]


def test_to_embeds_copies_every_part(matcher: Matcher) -> None:
    [pages] = answer_pages(matcher.answer("Who led India's delegation?"))
    [embed] = to_embeds(pages)
    assert embed.title == pages[0].title
    assert embed.description == pages[0].description
    assert [(f.name, f.value, f.inline) for f in embed.fields] == [
        (name, value, False) for name, value in pages[0].fields
    ]
