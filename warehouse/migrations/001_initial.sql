-- The warehouse's first shape. Applied once, in a transaction; never edited after landing.

CREATE TABLE runs (
    run_id       VARCHAR PRIMARY KEY,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    status       VARCHAR NOT NULL,          -- running | completed | failed
    sources      VARCHAR,                   -- the outlets file, or "demo edition N"
    counts       JSON,
    errors       JSON
);

CREATE TABLE outlets (
    outlet_id    VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,          -- wire | outlet
    timezone     VARCHAR NOT NULL,
    aliases      VARCHAR[],
    feeds        VARCHAR[],
    sitemaps     VARCHAR[]
);

CREATE TABLE feed_state (
    feed_url              VARCHAR PRIMARY KEY,
    outlet_id             VARCHAR NOT NULL,
    etag                  VARCHAR,
    last_modified         VARCHAR,
    body_sha256           VARCHAR,
    last_polled_at        TIMESTAMPTZ,
    last_status           INTEGER,
    last_error            VARCHAR,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    entries_seen          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE fetches (
    fetch_id        VARCHAR PRIMARY KEY,
    run_id          VARCHAR NOT NULL,
    outlet_id       VARCHAR NOT NULL,
    purpose         VARCHAR NOT NULL,       -- feed | sitemap | page
    url             VARCHAR NOT NULL,
    final_url       VARCHAR,
    status          INTEGER,                -- NULL when no HTTP answer came
    error           VARCHAR,                -- why the fetch (or its parse) failed, one line
    fetched_at      TIMESTAMPTZ NOT NULL,
    content_type    VARCHAR,
    etag            VARCHAR,
    last_modified   VARCHAR,
    body_sha256     VARCHAR,
    body_size       BIGINT,
    warc_file       VARCHAR,
    warc_offset     BIGINT,
    warc_record_id  VARCHAR
);

CREATE TABLE feed_entries (
    entry_key      VARCHAR PRIMARY KEY,
    outlet_id      VARCHAR NOT NULL,
    feed_url       VARCHAR NOT NULL,
    url            VARCHAR NOT NULL,
    title          VARCHAR,
    published_at   TIMESTAMPTZ,
    summary        VARCHAR,
    first_seen_at  TIMESTAMPTZ NOT NULL,
    run_id         VARCHAR NOT NULL
);

CREATE TABLE articles (
    version_id         VARCHAR PRIMARY KEY,   -- hash(canonical URL, text sha256)
    article_id         VARCHAR NOT NULL,      -- hash(canonical URL): the same across versions
    outlet_id          VARCHAR NOT NULL,
    url                VARCHAR NOT NULL,
    canonical_url      VARCHAR NOT NULL,
    title              VARCHAR,
    text               VARCHAR NOT NULL,
    text_sha256        VARCHAR NOT NULL,
    published_at       TIMESTAMPTZ,
    published_source   VARCHAR NOT NULL,      -- page | feed | fetch
    modified_at        TIMESTAMPTZ,
    authors            VARCHAR[],
    credit             VARCHAR,
    dateline           VARCHAR,
    lang               VARCHAR,
    sitename           VARCHAR,
    fetch_id           VARCHAR NOT NULL,
    extractor_version  VARCHAR NOT NULL,
    first_seen_at      TIMESTAMPTZ NOT NULL,
    run_id             VARCHAR NOT NULL
);

CREATE TABLE claims (
    claim_id      VARCHAR PRIMARY KEY,        -- hash(version_id, position)
    article_id    VARCHAR NOT NULL,
    version_id    VARCHAR NOT NULL,
    outlet_id     VARCHAR NOT NULL,
    position      INTEGER NOT NULL,
    start_offset  INTEGER NOT NULL,           -- character offsets in articles.text
    end_offset    INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    norm_text     VARCHAR NOT NULL,
    published_at  TIMESTAMPTZ
);

CREATE TABLE claim_quantities (
    claim_id      VARCHAR NOT NULL,
    idx           INTEGER NOT NULL,
    kind          VARCHAR NOT NULL,           -- money | percent | count
    value         DOUBLE NOT NULL,
    unit          VARCHAR NOT NULL,
    raw           VARCHAR NOT NULL,
    qualifier     VARCHAR,
    start_offset  INTEGER,
    end_offset    INTEGER,
    PRIMARY KEY (claim_id, idx)
);

CREATE TABLE claim_attributions (
    claim_id  VARCHAR NOT NULL,
    idx       INTEGER NOT NULL,
    cited     VARCHAR NOT NULL,               -- outlet id when known, else the name as written
    kind      VARCHAR NOT NULL,               -- outlet | person | organisation | anonymous
    cue       VARCHAR NOT NULL,
    raw       VARCHAR NOT NULL,
    PRIMARY KEY (claim_id, idx)
);

CREATE TABLE claim_matches (
    claim_a   VARCHAR NOT NULL,
    claim_b   VARCHAR NOT NULL,
    score     DOUBLE NOT NULL,
    decision  VARCHAR NOT NULL,               -- match | conflict
    PRIMARY KEY (claim_a, claim_b)
);

CREATE TABLE claim_clusters (
    claim_id    VARCHAR PRIMARY KEY,
    cluster_id  VARCHAR NOT NULL
);

CREATE TABLE lineage (
    article_id         VARCHAR NOT NULL,      -- the later article
    source_outlet      VARCHAR NOT NULL,      -- the outlet it derives from
    source_article_id  VARCHAR NOT NULL,      -- '' when the source was never fetched
    kind               VARCHAR NOT NULL,      -- verbatim | credited | attributed
    evidence           VARCHAR,
    PRIMARY KEY (article_id, source_outlet, kind)
);

CREATE TABLE corroboration (
    cluster_id           VARCHAR PRIMARY KEY,
    text                 VARCHAR NOT NULL,    -- the first mention's sentence
    outlets              VARCHAR[] NOT NULL,
    n_outlets            INTEGER NOT NULL,
    independent_sources  INTEGER NOT NULL,
    sources              VARCHAR[] NOT NULL,  -- the lineage roots counted as independent
    first_outlet         VARCHAR,
    first_published_at   TIMESTAMPTZ,
    first_time_source    VARCHAR,             -- page | feed | fetch
    numbers_agree        BOOLEAN NOT NULL,
    verdict              VARCHAR NOT NULL,
    reason               VARCHAR NOT NULL,
    n_mentions           INTEGER NOT NULL
);
