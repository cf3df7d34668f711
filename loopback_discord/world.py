"""The emulated guild: who and what exists, fixed when the emulator starts.

Kept as frozen data apart from payload building so tests can name actors
(`emu.admin_user`) and the emulator can compute permissions the way Discord does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

ADMINISTRATOR = 1 << 3
ALL_PERMISSIONS = 8866461766385663
"""`discord.Permissions.all().value` for discord.py 2.7: what Discord resolves an admin to."""

EVERYONE_PERMISSIONS = (
    (1 << 6)  # add reactions
    | (1 << 10)  # view channel
    | (1 << 11)  # send messages
    | (1 << 14)  # embed links
    | (1 << 15)  # attach files
    | (1 << 16)  # read message history
    | (1 << 18)  # use external emojis
    | (1 << 31)  # use application commands
)
BOT_PERMISSIONS = EVERYONE_PERMISSIONS | (1 << 13) | (1 << 38)  # manage messages, threads


class ChannelType:
    """The channel types the emulated guild uses (Discord's numeric values)."""

    GUILD_TEXT = 0
    DM = 1
    GUILD_CATEGORY = 4
    PUBLIC_THREAD = 11
    PRIVATE_THREAD = 12
    GUILD_FORUM = 15


@dataclass(frozen=True)
class EmulatedUser:
    """A user in the emulated guild; `member_flags` is the member's `flags` bitfield."""

    id: int
    username: str
    global_name: str | None
    bot: bool = False
    role_ids: tuple[int, ...] = ()
    member_flags: int = 0
    nick: str | None = None
    joined_at: str = "2024-01-01T00:00:00+00:00"

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass(frozen=True)
class EmulatedRole:
    """A guild role; the @everyone role has the guild's id, as on Discord."""

    id: int
    name: str
    permissions: int
    position: int
    managed: bool = False
    bot_id: int | None = None
    mentionable: bool = False


@dataclass(frozen=True)
class EmulatedChannel:
    """A guild channel (text, forum or category); threads are `EmulatedThread`s."""

    id: int
    name: str
    type: int
    position: int
    parent_id: int | None = None
    topic: str | None = None


@dataclass(frozen=True)
class World:
    """Everything that exists in the emulated Discord."""

    guild_id: int
    guild_name: str
    owner_id: int
    bot: EmulatedUser
    admin_user: EmulatedUser
    member_user: EmulatedUser
    other_user: EmulatedUser
    roles: tuple[EmulatedRole, ...]
    channels: tuple[EmulatedChannel, ...]
    admin_role_id: int
    member_role_id: int
    channel_id: int
    other_channel_id: int
    forum_channel_id: int
    guild_locale: str = "en-US"
    """The server's preferred locale, as GUILD_CREATE and interactions carry it."""
    _users_by_id: dict[int, EmulatedUser] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._users_by_id.update({user.id: user for user in self.users})

    @property
    def application_id(self) -> int:
        """Modern applications share their id with their bot user."""
        return self.bot.id

    @property
    def users(self) -> tuple[EmulatedUser, ...]:
        return (self.bot, self.admin_user, self.member_user, self.other_user)

    def user(self, user_id: int) -> EmulatedUser | None:
        return self._users_by_id.get(user_id)

    def channel(self, channel_id: int) -> EmulatedChannel | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    def text_channel_ids(self) -> set[int]:
        return {c.id for c in self.channels if c.type == ChannelType.GUILD_TEXT}

    def permissions_for(self, user_id: int, role_ids: Iterable[int]) -> int:
        """Guild-level permissions, resolved the way Discord resolves `member.permissions`."""
        if user_id == self.owner_id:
            return ALL_PERMISSIONS
        wanted = {self.guild_id, *role_ids}
        value = 0
        for role in self.roles:
            if role.id in wanted:
                value |= role.permissions
        return ALL_PERMISSIONS if value & ADMINISTRATOR else value


def build_world(next_id: Callable[[], int], guild_locale: str = "en-US") -> World:
    """The default guild: 3 text channels, a forum, an admin role, a bot and three humans."""
    guild_id = next_id()
    admin_role_id, member_role_id, bot_role_id = next_id(), next_id(), next_id()
    bot = EmulatedUser(
        id=next_id(), username="trilat-bot", global_name=None, bot=True, role_ids=(bot_role_id,)
    )
    admin = EmulatedUser(
        id=next_id(),
        username="alice_admin",
        global_name="Alice",
        role_ids=(admin_role_id, member_role_id),
    )
    member = EmulatedUser(
        id=next_id(),
        username="bob",
        global_name="Bob",
        role_ids=(member_role_id,),
        member_flags=1 << 1,  # completed onboarding
    )
    other = EmulatedUser(id=next_id(), username="carol", global_name="Carol", member_flags=1)
    roles = (
        EmulatedRole(id=guild_id, name="@everyone", permissions=EVERYONE_PERMISSIONS, position=0),
        EmulatedRole(
            id=member_role_id, name="Member", permissions=EVERYONE_PERMISSIONS, position=1
        ),
        EmulatedRole(
            id=bot_role_id,
            name="trilat-bot",
            permissions=BOT_PERMISSIONS,
            position=2,
            managed=True,
            bot_id=bot.id,
        ),
        EmulatedRole(id=admin_role_id, name="Admin", permissions=ADMINISTRATOR, position=3),
    )
    category_id = next_id()
    general_id, questions_id, offtopic_id, forum_id = next_id(), next_id(), next_id(), next_id()
    channels = (
        EmulatedChannel(
            id=category_id, name="Text Channels", type=ChannelType.GUILD_CATEGORY, position=0
        ),
        EmulatedChannel(
            id=general_id,
            name="general",
            type=ChannelType.GUILD_TEXT,
            position=0,
            parent_id=category_id,
            topic="General chat",
        ),
        EmulatedChannel(
            id=questions_id,
            name="questions",
            type=ChannelType.GUILD_TEXT,
            position=1,
            parent_id=category_id,
            topic="Ask the bot",
        ),
        EmulatedChannel(
            id=offtopic_id,
            name="off-topic",
            type=ChannelType.GUILD_TEXT,
            position=2,
            parent_id=category_id,
        ),
        EmulatedChannel(
            id=forum_id,
            name="help",
            type=ChannelType.GUILD_FORUM,
            position=3,
            parent_id=category_id,
            topic="One post per question",
        ),
    )
    return World(
        guild_id=guild_id,
        guild_name="Trilat Test Guild",
        owner_id=admin.id,
        bot=bot,
        admin_user=admin,
        member_user=member,
        other_user=other,
        roles=roles,
        channels=channels,
        admin_role_id=admin_role_id,
        member_role_id=member_role_id,
        channel_id=general_id,
        other_channel_id=questions_id,
        forum_channel_id=forum_id,
        guild_locale=guild_locale,
    )
