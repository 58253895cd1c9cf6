-- A run's label (the outlets file it polled, "demo edition N", "reextract") was stored as
-- `runs.sources`, a word the warehouse also uses for independent sources. It is `label` now.
ALTER TABLE runs RENAME COLUMN sources TO label;
