"""Whether each key claim of the demo (sources/demo/expected.json) is one claim cluster after a run.

    wiretrace run --demo --db /tmp/w/wiretrace.duckdb
    python bench/demo_key_claims.py /tmp/w/wiretrace.duckdb

For every key claim, each outlet's phrase is looked up among the claims of that outlet's
article; the claim holding it gives its cluster. A key claim is whole when every phrase found
lands in one cluster; a split one prints the clusters and the sentences, so a reader sees why.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

EXPECTED = Path(__file__).resolve().parent.parent / "sources" / "demo" / "expected.json"
CLAIMS_OF_ARTICLES = """
SELECT a.url, c.text, cc.cluster_id
FROM claims c
JOIN latest_articles a ON a.version_id = c.version_id
JOIN claim_clusters cc USING (claim_id)
"""


def key_claim_clusters(conn: duckdb.DuckDBPyConnection) -> list[dict[str, object]]:
    """Per key claim: the cluster of each outlet's phrase (None when no claim holds it)."""
    by_path: dict[str, list[tuple[str, str]]] = {}
    for url, text, cluster_id in conn.execute(CLAIMS_OF_ARTICLES).fetchall():
        by_path.setdefault(urlsplit(url).path, []).append((text, cluster_id))
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    out = []
    for key in expected["key_claims"]:
        found = {}
        for path, phrase in key["phrases"].items():
            hits = [(t, c) for t, c in by_path.get(path, []) if phrase in t]
            found[path] = hits[0] if hits else None
        out.append({"key": key, "found": found})
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with duckdb.connect(argv[0], read_only=True) as conn:
        results = key_claim_clusters(conn)
    whole = 0
    for item in results:
        key, found = item["key"], item["found"]
        assert isinstance(key, dict) and isinstance(found, dict)
        clusters = {hit[1] for hit in found.values() if hit}
        missing = [p for p, hit in found.items() if not hit]
        ok = len(clusters) == 1 and not missing
        whole += ok
        if not ok:
            print(f"SPLIT {key['story']}: {key['phrase']!r} in {len(clusters)} clusters")
            for path, hit in found.items():
                outlet = path.split("/")[1]
                text = hit[0] if hit else "(no claim holds the phrase)"
                cluster = hit[1] if hit else "-"
                print(f"    {outlet:10} {cluster}  {text[:150]}")
    print(f"key claims in one cluster: {whole} of {len(results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
