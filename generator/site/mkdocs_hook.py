"""MkDocs hook for `digest serve`: regenerate pages before each rebuild, so a changed seed or
config shows up in the preview. It does nothing outside `serve`, where `digest build` has
already generated the pages."""
from __future__ import annotations

import os
from pathlib import Path

_command = ""


def on_startup(command: str, dirty: bool) -> None:
    global _command  # MkDocs hooks are module functions; the command is only known here
    _command = command


def on_pre_build(config) -> None:
    if _command != "serve" or "DIGEST_CONFIG" not in os.environ:
        return
    from generator.cli import print_report
    from generator.config import ConfigError, load_config
    from generator.pipeline import build
    try:
        digest_config = load_config(Path(os.environ["DIGEST_CONFIG"]))
    except ConfigError as exc:
        print(f"config error: {exc} (pages not regenerated)")
        return
    cache = os.environ.get("DIGEST_CACHE")
    report = build(digest_config, Path(os.environ["DIGEST_SEEDS"]), Path(os.environ["DIGEST_DOCS"]),
                   cache_dir=Path(cache) if cache else None)
    print_report(report, False)
