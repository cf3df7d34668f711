"""Plain-text renderings for the command line."""

from __future__ import annotations

from bot.core.answer import Answer, Citation
from bot.core.i18n.wording import Wording
from bot.core.matcher import Explanation
from bot.core.signals import ADDITIVE, FACTORS
from bot.core.timeline import TimelineEntry

DONT_KNOW = "I don't know: my sources don't answer that."


def citation_line(number: int, citation: Citation) -> str:
    return f"[{number}] {citation.title}, {citation.publisher}, {citation.date}. {citation.url}"


def answer_text(answer: Answer, wording: Wording | None = None) -> str:
    """The answer and its sources, headed in `wording`'s language (the answer's)."""
    if answer.answered:
        lines = [answer.text, "", f"{(wording or Wording()).message('sources')}:"]
        lines += [citation_line(n, c) for n, c in enumerate(answer.citations, start=1)]
        return "\n".join(lines)
    return "\n".join(not_known_lines(answer))


def not_known_lines(answer: Answer, bullet: str = "  - ", spaced: bool = False) -> list[str]:
    """What an abstention says: its note or "I don't know", then any suggested questions
    (after a blank line when `spaced`)."""
    lines = [answer.note or DONT_KNOW]
    if answer.suggestions:
        heading = answer.did_you_mean or Wording().message("did_you_mean")
        lines += [""] * spaced + [heading] + [f"{bullet}{s}" for s in answer.suggestions]
    return lines


def timeline_text(entries: list[TimelineEntry], wording: Wording | None = None) -> str:
    """The chronology, each entry with its sources; in `wording`'s language, English by default."""
    wording = wording or Wording()
    if not entries:
        return wording.message("no_dated_facts")
    lines = []
    for entry in entries:
        sources = "; ".join(f"{c.publisher} {c.url}" for c in entry.citations)
        text = wording.answer(entry.fact)
        lines.append(f"{wording.date(entry.date)}: {text}\n    ({sources})")
    english = wording.in_english(facts=[entry.fact for entry in entries])
    note = wording.note(english, cited=any(entry.citations for entry in entries))
    return "\n".join([*lines, *([note] if note else [])])


def explanation_text(explained: list[Explanation]) -> str:
    """Each question as read, its top candidates with every signal, and the decision."""
    lines = []
    for item in explained:
        shape = item.shape
        wants = ", ".join(sorted(shape.wants)) or "-"
        dates = ", ".join(str(d) for d in shape.dates) or "-"
        lines += [
            f"question: {item.question}",
            f"  terms: {' '.join(item.terms) or '-'}",
            f"  asks for: {wants}; yes/no: {'yes' if shape.yes_no else 'no'}; dates: {dates}",
        ]
        names = (*ADDITIVE, *FACTORS)
        lines.append("  " + f"{'score':>6} " + " ".join(f"{n[:9]:>9}" for n in names) + "  fact")
        for candidate in item.candidates:
            values = " ".join(f"{candidate.signals[n]:9.3f}" for n in names)
            lines.append(f"  {candidate.score:6.1f} {values}  {candidate.fact.id}")
        verdict = "answer" if item.decision.answered else "abstain"
        lines += [f"  decision: {verdict} ({item.decision.reason})", ""]
    return "\n".join(lines).rstrip()
