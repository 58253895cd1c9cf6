"""Pure functions over claims: candidate pairs, scores, clusters, lineage and verdicts."""
