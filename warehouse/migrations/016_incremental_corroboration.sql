-- What a corroboration pass keeps so that the next one judges again only the clusters a run
-- touched (corroboration/corroborate.py, `corroborate_changes`). Both are written with the
-- corroboration tables, in the same transaction; a pass that finds them missing or judged
-- under other settings judges every cluster again.

-- Each cluster's lineage edges as its verdict gave them, before one edge per article, source
-- outlet and kind is chosen by vote over the article's clusters (`lineage`): an article whose
-- cluster changed is voted on again from its other clusters' edges without judging them.
CREATE TABLE cluster_lineage (
    cluster_id         VARCHAR NOT NULL,
    article_id         VARCHAR NOT NULL,      -- the later article
    source_outlet      VARCHAR NOT NULL,
    kind               VARCHAR NOT NULL,      -- verbatim | credited | attributed
    source_article_id  VARCHAR NOT NULL,      -- '' when the source was never fetched
    evidence           VARCHAR NOT NULL,
    PRIMARY KEY (cluster_id, article_id, source_outlet, kind)
);

-- What the stored verdicts were judged with (outlet names, kinds and aliases, the matching
-- window, the judging rules' version), as one digest: when it differs, every cluster is
-- judged again.
CREATE TABLE corroboration_settings (
    name    VARCHAR PRIMARY KEY,
    digest  VARCHAR NOT NULL
);
