"""Publish articles: render pages, write docs/, build the MkDocs site."""
