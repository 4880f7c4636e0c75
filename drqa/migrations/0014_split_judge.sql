-- The model fallback for batched splits (label.split_judge, issue 17.1): what a model said about
-- one response, cached by what decides it (the response's sha256, the model, the prompt's
-- hash), accepted only when its spans check against the text, else kept with the reason.
CREATE TABLE split_judgements (
    response_sha256 VARCHAR NOT NULL,
    judge_model     VARCHAR NOT NULL,
    prompt_hash     VARCHAR NOT NULL,
    n_questions     INTEGER NOT NULL,
    accepted        BOOLEAN NOT NULL,
    reason          VARCHAR,              -- why a reply was rejected (split_judge_check.REASONS); NULL when accepted
    spans           VARCHAR,              -- JSON [{question, start, end, answer}] checked against the text; NULL when rejected
    raw             VARCHAR,              -- the model's reply as received
    created_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (response_sha256, judge_model, prompt_hash)
);
