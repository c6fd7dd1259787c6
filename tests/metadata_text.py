"""What the metadata tests share: the project's config, a body that reads as an article, and a
helper that runs the per-seed stages on a text."""

from __future__ import annotations

from pathlib import Path

from generator.config import load_config
from generator.extract.ingest import decode_seed
from generator.pipeline import process_seed

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "digest.yml")
BODY = (
    "The Commerce Department added the company to the Entity List on Monday, officials said, "
    "citing national security concerns about its cameras.\n\n"
    "The company said it would comply with all applicable laws and continue to serve customers.\n"
)


def extract(text: str):
    return process_seed(decode_seed("t.txt", text.encode()), CONFIG)
