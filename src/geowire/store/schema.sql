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
    ingested_at TIMESTAMP DEFAULT current_timestamp
);
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
    mentions        INTEGER
);
CREATE TABLE IF NOT EXISTS rejects (
    origin      VARCHAR,
    line        INTEGER,
    reason      VARCHAR,
    rejected_at TIMESTAMP DEFAULT current_timestamp
);
