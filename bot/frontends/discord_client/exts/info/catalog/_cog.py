"""Browsing the fact base: the timeline, who led, the areas, the sources, and the bot."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import catalog
from bot.core.i18n.localise import in_locale
from bot.core.i18n.wording import Wording
from bot.core.timeline import resolve_topic, timeline
from bot.frontends.discord_client.checks import question_cooldown
from bot.frontends.discord_client.client import TrilatBot
from bot.frontends.discord_client.embeds import (
    about_pages,
    areas_pages,
    leaders_pages,
    sources_pages,
    timeline_pages,
)
from bot.frontends.discord_client.layout import CHOICE, trim
from bot.frontends.discord_client.replies import send_pages, send_text

Choices = list[app_commands.Choice[str]]


def _choices(pairs: list[tuple[str, str]]) -> Choices:
    return [
        app_commands.Choice(name=trim(name, CHOICE), value=trim(value, CHOICE))
        for name, value in pairs[:25]
    ]


class Catalog(commands.Cog):
    """Listings read from the current snapshot, so a reload shows at once."""

    def __init__(self, bot: TrilatBot) -> None:
        self.bot = bot

    def _wording(self, interaction: discord.Interaction) -> Wording:
        """The member's client language where the fact base has it, else English."""
        return Wording(in_locale(self.bot.service.snapshot.languages, str(interaction.locale)))

    @app_commands.command(
        name="timeline", description="The chronology, oldest first, each entry cited"
    )
    @app_commands.describe(topic="A topic (meeting, icet, ...) or a country; leave empty for all")
    @question_cooldown()
    async def timeline_command(
        self, interaction: discord.Interaction, topic: str | None = None
    ) -> None:
        factbase = self.bot.service.snapshot.factbase
        wording = self._wording(interaction)
        selection = resolve_topic(factbase, topic) if topic else None
        if topic and selection is None:
            choices = self._topic_choices(wording, "")
            known = ", ".join(label for label, _ in choices)
            text = wording.message("unknown_topic", topic=trim(topic, 100), known=known)
            await send_text(interaction, text)
            return
        label = wording.label(factbase, selection) if selection else None
        entries = timeline(factbase, selection)
        await send_pages(interaction, timeline_pages(entries, label, wording))

    @timeline_command.autocomplete("topic")
    async def topic_autocomplete(self, interaction: discord.Interaction, current: str) -> Choices:
        return _choices(self._topic_choices(self._wording(interaction), current))

    def _topic_choices(self, wording: Wording, typed: str) -> list[tuple[str, str]]:
        """The topic box's (label, value) pairs, each label in `wording`'s language."""
        factbase = self.bot.service.snapshot.factbase
        pairs = catalog.topic_choices(factbase, typed)
        if wording.language is None:
            return pairs
        chosen = [(resolve_topic(factbase, value), label, value) for label, value in pairs]
        return [
            (wording.label(factbase, selection) if selection else label, value)
            for selection, label, value in chosen
        ]

    @app_commands.command(description="Who led each delegation, with roles and sources")
    @app_commands.describe(country="Only this country's delegation (leave empty for all)")
    @question_cooldown()
    async def leaders(self, interaction: discord.Interaction, country: str | None = None) -> None:
        factbase = self.bot.service.snapshot.factbase
        wording = self._wording(interaction)
        chosen = catalog.resolve_country(factbase, country) if country else None
        if country and chosen is None:
            text = wording.message("unknown_country", country=trim(country, 100))
            await send_text(interaction, text)
            return
        found = catalog.leaders(factbase, chosen.id if chosen else None)
        name = wording.name(chosen) if chosen else None
        await send_pages(interaction, leaders_pages(found, name, wording))

    @leaders.autocomplete("country")
    async def country_autocomplete(self, interaction: discord.Interaction, current: str) -> Choices:
        typed = current.strip().lower()
        wording = self._wording(interaction)
        found = catalog.leaders(self.bot.service.snapshot.factbase)
        countries = dict.fromkeys(leader.country for leader in found if leader.country)
        return _choices(
            [
                (wording.name(country), country.id)
                for country in countries
                if any(typed in name.lower() for name in (country.name, *country.aliases))
            ]
        )

    @app_commands.command(description="The areas of cooperation the meeting discussed")
    @question_cooldown()
    async def topics(self, interaction: discord.Interaction) -> None:
        factbase = self.bot.service.snapshot.factbase
        wording = self._wording(interaction)
        topic = factbase.topics.get(catalog.AREAS_TOPIC)
        title = wording.title(topic) if topic else wording.message("topics")
        await send_pages(interaction, areas_pages(title, catalog.areas(factbase), wording))

    @app_commands.command(description="The sources the answers cite")
    @question_cooldown()
    async def sources(self, interaction: discord.Interaction) -> None:
        uses = catalog.sources(self.bot.service.snapshot.factbase)
        await send_pages(interaction, sources_pages(uses, self._wording(interaction)))

    @app_commands.command(description="What this bot is, its version and its fact base")
    async def about(self, interaction: discord.Interaction) -> None:
        snapshot = self.bot.service.snapshot
        pages = about_pages(snapshot.factbase, snapshot.loaded_at, self._wording(interaction))
        await send_pages(interaction, pages)
