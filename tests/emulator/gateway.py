"""The gateway websocket: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME.

Frames are plain JSON text: discord.py asks for zlib-stream but only inflates binary
frames. One bot connection at a time, which is all a test needs.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import WSMsgType, web

from .payloads import guild_create_payload, member_payload, ready_payload
from .world import World

log = logging.getLogger(__name__)

Json = dict[str, Any]

HEARTBEAT_INTERVAL_MS = 41_250


class Op:
    """Gateway opcodes."""

    DISPATCH = 0
    HEARTBEAT = 1
    IDENTIFY = 2
    PRESENCE_UPDATE = 3
    RESUME = 6
    RECONNECT = 7
    REQUEST_GUILD_MEMBERS = 8
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

    def __init__(self, world: World, *, token: Callable[[], str | None], url: Callable[[], str]):
        self._world = world
        self._token = token
        self._url = url
        self._ws: web.WebSocketResponse | None = None
        self._send_lock = asyncio.Lock()
        self._sequence = 0
        self._heartbeat_waiters: list[asyncio.Future[None]] = []
        self.session_id: str | None = None
        self.identify: Json | None = None
        self.events: list[GatewayEvent] = []
        self.received: list[Json] = []
        self.connections = 0
        self.identified = asyncio.Event()
        self.resumed = asyncio.Event()

    @property
    def connected(self) -> bool:
        return self._ws is not None and not self._ws.closed and self.identified.is_set()

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
        return ws

    async def close(self) -> None:
        if self._ws is not None and not self._ws.closed:
            await self._ws.close(code=4000, message=b"emulator shutting down")

    async def dispatch(self, name: str, data: Json) -> GatewayEvent:
        """Send an event to the connected bot; fails loudly when none is connected."""
        ws = self._ws
        if ws is None or ws.closed or not self.identified.is_set():
            raise RuntimeError(f"cannot dispatch {name}: no bot is connected to the gateway")
        async with self._send_lock:
            self._sequence += 1
            event = GatewayEvent(name, self._sequence, data)
            self.events.append(event)
            await ws.send_str(
                json.dumps({"op": Op.DISPATCH, "t": name, "s": event.sequence, "d": data})
            )
        return event

    async def roundtrip(self, timeout: float = 5.0) -> None:
        """Ask the client for a heartbeat; its answer proves it has read every earlier frame."""
        ws = self._ws
        if ws is None or ws.closed:
            raise RuntimeError("no bot is connected to the gateway")
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._heartbeat_waiters.append(waiter)
        await self._send(ws, {"op": Op.HEARTBEAT, "d": None})
        async with asyncio.timeout(timeout):
            await waiter

    async def request_reconnect(self, timeout: float = 5.0) -> None:
        """Send op 7 RECONNECT and wait until the client has resumed its session."""
        ws = self._ws
        if ws is None or ws.closed:
            raise RuntimeError("no bot is connected to the gateway")
        self.resumed.clear()
        await self._send(ws, {"op": Op.RECONNECT, "d": None})
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
            waiters, self._heartbeat_waiters = self._heartbeat_waiters, []
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result(None)
        elif op == Op.IDENTIFY:
            await self._on_identify(ws, frame["d"])
        elif op == Op.RESUME:
            await self._on_resume(ws, frame["d"])
        elif op == Op.REQUEST_GUILD_MEMBERS:
            await self._on_request_members(ws, frame["d"])

    async def _on_identify(self, ws: web.WebSocketResponse, data: Json) -> None:
        expected = self._token()
        if expected is not None and data.get("token") != expected:
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        self.identify = data
        self.session_id = secrets.token_hex(16)
        async with self._send_lock:
            self._sequence = 0
        self.identified.set()
        ready = ready_payload(
            self._world, session_id=self.session_id, resume_gateway_url=self._url()
        )
        if data.get("shard") is not None:
            ready["shard"] = data["shard"]
        await self.dispatch("READY", ready)
        await self.dispatch("GUILD_CREATE", guild_create_payload(self._world))

    async def _on_resume(self, ws: web.WebSocketResponse, data: Json) -> None:
        expected = self._token()
        wrong_token = expected is not None and data.get("token") != expected
        if data.get("session_id") != self.session_id or wrong_token:
            await self._send(ws, {"op": Op.INVALID_SESSION, "d": False})
            return
        await self.dispatch("RESUMED", {"_trace": ["discord-emulator"]})
        self.resumed.set()

    async def _on_request_members(self, ws: web.WebSocketResponse, data: Json) -> None:
        chunk = {
            "guild_id": str(self._world.guild_id),
            "members": [member_payload(user) for user in self._world.users],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        await self.dispatch("GUILD_MEMBERS_CHUNK", chunk)
