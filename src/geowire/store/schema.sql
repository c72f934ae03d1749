-- geowire store schema (DuckDB). One row per document, per coded event, per rejected input.
CREATE TABLE IF NOT EXISTS documents (
    id          VARCHAR PRIMARY KEY,
    hash        VARCHAR NOT NULL,
    title       VARCHAR,
    url         VARCHAR,
    date        DATE,
    origin      VARCHAR,
    text        VARCHAR NOT NULL,
    tone        DOUBLE,
    n_events    INTEGER,
    ingested_at TIMESTAMP DEFAULT current_timestamp,
    status      VARCHAR DEFAULT 'coded',   -- coded | duplicate | skipped
    duplicate_of VARCHAR,                  -- the original of a duplicate (exact or near)
    similarity  DOUBLE,                    -- estimated Jaccard similarity with the original (1 = exact)
    lang        VARCHAR,
    reason      VARCHAR,                   -- why a document was skipped
    author      VARCHAR
);
-- Files created before these columns existed get them here (no-ops on a new file).
ALTER TABLE documents ADD COLUMN IF NOT EXISTS status VARCHAR DEFAULT 'coded';
ALTER TABLE documents ADD COLUMN IF NOT EXISTS duplicate_of VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS similarity DOUBLE;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS lang VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS reason VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS author VARCHAR;
CREATE TABLE IF NOT EXISTS events (
    id              VARCHAR PRIMARY KEY,
    doc_id          VARCHAR NOT NULL,
    sentence_index  INTEGER,
    sentence        VARCHAR,
    source_text     VARCHAR, source_start INTEGER, source_end INTEGER, source_name VARCHAR,
    source_code     VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    target_text     VARCHAR, target_start INTEGER, target_end INTEGER, target_name VARCHAR,
    target_code     VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    trigger_text    VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
    -- where the act happened (the event's `location`; all NULL when the text gives no place)
    location_text   VARCHAR, location_start INTEGER, location_end INTEGER, location_name VARCHAR,
    location_country VARCHAR, location_adm1 VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
    location_geonames_id INTEGER, location_precision VARCHAR,
    cameo           VARCHAR NOT NULL,
    cameo_root      VARCHAR NOT NULL,
    quad_class      TINYINT,
    goldstein       DOUBLE,
    plover_type     VARCHAR,
    plover_mode     VARCHAR,
    negated         BOOLEAN,
    modality        VARCHAR,
    attributed_to   JSON,
    date            VARCHAR,
    confidence      DOUBLE,
    tone            DOUBLE,
    mentions        INTEGER,
    confident       BOOLEAN,   -- at or above the confidence bar of the run that coded it (NULL: older stores)
    explain         JSON       -- why it was printed: rule, candidate, actor resolution, cues, features
);
ALTER TABLE events ADD COLUMN IF NOT EXISTS confident BOOLEAN;
ALTER TABLE events ADD COLUMN IF NOT EXISTS explain JSON;
CREATE TABLE IF NOT EXISTS rejects (
    origin      VARCHAR,
    line        INTEGER,
    reason      VARCHAR,
    rejected_at TIMESTAMP DEFAULT current_timestamp
);
-- Near-duplicate index (see ingest/dedup.py): one key per MinHash band and original document.
CREATE TABLE IF NOT EXISTS minhash_bands (
    key     BIGINT NOT NULL,
    doc_id  VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS minhash_sigs (
    doc_id  VARCHAR PRIMARY KEY,
    sig     BLOB NOT NULL
);
-- `geowire watch`: per-feed HTTP state and the entries already processed.
CREATE TABLE IF NOT EXISTS feeds (
    url         VARCHAR PRIMARY KEY,
    etag        VARCHAR,
    modified    VARCHAR,
    last_polled TIMESTAMP,
    last_status VARCHAR
);
CREATE TABLE IF NOT EXISTS feed_entries (
    feed     VARCHAR NOT NULL,
    entry    VARCHAR NOT NULL,
    url      VARCHAR,
    doc_id   VARCHAR,
    seen_at  TIMESTAMP DEFAULT current_timestamp,
    PRIMARY KEY (feed, entry)
);
-- Sources per coded document: itself plus every duplicate linked to it.
CREATE OR REPLACE VIEW document_sources AS
    SELECT d.id, 1 + count(dup.id) AS sources
    FROM documents d LEFT JOIN documents dup ON dup.duplicate_of = d.id AND dup.status = 'duplicate'
    WHERE d.status <> 'duplicate'
    GROUP BY d.id;
-- `geowire monitor` and `geowire watch`: one row per poll with its counts (`geowire status`).
CREATE TABLE IF NOT EXISTS polls (
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    feeds       INTEGER,
    new_entries INTEGER,
    read        INTEGER,
    stored      INTEGER,
    already     INTEGER,
    duplicates  INTEGER,
    skipped     INTEGER,
    rejected    INTEGER,
    events      INTEGER,
    errors      INTEGER,              -- feeds that could not be fetched or read
    alerts      INTEGER,
    complete    BOOLEAN               -- false when a shutdown stopped the poll part-way
);
-- Alerts raised by rules (`geowire alerts`, `geowire monitor`): one per rule, subject and window.
CREATE TABLE IF NOT EXISTS alerts (
    id           VARCHAR PRIMARY KEY,
    rule         VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,    -- count | zscore
    subject      VARCHAR NOT NULL,    -- the dyad or actor it is about (RUS-UKR, IRN)
    value        DOUBLE,              -- the count or the z-score that fired it
    threshold    DOUBLE,
    window_start VARCHAR,
    window_end   VARCHAR,
    message      VARCHAR,
    events       JSON,                -- the events behind it, with their evidence sentences
    fired_at     TIMESTAMP DEFAULT current_timestamp,
    delivery     VARCHAR              -- NULL: no webhook; pending | sent | failed: reason
);
-- Event columns added after the first release: files created before them get them here (no-ops on a new file).
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_text VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_start INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_end INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_name VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_country VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_adm1 VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_lat DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_lon DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_geonames_id INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_precision VARCHAR;
