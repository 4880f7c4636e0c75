"""Generation backends behind one interface: transformers, OpenAI-compatible servers, vLLM."""
