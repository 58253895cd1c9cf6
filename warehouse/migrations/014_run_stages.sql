-- Where a run's time went: one row per stage (poll, fetch, extract, claims, load, read, block,
-- score, cluster, verdicts, stories, swap), read from the seconds the run stored in
-- runs.counts.stages, with each stage's share of the run's wall time.
CREATE OR REPLACE VIEW run_stages AS
SELECT
    r.run_id,
    r.started_at,
    s.stage,
    CAST(json_extract(r.counts, '$.stages') ->> s.stage AS DOUBLE) AS seconds,
    CAST(json_extract(r.counts, '$.stages') ->> s.stage AS DOUBLE)
        / NULLIF(CAST(r.counts ->> 'seconds' AS DOUBLE), 0) AS share
FROM runs AS r,
    unnest(json_keys(json_extract(r.counts, '$.stages'))) AS s(stage)
WHERE r.counts IS NOT NULL AND json_extract(r.counts, '$.stages') IS NOT NULL;
