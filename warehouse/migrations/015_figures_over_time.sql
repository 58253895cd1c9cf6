-- Figures over time: each figure on its claim's timeline (who gave it, when, what it replaced),
-- the kind and reason of every disagreement, and the series of clusters one claim restated
-- week after week forms. Judged by corroboration (corroboration/timeline.py) and swapped with
-- the other corroboration tables; filled by the first run after this migration.

-- independent: two primary sources disagree within one news cycle; relay: a relay does not
-- carry its source's figure, or two relays of one source give two figures at one time.
ALTER TABLE figure_disagreements ADD COLUMN kind VARCHAR DEFAULT 'independent';
ALTER TABLE figure_disagreements ADD COLUMN reason VARCHAR DEFAULT '';

-- A claim restated after the matching window is a new cluster of the same series: the series
-- is named by its earliest cluster; '' when the cluster is no part of one.
ALTER TABLE corroboration ADD COLUMN series_id VARCHAR DEFAULT '';
ALTER TABLE corroboration ADD COLUMN previous_cluster_id VARCHAR DEFAULT '';

CREATE TABLE figure_timeline (
    cluster_id         VARCHAR NOT NULL,
    claim_id           VARCHAR NOT NULL,   -- the mention (an earlier version of an article too)
    idx                INTEGER NOT NULL,   -- which of its figures (claim_quantities.idx)
    rank               INTEGER NOT NULL,   -- its place on the claim's timeline, earliest first
    line               INTEGER NOT NULL,   -- which figure of the claim (its kind, unit, rank)
    source             VARCHAR,            -- the primary source it stands for
    via                VARCHAR,            -- own | quoted | credited | verbatim | attributed | earlier-version
    status             VARCHAR NOT NULL,   -- first | same | update | dispute | later
    replaces_claim_id  VARCHAR,            -- the figure it supersedes (update) or disputes
    replaces_idx       INTEGER,
    note               VARCHAR,            -- why it has its status
    PRIMARY KEY (claim_id, idx)
);

-- Each figure of each claim over time, with its outlet, time and value as written.
CREATE OR REPLACE VIEW figure_timelines AS
SELECT
    t.cluster_id,
    t.rank,
    t.line,
    c.outlet_id,
    t.source,
    t.via,
    c.published_at,
    q.raw,
    q.value,
    q.unit,
    q.qualifier,
    t.status,
    t.replaces_claim_id,
    t.replaces_idx,
    r.raw AS replaces_raw,
    t.note,
    t.claim_id,
    t.idx
FROM figure_timeline t
JOIN claims c USING (claim_id)
JOIN claim_quantities q ON q.claim_id = t.claim_id AND q.idx = t.idx
LEFT JOIN claim_quantities r ON r.claim_id = t.replaces_claim_id AND r.idx = t.replaces_idx;

-- Clusters whose figures are in dispute: every figure each outlet gives, the kind of
-- disagreement (independent sources, or a relay against its source) and why, pair by pair.
CREATE OR REPLACE VIEW disputes AS
WITH figures AS (
    SELECT
        m.cluster_id,
        list({'outlet': m.outlet_id, 'raw': q.raw, 'value': q.value, 'unit': q.unit,
              'source': m.source}
             ORDER BY m.published_at, m.outlet_id, q.idx) AS figures
    FROM claim_mentions m
    JOIN claim_quantities q ON q.claim_id = m.claim_id
    WHERE m.via <> 'earlier-version'
    GROUP BY m.cluster_id
), pairs AS (
    -- each disagreeing pair once: the earlier mention's figure first
    SELECT
        d.cluster_id,
        list_sort(list_distinct(list(d.kind))) AS kinds,
        list({'outlet': a.outlet_id, 'raw': qa.raw, 'other_outlet': b.outlet_id,
              'other_raw': qb.raw, 'kind': d.kind, 'reason': d.reason}
             ORDER BY a.published_at, a.outlet_id, d.idx, b.outlet_id, d.other_idx)
            AS disagreements
    FROM figure_disagreements d
    JOIN claims a ON a.claim_id = d.claim_id
    JOIN claims b ON b.claim_id = d.other_claim_id
    JOIN claim_quantities qa ON qa.claim_id = d.claim_id AND qa.idx = d.idx
    JOIN claim_quantities qb ON qb.claim_id = d.other_claim_id AND qb.idx = d.other_idx
    WHERE coalesce(a.published_at, 'infinity'::TIMESTAMPTZ) < coalesce(b.published_at, 'infinity'::TIMESTAMPTZ)
       OR (coalesce(a.published_at, 'infinity'::TIMESTAMPTZ) = coalesce(b.published_at, 'infinity'::TIMESTAMPTZ)
           AND a.claim_id < b.claim_id)
    GROUP BY d.cluster_id
)
SELECT
    s.cluster_id,
    s.text,
    s.outlets,
    s.reason,
    f.figures,
    coalesce(p.kinds, []) AS kinds,
    CASE
        WHEN list_contains(p.kinds, 'independent') THEN 'independent'
        WHEN list_contains(p.kinds, 'relay') THEN 'relay'
        ELSE 'wording'  -- the plain numbers of near-identical sentences differ
    END AS kind,
    coalesce(p.disagreements, []) AS disagreements
FROM corroboration s
JOIN figures f USING (cluster_id)
LEFT JOIN pairs p USING (cluster_id)
WHERE NOT s.numbers_agree;
