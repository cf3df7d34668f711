"""`python -m bot run` before Discord: configuration errors stop it with one line."""

from __future__ import annotations

from pathlib import Path

from bot.frontends.cli import build_parser
from bot.frontends.discord_client.runner import run, startup_warnings
from bot.operations.config import load_settings


def test_run_stops_on_bad_config_with_one_line(monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert run(None) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        "error: DISCORD_TOKEN is not set: put the bot token in the environment or .env"
    )


def test_run_takes_a_sync_flag() -> None:
    assert build_parser().parse_args(["run", "--sync"]).sync
    assert not build_parser().parse_args(["run"]).sync


def test_env_file_is_read_from_the_working_directory(monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    (tmp_path / ".env").write_text("DISCORD_TOKEN=abc\nTRILAT_LOG_LEVEL=chatty\n")
    assert run(None) == 2
    assert "TRILAT_LOG_LEVEL must be one of" in capsys.readouterr().err


def _settings(**env: str):
    return load_settings({"DISCORD_TOKEN": "abc", "TRILAT_DATABASE": "/tmp/q.sqlite3", **env})


def test_an_unset_hash_salt_is_warned_about_at_start() -> None:
    warned = startup_warnings(_settings())
    assert any("TRILAT_HASH_SALT is not set" in line for line in warned)
    assert startup_warnings(_settings(TRILAT_HASH_SALT="a-long-random-secret-value")) == []
    assert startup_warnings(_settings(TRILAT_DATABASE="off")) == []


def test_channels_without_message_content_are_warned_about() -> None:
    salted = {"TRILAT_HASH_SALT": "a-long-random-secret-value"}
    assert startup_warnings(_settings(TRILAT_CHANNELS="123", **salted))
    assert not startup_warnings(
        _settings(TRILAT_CHANNELS="123", TRILAT_MESSAGE_CONTENT="1", **salted)
    )
