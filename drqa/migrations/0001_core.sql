-- Core tables: where problems come from, what was rejected, runs, requests and raw generations.
CREATE TABLE sources (
    source_id     VARCHAR PRIMARY KEY,   -- hash of (kind, uri, config, split, revision, mapping)
    kind          VARCHAR NOT NULL,      -- 'file' | 'hub'
    uri           VARCHAR NOT NULL,
    hf_config     VARCHAR,
    split         VARCHAR,
    revision      VARCHAR,
    mapping       JSON NOT NULL,
    n_rows        BIGINT NOT NULL,
    n_accepted    BIGINT NOT NULL,
    n_rejected    BIGINT NOT NULL,
    ingested_at   TIMESTAMP NOT NULL
);

CREATE TABLE problems (
    problem_id      VARCHAR PRIMARY KEY,  -- hash of the normalised problem text
    source_id       VARCHAR NOT NULL,
    source_row      BIGINT NOT NULL,      -- 1-based line/row number in the source
    source_key      VARCHAR,              -- the source's own id, when it has one
    problem         VARCHAR NOT NULL,
    answer          VARCHAR NOT NULL,
    difficulty      DOUBLE,
    subject         VARCHAR,
    contaminated_by VARCHAR[],            -- benchmark names whose n-grams overlap this problem
    created_at      TIMESTAMP NOT NULL
);

CREATE TABLE rejects (
    source_id    VARCHAR NOT NULL,
    source_row   BIGINT,
    reason       VARCHAR NOT NULL,        -- malformed_json | undecodable | empty_problem | missing_answer | duplicate | near_duplicate | ...
    detail       VARCHAR,
    raw          VARCHAR,
    created_at   TIMESTAMP NOT NULL
);

CREATE TABLE runs (
    run_id        VARCHAR PRIMARY KEY,    -- hash of the run's generation-relevant config
    name          VARCHAR NOT NULL,
    config        JSON NOT NULL,          -- model, revision, backend, sampling, templates (no secrets)
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE requests (
    request_id     VARCHAR PRIMARY KEY,   -- hash of (run_id, ordered problem ids, sample index)
    run_id         VARCHAR NOT NULL,
    batch_id       VARCHAR NOT NULL,      -- hash of the ordered problem ids
    batch_size     INTEGER NOT NULL,
    sample_index   INTEGER NOT NULL,
    problem_ids    VARCHAR[] NOT NULL,    -- in prompt order: position i is problem_ids[i]
    messages       JSON NOT NULL,         -- the chat messages as sent
    template_name  VARCHAR NOT NULL,
    template_hash  VARCHAR NOT NULL,
    created_at     TIMESTAMP NOT NULL
);

CREATE TABLE generations (
    request_id        VARCHAR PRIMARY KEY,
    run_id            VARCHAR NOT NULL,
    status            VARCHAR NOT NULL,   -- ok | failed
    error             VARCHAR,            -- reason when failed (after retries)
    content           VARCHAR,            -- the answer part (after </think>) as received
    reasoning         VARCHAR,            -- the thinking part (reasoning_content or <think>...</think>)
    raw_response      VARCHAR,            -- the whole message exactly as received
    finish_reason     VARCHAR,
    prompt_tokens     BIGINT,
    completion_tokens BIGINT,
    latency_s         DOUBLE,
    attempts          INTEGER,
    backend           VARCHAR,
    model             VARCHAR,
    endpoint          VARCHAR,
    created_at        TIMESTAMP NOT NULL
);

-- How far each raw generation chunk file has been merged into `generations` (bytes).
CREATE TABLE raw_chunks (
    path          VARCHAR PRIMARY KEY,    -- relative to the workspace
    run_id        VARCHAR NOT NULL,
    merged_bytes  BIGINT NOT NULL,
    merged_lines  BIGINT NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
