"""The bot's metrics as Prometheus scrapes them: labelled by how questions came in, per
shard, and separate for each bot."""

from __future__ import annotations

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.operations.metrics import VIAS, BotMetrics


def samples(metrics: BotMetrics) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a scrape, by name and labels, parsed as Prometheus would."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(metrics.render())
        for sample in family.samples
    }


def test_answers_are_counted_by_way_in() -> None:
    metrics = BotMetrics()
    metrics.count_answer(True, "slash")
    metrics.count_answer(False, "slash")
    metrics.count_answer(True, "mention")
    scraped = samples(metrics)
    assert scraped[("trilat_questions_total", (("via", "slash"),))] == 2
    assert scraped[("trilat_answered_total", (("via", "slash"),))] == 1
    assert scraped[("trilat_abstained_total", (("via", "slash"),))] == 1
    assert scraped[("trilat_answered_total", (("via", "mention"),))] == 1
    assert all(scraped[("trilat_questions_total", (("via", via),))] >= 0 for via in VIAS)
    assert metrics.total("trilat_questions_total") == 3


def test_the_timer_observes_even_on_error() -> None:
    metrics = BotMetrics()
    with pytest.raises(RuntimeError), metrics.timer("dm"):
        raise RuntimeError
    scraped = samples(metrics)
    assert scraped[("trilat_answer_seconds_count", (("via", "dm"),))] == 1
    assert scraped[("trilat_answer_seconds_bucket", (("le", "+Inf"), ("via", "dm")))] == 1
    assert scraped[("trilat_answer_seconds_count", (("via", "slash"),))] == 0


def test_gauges_and_shards_are_read_on_scrape() -> None:
    metrics = BotMetrics()
    facts = [49]
    metrics.gauge("trilat_facts", "Facts served.", lambda: facts[0])
    metrics.shards(lambda: {0: True, 3: False})
    facts[0] = 50
    scraped = samples(metrics)
    assert scraped[("trilat_facts", ())] == 50
    assert scraped[("trilat_shard_connected", (("shard", "0"),))] == 1
    assert scraped[("trilat_shard_connected", (("shard", "3"),))] == 0


def test_two_bots_never_share_counts() -> None:
    first, second = BotMetrics(), BotMetrics()
    first.reloads.inc()
    assert samples(first)[("trilat_reloads_total", ())] == 1
    assert samples(second)[("trilat_reloads_total", ())] == 0
