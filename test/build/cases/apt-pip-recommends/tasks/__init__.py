"""A tiny task runner."""
