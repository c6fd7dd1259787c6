"""Turn a seed file into an Article: ingest, convert, line roles, metadata."""
