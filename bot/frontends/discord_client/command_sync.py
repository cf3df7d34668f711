"""Remembering what was last synced, so the command tree is uploaded only when it changed.

Discord rate-limits command syncs and global ones take time to propagate, so each start
compares a fingerprint of the command payloads with the one saved for the same scope.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import discord
from discord import app_commands

log = logging.getLogger(__name__)

STATE_FILE = "command-sync.json"


def scope_name(guild_id: int | None) -> str:
    return f"guild:{guild_id}" if guild_id else "global"


def fingerprint(application_id: int | None, payloads: Sequence[dict[str, Any]]) -> str:
    """A digest of exactly what a sync would upload, for this application."""
    canonical = json.dumps(
        {"application": application_id, "commands": sorted(payloads, key=lambda c: c["name"])},
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _read(path: Path) -> dict[str, Any]:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def saved_fingerprint(path: Path, scope: str) -> str | None:
    """The fingerprint saved for `scope`; None when there is none or the file is unreadable."""
    value = _read(path).get(scope)
    return value if isinstance(value, str) else None


def save_fingerprint(path: Path, scope: str, digest: str) -> None:
    """Record a successful sync (atomically); a read-only disk only costs a resync next time."""
    state = {**_read(path), scope: digest}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(state, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        log.warning("could not save the command sync state to %s: %s", path, error)


async def sync_commands(
    tree: app_commands.CommandTree,
    application_id: int | None,
    *,
    guild_id: int | None,
    state_dir: Path,
    force: bool = False,
) -> None:
    """Upload the command tree when it differs from the last upload (or when forced)."""
    guild = discord.Object(guild_id) if guild_id else None
    if guild is not None:
        tree.copy_global_to(guild=guild)
    translator = tree.translator
    payloads = [
        await command.get_translated_payload(tree, translator)
        if translator
        else command.to_dict(tree)
        for command in tree.get_commands(guild=guild)
    ]
    scope = scope_name(guild_id)
    digest = fingerprint(application_id, payloads)
    state = state_dir / STATE_FILE
    if not force and saved_fingerprint(state, scope) == digest:
        log.info("application commands unchanged since the last sync (%s); not syncing", scope)
        return
    synced = await tree.sync(guild=guild)
    save_fingerprint(state, scope, digest)
    log.info("synced %d application commands (%s)", len(synced), scope)
