"""The gateway websocket: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME.

Frames are plain JSON text: discord.py asks for zlib-stream but only inflates binary
frames. One bot connection at a time, which is all a test needs.

Like Discord, events dispatched while a session is interrupted (after a close the
emulator was told to make, or an op 7) are kept and replayed on RESUME; a fresh IDENTIFY
starts a new session and the old session's undelivered events are dropped.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from aiohttp import WSMsgType, web

from .payloads import guild_create_payload, ready_payload
from .world import World

log = logging.getLogger(__name__)

Json = dict[str, Any]

HEARTBEAT_INTERVAL_MS = 41_250

FATAL_CLOSE_CODES = frozenset({4004, 4010, 4011, 4012, 4013, 4014})
"""Close codes after which Discord expects no reconnect (bad token, sharding, intents)."""
SESSION_ENDING_CLOSE_CODES = frozenset({4007, 4009})
"""Close codes after which a RESUME is refused: invalid sequence, session timed out."""


class Op:
    """Gateway opcodes."""

    DISPATCH = 0
    HEARTBEAT = 1
    IDENTIFY = 2
    PRESENCE_UPDATE = 3
    RESUME = 6
    RECONNECT = 7
    INVALID_SESSION = 9
    HELLO = 10
    HEARTBEAT_ACK = 11


class Intent:
    """The intent bits whose absence changes what Discord delivers."""

    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_MESSAGES = 1 << 9
    DIRECT_MESSAGES = 1 << 12
    MESSAGE_CONTENT = 1 << 15


@dataclass(frozen=True)
class GatewayEvent:
    """A dispatch the emulator sent (`t`, `s`, `d`)."""

    name: str
    sequence: int
    data: Json


class Gateway:
    """Serves one discord.py connection and lets tests dispatch events to it."""

    def __init__(
        self,
        world: World,
        *,
        token: Callable[[], str | None],
        url: Callable[[], str],
        threads: Callable[[], Sequence[Json]] = list,
    ):
        self._world = world
        self._threads = threads
        self._token = token
        self._url = url
        self._ws: web.WebSocketResponse | None = None
        self._live: web.WebSocketResponse | None = None
        self._send_lock = asyncio.Lock()
        self._sequence = 0
        self._delivered = 0
        self._session_events: list[GatewayEvent] = []
        self._session_valid = False
        self._identify_refusal: int | None = None
        self.session_id: str | None = None
        self.identify: Json | None = None
        self.dropped: list[GatewayEvent] = []
        self.received: list[Json] = []
        self.connections = 0
        self.identifies = 0
        self.resumes = 0
        self.recovering = False
        self.identified = asyncio.Event()
        self.resumed = asyncio.Event()
        self.recovered = asyncio.Event()

    @property
    def connected(self) -> bool:
        """A session is live: READY or RESUMED was sent on the open connection."""
        live = self._live
        return live is not None and not live.closed and self.identified.is_set()

    @property
    def accepts_dispatch(self) -> bool:
        """Connected, or recovering from an injected fault (events are kept for RESUME)."""
        return self.identified.is_set() and (self.connected or self.recovering)

    @property
    def intents(self) -> int:
        """Intents from IDENTIFY; 0 before the bot identified."""
        return int((self.identify or {}).get("intents") or 0)

    def has_intent(self, intent: int) -> bool:
        return bool(self.intents & intent)

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        self._ws = ws
        self.connections += 1
        try:
            await self._send(
                ws, {"op": Op.HELLO, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}}
            )
            async for message in ws:
                if message.type is WSMsgType.TEXT:
                    await self._on_frame(ws, json.loads(message.data))
                elif message.type is WSMsgType.ERROR:
                    log.debug("gateway websocket error: %s", ws.exception())
        finally:
            if self._ws is ws:
                self._ws = None
            if self._live is ws:
                self._live = None
        return ws

    async def close(self) -> None:
        self.recovering = False
        if self._ws is not None and not self._ws.closed:
            await self._ws.close(code=4000, message=b"emulator shutting down")

    async def dispatch(self, name: str, data: Json) -> GatewayEvent:
        """Send an event to the bot, or keep it for RESUME while recovering from a fault.

        Fails loudly when no bot is connected and no recovery is under way.
        """
        async with self._send_lock:
            live = self._live if self._live is not None and not self._live.closed else None
            if not self.identified.is_set() or (live is None and not self.recovering):
                raise RuntimeError(f"cannot dispatch {name}: no bot is connected to the gateway")
            self._sequence += 1
            event = GatewayEvent(name, self._sequence, data)
            self._session_events.append(event)
            if live is not None:
                await live.send_str(_dispatch_frame(event))
                self._delivered = event.sequence
        return event

    async def close_connection(self, code: int, reason: str = "") -> None:
        """Close the bot's connection with `code`, as Discord does on a fault.

        After a fatal code the session is over; after any other the bot is expected back,
        by RESUME (replaying what it missed) or, for 4007/4009, a fresh IDENTIFY.
        """
        ws = self._live
        if ws is None or ws.closed:
            raise RuntimeError("no bot is connected to the gateway")
        fatal = code in FATAL_CLOSE_CODES
        async with self._send_lock:
            self._live = None
            self.recovering = not fatal
            self.recovered.clear()
            if fatal or code in SESSION_ENDING_CLOSE_CODES:
                self._session_valid = False
        await ws.close(code=code, message=reason.encode())

    def refuse_identify(self, code: int) -> None:
        """Answer the next IDENTIFY by closing with `code` (e.g. 4004, 4014)."""
        self._identify_refusal = code

    async def wait_recovered(self, timeout: float = 5.0) -> None:
        """Return once the bot has RESUMEd or re-IDENTIFYed after the last fault."""
        async with asyncio.timeout(timeout):
            await self.recovered.wait()

    async def request_reconnect(self, timeout: float = 5.0, *, wait: bool = True) -> None:
        """Send op 7 RECONNECT and (with `wait`) wait until the client has resumed."""
        ws = self._ws
        if ws is None or ws.closed:
            raise RuntimeError("no bot is connected to the gateway")
        async with self._send_lock:
            self._live = None
            self.recovering = True
            self.recovered.clear()
            self.resumed.clear()
            await ws.send_str(json.dumps({"op": Op.RECONNECT, "d": None}))
        if wait:
            async with asyncio.timeout(timeout):
                await self.resumed.wait()

    async def _send(self, ws: web.WebSocketResponse, frame: Json) -> None:
        async with self._send_lock:
            await ws.send_str(json.dumps(frame))

    async def _on_frame(self, ws: web.WebSocketResponse, frame: Json) -> None:
        self.received.append(frame)
        op = frame.get("op")
        if op == Op.HEARTBEAT:
            await self._send(ws, {"op": Op.HEARTBEAT_ACK})
        elif op == Op.IDENTIFY:
            await self._on_identify(ws, frame["d"])
        elif op == Op.RESUME:
            await self._on_resume(ws, frame["d"])

    async def _on_identify(self, ws: web.WebSocketResponse, data: Json) -> None:
        refusal, self._identify_refusal = self._identify_refusal, None
        expected = self._token()
        if refusal is None and expected is not None and data.get("token") != expected:
            refusal = 4004
        if refusal is not None:
            self.recovering = False
            await ws.close(code=refusal, message=_CLOSE_REASONS.get(refusal, b""))
            return
        self.identify = data
        self.session_id = secrets.token_hex(16)
        async with self._send_lock:
            self.dropped += [e for e in self._session_events if e.sequence > self._delivered]
            self._session_events = []
            self._sequence = self._delivered = 0
            self._session_valid = True
            self._live = ws
        self.identifies += 1
        self.identified.set()
        ready = ready_payload(
            self._world, session_id=self.session_id, resume_gateway_url=self._url()
        )
        if data.get("shard") is not None:
            ready["shard"] = data["shard"]
        await self.dispatch("READY", ready)
        await self.dispatch("GUILD_CREATE", guild_create_payload(self._world, self._threads()))
        self.recovering = False
        self.recovered.set()

    async def _on_resume(self, ws: web.WebSocketResponse, data: Json) -> None:
        expected = self._token()
        wrong_token = expected is not None and data.get("token") != expected
        stale = data.get("session_id") != self.session_id or not self._session_valid
        if stale or wrong_token:
            await self._send(ws, {"op": Op.INVALID_SESSION, "d": False})
            return
        seen = int(data.get("seq") or 0)
        async with self._send_lock:
            for event in self._session_events:
                if event.sequence > seen:
                    await ws.send_str(_dispatch_frame(event))
            self._delivered = self._sequence
            self._live = ws
        await self.dispatch("RESUMED", {"_trace": ["discord-emulator"]})
        self.resumes += 1
        self.recovering = False
        self.resumed.set()
        self.recovered.set()


_CLOSE_REASONS = {
    4004: b"Authentication failed.",
    4013: b"Invalid intent(s).",
    4014: b"Disallowed intent(s).",
}


def _dispatch_frame(event: GatewayEvent) -> str:
    return json.dumps({"op": Op.DISPATCH, "t": event.name, "s": event.sequence, "d": event.data})
