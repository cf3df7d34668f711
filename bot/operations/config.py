"""Every setting of the Discord bot, read and validated once at start-up.

Values come from the environment, optionally completed by a `.env` file (real environment
variables win). A missing or malformed value raises ConfigError with one line saying what
to set, so the bot stops before it connects.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import dotenv_values
from dotenv.parser import parse_stream

from bot import bundled_knowledge_dir

TOKEN = "DISCORD_TOKEN"
CHANNELS = "TRILAT_CHANNELS"
ADMIN_ROLES = "TRILAT_ADMIN_ROLES"
ADMIN_USERS = "TRILAT_ADMIN_USERS"
DEV_GUILD = "TRILAT_DEV_GUILD"
MESSAGE_CONTENT = "TRILAT_MESSAGE_CONTENT"
COOLDOWN = "TRILAT_COOLDOWN"
LOG_LEVEL = "TRILAT_LOG_LEVEL"
KNOWLEDGE = "TRILAT_KNOWLEDGE"
STATE_DIR = "TRILAT_STATE_DIR"
DATABASE = "TRILAT_DATABASE"
DATABASE_URL = "DATABASE_URL"
RETENTION_DAYS = "TRILAT_RETENTION_DAYS"
HASH_SALT = "TRILAT_HASH_SALT"
HEALTH_PORT = "TRILAT_HEALTH_PORT"
HEALTH_HOST = "TRILAT_HEALTH_HOST"
SHARD_COUNT = "TRILAT_SHARD_COUNT"
SHARD_IDS = "TRILAT_SHARD_IDS"
ANSWER_THRESHOLD = "TRILAT_ANSWER_THRESHOLD"
CONNECT_ATTEMPTS = "TRILAT_CONNECT_ATTEMPTS"
CONNECT_MAX_DELAY = "TRILAT_CONNECT_MAX_DELAY"

DATABASE_FILE = "questions.sqlite3"
DEFAULT_RETENTION_DAYS = 90
DEFAULT_HEALTH_HOST = "127.0.0.1"
_OFF = ("off", "none")
_POSTGRES_SCHEMES = ("postgres", "postgresql")

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("", "0", "false", "no", "off")
_COOLDOWN = re.compile(r"^\s*(\d+)\s*/\s*(\d+(?:\.\d+)?)\s*s?\s*$")


@dataclass(frozen=True)
class ConnectRetry:
    """How often to try reaching Discord at start, and how long to wait between tries."""

    attempts: int = 6
    first_delay: float = 1.0
    max_delay: float = 60.0

    def delay(self, attempt: int) -> float:
        """Before attempt `attempt + 1`: 1, 2, 4, ... seconds, never above `max_delay`."""
        return min(self.first_delay * 2 ** (attempt - 1), self.max_delay)


class ConfigError(Exception):
    """A setting is missing or malformed; the message is the one line to show the operator."""


@dataclass(frozen=True)
class StoreSettings:
    """Where the question log lives: an SQLite file, a PostgreSQL URL, or nowhere (off)."""

    sqlite: str | None = None
    postgres_url: str | None = field(default=None, repr=False)
    retention_days: int = DEFAULT_RETENTION_DAYS
    hash_salt: str | None = field(default=None, repr=False)
    # How often the running bot checks that its database is still there and intact.
    check_interval: float = 60.0

    @property
    def enabled(self) -> bool:
        return self.sqlite is not None or self.postgres_url is not None


@dataclass(frozen=True)
class HealthSettings:
    """The local HTTP endpoint for /healthz and /metrics; port 0 takes any free port."""

    host: str = DEFAULT_HEALTH_HOST
    port: int = 0


@dataclass(frozen=True)
class ShardSettings:
    """`count` None asks Discord for its recommendation; `ids` None runs every shard here."""

    count: int | None = None
    ids: tuple[int, ...] | None = None

    @property
    def syncs_commands(self) -> bool:
        """Only the process holding shard 0 uploads the command tree."""
        return self.ids is None or 0 in self.ids


@dataclass(frozen=True)
class Settings:
    token: str = field(repr=False)
    knowledge_dir: Path
    state_dir: Path
    answer_channel_ids: frozenset[int] = frozenset()
    admin_role_ids: frozenset[int] = frozenset()
    admin_user_ids: frozenset[int] = frozenset()
    dev_guild_id: int | None = None
    message_content: bool = False
    cooldown_rate: int = 5
    cooldown_seconds: float = 30.0
    log_level: str = "INFO"
    store: StoreSettings = StoreSettings()
    health: HealthSettings | None = None
    shards: ShardSettings | None = None
    answer_threshold: float | None = None
    connect: ConnectRetry = field(default_factory=ConnectRetry)


def read_env_file(path: Path) -> dict[str, str]:
    """A `.env` file's settings, read by python-dotenv (`export`, quotes and `#` comments as a
    shell reads them, no `${...}` expansion); {} when there is no file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from None
    for binding in parse_stream(io.StringIO(text)):
        if binding.error:
            raise ConfigError(f"{path}:{binding.original.line}: expected KEY=VALUE")
    values = dotenv_values(stream=io.StringIO(text), interpolate=False)
    return {key: value for key, value in values.items() if value is not None}


def environment(env_file: Path = Path(".env")) -> dict[str, str]:
    """The process environment over the `.env` file's values."""
    return {**read_env_file(env_file), **os.environ}


def load_settings(env: Mapping[str, str], knowledge: str | None = None) -> Settings:
    """Validate `env` into Settings; `knowledge` (the --knowledge flag) beats TRILAT_KNOWLEDGE."""
    token = env.get(TOKEN, "").strip()
    if not token:
        raise ConfigError(f"{TOKEN} is not set: put the bot token in the environment or .env")
    if any(char.isspace() for char in token):
        raise ConfigError(f"{TOKEN} contains whitespace: copy the token again from the portal")
    rate, seconds = _cooldown(env.get(COOLDOWN, ""))
    state_dir = state_dir_of(env)
    return Settings(
        token=token,
        knowledge_dir=knowledge_dir(knowledge, env),
        state_dir=state_dir,
        answer_channel_ids=_ids(env, CHANNELS),
        admin_role_ids=_ids(env, ADMIN_ROLES),
        admin_user_ids=_ids(env, ADMIN_USERS),
        dev_guild_id=_one_id(env, DEV_GUILD),
        message_content=_flag(env, MESSAGE_CONTENT),
        cooldown_rate=rate,
        cooldown_seconds=seconds,
        log_level=_log_level(env.get(LOG_LEVEL, "")),
        store=load_store_settings(env, state_dir),
        health=load_health_settings(env),
        shards=_shards(env),
        answer_threshold=load_answer_threshold(env),
        connect=_connect_retry(env),
    )


def _connect_retry(env: Mapping[str, str]) -> ConnectRetry:
    """Tries to reach Discord at start (1-100) and the longest wait between them (0-3600 s)."""
    default = ConnectRetry()
    try:
        attempts = int(env.get(CONNECT_ATTEMPTS, "").strip() or default.attempts)
        max_delay = float(env.get(CONNECT_MAX_DELAY, "").strip() or default.max_delay)
    except ValueError:
        raise ConfigError(
            f"{CONNECT_ATTEMPTS} must be a whole number and {CONNECT_MAX_DELAY} seconds"
        ) from None
    if not 1 <= attempts <= 100:
        raise ConfigError(f"{CONNECT_ATTEMPTS} must be between 1 and 100, not {attempts}")
    if not 0 <= max_delay <= 3600:
        raise ConfigError(
            f"{CONNECT_MAX_DELAY} must be between 0 and 3600 seconds, not {max_delay:g}"
        )
    return ConnectRetry(attempts, min(default.first_delay, max_delay), max_delay)


def load_answer_threshold(env: Mapping[str, str]) -> float | None:
    """The answer threshold overriding the matcher's calibrated one, or None to keep it
    (higher: fewer wrong answers, more "I don't know"; lower: the reverse)."""
    raw = env.get(ANSWER_THRESHOLD, "").strip()
    if not raw:
        return None
    try:
        threshold = float(raw)
    except ValueError:
        threshold = -1.0
    if not 0 <= threshold <= 100:
        raise ConfigError(f"{ANSWER_THRESHOLD} must be a score from 0 to 100, got {raw!r}")
    return threshold


def load_store_settings(
    env: Mapping[str, str], state_dir: Path | None = None, database: str | None = None
) -> StoreSettings:
    """The question log's settings; `database` (a --database flag) beats both variables."""
    retention = _whole_number(env, RETENTION_DAYS, DEFAULT_RETENTION_DAYS)
    salt = env.get(HASH_SALT, "").strip() or None
    if salt is not None and len(salt) < 16:
        raise ConfigError(f"{HASH_SALT} must be at least 16 characters (a long random string)")
    path = env.get(DATABASE, "").strip()
    url = env.get(DATABASE_URL, "").strip()
    if database:
        path, url = ("", database) if _is_postgres(database) else (database, "")
    elif path and url:
        raise ConfigError(f"set {DATABASE} (SQLite) or {DATABASE_URL} (PostgreSQL), not both")
    if url:
        return StoreSettings(
            postgres_url=_postgres_url(url), retention_days=retention, hash_salt=salt
        )
    if path.lower() in _OFF:
        return StoreSettings(retention_days=retention)
    if not path:
        path = str((state_dir or state_dir_of(env)) / DATABASE_FILE)
    return StoreSettings(sqlite=path, retention_days=retention, hash_salt=salt)


def load_health_settings(env: Mapping[str, str]) -> HealthSettings | None:
    """None (no endpoint) unless TRILAT_HEALTH_PORT is set to a port (not empty or `off`)."""
    port = env.get(HEALTH_PORT, "").strip()
    if not port or port.lower() in _OFF:
        return None
    if not port.isdigit() or int(port) > 65535:
        raise ConfigError(f"{HEALTH_PORT} must be a port number (0-65535), got {port!r}")
    host = env.get(HEALTH_HOST, "").strip() or DEFAULT_HEALTH_HOST
    return HealthSettings(host=host, port=int(port))


def knowledge_dir(flag: str | None, env: Mapping[str, str]) -> Path:
    """The fact base: the --knowledge flag, else TRILAT_KNOWLEDGE, else the bundled one."""
    chosen = flag or env.get(KNOWLEDGE, "").strip()
    return Path(chosen) if chosen else bundled_knowledge_dir()


def _ids(env: Mapping[str, str], name: str) -> frozenset[int]:
    ids = set()
    for item in re.split(r"[,\s]+", env.get(name, "").strip()):
        if not item:
            continue
        if not item.isdigit() or int(item) == 0:
            raise ConfigError(f"{name} must be Discord ids separated by commas, got {item!r}")
        ids.add(int(item))
    return frozenset(ids)


def _one_id(env: Mapping[str, str], name: str) -> int | None:
    ids = _ids(env, name)
    if len(ids) > 1:
        raise ConfigError(f"{name} takes one Discord id, got {len(ids)}")
    return next(iter(ids), None)


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = env.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be 1 or 0, got {value!r}")


def _cooldown(value: str) -> tuple[int, float]:
    if not value.strip():
        return Settings.cooldown_rate, Settings.cooldown_seconds
    match = _COOLDOWN.match(value)
    if not match or int(match[1]) < 1 or float(match[2]) <= 0:
        raise ConfigError(f"{COOLDOWN} must look like 5/30 (questions per seconds), got {value!r}")
    return int(match[1]), float(match[2])


def _log_level(value: str) -> str:
    level = value.strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise ConfigError(f"{LOG_LEVEL} must be one of {', '.join(LOG_LEVELS)}, got {value!r}")
    return level


def _whole_number(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise ConfigError(f"{name} must be a whole number, got {value!r}")
    return int(value)


def _is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in _POSTGRES_SCHEMES


def _postgres_url(url: str) -> str:
    if not _is_postgres(url):
        raise ConfigError(
            f"{DATABASE_URL} must start with postgresql://, got {url.split(':')[0]!r}"
        )
    if importlib.util.find_spec("asyncpg") is None:
        raise ConfigError(
            f"{DATABASE_URL} needs the PostgreSQL driver: pip install 'trilat-bot[postgres]'"
        )
    return url


def _shards(env: Mapping[str, str]) -> ShardSettings | None:
    count_text = env.get(SHARD_COUNT, "").strip().lower()
    ids_text = env.get(SHARD_IDS, "").strip()
    if not count_text:
        if ids_text:
            raise ConfigError(f"{SHARD_IDS} needs {SHARD_COUNT}, the total number of shards")
        return None
    if count_text == "auto":
        if ids_text:
            raise ConfigError(f"{SHARD_IDS} needs a number in {SHARD_COUNT}, not auto")
        return ShardSettings()
    if not count_text.isdigit() or int(count_text) < 1:
        raise ConfigError(f"{SHARD_COUNT} must be a number of shards (1 or more) or auto")
    count = int(count_text)
    if not ids_text:
        return ShardSettings(count=count)
    return ShardSettings(count=count, ids=_shard_ids(ids_text, count))


def _shard_ids(text: str, count: int) -> tuple[int, ...]:
    """`0,1` or `0-3,8`: each id below `count`, none twice."""
    ids: list[int] = []
    for item in re.split(r"[,\s]+", text):
        if not item:
            continue
        bounds = re.fullmatch(r"(\d+)(?:-(\d+))?", item)
        if not bounds:
            raise ConfigError(f"{SHARD_IDS} must be shard numbers like 0,1 or 0-3, got {item!r}")
        first, last = int(bounds[1]), int(bounds[2] or bounds[1])
        if last < first:
            raise ConfigError(f"{SHARD_IDS} has a backwards range {item!r}")
        ids.extend(range(first, last + 1))
    if not ids:
        raise ConfigError(f"{SHARD_IDS} is empty")
    if len(set(ids)) != len(ids):
        raise ConfigError(f"{SHARD_IDS} names a shard twice")
    if max(ids) >= count:
        raise ConfigError(
            f"{SHARD_IDS} must be below {SHARD_COUNT} ({count}): shard {max(ids)} does not exist"
        )
    return tuple(sorted(ids))


def state_dir_of(env: Mapping[str, str]) -> Path:
    """Where the bot keeps what it writes: the question log and the index cache."""
    if env.get(STATE_DIR, "").strip():
        return Path(env[STATE_DIR].strip())
    base = env.get("XDG_STATE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".local" / "state") / "trilat-bot"


def required_languages(env: Mapping[str, str]) -> tuple[str, ...]:
    """`TRILAT_REQUIRED_LANGUAGES` ("ko,hi"): languages a fact base must have files for."""
    text = env.get("TRILAT_REQUIRED_LANGUAGES", "")
    return tuple(code.strip() for code in text.split(",") if code.strip())
