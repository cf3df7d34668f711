"""Discord's limits: whatever the text, every page fits, nothing is lost, lines stay whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.answer import Citation
from bot.frontends.discord_client.layout import (
    CONTENT,
    DESCRIPTION,
    EMBEDS,
    FIELD_VALUE,
    FIELDS,
    MESSAGE_EMBED_CHARS,
    TITLE,
    citation_line,
    fit_lines,
    number_citations,
    pack_lines,
    paginate,
    split_text,
    trim,
)


def assert_within_limits(messages) -> None:
    for pages in messages:
        assert 1 <= len(pages) <= EMBEDS
        assert sum(page.size for page in pages) <= MESSAGE_EMBED_CHARS
        for page in pages:
            assert len(page.title) <= TITLE
            assert len(page.description) <= DESCRIPTION
            assert len(page.fields) <= FIELDS
            assert all(len(value) <= FIELD_VALUE for _, value in page.fields)


def test_trim_cuts_at_a_word_with_an_ellipsis() -> None:
    assert trim("short", 10) == "short"
    assert trim("one two three four", 12) == "one two…"
    assert len(trim("x" * 500, CONTENT)) == 500
    assert len(trim("x" * 5000, CONTENT)) == CONTENT


def test_split_text_prefers_lines_then_words() -> None:
    assert split_text("aaa\nbbb ccc", 8) == ["aaa", "bbb ccc"]
    assert split_text("aaaa bbbb cccc", 9) == ["aaaa bbbb", "cccc"]
    assert split_text("a" * 10, 4) == ["aaaa", "aaaa", "aa"]


def test_pack_lines_keeps_lines_whole() -> None:
    lines = [f"line {i} " + "x" * 50 for i in range(200)]
    chunks = pack_lines(lines, 1000)
    assert all(len(chunk) <= 1000 for chunk in chunks)
    assert "\n".join(chunks).split("\n") == lines


def test_short_answer_is_one_embed() -> None:
    messages = paginate("Q?", ["The answer. [1]"], ["[1] [A](https://a.example) — P, 2024"])
    assert len(messages) == 1
    (page,) = messages[0]
    assert page.title == "Q?"
    assert page.fields == (("Sources", "[1] [A](https://a.example) — P, 2024"),)


def test_long_reply_spreads_over_embeds_and_messages() -> None:
    body = ["word " * 150] * 60  # ~45,000 characters
    sources = [f"[{i}] [Title {i}](https://example.org/{i}) — Publisher, 2024" for i in range(300)]
    messages = paginate("Title " * 100, body, sources, footer="f")
    assert len(messages) > 1
    assert_within_limits(messages)
    text = "".join(p.description for pages in messages for p in pages)
    assert text.count("word") == 150 * 60
    values = "\n".join(v for pages in messages for p in pages for _, v in p.fields)
    assert values.split("\n") == sources
    assert messages[-1][-1].footer == "f"
    assert messages[0][0].title.endswith("…")


@given(
    st.lists(st.text(min_size=0, max_size=6000), max_size=12),
    st.lists(st.text(min_size=1, max_size=1500), max_size=40),
)
def test_paginate_always_within_limits(body: list[str], sources: list[str]) -> None:
    assert_within_limits(paginate("t", body, sources))


def test_fit_lines_counts_what_was_left_out() -> None:
    lines = [f"facts.yaml:{n}: problem number {n}" for n in range(1, 400)]
    text = fit_lines(lines, 1000)
    assert len(text) <= 1000
    kept = text.split("\n")[:-1]
    assert kept == lines[: len(kept)]
    assert text.endswith(f"… and {len(lines) - len(kept)} more")
    assert fit_lines(lines[:3], 1000) == "\n".join(lines[:3])
    assert len(fit_lines(["y" * 5000], 1000)) <= 1000


@given(st.lists(st.text(max_size=300), max_size=50), st.integers(min_value=40, max_value=3000))
def test_fit_lines_never_exceeds_the_limit(lines: list[str], limit: int) -> None:
    assert len(fit_lines(lines, limit)) <= limit


def test_citations_numbered_once_across_items() -> None:
    a, b, c = (Citation(i, i, "P", f"https://{i}.example", "2024") for i in "abc")
    numbers, ordered = number_citations([(a, b), (b, c), (a,)])
    assert numbers == [(1, 2), (2, 3), (1,)]
    assert [c.source_id for c in ordered] == ["a", "b", "c"]


def test_citation_line_links_title_and_fits_a_field() -> None:
    citation = Citation("s", "A [bracketed] title", "Pub", "https://example.org/x", "2024-03-14")
    assert citation_line(1, citation) == (
        "[1] [A (bracketed) title](https://example.org/x) — Pub, 2024-03-14"
    )
    long = Citation("s", "T " * 2000, "Pub", "https://example.org/x", "2024")
    assert len(citation_line(12, long)) <= FIELD_VALUE
