"""Settings: every value validated at start, one clear line on error, the token never logged."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings, read_env_file
from bot.loader import bundled_knowledge_dir
from bot.log import REDACTED, RedactFilter, setup_logging

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.secret-part_of_the-token"


def settings(**env: str):
    return load_settings({"DISCORD_TOKEN": TOKEN, **env})


def test_defaults() -> None:
    loaded = settings()
    assert loaded.token == TOKEN
    assert loaded.knowledge_dir == bundled_knowledge_dir()
    assert loaded.answer_channel_ids == frozenset()
    assert loaded.dev_guild_id is None
    assert not loaded.message_content
    assert (loaded.cooldown_rate, loaded.cooldown_seconds) == (5, 30.0)
    assert loaded.log_level == "INFO"


def test_every_setting() -> None:
    loaded = settings(
        TRILAT_CHANNELS="111, 222 333",
        TRILAT_ADMIN_ROLES="444",
        TRILAT_ADMIN_USERS="555,666",
        TRILAT_DEV_GUILD="777",
        TRILAT_MESSAGE_CONTENT="yes",
        TRILAT_COOLDOWN="3/10",
        TRILAT_LOG_LEVEL="debug",
        TRILAT_KNOWLEDGE="/srv/facts",
        TRILAT_STATE_DIR="/var/lib/trilat",
    )
    assert loaded.answer_channel_ids == {111, 222, 333}
    assert loaded.admin_role_ids == {444}
    assert loaded.admin_user_ids == {555, 666}
    assert loaded.dev_guild_id == 777
    assert loaded.message_content
    assert (loaded.cooldown_rate, loaded.cooldown_seconds) == (3, 10.0)
    assert loaded.log_level == "DEBUG"
    assert loaded.knowledge_dir == Path("/srv/facts")
    assert loaded.state_dir == Path("/var/lib/trilat")


def test_knowledge_flag_beats_environment() -> None:
    loaded = load_settings({"DISCORD_TOKEN": TOKEN, "TRILAT_KNOWLEDGE": "/a"}, knowledge="/b")
    assert loaded.knowledge_dir == Path("/b")


def test_state_dir_follows_xdg() -> None:
    assert settings(XDG_STATE_HOME="/state").state_dir == Path("/state/trilat-bot")


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"DISCORD_TOKEN": ""}, "DISCORD_TOKEN"),
        ({"DISCORD_TOKEN": "two words"}, "DISCORD_TOKEN"),
        ({"TRILAT_CHANNELS": "12,general"}, "TRILAT_CHANNELS"),
        ({"TRILAT_ADMIN_ROLES": "-5"}, "TRILAT_ADMIN_ROLES"),
        ({"TRILAT_ADMIN_USERS": "1.5"}, "TRILAT_ADMIN_USERS"),
        ({"TRILAT_DEV_GUILD": "1,2"}, "TRILAT_DEV_GUILD"),
        ({"TRILAT_MESSAGE_CONTENT": "maybe"}, "TRILAT_MESSAGE_CONTENT"),
        ({"TRILAT_COOLDOWN": "5 per 30"}, "TRILAT_COOLDOWN"),
        ({"TRILAT_COOLDOWN": "0/30"}, "TRILAT_COOLDOWN"),
        ({"TRILAT_LOG_LEVEL": "LOUD"}, "TRILAT_LOG_LEVEL"),
    ],
)
def test_bad_values_name_the_variable_in_one_line(env: dict[str, str], names: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({"DISCORD_TOKEN": TOKEN, **env})
    message = str(caught.value)
    assert message.startswith(names)
    assert "\n" not in message


def test_missing_token() -> None:
    with pytest.raises(ConfigError, match="DISCORD_TOKEN is not set"):
        load_settings({})


def test_token_is_not_in_repr() -> None:
    assert TOKEN not in repr(settings())


def test_env_file(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(
        "# comment\n\nDISCORD_TOKEN='abc.def'\nexport TRILAT_COOLDOWN=2/5  # inline\n"
        'TRILAT_LOG_LEVEL="WARNING"\n'
    )
    assert read_env_file(env) == {
        "DISCORD_TOKEN": "abc.def",
        "TRILAT_COOLDOWN": "2/5",
        "TRILAT_LOG_LEVEL": "WARNING",
    }
    assert read_env_file(tmp_path / "missing") == {}


def test_malformed_env_file_names_the_line(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("DISCORD_TOKEN=x\nnot a setting\n")
    with pytest.raises(ConfigError, match=r"\.env:2: expected KEY=VALUE"):
        read_env_file(env)


def test_redact_filter_hides_the_token_in_messages_args_and_tracebacks() -> None:
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "connecting with %s", (TOKEN,), None
    )
    try:
        raise RuntimeError(f"bad token {TOKEN}")
    except RuntimeError:
        record.exc_info = sys.exc_info()
    assert RedactFilter([TOKEN]).filter(record)
    formatted = logging.Formatter().format(record)
    assert TOKEN not in formatted
    assert f"connecting with {REDACTED}" in formatted
    assert f"bad token {REDACTED}" in formatted


def test_setup_logging_redacts_every_logger(capsys) -> None:
    root = logging.getLogger()
    level = root.level
    handler = setup_logging("INFO", secrets=[TOKEN])
    try:
        logging.getLogger("discord.http").warning("token=%s", TOKEN)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    err = capsys.readouterr().err
    assert TOKEN not in err
    assert f"token={REDACTED}" in err
