"""TRL GRPO training on a published snapshot."""
