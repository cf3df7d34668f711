"""Right-click a message → Apps → "Ask trilat-bot": that message's text, answered privately,
with a button to post the answer for everyone."""

from __future__ import annotations

from typing import cast

import discord
from discord import app_commands

from bot.core.i18n.languages import ENGLISH
from bot.core.i18n.wording import Wording
from bot.frontends.discord_client.answer_log import delivering, log_answer
from bot.frontends.discord_client.client import TrilatBot
from bot.frontends.discord_client.embeds import Messages, answer_pages
from bot.frontends.discord_client.replies import send_pages, send_text

from ._buttons import answer_colour, where
from ._reading import question_text

MENU_NAME = "Ask trilat-bot"
POST_TIMEOUT = 15 * 60.0


class PostPublicly(discord.ui.View):
    """Under the private answer: the asker may share it in the channel, once."""

    def __init__(self, pages: Messages, colour: discord.Colour, wording: Wording) -> None:
        super().__init__(timeout=POST_TIMEOUT)
        self.pages = pages
        self.colour = colour
        self.post.label = wording.message("post_answer")

    @discord.ui.button(label=ENGLISH["post_answer"], style=discord.ButtonStyle.primary)
    async def post(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        bot = cast(TrilatBot, interaction.client)
        try:
            self.stop()
            await send_pages(interaction, self.pages, colour=self.colour)
        except Exception as error:
            await bot.report_error(interaction, error)


async def ask_about_message(interaction: discord.Interaction, message: discord.Message) -> None:
    bot = cast(TrilatBot, interaction.client)
    bot.limiter.spend(interaction.user.id)
    me = bot.user
    question = question_text(message.content, me.id if me else 0)
    if not question:
        await send_text(interaction, bot.wording_for(interaction).message("nothing_to_ask"))
        return
    with bot.metrics.timer("menu"):
        answer = bot.service.answer(question, str(interaction.locale))
        answer_id = log_answer(
            bot.question_log, bot.metrics, answer, via="menu", **where(interaction)
        )
        wording = bot.wording(answer.lang)
        pages = answer_pages(answer, wording)
        colour = answer_colour(answer)
        view = PostPublicly(pages, colour, wording)
        async with delivering(bot.question_log, answer_id):
            await send_pages(interaction, pages, colour=colour, view=view, ephemeral=True)


def ask_menu() -> app_commands.ContextMenu:
    """The message command; context menus cannot live in a cog, so the cog adds this one."""
    return app_commands.ContextMenu(name=MENU_NAME, callback=ask_about_message)
