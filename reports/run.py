"""A run's summary: its counts, the clusters it created or changed, and its Markdown report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wiretrace.reports.formatting import md_escape


@dataclass
class RunSummary:
    """What one run did, counted as it goes; the CLI prints it and `runs.counts` stores it."""

    run_id: str
    label: str
    outlets: int = 0
    feeds_polled: int = 0
    feeds_failed: int = 0
    feeds_deferred: int = 0
    entries: int = 0
    pages_fetched: int = 0
    pages_unchanged: int = 0
    pages_failed: int = 0
    pages_skipped: int = 0
    pages_known: int = 0  # listed again, known and not changed: not asked
    articles_new: int = 0
    claims_new: int = 0
    clusters: int = 0
    clusters_new: int = 0
    clusters_changed: int = 0
    disputes_new: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    failed_feeds: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage (wiretrace.timing)

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    def counts(self) -> dict[str, Any]:
        """What `runs.counts` stores: everything but the error messages, which have a column."""
        return {k: v for k, v in self.as_dict().items() if k != "errors"}


def stage_shares(stages: dict[str, float], seconds: float) -> str:
    """'extract 3.10 s (45%), score 1.20 s (17%), ...': the stages that took a hundredth of a
    second or more, in the run's order, each with its share of the run's wall time."""
    shown = [
        f"{name} {took:.2f} s ({took / seconds:.0%})" if seconds > 0 else f"{name} {took:.2f} s"
        for name, took in stages.items()
        if took >= 0.01
    ]
    return ", ".join(shown) or "under a hundredth of a second each"


ClusterState = tuple[str, int, int, str]  # verdict, outlets, independent sources, text


@dataclass(frozen=True, slots=True)
class ClusterChanges:
    """Clusters a run created or changed, compared before and after its corroborate step."""

    new: tuple[tuple[str, ClusterState], ...] = ()
    changed: tuple[tuple[str, ClusterState, ClusterState], ...] = ()  # id, before, after
    new_disputes: tuple[tuple[str, ClusterState], ...] = ()
    removed: tuple[str, ...] = ()  # ids gone: merged into another cluster, split, re-keyed


def cluster_changes(
    before: Mapping[str, ClusterState], after: Mapping[str, ClusterState]
) -> ClusterChanges:
    """New clusters, clusters whose verdict, outlets or sources changed, and new disputes."""
    new = tuple((cid, state) for cid, state in sorted(after.items()) if cid not in before)
    changed = tuple(
        (cid, before[cid], state)
        for cid, state in sorted(after.items())
        if cid in before and before[cid][:3] != state[:3]
    )
    disputes = tuple(
        (cid, state)
        for cid, state in sorted(after.items())
        if state[0] == "disputed" and (cid not in before or before[cid][0] != "disputed")
    )
    removed = tuple(sorted(cid for cid in before if cid not in after))
    return ClusterChanges(new, changed, disputes, removed)


ARTIFACT_ROWS = 30  # clusters listed per section; the rest are counted


def run_summary_markdown(summary: RunSummary, changes: ClusterChanges) -> str:
    """The run's Prefect artifact: counts, new and changed clusters, new disputes, failed feeds."""
    def claim(cid: str, state: ClusterState) -> str:
        text = state[3] if len(state[3]) <= 140 else state[3][:139] + "…"
        return f"`{cid}` | {md_escape(text)}"

    def table(header: str, rows: list[str], total: int) -> str:
        if not rows:
            return "none"
        extra = (
            f"\n\n…and {total - len(rows)} more (`wiretrace claims`)" if total > len(rows) else ""
        )
        columns = header.count("|") - 1
        return header + "\n" + "|---" * columns + "|\n" + "\n".join(rows) + extra

    counts = (
        ("outlets", summary.outlets),
        ("feeds polled", summary.feeds_polled),
        ("feeds failed", summary.feeds_failed),
        ("feeds deferred", summary.feeds_deferred),
        ("entries", summary.entries),
        ("pages fetched", summary.pages_fetched),
        ("pages unchanged", summary.pages_unchanged),
        ("pages failed", summary.pages_failed),
        ("new articles", summary.articles_new),
        ("new claims", summary.claims_new),
        ("clusters", summary.clusters),
        ("new clusters", len(changes.new)),
        ("changed clusters", len(changes.changed)),
        ("clusters gone (merged, split)", len(changes.removed)),
        ("new disputes", len(changes.new_disputes)),
        ("seconds", summary.seconds),
    )
    head = "| cluster | claim | verdict | outlets | independent sources |"
    sections = [
        f"# wiretrace run {summary.run_id}\n\n{md_escape(summary.label)}",
        "| count | |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in counts),
        "## Time by stage\n\n"
        + table(
            "| stage | seconds | share |",
            [
                f"| {name} | {took:.2f} | {took / (summary.seconds or 1):.0%} |"
                for name, took in summary.stages.items()
            ],
            len(summary.stages),
        ),
        "## Clusters by verdict\n\n"
        + table(
            "| verdict | clusters |",
            [f"| {v} | {n} |" for v, n in sorted(summary.verdicts.items())],
            len(summary.verdicts),
        ),
        f"## New disputes ({len(changes.new_disputes)})\n\n"
        + table(
            "| cluster | claim |",
            [f"| {claim(c, s)} |" for c, s in changes.new_disputes[:ARTIFACT_ROWS]],
            len(changes.new_disputes),
        ),
        f"## Changed clusters ({len(changes.changed)})\n\n"
        + table(
            head,
            [
                f"| {claim(c, a)} | {b[0]} → {a[0]} | {b[1]} → {a[1]} | {b[2]} → {a[2]} |"
                for c, b, a in changes.changed[:ARTIFACT_ROWS]
            ],
            len(changes.changed),
        ),
        f"## New clusters ({len(changes.new)})\n\n"
        + table(
            head,
            [
                f"| {claim(c, s)} | {s[0]} | {s[1]} | {s[2]} |"
                for c, s in changes.new[:ARTIFACT_ROWS]
            ],
            len(changes.new),
        ),
        f"## Failed feeds ({len(summary.failed_feeds)})\n\n"
        + ("\n".join(f"- {md_escape(f)}" for f in summary.failed_feeds) or "none"),
        f"## Failures ({len(summary.errors)})\n\n"
        + ("\n".join(f"- {md_escape(e)}" for e in summary.errors[:50]) or "none"),
    ]
    return "\n\n".join(sections) + "\n"
