-- Labels you can train on (issue 9): where each chain's answer came from, why a chain is
-- truncated, whether its thinking is shared with the rest of its batch (it could not be cut),
-- the verifier's reason, and the optional LLM judge that decided an abstained verdict.
ALTER TABLE chains ADD COLUMN answer_source VARCHAR;    -- answer-section | summary | table | order | thinking; NULL without an answer
ALTER TABLE chains ADD COLUMN truncation VARCHAR;       -- why the chain is truncated (drqa.text.TRUNCATION_REASONS); NULL otherwise
ALTER TABLE chains ADD COLUMN shared_thinking BOOLEAN;  -- the batch's whole thinking is in this chain: it could not be cut
ALTER TABLE chains ADD COLUMN verify_detail VARCHAR;    -- how the verdict was reached (e.g. "prose", "math-verify")
ALTER TABLE chains ADD COLUMN judge VARCHAR;            -- judge model@prompt-hash that decided an uncertain verdict; NULL if none

-- Verdicts of the optional LLM judge, cached by what decides them.
CREATE TABLE judge_verdicts (
    gold           VARCHAR NOT NULL,
    answer         VARCHAR NOT NULL,
    judge_model    VARCHAR NOT NULL,
    prompt_hash    VARCHAR NOT NULL,
    verdict        VARCHAR NOT NULL,      -- correct | incorrect | uncertain
    raw            VARCHAR,               -- the judge's reply as received
    created_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (gold, answer, judge_model, prompt_hash)
);
