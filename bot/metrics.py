"""Counters, gauges and a histogram, rendered in Prometheus' text exposition format.

Discord-free and dependency-free: a handful of instruments updated on the event loop,
written out by `Registry.render()` for `GET /metrics`.
"""

from __future__ import annotations

import bisect
import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def number(value: float) -> str:
    """A sample value as Prometheus writes it: integers plainly, then +Inf, -Inf, NaN."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def _help(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")


@dataclass
class Counter:
    name: str
    help: str
    value: float = 0.0

    def inc(self, amount: float = 1.0) -> None:
        if amount < 0:
            raise ValueError("a counter only goes up")
        self.value += amount

    def render(self) -> list[str]:
        return [
            f"# HELP {self.name} {_help(self.help)}",
            f"# TYPE {self.name} counter",
            f"{self.name} {number(self.value)}",
        ]


@dataclass
class Gauge:
    """A value read when the metrics are rendered (fact count, connection state, ...)."""

    name: str
    help: str
    read: Callable[[], float]

    def render(self) -> list[str]:
        return [
            f"# HELP {self.name} {_help(self.help)}",
            f"# TYPE {self.name} gauge",
            f"{self.name} {number(float(self.read()))}",
        ]


@dataclass
class Histogram:
    name: str
    help: str
    buckets: tuple[float, ...] = LATENCY_BUCKETS
    counts: list[int] = field(init=False)
    sum: float = field(default=0.0, init=False)
    count: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        if list(self.buckets) != sorted(set(self.buckets)):
            raise ValueError("histogram buckets must be increasing")
        self.counts = [0] * len(self.buckets)

    def observe(self, value: float) -> None:
        index = bisect.bisect_left(self.buckets, value)
        if index < len(self.counts):
            self.counts[index] += 1
        self.sum += value
        self.count += 1

    @contextmanager
    def time(self) -> Iterator[None]:
        """Observe how long the block took, in seconds, even when it raises."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.observe(time.perf_counter() - started)

    def render(self) -> list[str]:
        lines = [f"# HELP {self.name} {_help(self.help)}", f"# TYPE {self.name} histogram"]
        cumulative = 0
        for bound, count in zip(self.buckets, self.counts, strict=True):
            cumulative += count
            lines.append(f'{self.name}_bucket{{le="{number(bound)}"}} {cumulative}')
        lines.append(f'{self.name}_bucket{{le="+Inf"}} {self.count}')
        lines.append(f"{self.name}_sum {number(self.sum)}")
        lines.append(f"{self.name}_count {self.count}")
        return lines


Metric = Counter | Gauge | Histogram
M = TypeVar("M", Counter, Gauge, Histogram)


class Registry:
    """Instruments in the order they were made; names are unique."""

    def __init__(self) -> None:
        self._metrics: dict[str, Metric] = {}

    def _add(self, metric: M) -> M:
        if metric.name in self._metrics:
            raise ValueError(f"metric {metric.name} already exists")
        self._metrics[metric.name] = metric
        return metric

    def counter(self, name: str, help: str) -> Counter:
        return self._add(Counter(name, help))

    def gauge(self, name: str, help: str, read: Callable[[], float]) -> Gauge:
        return self._add(Gauge(name, help, read))

    def histogram(
        self, name: str, help: str, buckets: tuple[float, ...] = LATENCY_BUCKETS
    ) -> Histogram:
        return self._add(Histogram(name, help, buckets))

    def render(self) -> str:
        lines: list[str] = []
        for metric in self._metrics.values():
            lines += metric.render()
        return "\n".join(lines) + "\n"


class BotMetrics:
    """The bot's instruments; gauges that read live state are added by the bot."""

    def __init__(self) -> None:
        self.registry = Registry()
        r = self.registry
        self.questions = r.counter("trilat_questions_total", "Questions answered or abstained on.")
        self.answered = r.counter("trilat_answered_total", "Questions answered from the facts.")
        self.abstained = r.counter(
            "trilat_abstained_total", "Questions answered with I don't know."
        )
        self.latency = r.histogram(
            "trilat_answer_seconds", "From a question's arrival to the reply being sent."
        )
        self.reloads = r.counter("trilat_reloads_total", "Successful fact base reloads.")
        self.reload_failures = r.counter(
            "trilat_reload_failures_total", "Reloads refused because the new facts were invalid."
        )
        self.errors = r.counter(
            "trilat_errors_total", "Unexpected errors while handling an event or command."
        )
        self.helpful = r.counter("trilat_feedback_helpful_total", "Thumbs-up votes stored.")
        self.unhelpful = r.counter("trilat_feedback_unhelpful_total", "Thumbs-down votes stored.")
        self.log_errors = r.counter(
            "trilat_question_log_errors_total", "Failed reads and writes of the question log."
        )

    def count_answer(self, answered: bool) -> None:
        self.questions.inc()
        (self.answered if answered else self.abstained).inc()

    def render(self) -> str:
        return self.registry.render()
