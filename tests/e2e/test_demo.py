"""`wiretrace run --demo` end to end under a real Prefect server: the acceptance checks."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from wiretrace.flows.cli import app
from wiretrace.sources.archive import read_record

pytestmark = pytest.mark.e2e
LOGS = {"runs", "fetches"}  # the only tables a rerun may grow
# The only column a rerun may change outside the logs: when each feed was last asked.
POLL_TIMES = {"feed_state": "last_polled_at"}


def _counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as conn:
        names = [r[0] for r in conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _contents(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table (in a stable order), without the columns in POLL_TIMES."""
    with duckdb.connect(str(db), read_only=True) as conn:
        names = [r[0] for r in conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        contents = {}
        for name in names:
            columns = f"* EXCLUDE ({POLL_TIMES[name]})" if name in POLL_TIMES else "*"
            rows = conn.execute(f'SELECT {columns} FROM "{name}"').fetchall()
            contents[name] = sorted(rows, key=repr)
        return contents


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def demo(prefect_harness, tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("demo") / "wiretrace.duckdb"
    first = json.loads(_cli("run", "--demo", "--db", str(db), "--json").strip().splitlines()[-1])
    after_first, contents_first = _counts(db), _contents(db)
    second = json.loads(_cli("run", "--demo", "--db", str(db), "--json").strip().splitlines()[-1])
    return {
        "db": db,
        "first": first,
        "second": second,
        "after_first": after_first,
        "after_second": _counts(db),
        "contents_first": contents_first,
        "contents_second": _contents(db),
    }


def _claims(db: Path, *args: str) -> list[dict]:
    return json.loads(_cli("claims", "--db", str(db), "--json", *args))


def test_demo_summary_counts_the_two_editions(demo):
    runs = demo["first"]["runs"]
    assert [r["label"] for r in runs] == ["demo edition 1", "demo edition 2"]
    assert runs[0]["outlets"] == 3 and runs[0]["articles_new"] >= 30
    assert runs[1]["articles_new"] >= 10  # the afternoon's new stories and the updated article
    assert all(r["pages_failed"] == 0 and r["feeds_failed"] == 0 for r in runs)


def test_the_49_percent_claim_is_carried_by_all_three_outlets_reuters_first(demo):
    rows = _claims(demo["db"], "--search", "49%")
    (row,) = [r for r in rows if len(r["outlets"]) == 3]
    assert row["outlets"] == ["cna", "indiatimes", "reuters"]
    assert row["first_outlet"] == "reuters"
    # CNA reprints Reuters and India Times cites it: three outlets, one source, Reuters.
    assert row["independent_sources"] == 1 and row["sources"] == ["reuters"]
    assert row["reason"].startswith("3 outlets, 1 independent source")
    assert {"id", "text", "verdict", "reason", "first_published_at"} <= set(row)


def test_29_vs_30_billion_is_a_dispute_with_both_values(demo):
    rows = [r for r in _claims(demo["db"], "--verdict", "disputed") if "Scale AI" in r["text"]]
    (row,) = rows
    report = json.loads(_cli("report", row["id"], "--db", str(demo["db"]), "--format", "json"))
    values = {(q["outlet_id"], q["value"]) for q in report["quantities"] if q["unit"] == "USD"}
    assert ("reuters", 29e9) in values and ("cna", 30e9) in values
    assert "$29 billion" in row["reason"] and "US$30 billion" in row["reason"]


def test_a_story_only_one_outlet_carries_is_single_source(demo):
    rows = _claims(demo["db"], "--search", "Ratnagiri Rangers")
    assert rows and all(
        r["verdict"] == "single-source" and r["outlets"] == ["indiatimes"] for r in rows
    )


def test_the_updated_article_keeps_both_versions(demo):
    (row,) = _claims(demo["db"], "--verdict", "updated")
    assert "at least 17" in row["text"] and "at least 12" in row["reason"]
    with duckdb.connect(str(demo["db"]), read_only=True) as conn:
        versions = conn.execute(
            "SELECT count(*) FROM articles WHERE url LIKE '%cyclone-sagarika-lashes-eastern-india%'"
        ).fetchone()[0]
    assert versions == 2


def test_rerunning_the_demo_adds_nothing_but_logs(demo):
    first, second = demo["after_first"], demo["after_second"]
    assert {k: v for k, v in second.items() if k not in LOGS} == {
        k: v for k, v in first.items() if k not in LOGS
    }
    assert second["runs"] == first["runs"] + 2
    assert all(r["articles_new"] == 0 and r["claims_new"] == 0 for r in demo["second"]["runs"])
    # Not only as many rows: the same rows, every column, ids and times included.
    before, after = demo["contents_first"], demo["contents_second"]
    assert set(before) == set(after)
    for table in sorted(set(before) - LOGS):
        assert after[table] == before[table], table
    for table in LOGS:  # logs only grow: every earlier row is still there, unchanged
        assert set(before[table]) <= set(after[table]), table
    assert before["claims"] and before["corroboration"] and before["stories"]


def test_report_traces_each_mention_to_archived_bytes(demo):
    (row,) = [r for r in _claims(demo["db"], "--search", "49%") if len(r["outlets"]) == 3]
    report = json.loads(_cli("report", row["id"], "--db", str(demo["db"]), "--format", "json"))
    archive = demo["db"].with_name("wiretrace-archive")
    for mention in report["mentions"]:
        record = read_record(archive / mention["warc_file"], mention["warc_offset"])
        if record.record_type == "response":
            assert hashlib.sha256(record.body).hexdigest() == mention["payload_sha256"]
        assert mention["sentence"] in record.body.decode("utf-8") or record.record_type == "revisit"
    text = _cli("report", row["id"], "--db", str(demo["db"]))
    assert "Mentions:" in text and "archived:" in text
    markdown = _cli("report", row["id"], "--db", str(demo["db"]), "--format", "md")
    assert markdown.startswith("# Claim") and "| outlet |" in markdown


def test_sql_is_read_only_and_errors_are_one_line(demo):
    out = _cli(
        "sql",
        "SELECT count(*) AS n FROM claim_summary",
        "--db",
        str(demo["db"]),
        "--format",
        "json",
    )
    assert json.loads(out)[0]["n"] > 0
    result = CliRunner().invoke(app, ["sql", "DELETE FROM claims", "--db", str(demo["db"])])
    assert result.exit_code != 0 and "read-only" in result.output.lower()


def test_unknown_cluster_says_how_to_find_one(demo):
    result = CliRunner().invoke(app, ["report", "nope", "--db", str(demo["db"])])
    assert result.exit_code == 1 and "wiretrace claims" in result.output


def _sql(db: Path, query: str) -> list[dict]:
    return json.loads(_cli("sql", query, "--db", str(db), "--format", "json"))


def test_views_answer_overlap_first_reporters_and_disputes(demo):
    db = demo["db"]
    overlap = {(r["outlet_a"], r["outlet_b"]): r for r in _sql(db, "SELECT * FROM outlet_overlap")}
    cna_reuters = overlap[("cna", "reuters")]
    assert cna_reuters["copied_claims"] > cna_reuters["independent_claims"]  # CNA reprints Reuters
    first = {r["outlet_id"]: r for r in _sql(db, "SELECT * FROM first_reporters")}
    assert first["reuters"]["first_share"] > first["cna"]["first_share"]
    disputes = _sql(db, "SELECT * FROM disputes")
    (scale,) = [d for d in disputes if "Scale AI" in d["text"]]
    raws = {(f["outlet"], f["raw"]) for f in scale["figures"]}
    assert ("reuters", "$29 billion") in raws and ("cna", "US$30 billion") in raws


def test_cna_reprint_of_reuters_is_a_verbatim_lineage_edge_with_evidence(demo):
    rows = _sql(
        demo["db"],
        "SELECT l.kind, l.evidence, a.url AS later, s.url AS source FROM lineage l "
        "JOIN latest_articles a USING (article_id) "
        "JOIN latest_articles s ON s.article_id = l.source_article_id "
        "WHERE l.kind = 'verbatim'",
    )
    pairs = {(r["later"].split("/")[-1], r["source"].split("/")[-1]) for r in rows}
    assert (
        "google-scale-ai-cut-ties-meta-stake-5182046.html",
        "meta-to-take-49-stake-in-scale-ai-2025-06-13.html",
    ) in pairs
    assert all("near-verbatim sentences in order" in r["evidence"] for r in rows)


def test_sql_reaches_nothing_but_the_warehouse(demo, tmp_path):
    target = tmp_path / "leak.csv"
    for query in (
        f"COPY (SELECT 1) TO '{target}'",
        "SELECT * FROM read_text('/etc/hostname')",
        "SET enable_external_access = true",
    ):
        result = CliRunner().invoke(app, ["sql", query, "--db", str(demo["db"])])
        assert result.exit_code != 0, query
    assert not target.exists()


def test_user_text_in_an_error_is_not_read_as_markup(demo):
    result = CliRunner().invoke(app, ["report", "[/]", "--db", str(demo["db"])])
    assert result.exit_code == 1 and "no claim cluster '[/]'" in result.output
