"""Bring articles in from the web: `digest add URL` clips pages, `digest pull` reads the feeds
of `sources:` in digest.yml. Both save the pages as served, as seeds beside the hand-made ones."""
