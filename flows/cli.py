"""The `wiretrace` command line: a thin layer over the flows, the warehouse queries and the reports."""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from wiretrace.flows.common import (
    DEFAULT_DB,
    DbOption,
    console,
    err,
    fail,
    one_shot_prefect,
    prefect_defaults,
)
from wiretrace.flows.options import (
    DaskAddressOption,
    DaskWorkersOption,
    DemoOption,
    FetchConcurrencyOption,
    ForceOption,
    OptionError,
    OutletsOption,
    PerHostDelayOption,
    RunOptions,
    UserAgentOption,
    VerboseOption,
    WindowOption,
)
from wiretrace.records import VERDICTS

app = typer.Typer(
    name="wiretrace",
    help="Follow news claims across outlets: who reported what, first, and how independently.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Rich colours of the verdicts, in the order of VERDICTS.
VERDICT_COLOURS: dict[str, str] = dict(
    zip(VERDICTS, ("green", "cyan", "yellow", "red", "magenta"), strict=True)
)


@app.command()
def run(
    db: DbOption = DEFAULT_DB,
    demo: DemoOption = False,
    outlets: OutletsOption = None,
    wait: Annotated[
        float, typer.Option(help="Seconds to wait for another run on the same db.")
    ] = 60.0,
    per_host_delay: PerHostDelayOption = None,
    fetch_concurrency: FetchConcurrencyOption = 4,
    dask_address: DaskAddressOption = None,
    workers: DaskWorkersOption = 0,
    window_days: WindowOption = 7.0,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the run summary as JSON.")
    ] = False,
    verbose: VerboseOption = False,
    force: ForceOption = False,
    user_agent: UserAgentOption = None,
) -> None:
    """Poll every outlet once, through to corroboration tables (exit 0 even if some pages failed)."""
    if demo and outlets:
        raise fail("use --demo or --outlets, not both", 2)
    try:
        options = RunOptions(
            per_host_delay=per_host_delay,
            fetch_concurrency=fetch_concurrency,
            window_days=window_days,
            user_agent=user_agent,
            force=force,
            dask_address=dask_address,
            dask_workers=workers,
            lock_wait=0.0,  # the CLI takes the lock itself, waiting `wait` seconds
        ).checked()
    except OptionError as exc:
        raise fail(str(exc), 2) from None
    prefect_defaults(db, verbose=verbose)
    from wiretrace.flows.lock import RunLocked, run_lock
    from wiretrace.sources.config import ConfigError, default_outlets_path, load_outlets
    from wiretrace.warehouse.db import WarehouseError

    started = time.monotonic()
    summaries: list[dict[str, Any]] = []
    try:
        path = outlets or default_outlets_path()
        if not demo:
            load_outlets(path)  # a bad file fails before the lock is taken or Prefect starts
        with run_lock(db, wait=wait):
            if demo:
                summaries = _run_demo(db, options, quiet=json_out)
            else:
                summaries = [
                    _run_flow(
                        db,
                        options.flow_parameters(),
                        outlets_file=path,
                        label=str(path),
                        quiet=json_out,
                    )
                ]
    except (ConfigError, RunLocked, WarehouseError) as exc:
        raise fail(str(exc)) from None
    elapsed = time.monotonic() - started
    if json_out:
        print(json.dumps({"runs": summaries, "seconds": round(elapsed, 2)}, default=str))
    else:
        _print_summary(db, summaries, elapsed)


def _run_flow(
    db: Path,
    parameters: dict[str, Any],
    *,
    outlets_file: Path,
    label: str,
    quiet: bool,
    base_url: str | None = None,
    resolve: dict[str, tuple[str, int]] | None = None,
) -> dict[str, Any]:
    from wiretrace.flows.pipeline import pipeline_flow

    with _stage_progress(label, show=console.is_terminal and not quiet), one_shot_prefect():
        result: dict[str, Any] = pipeline_flow(
            db=str(db),
            outlets_file=str(outlets_file),
            label=label,
            base_url=base_url,
            resolve=resolve,
            **parameters,
        )
        return result


STAGE_NAMES = {
    "poll": "poll feeds and sitemaps",
    "fetch": "fetch pages",
    "extract": "extract articles and claims",
    "load": "load the warehouse",
    "corroborate": "match and corroborate",
}


@contextmanager
def _stage_progress(label: str, *, show: bool) -> Iterator[None]:
    """A spinner per stage with its time, ticked off as the next starts; nothing unless a TTY."""
    if not show:
        yield
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from wiretrace.flows.progress import on_stage

    progress = Progress(
        SpinnerColumn(finished_text="[green]✓[/]"),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
    )
    current: list[Any] = []

    def finish() -> None:
        for task_id in current:
            progress.update(task_id, total=1, completed=1)
            progress.stop_task(task_id)
        current.clear()

    def listener(name: str, detail: str) -> None:
        finish()
        text = f"[bold]{escape(label)}[/] · {STAGE_NAMES.get(name, name)}"
        if detail:
            text += f" [dim]({escape(detail)})[/]"
        current.append(progress.add_task(text, total=None))

    with progress, on_stage(listener):
        try:
            yield
        finally:
            finish()


def _run_demo(db: Path, options: RunOptions, *, quiet: bool) -> list[dict[str, Any]]:
    """Both editions of the demo wire, served from 127.0.0.1, one run each."""
    from wiretrace.sources.demo import DEMO_BASE, DemoServer, demo_editions, demo_root

    summaries = []
    with DemoServer() as server:
        host, port = server.address
        if not quiet:
            err.print(
                f"demo news wire serving on http://{host}:{port} as {DEMO_BASE}", highlight=False
            )
        for edition in demo_editions():
            server.edition = edition
            summaries.append(
                _run_flow(
                    db,
                    options.flow_parameters(demo=True),
                    outlets_file=demo_root() / "outlets.toml",
                    label=f"demo edition {edition}",
                    quiet=quiet,
                    base_url=DEMO_BASE,
                    resolve=server.resolve,
                )
            )
    return summaries


SUMMARY_ROWS = (
    ("outlets polled", "outlets"),
    ("feeds and sitemaps", "feeds_polled"),
    ("  failed", "feeds_failed"),
    ("  backing off (not asked)", "feeds_deferred"),
    ("entries listed", "entries"),
    ("pages fetched", "pages_fetched"),
    ("  unchanged (304)", "pages_unchanged"),
    ("  failed", "pages_failed"),
    ("  skipped (robots.txt)", "pages_skipped"),
    ("  known, not asked again", "pages_known"),
    ("new articles", "articles_new"),
    ("new claims", "claims_new"),
    ("claim clusters", "clusters"),
    ("  new", "clusters_new"),
    ("  changed", "clusters_changed"),
    ("  new disputes", "disputes_new"),
    ("seconds", "seconds"),
)


def _print_summary(db: Path, summaries: list[dict[str, Any]], elapsed: float) -> None:
    table = Table(title=f"wiretrace run -> {db}", title_justify="left")
    table.add_column("")
    for s in summaries:
        table.add_column(s["label"], justify="right")
    for label, key in SUMMARY_ROWS:
        table.add_row(label, *(str(s[key]) for s in summaries))
    console.print(table)
    verdicts = summaries[-1]["verdicts"] if summaries else {}
    parts = [f"[{VERDICT_COLOURS.get(v, 'white')}]{v}[/] {n}" for v, n in sorted(verdicts.items())]
    console.print("clusters by verdict: " + (", ".join(parts) or "none"))
    from wiretrace.reports.run import stage_shares

    for s in summaries:
        if s.get("stages"):
            console.print("time by stage: " + stage_shares(s["stages"], s["seconds"]))
    errors = [e for s in summaries for e in s["errors"]]
    if errors:
        console.print(
            f"[yellow]{len(errors)} fetch or parse failures recorded[/] (see the fetches table):"
        )
        for error in errors[:10]:
            console.print(f"  - {error}", highlight=False, soft_wrap=True)
    console.print(f"done in {elapsed:.1f}s")
    console.print(
        f"next: wiretrace stories --db {db}   |   wiretrace claims --db {db} --min-outlets 2"
        f"   |   wiretrace report CLUSTER_ID --db {db}",
        highlight=False,
    )


def _read_conn(db: Path) -> Any:
    from wiretrace.warehouse.db import WarehouseError, connect

    try:
        return connect(db, read_only=True, wait=5.0)
    except WarehouseError as exc:
        raise fail(str(exc)) from None


@app.command()
def claims(
    db: DbOption = DEFAULT_DB,
    verdict: Annotated[str | None, typer.Option(help="Only this verdict.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only claims this outlet reported.")] = None,
    search: Annotated[
        str | None, typer.Option(help="Only claims whose text contains this.")
    ] = None,
    since: Annotated[
        datetime | None, typer.Option(help="First published at or after (UTC).")
    ] = None,
    min_outlets: Annotated[
        int, typer.Option(help="Only claims reported by at least N outlets.")
    ] = 1,
    limit: Annotated[int, typer.Option(help="Rows to show in the table (JSON shows all).")] = 50,
    sort: Annotated[
        str,
        typer.Option(
            help="outlets (most outlets first), first (earliest first) or independent "
            "(most independent sources first)."
        ),
    ] = "outlets",
    json_out: Annotated[bool, typer.Option("--json", help="A JSON array for scripts.")] = False,
) -> None:
    """One row per claim cluster: verdict, outlets, independent sources, first reporter."""
    if verdict is not None and verdict not in VERDICTS:
        raise fail(f"--verdict must be one of {', '.join(VERDICTS)}", 2)
    if limit < 1:
        raise fail("--limit must be 1 or more", 2)
    from wiretrace.jsonout import dumps
    from wiretrace.warehouse.reports import CLAIM_SORTS, list_claims

    if sort not in CLAIM_SORTS:
        raise fail(f"--sort must be one of {', '.join(CLAIM_SORTS)}", 2)
    conn = _read_conn(db)
    try:
        rows = list_claims(
            conn,
            verdict=verdict,
            outlet=outlet,
            search=search,
            since=since,
            min_outlets=min_outlets,
            sort=sort,
        )
    finally:
        conn.close()
    if json_out:
        print(dumps(rows))
        return
    shown = rows[:limit]
    title = f"{len(rows)} claim{'' if len(rows) == 1 else 's'}" + (
        f", first {len(shown)} shown" if len(shown) < len(rows) else ""
    )
    table = Table(title=f"{title}, sorted by {sort}", title_justify="left", expand=True)
    wide = console.width >= 110  # narrower: the id and first reporter go under the claim
    if wide:
        table.add_column("id", no_wrap=True, style="dim")
    table.add_column("verdict", no_wrap=True)
    table.add_column("outlets" if wide else "out.", no_wrap=True, justify="right")
    table.add_column("indep." if wide else "ind.", no_wrap=True, justify="right")
    if wide:
        table.add_column("first (UTC)", no_wrap=True)
    table.add_column("claim", ratio=1, overflow="fold")
    for row in shown:
        colour = VERDICT_COLOURS.get(row.verdict, "white")
        when = row.first_published_at
        first = f"{when:%m-%d %H:%M} " if when else ""
        first += row.first_outlet or ""
        text = row.text if len(row.text) <= 160 else row.text[:159] + "…"
        meta = ", ".join(row.outlets) if wide else f"{row.id} · first {first}"
        claim = Text(text)
        claim.append(f"\n{meta}", style="dim")
        cells = [f"[{colour}]{row.verdict}[/]", str(len(row.outlets))]
        cells.append(str(row.independent_sources))
        table.add_row(*([row.id, *cells, first] if wide else cells), claim)
    console.print(table)


def _json_default(value: object) -> object:
    from wiretrace.jsonout import default

    # The one encoder's rule, for the commands that print plain data.
    return default(value)


@app.command()
def report(
    cluster_id: Annotated[
        str | None, typer.Argument(help="A claim cluster id (from `wiretrace claims`).")
    ] = None,
    story: Annotated[
        str | None,
        typer.Option("--story", help="Report a story instead (an id from `wiretrace stories`)."),
    ] = None,
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[
        str, typer.Option("--format", help="text, md, html (one self-contained page) or json.")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
) -> None:
    """Every mention of one claim (outlet, time, headline, URL, exact sentence, archived bytes), or with --story every claim of a story, its timeline and coverage."""
    from wiretrace.reports.render import FORMATS, render
    from wiretrace.warehouse.reports import claim_report

    if (cluster_id is None) == (story is None):
        raise fail("give a CLUSTER_ID or --story ID (one of them, not both)", 2)
    if story is not None:
        from wiretrace.reports.story import FORMATS as STORY_FORMATS
        from wiretrace.reports.story import render as render_story
        from wiretrace.warehouse.reports import story_report

        _report(
            story_report,
            render_story,
            STORY_FORMATS,
            story,
            db,
            fmt,
            output,
            missing=f"no story {story!r} in {db} (list them with `wiretrace stories`)",
        )
        return
    assert cluster_id is not None
    _report(
        claim_report,
        render,
        FORMATS,
        cluster_id,
        db,
        fmt,
        output,
        missing=f"no claim cluster {cluster_id!r} in {db} (list them with `wiretrace claims`)",
    )


def _report(
    query: Callable[[Any, str], object | None],
    renderer: Callable[[Any, str], str],
    formats: Sequence[str],
    key: str,
    db: Path,
    fmt: str,
    output: Path | None,
    *,
    missing: str,
) -> None:
    """Read one report's data, render it, and write it to `output` or stdout."""
    if fmt not in formats:
        raise fail(f"--format must be one of {', '.join(formats)}", 2)
    conn = _read_conn(db)
    try:
        data = query(conn, key)
    finally:
        conn.close()
    if data is None:
        raise fail(missing)
    text = renderer(data, fmt)
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")
    else:
        sys.stdout.write(text)


@app.command()
def stories(
    db: DbOption = DEFAULT_DB,
    since: Annotated[
        datetime | None, typer.Option(help="Only stories with an article at or after (UTC).")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Only stories this outlet covered.")] = None,
    search: Annotated[
        str | None,
        typer.Option(help="Only stories with an article whose headline or text has this."),
    ] = None,
    limit: Annotated[int, typer.Option(help="Rows to show in the table (JSON shows all).")] = 50,
    json_out: Annotated[bool, typer.Option("--json", help="A JSON array for scripts.")] = False,
) -> None:
    """One row per story, latest first: outlets, blind spots (outlets that missed it), claims by verdict."""
    from wiretrace.jsonout import dumps
    from wiretrace.warehouse.reports import list_stories

    conn = _read_conn(db)
    try:
        rows = list_stories(conn, since=since, outlet=outlet, search=search)
    finally:
        conn.close()
    if json_out:
        print(dumps(rows))
        return
    console.print(
        f"[bold]{len(rows)} stories[/], latest first (missed by: configured outlets that did not"
        " cover the story)",
        highlight=False,
    )
    for row in rows[:limit]:
        latest = row.last_published_at
        when = latest.strftime("%Y-%m-%d %H:%M UTC") if latest else "time unknown"
        missed = (
            f"[yellow]missed by {', '.join(row.missing_outlets)}[/]"
            if row.missing_outlets
            else "[green]covered by every outlet[/]"
        )
        articles = f"{row.articles} article{'' if row.articles == 1 else 's'}"
        console.print(f"\n[bold]{row.id}[/]  {when}  {escape(row.headline)}", highlight=False)
        console.print(
            f"  {articles}: {', '.join(row.outlets)} · {missed} · {row.claims} claims: "
            f"{_verdict_counts(dict(row.verdicts))}",
            highlight=False,
        )
    if len(rows) > limit:
        console.print(f"\n... {len(rows) - limit} more (--limit, or --json for all)")
    if rows:
        console.print(f"\nnext: wiretrace report --story {rows[0].id} --db {db}", highlight=False)


def _verdict_counts(counts: dict[str, int]) -> str:
    parts = [f"[{VERDICT_COLOURS.get(v, 'white')}]{n} {v}[/]" for v, n in counts.items() if n]
    return ", ".join(parts) or "none"


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A SQL query; the warehouse is opened read-only.")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Run a read-only SQL query against the warehouse."""
    from wiretrace.jsonout import dumps
    from wiretrace.warehouse.db import WarehouseError
    from wiretrace.warehouse.sandbox import sandboxed_query

    if fmt not in ("table", "csv", "json"):
        raise fail("--format must be table, csv or json", 2)
    try:
        result = sandboxed_query(db, query)
    except WarehouseError as exc:  # no warehouse, or the query failed: one line either way
        raise fail(str(exc)) from None
    if fmt == "json":
        print(dumps(result.as_dicts()))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.rows)
        sys.stdout.write(buffer.getvalue())
    else:
        table = Table(*result.columns)
        for row in result.rows:
            table.add_row(*(Text("" if v is None else str(v)) for v in row))
        console.print(table)


@app.command()
def extract(
    inputs: Annotated[
        list[str], typer.Argument(help="HTML files (.html, .html.gz), text files or URLs.")
    ],
    json_out: Annotated[
        bool, typer.Option("--json", help="One JSON object per input, per line.")
    ] = False,
    with_claims: Annotated[bool, typer.Option("--claims", help="Also print each claim.")] = False,
    sources: Annotated[
        Path | None, typer.Option("--sources", help="Outlets file for attribution aliases.")
    ] = None,
) -> None:
    """Print the Article record (and claims) extracted from pages: for when a number looks wrong."""
    from wiretrace.flows.inspect import extract_inputs

    failures: list[bool] = []
    for record in extract_inputs(inputs, with_claims=with_claims, sources=sources):
        failures.append("error" in record)
        if json_out:
            print(json.dumps(record, default=_json_default, ensure_ascii=False))
        else:
            _print_record(record)
    if failures and all(failures):
        raise typer.Exit(1)  # nothing could be extracted; some failing among good ones is exit 0


@app.command()
def pairs(
    file: Annotated[
        Path, typer.Argument(help="TSV of id, text_a, text_b (header optional; '-' for stdin).")
    ],
    sources: Annotated[
        Path | None, typer.Option("--sources", help="Outlets file for attribution aliases.")
    ] = None,
    evaluate: Annotated[
        bool,
        typer.Option(
            "--evaluate", help="With a label column: print precision and recall per split."
        ),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="For each pair, the features the decision used and their weights."
        ),
    ] = False,
    train: Annotated[
        bool,
        typer.Option(
            "--train", help="Fit a model on the labelled pairs and write it (needs -o)."
        ),
    ] = False,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="With --train: the model file to write.")
    ] = None,
    model_file: Annotated[
        Path | None,
        typer.Option("--model", help="Score with this model file instead of the shipped one."),
    ] = None,
) -> None:
    """Score sentence pairs with the production matcher: id, score, decision (match|conflict|no-match)."""
    from wiretrace.corroboration.matching import MatchConfig
    from wiretrace.corroboration.model import ModelError, load_model
    from wiretrace.flows.pairs import (
        PairsError,
        explain_pairs_file,
        explanation_lines,
        quality,
        read_pairs,
        score_pairs_file,
        train_pairs_file,
    )
    from wiretrace.sources.config import ConfigError, alias_map, default_outlets_path, load_outlets

    if train and output is None:
        raise fail("--train needs -o FILE for the model it writes", 2)
    try:
        text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
        aliases = alias_map(load_outlets(sources or default_outlets_path()))
        items = read_pairs(text)
        config = MatchConfig(model=load_model(model_file) if model_file else None)
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"cannot read {file if not model_file else f'{file} or {model_file}'}: {exc}") from None
    except (PairsError, ConfigError, ModelError) as exc:
        raise fail(f"{file}: {exc}") from None
    if train:
        try:
            model = train_pairs_file(items, aliases=aliases, base=config.matcher)
        except PairsError as exc:
            raise fail(f"{file}: {exc}") from None
        assert output is not None
        try:
            output.write_text(model.to_json() + "\n", encoding="utf-8")
        except OSError as exc:
            raise fail(f"cannot write {output}: {exc}") from None
        config = MatchConfig(model=model)
        err.print(
            f"wrote {output}: {len(model.features)} features, threshold {model.threshold:.3f}",
            highlight=False,
        )
        evaluate = True
    if explain:
        for line in explanation_lines(
            explain_pairs_file(items, aliases=aliases, config=config), config.matcher
        ):
            print(line)
        return
    scored = score_pairs_file(items, aliases=aliases, config=config)
    if evaluate:
        for split in sorted({s.pair.split for s in scored}):
            q = quality(s for s in scored if s.pair.split == split)
            name = split or "all"
            print(
                f"{name}\tpairs={q.pairs}\tprecision={q.precision}\trecall={q.recall}\tf1={q.f1}"
                f"\tconflict_precision={q.conflict_precision}\tconflict_recall={q.conflict_recall}"
            )
        return
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["id", "score", "decision"])
    for item in scored:
        out.writerow([item.pair.id, f"{item.score:.2f}", item.decision])


def _print_record(record: dict[str, Any]) -> None:
    from wiretrace.flows.inspect import describe_attribution

    if "error" in record:
        err.print(f"[red]{record['input']}[/]: {record['error']}", highlight=False)
        return
    console.rule(record["input"])
    for key in (
        "title",
        "authors",
        "published_at",
        "published_source",
        "credit",
        "dateline",
        "lang",
    ):
        console.print(f"[bold]{key}[/]: {record.get(key)}", highlight=False)
    console.print(record["text"], highlight=False)
    for claim in record.get("claims", []):
        console.print(f"[cyan]{claim['start']}-{claim['end']}[/] {claim['text']}", highlight=False)
        for q in claim["quantities"]:
            console.print(f"    number: {q['raw']} = {q['value']:g} {q['unit']} {q['qualifier']}")
        for a in claim["attributions"]:
            console.print(f"    source: {describe_attribution(a)}", highlight=False)


@app.command()
def export(
    out_dir: Annotated[Path, typer.Argument(help="Folder for the files (created if missing).")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="parquet, csv, or prov (lineage and every claim's mentions as W3C PROV-O "
            "JSON-LD, provenance.jsonld).",
        ),
    ] = "parquet",
) -> None:
    """Write the corroboration tables (committed runs only) as Parquet files for other tools."""
    from wiretrace.reports.prov import FILE_NAME, PROV_FORMAT, write_prov
    from wiretrace.warehouse.export import FORMATS, export_tables

    if fmt not in (*FORMATS, PROV_FORMAT):
        raise fail(f"--format must be one of {', '.join((*FORMATS, PROV_FORMAT))}", 2)
    conn = _read_conn(db)
    try:
        if fmt == PROV_FORMAT:
            counts = write_prov(conn, out_dir)
        else:
            counts = export_tables(conn, out_dir, fmt=fmt)
    except OSError as exc:
        raise fail(f"cannot write {out_dir}: {exc}") from None
    finally:
        conn.close()
    rows = ", ".join(f"{table} {n}" for table, n in counts.items())
    what = FILE_NAME if fmt == PROV_FORMAT else f"{len(counts)} {fmt} files"
    err.print(f"wrote {what} to {out_dir} ({rows})", highlight=False)


@app.command()
def ui(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on. Anything but 127.0.0.1 shows the warehouse to the "
            "network: put it behind a reverse proxy with authentication."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0: any free port).")] = 8765,
) -> None:
    """A local, read-only web app over the warehouse: claims, stories, outlets and runs."""
    from wiretrace.ui.app import serve

    if not db.exists():
        raise fail(f"no warehouse at {db}: run `wiretrace run --demo` (or --sources FILE) first")

    def announce(address: str) -> None:
        console.print(
            f"wiretrace ui: {address} (read-only over {db}; Ctrl-C stops)",
            highlight=False,
            soft_wrap=True,
        )

    serve(db, host=host, port=port, announce=announce)


from wiretrace.flows.archive_cli import archive_app, reextract_command  # noqa: E402
from wiretrace.flows.serve import serve_command  # noqa: E402

app.add_typer(archive_app, name="archive")
app.command("reextract")(reextract_command)
app.command("serve")(serve_command)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
