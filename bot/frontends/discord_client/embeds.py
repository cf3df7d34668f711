"""What each reply looks like: pages built from core values, then Discord embeds.

The `*_pages` functions return `layout.Page` messages (plain strings, unit-tested);
`to_embeds` is the only place that builds `discord.Embed`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import discord

from bot import __version__
from bot.core.answer import Answer, Citation
from bot.core.catalog import Leader, SourceUse
from bot.core.i18n.wording import Wording
from bot.core.loader import KnowledgeError
from bot.core.model import Fact, FactBase
from bot.core.service import FactDiff
from bot.core.timeline import TimelineEntry
from bot.frontends.discord_client.layout import (
    DESCRIPTION,
    TITLE,
    Page,
    citation_line,
    fit_lines,
    link,
    marks,
    number_citations,
    paginate,
    trim,
)
from bot.frontends.discord_client.quoting import quoted
from bot.frontends.render import not_known_lines
from bot.operations.report import period, stats_lines, unanswered_lines

if TYPE_CHECKING:
    from bot.operations.store.records import QuestionGroup, Stats

Messages = list[list[Page]]

ANSWER_COLOUR = discord.Colour.blurple()
ABSTAIN_COLOUR = discord.Colour.greyple()
ERROR_COLOUR = discord.Colour.red()


def answer_pages(answer: Answer, wording: Wording | None = None) -> Messages:
    """The answer with numbered citations, or "I don't know" and the suggested questions;
    the sources field named in `wording`'s language (the answer's)."""
    if not answer.answered:
        return paginate(answer.question, not_known_lines(answer, bullet="- ", spaced=True))
    wording = wording or Wording()
    return paginate(
        answer.question,
        answer.text.splitlines(),
        _source_lines(answer.citations),
        sources_label=wording.message("sources"),
        continued=wording.message("continued"),
    )


def timeline_pages(
    entries: Sequence[TimelineEntry], label: str | None, wording: Wording | None = None
) -> Messages:
    """The chronology; `label` names the topic it is narrowed to, already in `wording`'s language."""
    wording = wording or Wording()
    title = wording.message("timeline")
    title = f"{title}: {label}" if label else title
    if not entries:
        return _listing(wording, title, [wording.message("no_dated_facts")])
    numbers, citations = number_citations(entry.citations for entry in entries)
    body = [
        f"**{wording.date(entry.date)}** — {wording.answer(entry.fact)} {marks(cited)}"
        for entry, cited in zip(entries, numbers, strict=True)
    ]
    english = wording.in_english(facts=[entry.fact for entry in entries])
    return _listing(wording, title, body, citations, english)


def leaders_pages(
    leaders: Sequence[Leader], country: str | None, wording: Wording | None = None
) -> Messages:
    """Leaders under their countries; `country` is the chosen one's name in `wording`'s language."""
    wording = wording or Wording()
    title = (
        wording.message("leaders_of", country=country) if country else wording.message("leaders")
    )
    if not leaders:
        return _listing(wording, title, [wording.message("no_leaders")])
    numbers, citations = number_citations(leader.citations for leader in leaders)
    body: list[str] = []
    heading = None
    for leader, cited in zip(leaders, numbers, strict=True):
        group = wording.name(leader.country) if leader.country else wording.message("other_group")
        if group != heading:
            body.append(f"**{group}**")
            heading = group
        role = wording.role(leader)
        role = f" — {role}" if role else ""
        body.append(f"- {wording.name(leader.person)}{role} {marks(cited)}")
    shown = [e for x in leaders for e in (x.person, x.country, x.shown_organisation)]
    return _listing(wording, title, body, citations, wording.in_english(entities=shown))


def areas_pages(
    title: str, areas: Sequence[tuple[Fact, tuple[Citation, ...]]], wording: Wording | None = None
) -> Messages:
    wording = wording or Wording()
    if not areas:
        return _listing(wording, title, [wording.message("no_areas")])
    numbers, citations = number_citations(cited for _, cited in areas)
    body = [
        f"- {wording.answer(fact)} {marks(n)}" for (fact, _), n in zip(areas, numbers, strict=True)
    ]
    english = wording.in_english(facts=[fact for fact, _ in areas])
    return _listing(wording, title, body, citations, english)


def sources_pages(uses: Sequence[SourceUse], wording: Wording | None = None) -> Messages:
    wording = wording or Wording()
    body = [
        f"- {link(use.source.title, use.source.url)} — {use.source.publisher}, "
        f"{wording.date(use.source.date)} "
        + wording.message("cited_by", count=use.fact_count, s="s" * (use.fact_count != 1))
        for use in uses
    ]
    note = wording.note(english=False, cited=bool(uses))
    body += [f"_{note}_"] if note else []
    title = f"{wording.message('sources')} ({len(uses)})"
    return paginate(title, body or [wording.message("no_sources")])


def about_pages(
    factbase: FactBase, loaded_at: dt.datetime, wording: Wording | None = None
) -> Messages:
    wording = wording or Wording()
    label = wording.message
    body = [
        label("about"),
        "",
        f"**{label('version')}:** {__version__}",
        f"**{label('facts')}:** {len(factbase.facts)} · **{label('sources')}:** "
        f"{len(factbase.sources)} · **{label('entities')}:** {len(factbase.entities)}",
        f"**{label('loaded')}:** {discord.utils.format_dt(loaded_at, 'f')} "
        f"({discord.utils.format_dt(loaded_at, 'R')})",
        f"**{label('fingerprint')}:** `{factbase.fingerprint[:12]}`",
        "",
        label("about_usage"),
    ]
    return paginate(label("about_title"), body)


def _listing(
    wording: Wording,
    title: str,
    body: list[str],
    citations: Sequence[Citation] = (),
    english: bool = False,
) -> Messages:
    """A listing's pages: its lines, the note on what is in English, then its sources."""
    note = wording.note(english, cited=bool(citations))
    lines = [*body, f"_{note}_"] if note else body
    return paginate(
        title,
        lines,
        _source_lines(citations),
        sources_label=wording.message("sources"),
        continued=wording.message("continued"),
    )


def reload_pages(diff: FactDiff, fact_count: int) -> Messages:
    body = [f"Now serving {fact_count} facts."]
    if diff.unchanged:
        body.append("No facts changed.")
    for label, ids in diff.changes():
        body.append(f"**{label.capitalize()} ({len(ids)}):** {', '.join(f'`{i}`' for i in ids)}")
    return paginate("Fact base reloaded", body)


def reload_failed_pages(error: KnowledgeError, directory: Path, fact_count: int) -> Messages:
    """Every problem as `file:line: message`, file names relative to the knowledge directory."""
    lines = [
        f"`{_relative(problem.file, directory)}:{problem.line}`: {problem.message}"
        for problem in error.problems
    ]
    title = f"Reload failed ({len(lines)} problem{'s' * (len(lines) != 1)}): kept the current {fact_count} facts"
    return [[Page(trim(title, TITLE), fit_lines(lines, DESCRIPTION))]]


def unanswered_pages(groups: Sequence[QuestionGroup], days: int, scope: str) -> Messages:
    """The commonest unanswered questions, grouped; what to add to the fact base next.

    The wordings are what people typed: quoted as plain text, each cut to one short line."""
    footer = f"{scope} · similar wordings are counted together"
    shown = [
        replace(g, wording=quoted(g.wording), variants=tuple(map(quoted, g.variants)))
        for g in groups
    ]
    return paginate(f"Unanswered questions, {period(days)}", unanswered_lines(shown), footer=footer)


def stats_pages(
    stats: Stats, days: int, scope: str, fact_questions: Mapping[str, str] | None = None
) -> Messages:
    return paginate(f"Questions, {period(days)}", stats_lines(stats, fact_questions), footer=scope)


def _relative(file: str, directory: Path) -> str:
    try:
        return str(Path(file).relative_to(directory))
    except ValueError:
        return file


def _source_lines(citations: Sequence[Citation]) -> list[str]:
    return [citation_line(number, c) for number, c in enumerate(citations, start=1)]


def to_embeds(pages: Sequence[Page], colour: discord.Colour = ANSWER_COLOUR) -> list[discord.Embed]:
    embeds = []
    for page in pages:
        embed = discord.Embed(
            title=page.title or None, description=page.description or None, colour=colour
        )
        for name, value in page.fields:
            embed.add_field(name=name, value=value, inline=False)
        if page.footer:
            embed.set_footer(text=page.footer)
        embeds.append(embed)
    return embeds
