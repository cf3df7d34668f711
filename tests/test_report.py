"""`python -m bot report`: the question log from the command line, text or JSON."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.frontends.cli import main
from bot.operations.store import AnswerRecord, FeedbackRecord
from bot.operations.store.sqlite import SQLiteLog

NOW = dt.datetime.now(dt.UTC)
FACT = "leader-thakkar"


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A log with 3 answers (2 of one fact), 2 abstentions and 1 old row; run from tmp."""
    monkeypatch.chdir(tmp_path)
    for name in ("TRILAT_DATABASE", "DATABASE_URL", "TRILAT_STATE_DIR"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "questions.sqlite3"

    async def fill() -> None:
        log = SQLiteLog(path)
        await log.open()
        rows = [
            AnswerRecord("a1", NOW, True, 90, (FACT,), user_id=1),
            AnswerRecord("a2", NOW, True, 90, (FACT,), user_id=2),
            AnswerRecord("a3", NOW, True, 90, ("meeting-date",), user_id=2),
            AnswerRecord("a4", NOW, False, 10, question="Weather on Mars?", user_id=3),
            AnswerRecord("a5", NOW, False, 10, question="whats the weather on mars", user_id=4),
            AnswerRecord("a6", NOW - dt.timedelta(days=40), False, 10, question="Old?"),
        ]
        for row in rows:
            await log.record_answer(row)
        await log.record_feedback(FeedbackRecord("a1", 9, True))
        await log.close()

    asyncio.run(fill())
    return path


def test_text_report(database: Path, capsys) -> None:
    assert main(["report", "--database", str(database)]) == 0

    out = capsys.readouterr().out
    assert "Questions over the last 30 days" in out
    assert "Questions asked: 5\nAnswered: 3 (60.0%)\nAbstained: 2 (40.0%)" in out
    assert "Helpful: 1 of 1 vote (100.0%)" in out
    assert f"  1. {FACT} — " in out and "(2)" in out
    assert "1. Weather on Mars? (asked 2 times)" in out
    assert "Old?" not in out


def test_json_report_and_days(database: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRILAT_DATABASE", str(database))

    assert main(["report", "--json", "--days", "60"]) == 0

    report = json.loads(capsys.readouterr().out)
    assert report["days"] == 60
    assert report["stats"]["asked"] == 6 and report["stats"]["abstained"] == 3
    assert report["stats"]["top_facts"][0] == {"fact_id": FACT, "count": 2}
    assert [g["question"] for g in report["unanswered"]] == ["Weather on Mars?", "Old?"]
    assert report["unanswered"][0]["variants"] == ["whats the weather on mars"]


def test_a_missing_database_is_an_error(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--database", str(tmp_path / "nope.sqlite3")]) == 1
    assert "no question log at" in capsys.readouterr().err


def test_a_corrupt_database_is_an_error(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.sqlite3").write_text("garbage" * 100)
    assert main(["report", "--database", str(tmp_path / "bad.sqlite3")]) == 1
    assert "cannot read the question log" in capsys.readouterr().err


def test_bad_options(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRILAT_DATABASE", "off")
    assert main(["report"]) == 2
    assert "the question log is off" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["report", "--days", "0"])


def test_report_does_not_import_discord(database: Path) -> None:
    code = (
        "import sys; from bot.frontends.cli import main; "
        f"status = main(['report', '--database', {str(database)!r}]); "
        "assert 'discord' not in sys.modules, 'discord was imported'; sys.exit(status)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _files(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir()) if path.is_file()}


@pytest.mark.parametrize("uri", [False, True])
def test_the_report_never_writes(database: Path, uri: bool, capsys) -> None:
    before = _files(database.parent)
    location = f"file:{database}?mode=ro" if uri else str(database)
    assert main(["report", "--json", "--database", location]) == 0
    assert json.loads(capsys.readouterr().out)["stats"]["asked"] == 5
    after = _files(database.parent)
    # A reader of a WAL database may leave SQLite's empty -wal and its -shm index behind.
    sidecars = {f"{database.name}-wal", f"{database.name}-shm"}
    assert {name: after[name] for name in before} == before
    assert set(after) - set(before) <= sidecars and not after.get(f"{database.name}-wal")


def test_an_empty_file_is_not_a_question_log_and_stays_empty(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert main(["report", "--database", str(empty)]) == 1
    assert "not a question log" in capsys.readouterr().err
    assert empty.stat().st_size == 0 and _files(tmp_path) == {"empty.sqlite3": b""}
