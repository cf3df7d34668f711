"""Stored questions quoted in admin views: plain, one line, short."""

from bot.frontends.discord_client.embeds import unanswered_pages
from bot.frontends.discord_client.quoting import QUOTE, quoted
from bot.operations.store.records import QuestionGroup


def test_markdown_and_mentions_are_shown_not_applied() -> None:
    assert quoted("*hi* @here <@&123456789012345678>") == (
        "\\*hi\\* @\u200bhere <@\u200b&123456789012345678>"
    )


def test_a_long_question_is_one_short_line_with_an_ellipsis() -> None:
    text = quoted("why\n\nis " + "the sky so blue " * 40)
    assert "\n" not in text and text.endswith("…") and len(text) <= QUOTE


def test_variants_are_quoted_too() -> None:
    group = QuestionGroup("plain question", 2, variants=("__under__ @everyone",))
    description = unanswered_pages([group], 7, "here")[0][0].description
    assert "\\_\\_under\\_\\_ @\u200beveryone" in description
