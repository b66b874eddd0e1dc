"""Extract, transform and load CSV exports."""
