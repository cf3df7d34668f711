"""The deployment files agree with each other: a drift here loses the question log."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_compose_keeps_the_image_state_directory_on_a_named_volume() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    state_dir = re.search(r"TRILAT_STATE_DIR=(\S+)", dockerfile).group(1)
    assert f'VOLUME ["{state_dir}"]' in dockerfile
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    bot = compose["services"]["bot"]
    named = {volume.split(":")[0]: volume.split(":")[1] for volume in bot["volumes"]}
    assert state_dir in named.values()
    assert set(named) <= set(compose["volumes"])
    assert bot["restart"] == "unless-stopped" and bot["env_file"] == ".env"
