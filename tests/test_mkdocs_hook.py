"""generator/site/mkdocs_hook.py: `digest serve` regenerates pages before each MkDocs rebuild.

MkDocs loads hook files by path, not as part of the package, so the hook is loaded the same way here.
"""
import importlib.util
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_hook():
    spec = importlib.util.spec_from_file_location("generator/site/mkdocs_hook.py", ROOT / "generator" / "site" / "mkdocs_hook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_serve_regenerates_pages_when_a_seed_is_added(tmp_path, monkeypatch):
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    shutil.copytree(ROOT / "seeds", seeds)
    monkeypatch.setenv("DIGEST_SEEDS", str(seeds))
    monkeypatch.setenv("DIGEST_DOCS", str(docs))
    monkeypatch.setenv("DIGEST_CONFIG", str(ROOT / "digest.yml"))
    hook = load_hook()
    hook.on_startup(command="serve", dirty=False)
    hook.on_pre_build(config={})
    before = set((docs / "articles").iterdir())
    (seeds / "new.txt").write_text("Huawei adds a new supplier in Shenzhen\n\nBy Jane Doe\n\nThe company said on "
                                   "Monday that it had signed a new supply agreement with a local chipmaker.\n")
    hook.on_pre_build(config={})
    added = set((docs / "articles").iterdir()) - before
    assert [p.name[:26] for p in added] == ["huawei-adds-a-new-supplier"]


def test_plain_mkdocs_build_does_not_regenerate(tmp_path, monkeypatch):
    monkeypatch.setenv("DIGEST_SEEDS", str(ROOT / "seeds"))
    monkeypatch.setenv("DIGEST_DOCS", str(tmp_path / "docs"))
    monkeypatch.setenv("DIGEST_CONFIG", str(ROOT / "digest.yml"))
    hook = load_hook()
    hook.on_startup(command="build", dirty=False)
    hook.on_pre_build(config={})
    assert not (tmp_path / "docs").exists()
