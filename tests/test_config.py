"""Settings: every value validated at start, one clear line on error, the token never logged."""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

import pytest

from bot import bundled_knowledge_dir
from bot.operations import config
from bot.operations.config import (
    ConfigError,
    HealthSettings,
    ShardSettings,
    load_settings,
    load_store_settings,
    read_env_file,
)
from bot.operations.log import REDACTED, RedactFilter, setup_logging

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
        'TRILAT_LOG_LEVEL="WARNING" # a note after the quotes\n'
        'TRILAT_CHANNELS="1 2"\nTRILAT_STATE_DIR=${HOME}/state\n'
    )
    assert read_env_file(env) == {
        "DISCORD_TOKEN": "abc.def",
        "TRILAT_COOLDOWN": "2/5",
        "TRILAT_LOG_LEVEL": "WARNING",
        "TRILAT_CHANNELS": "1 2",
        "TRILAT_STATE_DIR": "${HOME}/state",
    }
    assert read_env_file(tmp_path / "missing") == {}


EXAMPLE = Path(__file__).resolve().parent.parent / ".env.example"


def test_env_example_loads_and_reads_the_same_under_docker() -> None:
    """`docker run --env-file` takes each line literally, so the example uses plain lines."""
    values = read_env_file(EXAMPLE)
    assert values == {"DISCORD_TOKEN": "paste-the-token-here"}
    assert load_settings(values).token == "paste-the-token-here"
    for line in EXAMPLE.read_text().splitlines():
        setting = line.removeprefix("# ")
        if re.fullmatch(r"[A-Z_]+=.*", setting):
            key, value = setting.split("=", 1)
            assert key in vars(config).values(), key
            assert not re.search(r"[\"' #]", value) and not key.startswith("export"), line


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


# -- the question log, health endpoint and shards ---------------------------------------


def test_question_log_defaults_to_sqlite_in_the_state_dir() -> None:
    store = settings(TRILAT_STATE_DIR="/var/lib/trilat").store
    assert store.sqlite == "/var/lib/trilat/questions.sqlite3"
    assert (store.postgres_url, store.retention_days, store.hash_salt) == (None, 90, None)
    assert settings().health is None and settings().shards is None


def test_question_log_settings() -> None:
    loaded = settings(
        TRILAT_DATABASE="/data/q.sqlite3", TRILAT_RETENTION_DAYS="30", TRILAT_HASH_SALT="x" * 20
    ).store
    assert (loaded.sqlite, loaded.retention_days, loaded.hash_salt) == (
        "/data/q.sqlite3",
        30,
        "x" * 20,
    )
    assert "x" * 20 not in repr(loaded)
    assert not settings(TRILAT_DATABASE="off").store.enabled
    assert settings(TRILAT_RETENTION_DAYS="0").store.retention_days == 0


def test_database_url_selects_postgresql() -> None:
    pytest.importorskip("asyncpg", reason="the postgres extra is not installed")
    url = "postgresql://bot:secret@db:5432/trilat"
    loaded = settings(DATABASE_URL=url)
    assert loaded.store.postgres_url == url and loaded.store.sqlite is None
    assert "secret" not in repr(loaded)
    flag = load_store_settings({"TRILAT_DATABASE": "/a.sqlite3"}, database="postgresql://db/x")
    assert (flag.postgres_url, flag.sqlite) == ("postgresql://db/x", None)


def test_database_url_needs_the_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(ConfigError, match=r"pip install 'trilat-bot\[postgres\]'"):
        settings(DATABASE_URL="postgresql://db/trilat")


def test_health_endpoint() -> None:
    assert settings(TRILAT_HEALTH_PORT="8080").health == HealthSettings("127.0.0.1", 8080)
    assert settings(TRILAT_HEALTH_PORT="8080", TRILAT_HEALTH_HOST="0.0.0.0").health == (
        HealthSettings("0.0.0.0", 8080)
    )


@pytest.mark.parametrize(
    ("env", "shards"),
    [
        ({"TRILAT_SHARD_COUNT": "auto"}, ShardSettings(None, None)),
        ({"TRILAT_SHARD_COUNT": "4"}, ShardSettings(4, None)),
        ({"TRILAT_SHARD_COUNT": "4", "TRILAT_SHARD_IDS": "2,3"}, ShardSettings(4, (2, 3))),
        ({"TRILAT_SHARD_COUNT": "8", "TRILAT_SHARD_IDS": "4-5, 0"}, ShardSettings(8, (0, 4, 5))),
    ],
)
def test_shards(env: dict[str, str], shards: ShardSettings) -> None:
    assert settings(**env).shards == shards


def test_only_the_process_with_shard_zero_syncs_commands() -> None:
    assert ShardSettings(4, (0, 1)).syncs_commands
    assert not ShardSettings(4, (2, 3)).syncs_commands
    assert ShardSettings(4, None).syncs_commands


@pytest.mark.parametrize(
    ("env", "names"),
    [
        (
            {"TRILAT_DATABASE": "/a.sqlite3", "DATABASE_URL": "postgresql://db/x"},
            "set TRILAT_DATABASE",
        ),
        ({"DATABASE_URL": "mysql://db/x"}, "DATABASE_URL"),
        ({"TRILAT_RETENTION_DAYS": "ninety"}, "TRILAT_RETENTION_DAYS"),
        ({"TRILAT_RETENTION_DAYS": "-1"}, "TRILAT_RETENTION_DAYS"),
        ({"TRILAT_HASH_SALT": "short"}, "TRILAT_HASH_SALT"),
        ({"TRILAT_HEALTH_PORT": "http"}, "TRILAT_HEALTH_PORT"),
        ({"TRILAT_HEALTH_PORT": "70000"}, "TRILAT_HEALTH_PORT"),
        ({"TRILAT_SHARD_IDS": "0"}, "TRILAT_SHARD_IDS"),
        ({"TRILAT_SHARD_COUNT": "0"}, "TRILAT_SHARD_COUNT"),
        ({"TRILAT_SHARD_COUNT": "auto", "TRILAT_SHARD_IDS": "0"}, "TRILAT_SHARD_IDS"),
        ({"TRILAT_SHARD_COUNT": "2", "TRILAT_SHARD_IDS": "2"}, "TRILAT_SHARD_IDS"),
        ({"TRILAT_SHARD_COUNT": "4", "TRILAT_SHARD_IDS": "1,1"}, "TRILAT_SHARD_IDS"),
        ({"TRILAT_SHARD_COUNT": "4", "TRILAT_SHARD_IDS": "3-1"}, "TRILAT_SHARD_IDS"),
        ({"TRILAT_SHARD_COUNT": "4", "TRILAT_SHARD_IDS": "one"}, "TRILAT_SHARD_IDS"),
        ({"TRILAT_SHARD_COUNT": "4", "TRILAT_SHARD_IDS": ","}, "TRILAT_SHARD_IDS"),
    ],
)
def test_bad_new_values_name_the_variable_in_one_line(env: dict[str, str], names: str) -> None:
    test_bad_values_name_the_variable_in_one_line(env, names)


def test_the_report_reads_the_store_settings_without_a_token() -> None:
    assert load_store_settings({"TRILAT_STATE_DIR": "/s"}).sqlite == "/s/questions.sqlite3"
    assert load_store_settings({}, database="/tmp/q.sqlite3").sqlite == "/tmp/q.sqlite3"


def test_answer_threshold_is_configurable_and_validated() -> None:
    from bot.core.matcher import MatchSettings
    from bot.operations.config import ANSWER_THRESHOLD, load_answer_threshold

    assert load_answer_threshold({}) is None
    assert MatchSettings().with_threshold(None) == MatchSettings()
    assert load_answer_threshold({ANSWER_THRESHOLD: "70"}) == 70.0
    assert MatchSettings().with_threshold(70.0).answer_threshold == 70.0
    for bad in ("high", "-1", "101"):
        with pytest.raises(ConfigError, match=ANSWER_THRESHOLD):
            load_answer_threshold({ANSWER_THRESHOLD: bad})
