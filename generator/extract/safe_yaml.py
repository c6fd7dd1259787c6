"""YAML from seeds that cannot explode: no anchors, no aliases, no tags, a size limit.

A kilobyte of nested anchors (`l1: &l1 [*l0, *l0]` ten levels deep) expands to a billion nodes
once a value refers to the last one; a tag asks the loader to build an object. A seed's
front-matter is a handful of `key: value` lines, so both are refused before anything is built:
the event stream is scanned first, which costs time linear in the text.
"""

from __future__ import annotations

import yaml

from ..config import StrictLoader

MAX_YAML_CHARS = 20_000
"""Front-matter longer than this is not front-matter but text between two rules."""
MAX_YAML_EVENTS = 5_000
"""A generous ceiling on scalars, lists and mappings in one block (a real one has a few dozen)."""


class UnsafeYaml(yaml.YAMLError):
    """The block uses a YAML feature seeds may not use; `problem` says which, `problem_mark`
    where."""

    def __init__(self, problem: str, mark: yaml.Mark | None = None):
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


def load_front_matter(text: str):
    """The block as plain Python values (dicts, lists, strings, numbers, dates).

    Raises UnsafeYaml for an anchor, alias, explicit tag, too many nodes or too much text, and
    yaml.YAMLError for a syntax error, so callers report one kind of fault.
    """
    return load_plain_yaml(text, MAX_YAML_CHARS, MAX_YAML_EVENTS)


def load_plain_yaml(text: str, max_chars: int, max_events: int):
    """YAML without anchors, aliases or tags, of at most max_chars and max_events (see
    load_front_matter)."""
    if len(text) > max_chars:
        raise UnsafeYaml(f"the block is over {max_chars:,} characters")
    for count, event in enumerate(yaml.parse(text, Loader=StrictLoader), 1):
        _refuse_unsafe(event)
        if count > max_events:
            raise UnsafeYaml(f"the block has over {max_events:,} values", event.start_mark)
    return yaml.load(text, Loader=StrictLoader)


def _refuse_unsafe(event: yaml.Event) -> None:
    if isinstance(event, yaml.AliasEvent):
        raise UnsafeYaml(
            "an alias (`*name`) refers to another value; write the value itself", event.start_mark
        )
    if getattr(event, "anchor", None) is not None:
        raise UnsafeYaml(
            "an anchor (`&name`) marks a value for reuse; write plain values", event.start_mark
        )
    if getattr(event, "tag", None) not in (None, "!"):
        raise UnsafeYaml("a YAML tag (`!!...` or `!...`) asks for a special type", event.start_mark)
