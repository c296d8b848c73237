"""Quality evaluations with pinned floors (``make eval``)."""
