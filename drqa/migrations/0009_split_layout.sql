-- Splitting by one design (issue 17.1): how each response was split, so the label report and
-- the gate show per model and batch size the share of responses in the layout the compose
-- prompt asked for ("Answer to Question k: ... \boxed{}").
CREATE TABLE split_layouts (
    request_id        VARCHAR PRIMARY KEY,
    model             VARCHAR,
    batch_size        INTEGER NOT NULL,
    layout            VARCHAR NOT NULL,   -- requested | grammar | model | single
    split_confidence  DOUBLE,             -- the lowest chain confidence of the response
    splitter_version  VARCHAR NOT NULL,
    labelled_at       TIMESTAMP
);
