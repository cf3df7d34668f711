"""Every setting of the Discord bot, read and validated once at start-up.

Values come from the environment, optionally completed by a `.env` file (real environment
variables win). A missing or malformed value raises ConfigError with one line saying what
to set, so the bot stops before it connects.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.loader import bundled_knowledge_dir

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

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("", "0", "false", "no", "off")
_ENV_LINE = re.compile(r"^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$")
_COOLDOWN = re.compile(r"^\s*(\d+)\s*/\s*(\d+(?:\.\d+)?)\s*s?\s*$")


class ConfigError(Exception):
    """A setting is missing or malformed; the message is the one line to show the operator."""


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


def read_env_file(path: Path) -> dict[str, str]:
    """`KEY=VALUE` lines (optional `export`, quotes, `#` comments); {} when there is no file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from None
    values: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _ENV_LINE.match(line)
        if not match:
            raise ConfigError(f"{path}:{number}: expected KEY=VALUE")
        key, value = match.groups()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        else:
            value = value.split(" #", 1)[0].strip()
        values[key] = value
    return values


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
    return Settings(
        token=token,
        knowledge_dir=knowledge_dir(knowledge, env),
        state_dir=_state_dir(env),
        answer_channel_ids=_ids(env, CHANNELS),
        admin_role_ids=_ids(env, ADMIN_ROLES),
        admin_user_ids=_ids(env, ADMIN_USERS),
        dev_guild_id=_one_id(env, DEV_GUILD),
        message_content=_flag(env, MESSAGE_CONTENT),
        cooldown_rate=rate,
        cooldown_seconds=seconds,
        log_level=_log_level(env.get(LOG_LEVEL, "")),
    )


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


def _state_dir(env: Mapping[str, str]) -> Path:
    if env.get(STATE_DIR, "").strip():
        return Path(env[STATE_DIR].strip())
    base = env.get("XDG_STATE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".local" / "state") / "trilat-bot"
