"""Every evaluation message's answer (fact ids, score, suggestions) as one digest, so a
change meant to leave answers alone can be checked: run before and after, compare.

    python -m bench.answers [--knowledge DIR] [--out FILE] [--reused]

`--reused` answers from an index that borrowed every fact's analysis from an earlier one,
as a reload does, so its digest must equal the plain one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import yaml

from bench.evaluation import EVAL_DIR
from bot import bundled_knowledge_dir
from bot.core.loader import load_factbase
from bot.core.matcher import Matcher


def messages() -> list[str]:
    """Every question text of every evaluation file, in file order."""
    found: list[str] = []
    for path in sorted(EVAL_DIR.rglob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for items in document.values():
            if isinstance(items, list):
                found += [item["q"] for item in items if isinstance(item, dict) and "q" in item]
    return found


def answer_lines(matcher: Matcher, questions: list[str]) -> list[str]:
    lines = []
    for question in questions:
        answer = matcher.answer(question)
        record = [answer.answered, answer.fact_ids, answer.score, answer.suggested_fact_ids]
        lines.append(json.dumps(record))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--knowledge", type=Path, default=bundled_knowledge_dir())
    parser.add_argument("--out", type=Path, help="also write every answer, one per line")
    parser.add_argument("--reused", action="store_true", help="index as a reload builds it")
    args = parser.parse_args()
    questions = messages()
    matcher = Matcher(load_factbase(args.knowledge))
    if args.reused:
        matcher = Matcher(load_factbase(args.knowledge), previous=matcher)
    lines = answer_lines(matcher, questions)
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    print(f"{len(questions)} messages, answers digest {digest}")


if __name__ == "__main__":
    main()
