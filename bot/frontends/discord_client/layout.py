"""Discord's message limits, and packing text into embeds that respect them.

Pure functions on strings so the limits are tested without Discord; `bot.frontends.discord_client.embeds` turns
the resulting pages into `discord.Embed` objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.answer import Citation, citation_marks

TITLE = 256
DESCRIPTION = 4096
FIELD_VALUE = 1024
FIELDS = 25
FOOTER = 2048
EMBEDS = 10
MESSAGE_EMBED_CHARS = 6000
CONTENT = 2000
BUTTON_LABEL = 80
CHOICE = 100
CUSTOM_ID = 100
ELLIPSIS = "…"


def trim(text: str, limit: int) -> str:
    """`text` cut at a word boundary with an ellipsis when longer than `limit`."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, broken at a line, else a word, else anywhere."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[: limit + 1]
        cut = window.rfind("\n")
        if cut <= 0:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def pack_lines(lines: Iterable[str], limit: int) -> list[str]:
    """Join lines into chunks of at most `limit` characters without splitting a line
    that fits; a line longer than `limit` is itself split."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        for piece in split_text(line, limit) or [""]:
            candidate = f"{current}\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return chunks


def fit_lines(lines: Sequence[str], limit: int) -> str:
    """As many whole lines as fit in `limit`, then '… and N more' for the rest."""
    kept: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        rest = len(lines) - index - 1
        suffix = len(f"\n{ELLIPSIS} and {rest} more") if rest else 0
        room = limit - suffix - used - (1 if kept else 0)
        if kept and len(line) > room:
            return "\n".join([*kept, f"{ELLIPSIS} and {rest + 1} more"])
        kept.append(trim(line, room))
        used += len(kept[-1]) + (1 if len(kept) > 1 else 0)
    return "\n".join(kept)


def number_citations(
    groups: Iterable[Sequence[Citation]],
) -> tuple[list[tuple[int, ...]], list[Citation]]:
    """Number citations across several items, each source once: (numbers per item, list)."""
    numbers: dict[str, int] = {}
    ordered: list[Citation] = []
    per_item: list[tuple[int, ...]] = []
    for citations in groups:
        for citation in citations:
            if citation.source_id not in numbers:
                numbers[citation.source_id] = len(ordered) + 1
                ordered.append(citation)
        per_item.append(tuple(numbers[c.source_id] for c in citations))
    return per_item, ordered


def marks(numbers: Iterable[int]) -> str:
    return citation_marks(sorted(numbers))


def link(title: str, url: str) -> str:
    """A Markdown link whose text cannot break out of its brackets."""
    safe = title.replace("[", "(").replace("]", ")")
    return f"[{safe}]({url})"


def citation_line(number: int, citation: Citation) -> str:
    """`[1] [Title](url) — Publisher, date`, the title shortened to fit one field."""
    tail = f" — {citation.publisher}, {citation.date}"
    room = FIELD_VALUE - len(f"[{number}] []({citation.url})") - len(tail)
    return f"[{number}] {link(trim(citation.title, max(room, 1)), citation.url)}{tail}"


@dataclass(frozen=True)
class Page:
    """One embed's text: what `bot.frontends.discord_client.embeds` needs, already within every limit."""

    title: str = ""
    description: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    footer: str = ""

    @property
    def size(self) -> int:
        """Characters Discord counts toward the 6000 per message."""
        return (
            len(self.title)
            + len(self.description)
            + len(self.footer)
            + sum(len(name) + len(value) for name, value in self.fields)
        )


def paginate(
    title: str,
    body: Sequence[str],
    sources: Sequence[str] = (),
    footer: str = "",
    sources_label: str = "Sources",
    continued: str = "continued",
) -> list[list[Page]]:
    """Messages (each a list of embeds) holding `body` lines and a sources field, in order.

    One short answer gives one message with one embed; a long one continues in further
    embeds, then further messages, never cutting a line that fits in an embed.
    """
    title = trim(title, TITLE)
    footer = trim(footer, FOOTER)
    pages = [
        Page(title if not index else "", chunk)
        for index, chunk in enumerate(pack_lines(body, DESCRIPTION))
    ]
    if not pages:
        pages = [Page(title)]
    for index, value in enumerate(pack_lines(sources, FIELD_VALUE)):
        field = (sources_label if not index else f"{sources_label} ({continued})", value)
        last = pages[-1]
        fits = len(last.fields) < FIELDS and last.size + len(field[0]) + len(
            value
        ) <= MESSAGE_EMBED_CHARS - len(footer)
        if fits:
            pages[-1] = Page(last.title, last.description, (*last.fields, field))
        else:
            pages.append(Page(fields=(field,)))
    if footer:
        last = pages[-1]
        pages[-1] = Page(last.title, last.description, last.fields, footer)
    return _group(pages)


def _group(pages: list[Page]) -> list[list[Page]]:
    messages: list[list[Page]] = [[]]
    total = 0
    for page in pages:
        if messages[-1] and (
            len(messages[-1]) == EMBEDS or total + page.size > MESSAGE_EMBED_CHARS
        ):
            messages.append([])
            total = 0
        messages[-1].append(page)
        total += page.size
    return messages
