-- Which figures of a claim's mentions disagree, as corroboration judged them (verdicts.py,
-- the rule of the dispute verdict): stored so that reports mark exactly those figures and never
-- judge numbers themselves. Both ways round: (A's figure, B's figure) and (B's, A's).
-- Swapped with the other corroboration tables; filled by the first run after this migration.

CREATE TABLE figure_disagreements (
    cluster_id      VARCHAR NOT NULL,
    claim_id        VARCHAR NOT NULL,     -- the mention whose figure disagrees
    idx             INTEGER NOT NULL,     -- which of its figures (claim_quantities.idx)
    other_claim_id  VARCHAR NOT NULL,     -- the mention it disagrees with
    other_idx       INTEGER NOT NULL,     -- ... and that mention's figure
    PRIMARY KEY (claim_id, idx, other_claim_id, other_idx)
);
