"""Results as Markdown tables, printed as they come and pasted as is into bench/README.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Check:
    """One target next to what was measured; `passed` None means not measured."""

    target: str
    measured: str
    passed: bool | None

    @property
    def status(self) -> str:
        return {True: "PASS", False: "MISS", None: "n/a"}[self.passed]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str = ""

    def render(self) -> str:
        widths = [
            max(len(cell) for cell in column)
            for column in zip(self.headers, *self.rows, strict=True)
        ]

        def line(cells: Sequence[str]) -> str:
            padded = (
                cell.ljust(width) if i == 0 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
            )
            return "| " + " | ".join(padded) + " |"

        rule = "|" + "|".join(
            ("-" * (w + 1) + ":") if i else ("-" * (w + 2)) for i, w in enumerate(widths)
        )
        text = [line(self.headers), rule + "|", *(line(row) for row in self.rows)]
        return "\n".join(([f"{self.title}", ""] if self.title else []) + text)


@dataclass
class Section:
    """What one benchmark section prints: tables, the targets it checks, and notes."""

    title: str
    tables: list[Table] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: str | None = None

    def render(self) -> str:
        parts = [f"## {self.title}"]
        if self.skipped:
            parts.append(f"skipped: {self.skipped}")
        parts += [table.render() for table in self.tables]
        if self.checks:
            parts.append(check_table(self.checks).render())
        parts += self.notes
        return "\n\n".join(parts)


def check_table(checks: Sequence[Check], title: str = "") -> Table:
    return Table(
        ("target", "measured", "status"),
        tuple((c.target, c.measured, c.status) for c in checks),
        title,
    )


def ms(seconds: float) -> str:
    """Milliseconds with precision that suits their size."""
    value = seconds * 1000
    if value != value:
        return "-"
    if value < 1:
        return f"{value:.3f}"
    if value < 10:
        return f"{value:.2f}"
    if value < 100:
        return f"{value:.1f}"
    return f"{value:.0f}"


def pct(fraction: float) -> str:
    return "-" if fraction != fraction else f"{100 * fraction:.1f}%"
