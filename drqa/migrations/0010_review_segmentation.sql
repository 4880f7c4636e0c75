-- Humans audit the split (issue 17.3): the review screen asks two judgements, and the A/B/C
-- label in `reviews.label` is derived from them and the chain's batch size on pull.
ALTER TABLE reviews ADD COLUMN correctness VARCHAR;   -- correct | incorrect | cant_tell (NULL: not asked, an older round)
ALTER TABLE reviews ADD COLUMN segmentation VARCHAR;  -- own_complete | contains_other | incomplete | not_batched
ALTER TABLE reviews_unmatched ADD COLUMN correctness VARCHAR;
ALTER TABLE reviews_unmatched ADD COLUMN segmentation VARCHAR;

-- Per batched chain: its reviewers' latest segmentation verdicts (one vote per reviewer, across
-- rounds); pure when most say "own question only and complete", NULL on a tie.
CREATE VIEW review_segmentation AS
WITH latest AS (
    SELECT chain_id, reviewer, segmentation
    FROM reviews
    WHERE segmentation IN ('own_complete', 'contains_other', 'incomplete')
    QUALIFY row_number() OVER (
        PARTITION BY chain_id, reviewer ORDER BY submitted_at DESC NULLS LAST, dataset DESC
    ) = 1
)
SELECT chain_id,
       CAST(count(*) AS INTEGER) AS n_judges,
       CAST(count(*) FILTER (WHERE segmentation = 'own_complete') AS INTEGER) AS n_pure,
       CASE WHEN 2 * count(*) FILTER (WHERE segmentation = 'own_complete') > count(*) THEN true
            WHEN 2 * count(*) FILTER (WHERE segmentation = 'own_complete') < count(*) THEN false
       END AS pure
FROM latest GROUP BY chain_id;

-- Human-judged purity of batched chains per model and batch size, beside the splitter's own
-- confidence (mean split_confidence over every chain of the group, and over the judged ones).
CREATE VIEW review_purity AS
SELECT c.model, c.batch_size,
       CAST(count(*) AS BIGINT) AS chains,
       avg(c.split_confidence) AS split_confidence,
       CAST(count(rs.pure) AS BIGINT) AS judged,
       avg(CAST(rs.pure AS DOUBLE)) AS human_purity,
       avg(c.split_confidence) FILTER (WHERE rs.pure IS NOT NULL) AS split_confidence_judged
FROM chains c LEFT JOIN review_segmentation rs USING (chain_id)
WHERE c.batch_size > 1
GROUP BY c.model, c.batch_size;
