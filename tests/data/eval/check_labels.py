"""Sanity-check labels.yml against articles/ (run: python tests/data/eval/check_labels.py)."""
import datetime
import pathlib
import re
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
KEYS = ["title", "subtitle", "author", "date", "publication", "url", "style"]


def main() -> int:
    labels = yaml.safe_load((HERE / "labels.yml").read_text(encoding="utf-8"))
    files = {p.name for p in (HERE / "articles").glob("*.txt")}
    errors = []
    if set(labels) != files:
        errors.append(f"unlabelled files: {sorted(files - set(labels))}; labels without file: {sorted(set(labels) - files)}")
    for name, lab in sorted(labels.items()):
        if not re.fullmatch(r"\d{3}_[a-z0-9-]+\.txt", name):
            errors.append(f"{name}: bad file name")
        if list(lab) != KEYS:
            errors.append(f"{name}: keys {list(lab)}")
            continue
        path = HERE / "articles" / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        if not isinstance(lab["title"], str) or lab["title"] not in text:
            errors.append(f"{name}: title not found literally")
        if lab["subtitle"] is not None:
            for part in lab["subtitle"].split("; "):
                if part not in text:
                    errors.append(f"{name}: subtitle part not found: {part[:60]!r}")
        if lab["author"] is not None:
            for person in lab["author"].split(", "):
                if person not in text:
                    errors.append(f"{name}: author not found: {person!r}")
        if lab["date"] is not None:
            try:
                datetime.date.fromisoformat(lab["date"])
            except (TypeError, ValueError):
                errors.append(f"{name}: bad date {lab['date']!r}")
        if not lab["publication"] and lab["publication"] is not None:
            errors.append(f"{name}: empty publication")
        if lab["url"] is not None:
            if not re.search(re.escape(lab["url"]) + r"(?:[?#\s]|$)", text):
                errors.append(f"{name}: url not found in text")
            if re.search(r"[?&](utm_|fbclid|gclid|ocid)", lab["url"]):
                errors.append(f"{name}: url still has tracking params")
        if not lab["style"]:
            errors.append(f"{name}: empty style")
    for e in errors:
        print("ERROR", e)
    n = len(labels)
    print(f"{n} labelled articles, {len(files)} files, {len(errors)} errors")
    print(f"dates null: {sum(v['date'] is None for v in labels.values())}, "
          f"authors null: {sum(v['author'] is None for v in labels.values())}, "
          f"urls: {sum(v['url'] is not None for v in labels.values())}, "
          f"subtitles: {sum(v['subtitle'] is not None for v in labels.values())}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
