"""`python -m bot`: ask, chat, timeline, check and run, all from one fact base."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from bot import config
from bot.loader import KnowledgeError, load_factbase
from bot.matcher import Matcher
from bot.render import answer_text, timeline_text
from bot.timeline import resolve_topic, timeline

KNOWLEDGE_ENV = config.KNOWLEDGE


def knowledge_dir(flag: str | None) -> Path:
    """The fact base to use: the flag, else the environment variable, else the bundled one."""
    return config.knowledge_dir(flag, os.environ)


def _matcher(args: argparse.Namespace) -> Matcher:
    return Matcher(load_factbase(knowledge_dir(args.knowledge)))


def _lines(stream: TextIO) -> Iterable[str]:
    for line in stream:
        yield line.rstrip("\r\n")


def cmd_ask(args: argparse.Namespace) -> int:
    matcher = _matcher(args)
    question = " ".join(args.question)
    if question == "-":
        for line in _lines(sys.stdin):
            answer = matcher.answer(line)
            if args.json:
                print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
            else:
                print(answer_text(answer), end="\n\n", flush=True)
        return 0
    answer = matcher.answer(question)
    print(json.dumps(answer.to_json(), ensure_ascii=False) if args.json else answer_text(answer))
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    matcher = _matcher(args)
    print("Ask about the US-ROK-India trilateral technology meeting. Ctrl-D to leave.")
    try:
        while True:
            question = input("> ").strip()
            if question:
                print(answer_text(matcher.answer(question)), end="\n\n")
    except (EOFError, KeyboardInterrupt):
        print()
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    factbase = load_factbase(knowledge_dir(args.knowledge))
    selection = None
    if args.topic:
        selection = resolve_topic(factbase, args.topic)
        if selection is None:
            known = ", ".join(topic.id for topic in factbase.topics.values())
            print(
                f"Unknown topic '{args.topic}'. Try one of: {known}, or a country.", file=sys.stderr
            )
            return 2
    print(timeline_text(timeline(factbase, selection)))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    directory = Path(args.directory) if args.directory else knowledge_dir(args.knowledge)
    factbase = load_factbase(directory)
    print(
        f"{directory}: OK ({len(factbase.facts)} facts, {len(factbase.entities)} entities, "
        f"{len(factbase.sources)} sources)"
    )
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from bot.runner import run  # Discord is imported only by the command that needs it.

    return run(args.knowledge, force_sync=args.sync)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--knowledge",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"fact base directory (default: ${KNOWLEDGE_ENV} or the bundled one)",
    )
    parser.add_argument("--knowledge", metavar="DIR", default=None, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True)

    ask = commands.add_parser("ask", parents=[common], help="answer one question ('-' reads stdin)")
    ask.add_argument("question", nargs="+", help="the question, or '-' for one per line on stdin")
    ask.add_argument("--json", action="store_true", help="print JSON (JSON Lines with '-')")
    ask.set_defaults(handler=cmd_ask)

    chat = commands.add_parser("chat", parents=[common], help="ask questions interactively")
    chat.set_defaults(handler=cmd_chat)

    line = commands.add_parser("timeline", parents=[common], help="the chronology, oldest first")
    line.add_argument("--topic", help="a topic (icet, meeting, ...) or a country")
    line.set_defaults(handler=cmd_timeline)

    check = commands.add_parser("check", parents=[common], help="validate a fact base")
    check.add_argument("directory", nargs="?", help="directory to check (default: the fact base)")
    check.set_defaults(handler=cmd_check)

    run = commands.add_parser("run", parents=[common], help="run the Discord bot")
    run.add_argument(
        "--sync",
        action="store_true",
        help="upload the slash commands even if they look unchanged since the last sync",
    )
    run.set_defaults(handler=cmd_run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except KnowledgeError as error:
        print(error.report(), file=sys.stderr)
        print(f"error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
