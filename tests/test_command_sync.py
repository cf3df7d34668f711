"""The sync state: a fingerprint per scope, stable for the same payloads."""

from __future__ import annotations

from pathlib import Path

from bot.frontends.discord_client.command_sync import (
    fingerprint,
    save_fingerprint,
    saved_fingerprint,
    scope_name,
)

COMMANDS = [{"name": "ask", "description": "Ask"}, {"name": "about", "description": "About"}]


def test_fingerprint_changes_with_payload_or_application() -> None:
    digest = fingerprint(1, COMMANDS)
    assert digest == fingerprint(1, list(reversed(COMMANDS)))
    assert digest != fingerprint(2, COMMANDS)
    assert digest != fingerprint(1, [*COMMANDS[:1], {"name": "about", "description": "Other"}])


def test_state_round_trip_per_scope(tmp_path: Path) -> None:
    path = tmp_path / "state" / "command-sync.json"
    assert saved_fingerprint(path, "global") is None
    save_fingerprint(path, scope_name(None), "aaa")
    save_fingerprint(path, scope_name(42), "bbb")
    assert saved_fingerprint(path, "global") == "aaa"
    assert saved_fingerprint(path, "guild:42") == "bbb"


def test_corrupt_or_unwritable_state_only_means_a_resync(tmp_path: Path) -> None:
    path = tmp_path / "command-sync.json"
    path.write_text("{not json")
    assert saved_fingerprint(path, "global") is None
    blocker = tmp_path / "file"
    blocker.write_text("")
    save_fingerprint(blocker / "command-sync.json", "global", "x")  # logs, does not raise
