-- `drqa eval` figures cover exactly the problems x samples a call asked for (the first
-- asked_problems problems by position, samples 0..asked_samples-1), not every sample the run
-- ever generated; `drqa eval report` recomputes them over the same set.
ALTER TABLE eval_results ADD COLUMN asked_problems BIGINT;
ALTER TABLE eval_results ADD COLUMN asked_samples BIGINT;
