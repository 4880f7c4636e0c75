-- Releases: immutable snapshots written by `drqa release`, what they hold, where they went.
CREATE TABLE releases (
    version          VARCHAR PRIMARY KEY,   -- semantic version, e.g. 1.0.0
    created_at       TIMESTAMP NOT NULL,
    folder           VARCHAR NOT NULL,      -- releases/<version> inside the workspace
    n_labels         BIGINT NOT NULL,       -- rows of the `labels` config (DRQA tuples)
    n_generations    BIGINT NOT NULL,
    n_problems       BIGINT NOT NULL,
    label_counts     JSON NOT NULL,         -- {"A": n, "B": n, "C": n}
    manifest_sha256  VARCHAR NOT NULL,      -- sha256 of manifest.json
    gate_passed      BOOLEAN NOT NULL,
    override_reason  VARCHAR,               -- why it was released although the gate failed
    gate_summary     JSON NOT NULL,         -- every check: status, observed, threshold
    code_version     VARCHAR NOT NULL
);

-- One row per released chain: which chains (and labels) each version holds.
CREATE TABLE release_chains (
    version           VARCHAR NOT NULL,
    chain_id          VARCHAR NOT NULL,
    request_id        VARCHAR NOT NULL,
    problem_id        VARCHAR NOT NULL,
    label             VARCHAR NOT NULL,
    auto_label        VARCHAR,
    label_source      VARCHAR NOT NULL,     -- auto | review
    label_rule        VARCHAR NOT NULL,
    verifier_version  VARCHAR NOT NULL
);

-- Where a release was published: a Hub dataset repo (tagged) or a folder.
CREATE TABLE publications (
    version       VARCHAR NOT NULL,
    target        VARCHAR NOT NULL,         -- hub | folder
    location      VARCHAR NOT NULL,         -- ORG/NAME or the folder
    revision      VARCHAR,                  -- the Hub commit, when known
    published_at  TIMESTAMP NOT NULL
);
