"""Split batched responses per question, extract and verify answers, label A/B/C."""
