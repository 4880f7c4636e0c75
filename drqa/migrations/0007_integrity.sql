-- Integrity (issue 12): crash-consistent releases.
-- `drqa release` commits the release's catalog rows together with a row here, then renames the
-- staged folder into place, then deletes this row. A row left here means the process died in
-- between: the next `drqa release` / `drqa publish` completes the release when the folder holds
-- the recorded manifest, and otherwise rolls the catalog rows back and removes the staging folder.
CREATE TABLE release_pending (
    version          VARCHAR PRIMARY KEY,
    staging          VARCHAR NOT NULL,      -- the staging folder, relative to the workspace
    manifest_sha256  VARCHAR NOT NULL,      -- the manifest the final folder must hold
    started_at       TIMESTAMP NOT NULL
);
