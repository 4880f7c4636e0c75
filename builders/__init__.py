"""Problems in, batched prompts, generation backends, runs, releases out."""
