"""The command line: human text, JSON, JSON Lines batches, timeline and check."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from bot.frontends.cli import MAX_LINE_BYTES, main

JSON_FIELDS = [
    "question",
    "answered",
    "answer",
    "fact_ids",
    "score",
    "citations",
    "suggestions",
    "parts",
    "lang",
]


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ask_prints_answer_with_numbered_citation(mini_dir: Path, capsys) -> None:
    code, out, _ = run_cli(capsys, "ask", "--knowledge", str(mini_dir), "Where was the meeting?")
    assert code == 0
    assert "The meeting took place in Capital City. [1]" in out
    assert "[1] A report, Example News, 2024-03-14. https://example.org/report" in out


def test_ask_abstains_with_suggestions(mini_dir: Path, capsys) -> None:
    code, out, _ = run_cli(capsys, "ask", "--knowledge", str(mini_dir), "tell me a joke")
    assert code == 0
    assert out.startswith("I don't know")
    assert "Did you mean:" in out


def test_ask_json_has_exactly_the_documented_fields(mini_dir: Path, capsys) -> None:
    _, out, _ = run_cli(capsys, "ask", "--json", "--knowledge", str(mini_dir), "who is ann example")
    payload = json.loads(out)
    assert list(payload) == JSON_FIELDS
    assert payload["answered"] is True
    assert payload["fact_ids"] == ["envoy"]
    assert payload["citations"] == [
        {
            "title": "A report",
            "publisher": "Example News",
            "url": "https://example.org/report",
            "date": "2024-03-14",
        }
    ]
    assert isinstance(payload["score"], float)


def test_batch_mode_one_object_per_line_in_order(mini_dir: Path, capsys, monkeypatch) -> None:
    questions = ["Where was the meeting?", "", "   ", "x" * 5000, "who is ann"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(questions) + "\n"))
    code, out, _ = run_cli(capsys, "ask", "--json", "--knowledge", str(mini_dir), "-")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["question"] for row in rows] == questions
    assert [row["answered"] for row in rows] == [True, False, False, False, True]
    assert rows[1]["answer"] == "" and rows[1]["fact_ids"] == []
    assert all(list(row) == JSON_FIELDS for row in rows)


def test_knowledge_from_environment(mini_dir: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("TRILAT_KNOWLEDGE", str(mini_dir))
    _, out, _ = run_cli(capsys, "ask", "--json", "Which city hosted the meeting?")
    assert json.loads(out)["fact_ids"] == ["meeting-place"]


@pytest.mark.parametrize("command", [["ask", "--json", "Which city hosted it?"], ["check"]])
def test_every_command_reads_the_env_file(
    command: list[str], mini_dir: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.delenv("TRILAT_KNOWLEDGE", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(f'TRILAT_KNOWLEDGE="{mini_dir}"  # a test base\n')
    code, out, _ = run_cli(capsys, *command)
    assert code == 0
    assert "meeting-place" in out if command[0] == "ask" else "OK (2 facts" in out


def test_the_environment_wins_over_the_env_file(
    mini_dir: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("TRILAT_KNOWLEDGE=/nowhere\nTRILAT_ANSWER_THRESHOLD=99\n")
    monkeypatch.setenv("TRILAT_KNOWLEDGE", str(mini_dir))
    _, out, _ = run_cli(capsys, "ask", "--json", "Which city hosted the meeting?")
    assert json.loads(out)["fact_ids"] == []


def test_timeline_lists_dated_facts(mini_dir: Path, capsys) -> None:
    code, out, _ = run_cli(capsys, "timeline", "--knowledge", str(mini_dir))
    assert code == 0
    assert out.startswith("13 March 2024: The meeting took place in Capital City.")
    assert "https://example.org/report" in out


def test_timeline_unknown_topic_is_an_error(mini_dir: Path, capsys) -> None:
    code, _, err = run_cli(capsys, "timeline", "--knowledge", str(mini_dir), "--topic", "zebras")
    assert code == 2
    assert "Unknown topic 'zebras'" in err


def test_check_reports_ok_and_problems(mini_dir: Path, capsys) -> None:
    code, out, _ = run_cli(capsys, "check", str(mini_dir))
    assert code == 0 and "OK (2 facts" in out
    (mini_dir / "facts.yaml").write_text("facts:\n  - id: Bad Id\n")
    code, _, err = run_cli(capsys, "check", str(mini_dir))
    assert code == 1
    assert f"{mini_dir / 'facts.yaml'}:2: facts.id: 'Bad Id' is not a valid id" in err
    assert "Traceback" not in err


def test_chat_answers_then_exits_on_eof(mini_dir: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Where was the meeting?\n"))
    code, out, _ = run_cli(capsys, "chat", "--knowledge", str(mini_dir))
    assert code == 0
    assert "Capital City" in out


def test_module_entry_point_runs_without_discord(mini_dir: Path) -> None:
    """`python -m bot ask` answers a batch in one process and never imports discord.py."""
    script = (
        "import runpy, sys; sys.argv = ['bot', 'ask', '--json', '-'];"
        "\ntry:\n    runpy.run_module('bot', run_name='__main__')\nexcept SystemExit:\n    pass"
        "\nprint('discord' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input="Where was the meeting?\nwho is ann\n",
        capture_output=True,
        text=True,
        env={"TRILAT_KNOWLEDGE": str(mini_dir), "PATH": ""},
        check=True,
    )
    assert [json.loads(line)["answered"] for line in result.stdout.splitlines()] == [True, True]
    assert result.stderr.strip() == "False"


def _batch(mini_dir: Path, stdin: bytes, **env: str) -> list[dict[str, object]]:
    """`python -m bot ask --json -` fed raw bytes; every output line must be valid UTF-8 JSON."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "-"],
        input=stdin,
        capture_output=True,
        env={"TRILAT_KNOWLEDGE": str(mini_dir), "PATH": "", **env},
        check=True,
    )
    assert b"Traceback" not in result.stderr
    return [json.loads(line.decode("utf-8")) for line in result.stdout.split(b"\n") if line]


@pytest.mark.parametrize("encoding", ["", "utf-8", "ascii"])
def test_batch_with_invalid_utf8_gives_one_valid_json_object_per_line(
    mini_dir: Path, encoding: str
) -> None:
    env = {"PYTHONIOENCODING": encoding} if encoding else {}
    rows = _batch(mini_dir, b"Where was the \xff meeting?\n\xc3\nwho is ann\n", **env)
    assert [row["answered"] for row in rows] == [True, False, True]
    assert rows[0]["question"] == "Where was the \ufffd meeting?"


def test_batch_cuts_a_runaway_line_and_keeps_the_next(mini_dir: Path) -> None:
    rows = _batch(mini_dir, b"x" * 1_000_000 + b"\nWhere was the meeting?\n")
    assert len(rows) == 2
    assert len(rows[0]["question"]) == MAX_LINE_BYTES
    assert rows[1]["answered"] is True


def test_undecodable_argument_is_answered_as_json(mini_dir: Path, capsys) -> None:
    question = "Where was the meeting\udcff?"
    code, out, _ = run_cli(capsys, "ask", "--json", "--knowledge", str(mini_dir), question)
    assert code == 0
    assert json.loads(out)["question"] == "Where was the meeting\ufffd?"


def test_answer_threshold_from_the_environment(mini_dir: Path, capsys, monkeypatch) -> None:
    question = ["ask", "--json", "--knowledge", str(mini_dir), "where was the meeting held"]
    _, out, _ = run_cli(capsys, *question)
    default = json.loads(out)
    assert default["answered"] is True
    monkeypatch.setenv("TRILAT_ANSWER_THRESHOLD", str(default["score"] + 1))
    _, out, _ = run_cli(capsys, *question)
    assert json.loads(out)["answered"] is False
    monkeypatch.setenv("TRILAT_ANSWER_THRESHOLD", "lots")
    code, _, err = run_cli(capsys, *question)
    assert code == 2 and "TRILAT_ANSWER_THRESHOLD" in err


def test_explain_prints_every_signal_and_the_decision(capsys) -> None:
    code, out, _ = run_cli(
        capsys, "ask", "--explain", "Who is Seth Center married to? And who led India?"
    )
    assert code == 0
    assert out.count("question: ") == 2
    for signal in ("coverage", "overlap", "closeness", "entities", "asked", "kind", "date"):
        assert signal[:9] in out
    assert "decision: abstain" in out and "decision: answer" in out
    assert "leader-thakkar" in out


def test_json_lists_the_parts_of_a_message_with_several_questions(capsys) -> None:
    _, out, _ = run_cli(capsys, "ask", "--json", "Where was the meeting? And who led India?")
    payload = json.loads(out)
    assert [part["question"] for part in payload["parts"]] == [
        "Where was the meeting?",
        "who led India?",
    ]
    assert [part["fact_ids"] for part in payload["parts"]] == [
        ["meeting-when-where"],
        ["leader-thakkar"],
    ]
    assert payload["fact_ids"] == ["meeting-when-where", "leader-thakkar"]
    assert all(part["parts"] == [] and part["citations"] == [] for part in payload["parts"])
    assert len({c["url"] for c in payload["citations"]}) == len(payload["citations"])


@pytest.mark.parametrize("command", ["check", "run"])
def test_hostile_file_is_reported_without_a_traceback(
    mini_dir: Path, capsys, monkeypatch, command: str
) -> None:
    monkeypatch.chdir(mini_dir.parent)
    monkeypatch.setenv("DISCORD_TOKEN", "not-used")
    root = logging.getLogger()  # `run` sets up logging; leave it as it was
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    monkeypatch.setattr(root, "level", root.level)
    (mini_dir / "deep.yaml").write_text("facts: " + "[" * 600 + "]" * 600 + "\n")
    (mini_dir / "loop.yaml").symlink_to(mini_dir / "loop.yaml")

    code, _, err = run_cli(capsys, command, "--knowledge", str(mini_dir))

    assert code == 1
    assert f"{mini_dir / 'deep.yaml'}:1: nested deeper than" in err
    assert f"{mini_dir / 'loop.yaml'}:0: cannot read: Too many levels of symbolic links" in err
    assert "Traceback" not in err and "error: 2 problems in the fact base" in err


def test_ask_starts_from_the_index_cache_and_never_serves_a_broken_edit(
    mini_dir: Path, own_state_dir: Path, capsys
) -> None:
    first = run_cli(capsys, "ask", "--knowledge", str(mini_dir), "Where was the meeting?")
    assert [p.suffix for p in (own_state_dir / "index").iterdir()] == [".idx"]
    assert run_cli(capsys, "ask", "--knowledge", str(mini_dir), "Where was the meeting?") == first
    broken = next(mini_dir.glob("*.yaml"))
    broken.write_text(broken.read_text() + "\n  - [unclosed\n")
    code, _, err = run_cli(capsys, "ask", "--knowledge", str(mini_dir), "Where was the meeting?")
    assert code != 0 and broken.name in err
