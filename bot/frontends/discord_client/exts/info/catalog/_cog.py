"""Browsing the fact base: the timeline, who led, the areas, the sources, and the bot."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import catalog
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

    @app_commands.command(
        name="timeline", description="The chronology, oldest first, each entry cited"
    )
    @app_commands.describe(topic="A topic (meeting, icet, ...) or a country; leave empty for all")
    @question_cooldown()
    async def timeline_command(
        self, interaction: discord.Interaction, topic: str | None = None
    ) -> None:
        factbase = self.bot.service.snapshot.factbase
        selection = resolve_topic(factbase, topic) if topic else None
        if topic and selection is None:
            known = ", ".join(label for label, _ in catalog.topic_choices(factbase, ""))
            await send_text(
                interaction, f"I don't know the topic “{trim(topic, 100)}”. Try one of: {known}."
            )
            return
        label = selection.label if selection else None
        await send_pages(interaction, timeline_pages(timeline(factbase, selection), label))

    @timeline_command.autocomplete("topic")
    async def topic_autocomplete(self, interaction: discord.Interaction, current: str) -> Choices:
        return _choices(catalog.topic_choices(self.bot.service.snapshot.factbase, current))

    @app_commands.command(description="Who led each delegation, with roles and sources")
    @app_commands.describe(country="Only this country's delegation (leave empty for all)")
    @question_cooldown()
    async def leaders(self, interaction: discord.Interaction, country: str | None = None) -> None:
        factbase = self.bot.service.snapshot.factbase
        chosen = catalog.resolve_country(factbase, country) if country else None
        if country and chosen is None:
            await send_text(interaction, f"I don't know a country called “{trim(country, 100)}”.")
            return
        found = catalog.leaders(factbase, chosen.id if chosen else None)
        await send_pages(interaction, leaders_pages(found, chosen.name if chosen else None))

    @leaders.autocomplete("country")
    async def country_autocomplete(self, interaction: discord.Interaction, current: str) -> Choices:
        typed = current.strip().lower()
        found = catalog.leaders(self.bot.service.snapshot.factbase)
        countries = dict.fromkeys(leader.country for leader in found if leader.country)
        return _choices(
            [
                (country.name, country.id)
                for country in countries
                if any(typed in name.lower() for name in (country.name, *country.aliases))
            ]
        )

    @app_commands.command(description="The areas of cooperation the meeting discussed")
    @question_cooldown()
    async def topics(self, interaction: discord.Interaction) -> None:
        factbase = self.bot.service.snapshot.factbase
        topic = factbase.topics.get(catalog.AREAS_TOPIC)
        title = topic.title if topic else "Areas of cooperation"
        await send_pages(interaction, areas_pages(title, catalog.areas(factbase)))

    @app_commands.command(description="The sources the answers cite")
    @question_cooldown()
    async def sources(self, interaction: discord.Interaction) -> None:
        await send_pages(
            interaction, sources_pages(catalog.sources(self.bot.service.snapshot.factbase))
        )

    @app_commands.command(description="What this bot is, its version and its fact base")
    async def about(self, interaction: discord.Interaction) -> None:
        snapshot = self.bot.service.snapshot
        await send_pages(interaction, about_pages(snapshot.factbase, snapshot.loaded_at))
