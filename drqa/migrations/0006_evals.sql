-- Evaluations (`drqa eval`). They live in the workspace's eval store (WORKSPACE/evals, a
-- workspace of its own whose runs/requests/generations hold only eval prompts and answers).
-- One eval run = one model configuration x one suite; its lineage is here and in `runs.config`.
CREATE TABLE eval_runs (
    run_id            VARCHAR PRIMARY KEY,   -- = runs.run_id: hash of model, backend, sampling, prompt, benchmark
    model_label       VARCHAR NOT NULL,      -- the row name in reports
    suite             VARCHAR NOT NULL,
    model             VARCHAR NOT NULL,      -- path, Hub id or served name
    revision          VARCHAR,
    backend           VARCHAR NOT NULL,
    sampling          JSON NOT NULL,
    prompt_name       VARCHAR NOT NULL,
    prompt_hash       VARCHAR NOT NULL,
    benchmark_source  VARCHAR NOT NULL,      -- file path or Hub id
    benchmark_sha256  VARCHAR NOT NULL,      -- sha256 of the file, or hub id@revision:fingerprint
    training          JSON,                  -- drqa_training.json facts (release version, manifest sha256)
    contamination     JSON,                  -- overlap of the training release with this suite
    code_version      VARCHAR NOT NULL,
    created_at        TIMESTAMP NOT NULL
);

-- The problems each run asks (its requests' problem_ids are problem_key values).
CREATE TABLE eval_problems (
    run_id         VARCHAR NOT NULL,
    problem_key    VARCHAR NOT NULL,         -- the benchmark's own id, else its row number
    position       INTEGER NOT NULL,         -- order in the benchmark
    problem        VARCHAR NOT NULL,
    answer         VARCHAR NOT NULL,         -- gold answer (GPQA: the correct option's text)
    choices        VARCHAR[],                -- GPQA: the four options in prompt order
    answer_letter  VARCHAR,
    PRIMARY KEY (run_id, problem_key)
);

-- One verdict per sample (request); every figure in a report is recomputed from these rows.
CREATE TABLE eval_samples (
    request_id        VARCHAR PRIMARY KEY,
    run_id            VARCHAR NOT NULL,
    problem_key       VARCHAR NOT NULL,
    sample_index      INTEGER NOT NULL,
    status            VARCHAR NOT NULL,      -- correct | incorrect | no_answer | truncated | failed | timeout | gold_unparseable
    correct           BOOLEAN NOT NULL,
    answer            VARCHAR,               -- the final answer as written (after the thinking)
    answer_key        VARCHAR,               -- what majority voting groups by (normalised answer / letter)
    truncated         BOOLEAN NOT NULL,      -- finish_reason = length
    output_tokens     BIGINT,                -- reasoning included
    token_method      VARCHAR NOT NULL,      -- usage | tokenizer:<name> | approx:<how>
    detail            VARCHAR,
    verifier_version  VARCHAR NOT NULL,
    scorer_version    VARCHAR NOT NULL,
    scored_at         TIMESTAMP NOT NULL
);

-- The figures of a run as last computed by `drqa eval` (a report recomputes them from samples).
CREATE TABLE eval_results (
    run_id                 VARCHAR PRIMARY KEY,
    n_problems             BIGINT NOT NULL,
    n_samples              BIGINT NOT NULL,
    n_failed               BIGINT NOT NULL,
    metrics                JSON NOT NULL,    -- pass@1 (+ se, 95% interval), majority@k, pass@k, tokens, rates
    computed_at            TIMESTAMP NOT NULL
);
