"""`python -m bot`: ask, chat, timeline, check, report, health and run."""

from __future__ import annotations

import argparse
import json
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from bot.core.answer import Answer
from bot.core.i18n.languages import SUPPORTED, coverage, i18n_dir, load_languages
from bot.core.i18n.localise import answer_in
from bot.core.i18n.wording import Wording
from bot.core.index_cache import cached_matcher
from bot.core.loader import KnowledgeError, load_factbase
from bot.core.matcher import Matcher, MatchSettings
from bot.core.schema import json_schema_text
from bot.core.timeline import resolve_topic, timeline
from bot.frontends.render import answer_text, explanation_text, timeline_text
from bot.operations import config

KNOWLEDGE_ENV = config.KNOWLEDGE
# A line of standard input longer than this is cut and the rest of it skipped, so one
# runaway line costs bounded memory and still gets its one answer.
MAX_LINE_BYTES = 64 * 1024
_SURROGATE = re.compile("[\ud800-\udfff]")


def knowledge_dir(flag: str | None) -> Path:
    """The fact base to use: the flag, else the environment variable, else the bundled one."""
    return config.knowledge_dir(flag, config.environment())


def _matcher(args: argparse.Namespace) -> Matcher:
    """The matcher, from the state directory's index cache when the base is unchanged."""
    env = config.environment()
    settings = MatchSettings().with_threshold(config.load_answer_threshold(env))
    return cached_matcher(knowledge_dir(args.knowledge), settings, config.state_dir_of(env))


def _answerer(args: argparse.Namespace) -> tuple[Callable[[str], Answer], Callable[[str], str]]:
    """Answers in the question's language, or in `--lang`: as values, and as text with the
    sources heading in the answer's language."""
    matcher = _matcher(args)
    languages = load_languages(i18n_dir(knowledge_dir(args.knowledge)), matcher.factbase.facts)
    lang = getattr(args, "lang", None)

    def answer(question: str) -> Answer:
        return (
            matcher.answer(question)
            if lang == "en"
            else answer_in(matcher, languages, question, lang)
        )

    def text(question: str) -> str:
        found = answer(question)
        return answer_text(found, Wording(languages.get(found.lang)))

    return answer, text


def _lines(stream: TextIO) -> Iterable[str]:
    """Lines of a stream without their line ends. Bytes that are not UTF-8 become U+FFFD,
    and a line over `MAX_LINE_BYTES` is cut, so every line in is one question out."""
    binary = getattr(stream, "buffer", None)
    if binary is None:
        for line in stream:
            yield readable(line.rstrip("\r\n"))
        return
    while chunk := binary.readline(MAX_LINE_BYTES):
        if not chunk.endswith(b"\n"):
            while (rest := binary.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
        yield chunk.decode("utf-8", "replace").rstrip("\r\n")


def readable(text: str) -> str:
    """Text that can be written as UTF-8: lone surrogates (undecodable bytes in a command
    line argument) become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _json_line(answer: Callable[[str], Answer], question: str) -> str:
    """One JSON object for one question, even if answering it failed."""
    try:
        payload: dict[str, Any] = answer(question).to_json()
    except Exception as error:  # one bad line must not drop the rest of a batch
        traceback.print_exc(file=sys.stderr)
        payload = Answer(question, answered=False).to_json() | {"error": type(error).__name__}
    return json.dumps(payload, ensure_ascii=False)


def _utf8_output() -> None:
    """JSON is UTF-8 whatever the locale, and text never fails on a character."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8", errors="replace")


def cmd_ask(args: argparse.Namespace) -> int:
    question = readable(" ".join(args.question))
    _utf8_output()
    if args.explain:
        print(explanation_text(_matcher(args).explain(question)))
        return 0
    answer, text = _answerer(args)
    if question == "-":
        for line in _lines(sys.stdin):
            if args.json:
                print(_json_line(answer, line), flush=True)
            else:
                print(text(line), end="\n\n", flush=True)
        return 0
    if args.json:
        print(_json_line(answer, question))
    else:
        print(text(question))
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    _, text = _answerer(args)
    print("Ask about the US-ROK-India trilateral technology meeting. Ctrl-D to leave.")
    try:
        while True:
            question = input("> ").strip()
            if question:
                print(text(question), end="\n\n")
    except (EOFError, KeyboardInterrupt):
        print()
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    directory = knowledge_dir(args.knowledge)
    factbase = load_factbase(directory)
    wording = Wording()
    if args.lang not in (None, "en"):
        languages = load_languages(i18n_dir(directory), factbase.facts, factbase=factbase)
        wording = Wording(languages.get(args.lang))
    selection = None
    if args.topic:
        selection = resolve_topic(factbase, args.topic)
        if selection is None:
            known = ", ".join(topic.id for topic in factbase.topics.values())
            print(
                f"Unknown topic '{args.topic}'. Try one of: {known}, or a country.", file=sys.stderr
            )
            return 2
    _utf8_output()
    print(timeline_text(timeline(factbase, selection), wording))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a fact-base file (committed as knowledge/schema.json)."""
    sys.stdout.write(json_schema_text())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    directory = Path(args.directory) if args.directory else knowledge_dir(args.knowledge)
    factbase = load_factbase(directory)
    required = config.required_languages(config.environment())
    languages = load_languages(i18n_dir(directory), factbase.facts, required, factbase)
    print(
        f"{directory}: OK ({len(factbase.facts)} facts, {len(factbase.entities)} entities, "
        f"{len(factbase.sources)} sources)"
    )
    for line in coverage(languages, factbase):
        print(line)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """The question log's statistics and unanswered questions, read straight from the store."""
    import asyncio  # The store is imported only here: `ask` must stay fast to start.

    from bot.operations import report
    from bot.operations.store import QuestionGroup, Stats, store_for

    days = args.days or report.DEFAULT_DAYS
    try:
        settings = config.load_store_settings(config.environment(), database=args.database)
    except config.ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    store = store_for(settings, read_only=True)
    if store is None:
        print(f"error: the question log is off ({config.DATABASE}=off)", file=sys.stderr)
        return 2
    path = settings.sqlite
    if path is not None and not path.startswith("file:") and not Path(path).is_file():
        print(f"error: no question log at {path} (see --database)", file=sys.stderr)
        return 1
    start = report.since(days)

    async def read() -> tuple[Stats, list[QuestionGroup]]:
        await store.open()
        try:
            return await store.stats(start), await store.unanswered(start, limit=args.limit)
        finally:
            await store.close()

    try:
        stats, groups = asyncio.run(read())
    except Exception as error:
        print(
            f"error: cannot read the question log ({store.description}): {error}", file=sys.stderr
        )
        return 1
    if args.json:
        print(json.dumps(report.report_json(stats, groups, days), ensure_ascii=False))
        return 0
    try:
        facts = load_factbase(knowledge_dir(args.knowledge)).facts
    except KnowledgeError:
        facts = {}
    print(report.report_text(stats, groups, days, report.fact_questions(facts, stats)))
    return 0


def cmd_health(args: argparse.Namespace) -> int:
    """Exit 0 when the running bot's /healthz says so; without the endpoint, `check`."""
    import urllib.error
    import urllib.request

    try:
        health = config.load_health_settings(config.environment())
    except config.ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if health is None:
        return cmd_check(argparse.Namespace(directory=None, knowledge=args.knowledge))
    if health.port == 0:
        print(
            f"error: {config.HEALTH_PORT}=0 picks a random port; set a fixed one", file=sys.stderr
        )
        return 2
    host = "127.0.0.1" if health.host in ("0.0.0.0", "::", "") else health.host
    host = f"[{host}]" if ":" in host else host
    url = f"http://{host}:{health.port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=args.timeout) as response:
            print(response.read().decode())
            return 0
    except urllib.error.HTTPError as error:
        print(f"unhealthy: {error.code} {error.read().decode()}", file=sys.stderr)
    except (urllib.error.URLError, OSError) as error:
        print(f"unhealthy: cannot reach {url}: {error}", file=sys.stderr)
    return 1


def cmd_run(args: argparse.Namespace) -> int:
    from bot.frontends.discord_client.runner import (
        run,  # Discord is imported only by the command that needs it.
    )

    return run(args.knowledge, force_sync=args.sync)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return int(text)


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
    ask.add_argument(
        "--lang",
        choices=("en", *SUPPORTED),
        default=None,
        help="answer in this language (default: the question's own, detected)",
    )
    ask.add_argument(
        "--explain",
        action="store_true",
        help="print how each question was read, every signal of the top candidates, and the decision",
    )
    ask.set_defaults(handler=cmd_ask)

    chat = commands.add_parser("chat", parents=[common], help="ask questions interactively")
    chat.set_defaults(handler=cmd_chat)

    line = commands.add_parser("timeline", parents=[common], help="the chronology, oldest first")
    line.add_argument("--topic", help="a topic (icet, meeting, ...) or a country")
    line.add_argument(
        "--lang",
        choices=("en", *SUPPORTED),
        default=None,
        help="list in this language, English where the fact base has no translation "
        "(default: English)",
    )
    line.set_defaults(handler=cmd_timeline)

    check = commands.add_parser("check", parents=[common], help="validate a fact base")
    check.add_argument("directory", nargs="?", help="directory to check (default: the fact base)")
    check.set_defaults(handler=cmd_check)

    schema = commands.add_parser(
        "schema", help="print the JSON Schema of a fact-base file (knowledge/schema.json)"
    )
    schema.set_defaults(handler=cmd_schema)

    stats = commands.add_parser(
        "report", parents=[common], help="what people asked: statistics and unanswered questions"
    )
    stats.add_argument(
        "--days", type=_positive, default=None, help="how far back to look (default 30)"
    )
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    stats.add_argument("--limit", type=_positive, default=10, help="unanswered groups to show")
    stats.add_argument(
        "--database",
        metavar="PATH_OR_URL",
        help=f"an SQLite file or postgresql:// URL (default: ${config.DATABASE_URL}, "
        f"${config.DATABASE}, or the state directory's {config.DATABASE_FILE})",
    )
    stats.set_defaults(handler=cmd_report)

    health = commands.add_parser(
        "health", parents=[common], help="exit 0 if the running bot is healthy (Docker HEALTHCHECK)"
    )
    health.add_argument("--timeout", type=float, default=10.0, help="seconds to wait")
    health.set_defaults(handler=cmd_health)

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
    except config.ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
