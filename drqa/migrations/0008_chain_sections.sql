-- Chain sections (issue 16): a chain keeps its thinking and its answer section apart, so that
-- releases and training tasks rebuild the model's own format (thinking, `</think>`, answer
-- section as written) instead of guessing the boundary from the joined `reasoning` text.
-- NULL on chains labelled before this migration: `drqa label` splits those again.
ALTER TABLE chains ADD COLUMN thinking VARCHAR;        -- the thinking attributed to this question
ALTER TABLE chains ADD COLUMN answer_section VARCHAR;  -- its answer section (after </think>)
