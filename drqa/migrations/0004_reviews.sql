-- Annotator review in Argilla: rounds pushed, chains sent, responses pulled, and the consensus.
CREATE TABLE review_rounds (
    dataset        VARCHAR PRIMARY KEY,   -- Argilla dataset name: one dataset per review round
    round          VARCHAR NOT NULL,
    api_url        VARCHAR NOT NULL,      -- the Argilla it was pushed to
    argilla_workspace VARCHAR NOT NULL,
    min_submitted  INTEGER NOT NULL,      -- submissions each record needs (task distribution)
    n_records      BIGINT NOT NULL,
    seed           BIGINT NOT NULL,
    pushed_at      TIMESTAMP NOT NULL
);

CREATE TABLE review_items (
    dataset        VARCHAR NOT NULL,
    chain_id       VARCHAR NOT NULL,      -- = the Argilla record's id (external id)
    reason         VARCHAR NOT NULL,      -- needs_review | stratified | audit
    auto_label     VARCHAR,               -- the automatic label when pushed (the suggestion)
    label_rule     VARCHAR,
    pushed_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (dataset, chain_id)
);

-- One row per submitted response (reviewer x chain x round); a re-pull replaces it in place.
CREATE TABLE reviews (
    dataset        VARCHAR NOT NULL,      -- the review round's Argilla dataset
    chain_id       VARCHAR NOT NULL,
    record_id      VARCHAR NOT NULL,      -- Argilla's own record uuid
    reviewer       VARCHAR NOT NULL,      -- Argilla username
    reviewer_id    VARCHAR NOT NULL,
    label          VARCHAR,               -- A | B | C (NULL when the reviewer left it empty)
    comment        VARCHAR,
    submitted_at   TIMESTAMP,             -- the response's last update in Argilla
    pulled_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (dataset, chain_id, reviewer)
);

-- Responses on records the catalog does not know: kept aside and counted, never merged.
CREATE TABLE reviews_unmatched (
    dataset        VARCHAR NOT NULL,
    external_id    VARCHAR,               -- the record's external id as found (may be NULL)
    record_id      VARCHAR NOT NULL,
    reviewer       VARCHAR NOT NULL,
    label          VARCHAR,
    comment        VARCHAR,
    submitted_at   TIMESTAMP,
    reason         VARCHAR NOT NULL,      -- unknown_chain | no_external_id
    pulled_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (dataset, record_id, reviewer)
);

-- The human label per chain: the majority of its reviewers' latest labels (one vote per
-- reviewer, across rounds); a tie leaves label NULL and has_consensus false.
CREATE VIEW review_consensus AS
WITH latest AS (
    SELECT chain_id, reviewer, label, submitted_at
    FROM reviews
    WHERE label IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY chain_id, reviewer ORDER BY submitted_at DESC NULLS LAST, dataset DESC
    ) = 1
),
votes AS (
    SELECT chain_id, label, count(*) AS n FROM latest GROUP BY chain_id, label
),
ranked AS (
    SELECT chain_id, label, n,
           rank() OVER (PARTITION BY chain_id ORDER BY n DESC) AS rk,
           sum(n) OVER (PARTITION BY chain_id) AS n_reviewers
    FROM votes
),
top AS (
    SELECT chain_id, min(label) AS label, count(*) AS n_top, max(n) AS n_agreeing,
           max(n_reviewers) AS n_reviewers
    FROM ranked WHERE rk = 1 GROUP BY chain_id
)
SELECT top.chain_id,
       CASE WHEN top.n_top = 1 THEN top.label END AS label,
       CAST(top.n_reviewers AS INTEGER) AS n_reviewers,
       CAST(top.n_agreeing AS INTEGER) AS n_agreeing,
       top.n_top = 1 AS has_consensus,
       top.n_agreeing / top.n_reviewers AS agreement,
       stamps.last_submitted_at
FROM top
JOIN (SELECT chain_id, max(submitted_at) AS last_submitted_at FROM latest GROUP BY chain_id) AS stamps
  ON stamps.chain_id = top.chain_id;
