"""The invite link asks for what the bot needs, and the guide names the same permissions."""

from pathlib import Path
from urllib.parse import parse_qs, urlparse

from bot.frontends.discord_client.invite import BOT_PERMISSIONS, invite_url

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "discord.md"


def test_invite_url_has_both_scopes_and_the_permission_integer() -> None:
    query = parse_qs(urlparse(invite_url(1234)).query)

    assert query["client_id"] == ["1234"]
    assert query["scope"] == ["bot applications.commands"]
    assert query["permissions"] == [str(BOT_PERMISSIONS.value)]


def test_the_bot_may_reply_in_threads_and_forum_posts() -> None:
    assert BOT_PERMISSIONS.send_messages_in_threads and BOT_PERMISSIONS.send_messages
    assert not BOT_PERMISSIONS.administrator and not BOT_PERMISSIONS.manage_messages


def test_the_guide_gives_the_same_permission_integer() -> None:
    assert f"`{BOT_PERMISSIONS.value}`" in GUIDE.read_text()
