"""Prometheus text exposition, written by hand: exact lines, cumulative buckets."""

from __future__ import annotations

import pytest

from bot.metrics import BotMetrics, Histogram, Registry, number


def test_counter_gauge_and_histogram_render_exactly() -> None:
    registry = Registry()
    asked = registry.counter("demo_questions_total", "Questions.\nAll of them.")
    registry.gauge("demo_facts", "Facts served.", lambda: 49)
    latency = registry.histogram("demo_seconds", "Latency.", buckets=(0.1, 1.0))
    asked.inc()
    asked.inc(2)
    for value in (0.05, 0.1, 0.5, 3.0):
        latency.observe(value)

    assert registry.render() == (
        "# HELP demo_questions_total Questions.\\nAll of them.\n"
        "# TYPE demo_questions_total counter\n"
        "demo_questions_total 3\n"
        "# HELP demo_facts Facts served.\n"
        "# TYPE demo_facts gauge\n"
        "demo_facts 49\n"
        "# HELP demo_seconds Latency.\n"
        "# TYPE demo_seconds histogram\n"
        'demo_seconds_bucket{le="0.1"} 2\n'
        'demo_seconds_bucket{le="1"} 3\n'
        'demo_seconds_bucket{le="+Inf"} 4\n'
        "demo_seconds_sum 3.65\n"
        "demo_seconds_count 4\n"
    )


def test_numbers() -> None:
    assert [number(v) for v in (0, 2.0, 0.25, float("inf"), float("nan"))] == [
        "0",
        "2",
        "0.25",
        "+Inf",
        "NaN",
    ]


def test_misuse_is_refused() -> None:
    registry = Registry()
    counter = registry.counter("x_total", "x")
    with pytest.raises(ValueError, match="only goes up"):
        counter.inc(-1)
    with pytest.raises(ValueError, match="already exists"):
        registry.counter("x_total", "again")
    with pytest.raises(ValueError, match="increasing"):
        Histogram("h", "h", buckets=(1.0, 0.5))


def test_timing_a_block_observes_even_on_error() -> None:
    histogram = Histogram("h", "h")
    with pytest.raises(RuntimeError), histogram.time():
        raise RuntimeError
    assert histogram.count == 1


def test_bot_metrics_count_answers() -> None:
    metrics = BotMetrics()
    metrics.count_answer(True)
    metrics.count_answer(False)
    text = metrics.render()
    for line in ("trilat_questions_total 2", "trilat_answered_total 1", "trilat_abstained_total 1"):
        assert line in text.splitlines()
    assert "# TYPE trilat_answer_seconds histogram" in text
