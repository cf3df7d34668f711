"""`DiscordEmulator`: a loopback Discord for end-to-end tests of a real discord.py bot.

    async with DiscordEmulator() as emu:
        await emu.start_bot(bot)            # bot built with guild_ready_timeout=0.05
        sent = await emu.send_message("hi", mentions_bot=True)
        reply = await emu.wait_for_message()    # the message object the bot created

Only the two base URLs are redirected (`Route.BASE`, `DiscordWebSocket.DEFAULT_GATEWAY`);
the client code that runs is the one that runs against Discord.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import socket
from collections.abc import Callable, Coroutine, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import discord
import yarl
from aiohttp import web

from .commands import MESSAGE_COMMAND
from .faults import RestFault, RestFaults
from .gateway import FATAL_CLOSE_CODES, Gateway, GatewayEvent
from .invocations import (
    Options,
    command_options,
    modal_submit_components,
    new_interaction,
    refusal_reason,
    user_message,
    walk_components,
)
from .recorder import Predicate, RecordedRequest, RequestLog
from .server import build_app
from .snowflake import SnowflakeFactory
from .state import (
    CallbackType,
    EmulatorState,
    InteractionRecord,
    InteractionType,
    RefusedInvocation,
)
from .threads import EmulatedThread, check_parent, thread_payload
from .world import ChannelType, EmulatedUser, World, build_world

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

Json = dict[str, Any]
BotT = TypeVar("BotT", bound=discord.Client)
InteractionRef = InteractionRecord | int

_active: DiscordEmulator | None = None


class DiscordEmulator:
    """Loopback Discord REST API v10 + gateway on 127.0.0.1, with test-side actions.

    Use one per test: the redirection is process-wide and a closed discord.py client
    cannot be restarted. Waits default to `timeout` seconds and never sleep.
    """

    def __init__(
        self,
        *,
        token: str = "test-token",
        response_deadline: float = 3.0,
        timeout: float = 5.0,
        guild_locale: str = "en-US",
    ) -> None:
        self.token = token
        self.timeout = timeout
        self._next_id = SnowflakeFactory()
        self.world: World = build_world(self._next_id, guild_locale)
        self._requests = RequestLog()
        self.rest_faults = RestFaults()
        self.gateway = Gateway(
            self.world,
            token=lambda: self.token,
            url=lambda: self.gateway_url,
            threads=lambda: self.state.thread_payloads(),
        )
        self.state = EmulatorState(self.world, self._next_id, self.gateway)
        self._response_deadline = response_deadline
        self._runner: web.AppRunner | None = None
        self._saved_urls: tuple[str, yarl.URL] | None = None
        self._bot: discord.Client | None = None
        self._bot_task: asyncio.Task[None] | None = None
        self.base_url = ""
        self.gateway_url = ""

    # -- lifecycle ---------------------------------------------------------------------------

    async def __aenter__(self) -> DiscordEmulator:
        global _active
        if _active is not None:
            raise RuntimeError(
                "another DiscordEmulator is running; the redirection is process-wide"
            )
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{port}"
        self.gateway_url = f"ws://127.0.0.1:{port}/"
        self.state.base_url = self.base_url
        app = build_app(
            self.state,
            self.gateway,
            self._requests,
            self.rest_faults,
            token=lambda: self.token,
            gateway_url=self.gateway_url,
            response_deadline=self._response_deadline,
        )
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=1.0
        )
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()
        route, websocket = discord.http.Route, discord.gateway.DiscordWebSocket
        self._saved_urls = (route.BASE, websocket.DEFAULT_GATEWAY)
        route.BASE = f"{self.base_url}/api/v10"
        websocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        _active = self
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        global _active
        try:
            await self.stop_bot()
        finally:
            await self.gateway.close()
            if self._runner is not None:
                await self._runner.cleanup()
            if self._saved_urls is not None:
                discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = (
                    self._saved_urls
                )
            _active = None
        if self.state.server_errors and exc_type is None:
            raise AssertionError("discord emulator failed:\n" + "\n".join(self.state.server_errors))

    async def start_bot(
        self,
        bot: BotT,
        token: str | None = None,
        *,
        run: Callable[[BotT, str], Coroutine[Any, Any, None]] | None = None,
        timeout: float | None = None,
    ) -> BotT:
        """Run `bot.start(token)`, or `run(bot, token)`, as a task and return once `on_ready`
        has fired. `run` is for a bot whose runner opens its resources around `start`.

        Build the bot with `guild_ready_timeout=0.05`: discord.py waits that long after
        the last GUILD_CREATE before `on_ready` (2 s by default).
        """
        if self._bot is not None:
            raise RuntimeError("a bot is already running on this emulator")
        self._bot = bot
        token = token or self.token
        running = bot.start(token) if run is None else run(bot, token)
        self._bot_task = asyncio.create_task(running, name="emulated-bot")
        try:
            async with asyncio.timeout(timeout or self.timeout):
                await self._until(self._bot_task, self.gateway.identified.wait())
                await self._until(self._bot_task, bot.wait_until_ready())
        except BaseException:
            with contextlib.suppress(Exception):
                await self.stop_bot()
            raise
        return bot

    async def _until(self, bot_task: asyncio.Task[None], awaitable: Any) -> None:
        """Await `awaitable`, but surface the bot task's exception if it ends first."""
        waiter = asyncio.ensure_future(awaitable)
        try:
            await asyncio.wait({bot_task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            if not waiter.done():
                waiter.cancel()
        if bot_task.done():
            bot_task.result()
            raise RuntimeError("the bot stopped before it was ready")

    async def stop_bot(self, *, timeout: float | None = None) -> None:
        """Close the bot and wait for its task; re-raise what the task died of, if anything."""
        bot, task = self._bot, self._bot_task
        self._bot = self._bot_task = None
        self.gateway.identified.clear()
        if bot is None or task is None:
            return
        try:
            async with asyncio.timeout(timeout or self.timeout):
                await bot.close()
                await asyncio.wait({task})
        finally:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        if not task.cancelled() and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]

    async def wait_for_bot_exit(self, *, timeout: float | None = None) -> BaseException | None:
        """Wait until the bot's task ends by itself; what it raised, or None."""
        task = self._bot_task
        if task is None:
            raise RuntimeError("no bot was started on this emulator")
        async with asyncio.timeout(timeout or self.timeout):
            await asyncio.wait({task})
        self._bot = self._bot_task = None
        self.gateway.identified.clear()
        return None if task.cancelled() else task.exception()

    @property
    def bot(self) -> discord.Client | None:
        """The bot started with `start_bot`, while it runs."""
        return self._bot

    # -- who and where -----------------------------------------------------------------------

    @property
    def guild_id(self) -> int:
        return self.world.guild_id

    @property
    def channel_id(self) -> int:
        """#general, the default channel for `send_message` and interactions."""
        return self.world.channel_id

    @property
    def other_channel_id(self) -> int:
        """#questions, a second text channel."""
        return self.world.other_channel_id

    @property
    def forum_channel_id(self) -> int:
        """#help, a forum channel: messages go in its posts (threads)."""
        return self.world.forum_channel_id

    @property
    def application_id(self) -> int:
        return self.world.application_id

    @property
    def bot_user(self) -> EmulatedUser:
        return self.world.bot

    @property
    def admin_user(self) -> EmulatedUser:
        """Guild owner with the Admin role (ADMINISTRATOR); also the application owner."""
        return self.world.admin_user

    @property
    def member_user(self) -> EmulatedUser:
        """A plain member (Member role); the default actor."""
        return self.world.member_user

    @property
    def other_user(self) -> EmulatedUser:
        """A member with no roles beyond @everyone."""
        return self.world.other_user

    @property
    def member_role_id(self) -> int:
        return self.world.member_role_id

    # -- what happened -----------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every REST request so far, in order."""
        return self._requests.records

    @property
    def messages(self) -> dict[int, Json]:
        """Every live message by id (users' and the bot's), as Discord would return it."""
        return self.state.messages

    def channel_messages(self, channel_id: int | None = None) -> list[Json]:
        """Messages in a channel (default #general), oldest first."""
        wanted = str(self.channel_id if channel_id is None else channel_id)
        found = [m for m in self.state.messages.values() if m["channel_id"] == wanted]
        return sorted(found, key=lambda m: int(m["id"]))

    @property
    def refused_invocations(self) -> list[RefusedInvocation]:
        return self.state.refused

    @property
    def identify_payload(self) -> Json | None:
        """The bot's IDENTIFY `d` (token, intents, properties...)."""
        return self.gateway.identify

    def commands(self, *, guild: bool = False) -> list[Json]:
        """Synced commands, global or for the emulated guild."""
        return self.state.commands.list(self.guild_id if guild else None)

    # -- waiting -----------------------------------------------------------------------------

    def mark(self) -> int:
        """Index of the next request; pass as `since=` to ignore everything before now."""
        return self._requests.next_index()

    def find_requests(
        self,
        method: str | None = None,
        path_re: str | re.Pattern[str] | None = None,
        *,
        predicate: Predicate | None = None,
        since: int = 0,
    ) -> list[RecordedRequest]:
        """Recorded requests matching now, without waiting (claimed ones included)."""
        return self._requests.find(method, path_re, predicate=predicate, since=since)

    async def wait_for_request(
        self,
        method: str | None = None,
        path_re: str | re.Pattern[str] | None = None,
        *,
        predicate: Predicate | None = None,
        since: int = 0,
        timeout: float | None = None,
    ) -> RecordedRequest:
        """The first not-yet-claimed request matching `method` and `path_re` (full match).

        Each request is handed to one waiter only, so consecutive waits walk forward.
        """
        return await self._requests.wait_for(
            method, path_re, predicate=predicate, since=since, timeout=timeout or self.timeout
        )

    async def wait_for_message(
        self, channel_id: int | None = None, *, timeout: float | None = None
    ) -> Json:
        """The next message the bot created in a channel (default #general), as stored."""
        channel = self.channel_id if channel_id is None else channel_id
        record = await self.wait_for_request(
            "POST", rf"/channels/{channel}/messages", timeout=timeout
        )
        if record.status != 200:
            raise AssertionError(
                f"the bot's message was refused: {record.status} {record.response}"
            )
        return record.response

    async def wait_for_interaction_response(
        self, interaction: InteractionRef, *, timeout: float | None = None
    ) -> RecordedRequest:
        """The bot's callback (`POST /interactions/{id}/{token}/callback`) for an interaction."""
        record = self._interaction(interaction)
        path = rf"/interactions/{record.id}/{re.escape(record.token)}/callback"
        return await self.wait_for_request("POST", path, timeout=timeout)

    async def wait_for_followup(
        self, interaction: InteractionRef, *, timeout: float | None = None
    ) -> RecordedRequest:
        """The next follow-up (`POST /webhooks/{app}/{token}`) for an interaction."""
        record = self._interaction(interaction)
        path = rf"/webhooks/{self.application_id}/{re.escape(record.token)}"
        return await self.wait_for_request("POST", path, timeout=timeout)

    async def roundtrip(self, *, timeout: float | None = None) -> None:
        """Return once the bot has read every event sent so far.

        Its handlers were scheduled by then, not necessarily finished. An unknown event is
        sent to the bot from `start_bot` and awaited through `bot.wait_for` (discord.py
        dispatches `socket_event_type` for every event).
        """
        limit = timeout or self.timeout
        bot = self._bot
        if bot is None:
            raise RuntimeError("no bot was started on this emulator")
        name = f"EMULATOR_SYNC_{self._next_id()}"
        seen = bot.wait_for("socket_event_type", check=lambda event: event == name, timeout=limit)
        await self.gateway.dispatch(name, {})
        await seen

    async def force_reconnect(self, *, timeout: float | None = None) -> None:
        """Send op 7 RECONNECT and wait until the bot has RESUMEd on a new connection."""
        await self.gateway.request_reconnect(timeout or self.timeout)

    # -- faults ------------------------------------------------------------------------------

    def fail_requests(self, fault: RestFault) -> None:
        """Answer the REST calls `fault` covers with its 429 or 5xx, for its count or time."""
        self.rest_faults.inject(fault)

    async def close_gateway(
        self, code: int, *, wait: bool = True, timeout: float | None = None
    ) -> None:
        """Close the bot's gateway connection with `code`, as Discord does on a fault.

        With `wait` (and a code that is not fatal), return once the bot is back: RESUMEd,
        with every event it missed replayed, or re-IDENTIFYed (4007, 4009).
        """
        await self.gateway.close_connection(code, f"emulated close {code}")
        if wait and code not in FATAL_CLOSE_CODES:
            await self.wait_for_gateway_recovery(timeout=timeout)

    async def wait_for_gateway_recovery(self, *, timeout: float | None = None) -> None:
        """Return once the bot has RESUMEd or re-IDENTIFYed after the last gateway fault."""
        await self.gateway.wait_recovered(timeout or self.timeout)

    def refuse_identify(self, code: int) -> None:
        """Answer the bot's next IDENTIFY by closing with `code` (4004 bad token, 4014 intents)."""
        self.gateway.refuse_identify(code)

    @property
    def dropped_events(self) -> list[GatewayEvent]:
        """Events a fresh IDENTIFY made the bot miss (Discord does not replay them)."""
        return self.gateway.dropped

    # -- acting as Discord users -------------------------------------------------------------

    async def send_message(
        self,
        content: str,
        *,
        author: EmulatedUser | None = None,
        channel_id: int | None = None,
        mentions_bot: bool = False,
        mentions: Sequence[EmulatedUser] = (),
        dm: bool = False,
        reply_to: Json | int | None = None,
        embeds: Sequence[Json] = (),
        sync: bool = True,
    ) -> Json:
        """Dispatch MESSAGE_CREATE from `author` (default `member_user`) and return the message.

        `mentions_bot` prefixes the bot's mention unless the content has it; `dm` sends in
        the author's DM with the bot. Intents apply: without MESSAGE_CONTENT the bot gets
        empty content unless it is mentioned or in a DM. `sync=False` dispatches at once,
        without first letting the bot catch up: the way to send while the gateway is down.
        """
        message = user_message(
            self.state,
            content,
            author=author or self.member_user,
            channel_id=channel_id,
            dm=dm,
            mentions_bot=mentions_bot,
            mentions=mentions,
            reply_to=reply_to,
            embeds=embeds,
        )
        await self._deliver(message, sync=sync)
        return message

    async def create_thread(
        self,
        parent_id: int | None = None,
        name: str = "a question",
        *,
        owner: EmulatedUser | None = None,
        private: bool = False,
    ) -> int:
        """Open a thread under a text channel (default #general) and announce it with
        THREAD_CREATE (or, before the bot connects, in GUILD_CREATE); its id, for
        `send_message(channel_id=...)`.

        A private thread is announced as if the bot had been added to it (Discord does not
        tell a bot about private threads it is not in)."""
        parent_id = self.channel_id if parent_id is None else parent_id
        check_parent(self.world, parent_id, private=private)
        kind = ChannelType.PRIVATE_THREAD if private else ChannelType.PUBLIC_THREAD
        return await self._open_thread(parent_id, name, kind, owner or self.member_user)

    async def create_forum_post(
        self,
        content: str,
        *,
        title: str = "a question",
        forum_id: int | None = None,
        author: EmulatedUser | None = None,
    ) -> Json:
        """Post in a forum (default #help): THREAD_CREATE for the post, then MESSAGE_CREATE
        for its starter message, whose id is the thread's. Returns the starter message."""
        forum_id = self.world.forum_channel_id if forum_id is None else forum_id
        check_parent(self.world, forum_id, private=False)
        author = author or self.member_user
        thread_id = await self._open_thread(forum_id, title, ChannelType.PUBLIC_THREAD, author)
        message = user_message(
            self.state,
            content,
            author=author,
            channel_id=thread_id,
            dm=False,
            mentions_bot=False,
            mentions=(),
            reply_to=None,
            embeds=(),
            message_id=thread_id,
        )
        await self._deliver(message, sync=True)
        return message

    async def _open_thread(self, parent_id: int, name: str, kind: int, owner: EmulatedUser) -> int:
        thread = EmulatedThread(self._next_id(), name, parent_id, kind, owner.id)
        self.state.threads[thread.id] = thread
        if self.gateway.accepts_dispatch:  # else the next GUILD_CREATE lists it
            payload = thread_payload(self.world, thread, newly_created=True)
            await self._dispatch_as_user("THREAD_CREATE", payload)
        return thread.id

    async def _deliver(self, message: Json, *, sync: bool) -> None:
        delivered = self.state.gateway_view(message)
        if delivered is None:
            log.warning("message %s not delivered: the bot lacks the intent", message["id"])
        elif sync:
            await self._dispatch_as_user("MESSAGE_CREATE", delivered)
        else:
            await self.gateway.dispatch("MESSAGE_CREATE", delivered)

    async def invoke_slash(
        self,
        name: str,
        options: Options = None,
        *,
        user: EmulatedUser | None = None,
        dm: bool = False,
        channel_id: int | None = None,
        permissions: int | str | None = None,
        roles: Sequence[int] | None = None,
        locale: str = "en-US",
        enforce_default_permissions: bool = True,
    ) -> InteractionRecord | None:
        """Dispatch a chat-input INTERACTION_CREATE (type 2) for a synced command.

        `options` maps option names to values (strings, numbers, booleans; commands
        without subcommands). `permissions` (default: from the member's
        roles) is sent as the member's decimal string. Like Discord, a user the command is
        not shown to (its `default_member_permissions`, or `contexts` without this guild or
        DM) is refused: None is returned and the refusal is appended to
        `refused_invocations`. `enforce_default_permissions=False` delivers it anyway, as
        Discord does once a server overrides the command's permissions (Integrations).
        """
        user = user or self.member_user
        command = self._synced_command(name, dm=dm)
        data = self._command_data(command, command_options(command, options), {})
        record = new_interaction(
            self.state,
            interaction_type=InteractionType.APPLICATION_COMMAND,
            data=data,
            user=user,
            channel_id=channel_id,
            dm=dm,
            role_ids=roles,
            permissions=permissions,
            locale=locale,
            name=name,
        )
        return await self._deliver_command(record, command, enforce_default_permissions, dm)

    async def _deliver_command(
        self, record: InteractionRecord, command: Json, enforce: bool, dm: bool
    ) -> InteractionRecord | None:
        """Dispatch the invocation, unless Discord would not have shown the user the command."""
        if enforce:
            member_permissions = int(record.payload.get("member", {}).get("permissions", 0))
            reason = refusal_reason(command, permissions=member_permissions, dm=dm)
            if reason is not None:
                del self.state.interactions[record.id]
                refused = RefusedInvocation(record.name or "", record.user.id, reason)
                self.state.refused.append(refused)
                return None
        await self._dispatch_as_user("INTERACTION_CREATE", record.payload)
        return record

    async def invoke_message_command(
        self,
        name: str,
        message: Json | int,
        *,
        user: EmulatedUser | None = None,
        permissions: int | str | None = None,
        roles: Sequence[int] | None = None,
        locale: str = "en-US",
        enforce_default_permissions: bool = True,
    ) -> InteractionRecord | None:
        """Dispatch a message command (type 3, right-click → Apps) on a stored message:
        `data.target_id` and `data.resolved.messages` carry it. Refused like `invoke_slash`."""
        message_id = int(message["id"]) if isinstance(message, Mapping) else int(message)
        target = self.state.messages.get(message_id)
        if target is None:
            raise LookupError(f"no message {message_id}")
        user = user or self.member_user
        dm = self.state.is_dm(int(target["channel_id"]))
        command = self.state.commands.find(
            name, guild_id=None if dm else self.guild_id, kind=MESSAGE_COMMAND
        )
        if command is None:
            raise LookupError(f"no message command {name!r} is synced")
        data = self._command_data(command, [], {"messages": {str(message_id): target}})
        data["target_id"] = str(message_id)
        record = new_interaction(
            self.state,
            interaction_type=InteractionType.APPLICATION_COMMAND,
            data=data,
            user=self.state.dm_recipients[int(target["channel_id"])] if dm else user,
            channel_id=None if dm else int(target["channel_id"]),
            dm=dm,
            role_ids=roles,
            permissions=permissions,
            locale=locale,
            name=name,
        )
        return await self._deliver_command(record, command, enforce_default_permissions, dm)

    async def autocomplete(
        self,
        name: str,
        focused_option: str,
        value: Any,
        *,
        options: Mapping[str, Any] | None = None,
        user: EmulatedUser | None = None,
        dm: bool = False,
        channel_id: int | None = None,
        permissions: int | str | None = None,
        roles: Sequence[int] | None = None,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """Dispatch an autocomplete interaction (type 4) while `focused_option` holds `value`."""
        command = self._synced_command(name, dm=dm)
        typed = {**(options or {}), focused_option: value}
        options_payload = command_options(command, typed, focused=focused_option)
        record = new_interaction(
            self.state,
            interaction_type=InteractionType.AUTOCOMPLETE,
            data=self._command_data(command, options_payload, {}),
            user=user or self.member_user,
            channel_id=channel_id,
            dm=dm,
            role_ids=roles,
            permissions=permissions,
            locale=locale,
            name=name,
        )
        await self._dispatch_as_user("INTERACTION_CREATE", record.payload)
        return record

    async def click_button(
        self,
        message: Json | int,
        custom_id: str,
        *,
        user: EmulatedUser | None = None,
        permissions: int | str | None = None,
        roles: Sequence[int] | None = None,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """Dispatch a component interaction (type 3) for a button on a stored message."""
        return await self._component(message, custom_id, user, permissions, roles, locale)

    async def submit_modal(
        self,
        interaction: InteractionRef,
        values: Mapping[str, Any],
        *,
        user: EmulatedUser | None = None,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """Submit the modal the bot answered `interaction` with (callback type 9)."""
        opened = self._interaction(interaction)
        if opened.callback_type != CallbackType.MODAL:
            raise LookupError(f"interaction {opened.id} was not answered with a modal")
        modal = opened.callback_data
        source = None
        if opened.source_message_id is not None:
            source = self.state.messages.get(opened.source_message_id)
        record = new_interaction(
            self.state,
            interaction_type=InteractionType.MODAL_SUBMIT,
            data={
                "custom_id": modal["custom_id"],
                "components": modal_submit_components(modal, values),
            },
            user=user or opened.user,
            channel_id=None if not opened.in_guild else opened.channel_id,
            dm=not opened.in_guild,
            role_ids=None,
            permissions=None,
            locale=locale,
            message=source,
        )
        await self._dispatch_as_user("INTERACTION_CREATE", record.payload)
        return record

    # -- helpers -----------------------------------------------------------------------------

    async def _dispatch_as_user(self, event: str, payload: Json) -> None:
        """Let the client catch up first, like a user waiting for the screen to update.

        A wait for the bot's request ends when the emulator answers it, a few loop turns
        before discord.py has read that answer (and, say, stored the view a click needs);
        two gateway round trips take longer than those turns.
        """
        await self.roundtrip()
        await self.roundtrip()
        await self.gateway.dispatch(event, payload)

    def _interaction(self, interaction: InteractionRef) -> InteractionRecord:
        key = interaction if isinstance(interaction, int) else interaction.id
        try:
            return self.state.interactions[key]
        except KeyError:
            raise LookupError(f"no interaction {key}") from None

    def _synced_command(self, name: str, *, dm: bool) -> Json:
        command = self.state.commands.find(name, guild_id=None if dm else self.guild_id)
        if command is None:
            where = "globally" if dm else "globally or to the guild"
            raise LookupError(f"/{name} is not synced {where}; sync the tree in setup_hook")
        return command

    @staticmethod
    def _command_data(command: Json, options: list[Json], resolved: Json) -> Json:
        data: Json = {"id": command["id"], "name": command["name"], "type": command["type"]}
        if options:
            data["options"] = options
        if resolved:
            data["resolved"] = resolved
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        return data

    async def _component(
        self,
        message: Json | int,
        custom_id: str,
        user: EmulatedUser | None,
        permissions: int | str | None,
        roles: Sequence[int] | None,
        locale: str,
    ) -> InteractionRecord:
        message_id = int(message["id"]) if isinstance(message, Mapping) else int(message)
        stored = self.state.messages.get(message_id)
        if stored is None:
            raise LookupError(f"no message {message_id}")
        component = next(
            (c for c in walk_components(stored["components"]) if c.get("custom_id") == custom_id),
            None,
        )
        if component is None:
            raise LookupError(f"message {message_id} has no component {custom_id!r}")
        if component.get("disabled"):
            raise ValueError(f"component {custom_id!r} is disabled and cannot be used")
        if component["type"] != 2:
            raise TypeError(f"component {custom_id!r} is not a button")
        data: Json = {"custom_id": custom_id, "component_type": component["type"]}
        if component.get("id") is not None:
            data["id"] = component["id"]
        dm = self.state.is_dm(int(stored["channel_id"]))
        acting = user or self.member_user
        if dm:
            recipient = self.state.dm_recipients[int(stored["channel_id"])]
            if user is not None and user != recipient:
                raise ValueError("only the DM recipient can use components in a DM")
            acting = recipient
        record = new_interaction(
            self.state,
            interaction_type=InteractionType.MESSAGE_COMPONENT,
            data=data,
            user=acting,
            channel_id=None if dm else int(stored["channel_id"]),
            dm=dm,
            role_ids=roles,
            permissions=permissions,
            locale=locale,
            message=stored,
        )
        await self._dispatch_as_user("INTERACTION_CREATE", record.payload)
        return record
