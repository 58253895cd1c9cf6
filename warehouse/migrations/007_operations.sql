-- Running for months: which runs' data readers see, runs that died, and what a rerun may skip.

-- When a run's data became visible to readers: set in the transaction that swaps in the
-- corroboration tables computed over it. A run that loaded articles but died before that
-- stays NULL; the next run that commits covers its articles too.
ALTER TABLE runs ADD COLUMN committed_at TIMESTAMPTZ;
UPDATE runs SET committed_at = finished_at WHERE status = 'completed';

-- The feed's own modified time for an entry (sitemap <lastmod>, Atom/RSS <updated>).
ALTER TABLE feed_entries ADD COLUMN modified_at TIMESTAMPTZ;

-- One row per article page we have an answer for (200 or 304): a known page is not asked again
-- unless its feed says it changed since (or it is young; see README "Incremental runs").
CREATE TABLE page_state (
    url                 VARCHAR PRIMARY KEY,
    outlet_id           VARCHAR NOT NULL,
    listed_modified_at  TIMESTAMPTZ,          -- the feed's modified time for it when last asked
    last_checked_at     TIMESTAMPTZ NOT NULL,
    last_status         INTEGER NOT NULL,     -- 200 or 304
    run_id              VARCHAR NOT NULL
);

-- The newest loaded version of each article, whether or not its run finished: what a run
-- matches and groups (the pipeline's own reads). Readers use latest_articles.
CREATE OR REPLACE VIEW latest_loaded_articles AS
SELECT * EXCLUDE (rn) FROM (
    SELECT a.*, row_number() OVER (
        PARTITION BY article_id ORDER BY first_seen_at DESC, version_id) AS rn
    FROM articles a
) WHERE rn = 1;

-- Every article version readers may see: loaded by a run that committed, or by an earlier run
-- whose articles a later committed run covered (each run matches every claim not yet
-- clustered). A version loaded by a run that died, or is still running, stays invisible until
-- a run commits after it, so what readers see agrees with the corroboration tables. Rows whose
-- run is not in `runs` (loaded by hand or by tests) are visible.
CREATE OR REPLACE VIEW committed_articles AS
SELECT a.*
FROM articles a
LEFT JOIN runs r ON r.run_id = a.run_id
WHERE r.run_id IS NULL
   OR r.started_at <= (SELECT max(started_at) FROM runs WHERE committed_at IS NOT NULL);

-- The newest committed version of each article: what every reader's view builds on.
CREATE OR REPLACE VIEW latest_articles AS
SELECT * EXCLUDE (rn) FROM (
    SELECT a.*, row_number() OVER (
        PARTITION BY article_id ORDER BY first_seen_at DESC, version_id) AS rn
    FROM committed_articles a
) WHERE rn = 1;
