"""Digest-site generator: clipped news articles in, a searchable MkDocs site out."""
