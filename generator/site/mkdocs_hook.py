"""MkDocs hook for `digest serve`: regenerate pages before each rebuild, so a changed seed or
config shows up in the preview. It does nothing outside `serve`, where `digest build` has
already generated the pages. In every command it passes the redirects of moved articles to the
mkdocs-redirects plugin."""

from __future__ import annotations

import os
from pathlib import Path

_command = ""


def on_startup(command: str, dirty: bool) -> None:
    global _command  # MkDocs hooks are module functions; the command is only known here
    _command = command


def on_config(config):
    """Hand the generated redirects (former article addresses) to the mkdocs-redirects plugin."""
    plugin = config.plugins.get("redirects")
    if plugin is not None:
        from generator.site.addresses import load_redirects

        plugin.config["redirect_maps"] = {
            **load_redirects(Path(config.docs_dir)),
            **plugin.config.get("redirect_maps", {}),
        }
    return config


def on_pre_build(config) -> None:
    if _command != "serve" or "DIGEST_CONFIG" not in os.environ:
        return
    from generator.cli import print_report, print_summary
    from generator.config import ConfigError, load_config
    from generator.pipeline import build

    try:
        digest_config = load_config(Path(os.environ["DIGEST_CONFIG"]))
    except ConfigError as exc:
        print(f"config error: {exc} (pages not regenerated)")
        return
    cache = os.environ.get("DIGEST_CACHE")
    report = build(
        digest_config,
        Path(os.environ["DIGEST_SEEDS"]),
        Path(os.environ["DIGEST_DOCS"]),
        cache_dir=Path(cache) if cache else None,
    )
    print_report(report, False)
    print_summary(report, Path(os.environ["DIGEST_DOCS"]))
