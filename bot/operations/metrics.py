"""The bot's Prometheus metrics, on a registry of its own (prometheus-client).

Each bot owns a `CollectorRegistry`, so two bots in one process (tests, shards) never
share counts, and `render()` writes the text exposition format for `GET /metrics`.
Answers are labelled with how the question came in (`via`); the connection state is
labelled per shard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.metrics_core import GaugeMetricFamily

CONTENT_TYPE = CONTENT_TYPE_LATEST
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
# How a question reaches the bot: a mention, a message in an answer channel, a DM, /ask,
# or a suggestion button. Their series exist from the start, at zero.
VIAS = ("mention", "channel", "dm", "slash", "suggestion")


class _ShardsCollector:
    """`trilat_shard_connected{shard="N"}`, read from the live connection state on scrape."""

    def __init__(self, read: Callable[[], Mapping[int, bool]]) -> None:
        self._read = read

    def collect(self) -> Iterable[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "trilat_shard_connected",
            "1 while this shard's gateway connection is open.",
            labels=["shard"],
        )
        for shard, connected in sorted(self._read().items()):
            family.add_metric([str(shard)], float(connected))
        yield family

    def describe(self) -> Iterable[GaugeMetricFamily]:
        return []


class BotMetrics:
    """The bot's instruments; gauges that read live state are added by the bot."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.questions = Counter(
            "trilat_questions", "Questions answered or abstained on.", ["via"], registry=r
        )
        self.answered = Counter(
            "trilat_answered", "Questions answered from the facts.", ["via"], registry=r
        )
        self.abstained = Counter(
            "trilat_abstained", "Questions answered with I don't know.", ["via"], registry=r
        )
        self.latency = Histogram(
            "trilat_answer_seconds",
            "From a question's arrival to the reply being sent.",
            ["via"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        for via in VIAS:
            for labelled in (self.questions, self.answered, self.abstained, self.latency):
                labelled.labels(via=via)
        self.reloads = Counter("trilat_reloads", "Successful fact base reloads.", registry=r)
        self.reload_failures = Counter(
            "trilat_reload_failures",
            "Reloads refused because the new facts were invalid.",
            registry=r,
        )
        self.errors = Counter(
            "trilat_errors", "Unexpected errors while handling an event or command.", registry=r
        )
        self.helpful = Counter("trilat_feedback_helpful", "Thumbs-up votes stored.", registry=r)
        self.unhelpful = Counter(
            "trilat_feedback_unhelpful", "Thumbs-down votes stored.", registry=r
        )
        self.log_errors = Counter(
            "trilat_question_log_errors", "Failed reads and writes of the question log.", registry=r
        )

    def count_answer(self, answered: bool, via: str) -> None:
        self.questions.labels(via=via).inc()
        (self.answered if answered else self.abstained).labels(via=via).inc()

    def timer(self, via: str) -> AbstractContextManager[Any]:
        """Observe how long the block took, in seconds, even when it raises."""
        return self.latency.labels(via=via).time()

    def gauge(self, name: str, help: str, read: Callable[[], float]) -> None:
        """A gauge whose value is read when the metrics are scraped."""
        Gauge(name, help, registry=self.registry).set_function(read)

    def shards(self, read: Callable[[], Mapping[int, bool]]) -> None:
        """The per-shard connection gauge, read on scrape."""
        self.registry.register(_ShardsCollector(read))

    def total(self, sample: str) -> float:
        """A sample's value summed over its labels, e.g. `trilat_questions_total`."""
        return sum(
            point.value
            for family in self.registry.collect()
            for point in family.samples
            if point.name == sample
        )

    def render(self) -> str:
        return generate_latest(self.registry).decode()
