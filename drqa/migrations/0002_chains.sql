-- Labelling: one row per (request, question position): the chain, its answer, verdict and label.
CREATE TABLE chains (
    chain_id          VARCHAR PRIMARY KEY,   -- request_id || '-q' || position
    request_id        VARCHAR NOT NULL,
    run_id            VARCHAR NOT NULL,
    problem_id        VARCHAR NOT NULL,
    batch_size        INTEGER NOT NULL,
    position          INTEGER NOT NULL,      -- 0-based position of the question in the prompt
    sample_index      INTEGER NOT NULL,
    reasoning         VARCHAR,               -- thinking attributed to this question + its answer section
    answer            VARCHAR,               -- final answer as written; NULL when none was given
    split_status      VARCHAR NOT NULL,      -- ok | missing | truncated | unsplittable (labeling decides the set)
    split_confidence  DOUBLE,
    verify_status     VARCHAR,               -- correct | incorrect | no_answer | gold_unparseable | timeout | uncertain | error
    label             VARCHAR,               -- A | B | C; NULL when routed to review
    label_reason      VARCHAR,
    needs_review      BOOLEAN NOT NULL,
    label_rule        VARCHAR NOT NULL,      -- name@version
    verifier_version  VARCHAR NOT NULL,
    splitter_version  VARCHAR NOT NULL,
    thinking_tokens   BIGINT,
    answer_tokens     BIGINT,
    total_tokens      BIGINT,
    token_method      VARCHAR,               -- tokenizer:<name> | approx:<how>
    model             VARCHAR,
    labelled_at       TIMESTAMP NOT NULL
);
