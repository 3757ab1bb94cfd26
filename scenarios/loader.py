"""Reading a scenario's YAML: PyYAML's safe loader, narrowed to what a scenario file needs.

A scenario is a few dozen keys written by hand, so everything else is refused while the node tree is composed,
before any value is built or echoed in a message:

- anchors (`&a`) and aliases (`*a`): none at all. They are never needed in a scenario, and they are how a
  470-byte file expands into gigabytes ("billion laughs");
- tags (`!!python/object`, `!!str`, `!custom`): none; the plain YAML types are all a scenario uses;
- nesting deeper than MAX_DEPTH collections (the deepest scenario key is 5 levels down), which also keeps the
  recursive composer far from Python's recursion limit;
- more than MAX_NODES nodes, text longer than MAX_CHARS, and numbers of more than MAX_DIGITS digits;
- the same key twice in one mapping (plain YAML keeps the last silently).

Floats are read as in YAML 1.2: `1e3` is the number 1000 (YAML 1.1 wants `1.0e+3` and reads `1e3` as text).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, NodeEvent, ScalarEvent

from scenarios.errors import KeyPath

MAX_CHARS = 1_000_000
MAX_NODES = 20_000
MAX_DEPTH = 20
MAX_DIGITS = 100  # Python refuses to read integers of more than 4,300 digits (a ValueError, not a YAML error)

# YAML 1.2 floats with an exponent and no dot (1e3, -2.5E-2 is 1.1 already); underscores as YAML 1.1 allows.
_FLOAT_12 = re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$")


class Refused(Exception):
    """Something the scenario loader does not accept: a message code, its line (1-based) and key path."""

    def __init__(self, code: str, line: int | None, path: KeyPath = (), **args: object) -> None:
        super().__init__(code)
        self.code, self.line, self.path, self.args_ = code, line, path, args


class ScenarioLoader(yaml.SafeLoader):
    """SafeLoader that counts nodes and depth, refuses anchors, aliases, tags and duplicate keys (see above)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._path: list[str | int] = []
        self._nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]  # (the stubs leave it unannotated)
        line = event.start_mark.line + 1
        step = _step(parent, index)
        path = (*self._path, step) if step is not None else tuple(self._path)
        if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor is not None):
            raise Refused("yaml_alias", line, path)
        if isinstance(event, ScalarEvent | CollectionStartEvent) and event.tag is not None:
            raise Refused("yaml_tag", line, path, value=event.tag)
        if isinstance(event, ScalarEvent) and len(event.value) > MAX_DIGITS:
            resolved = self.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
            if resolved in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
                raise Refused("yaml_long_number", line, path, limit=MAX_DIGITS)
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise Refused("yaml_too_many_nodes", line, path, limit=MAX_NODES)
        if isinstance(event, CollectionStartEvent) and len(path) >= MAX_DEPTH:
            raise Refused("yaml_too_deep", line, path, limit=MAX_DEPTH)
        if step is not None:
            self._path.append(step)
        try:
            node = super().compose_node(parent, index)
        finally:
            if step is not None:
                self._path.pop()
        return node

    def compose_mapping_node(self, anchor: Any) -> yaml.MappingNode:
        node = super().compose_mapping_node(anchor)
        seen: dict[object, int] = {}
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue  # a list as a key: refused by the constructor (unhashable)
            line = key.start_mark.line + 1
            if key.value in seen:
                first = seen[key.value]
                raise Refused("yaml_duplicate_key", line, (*self._path, key.value), first=first)
            seen[key.value] = line
        return node


def _step(parent: yaml.Node | None, index: Any) -> str | int | None:
    """The key path step to a child node: the key of a mapping's value, the position in a list."""
    if isinstance(parent, yaml.SequenceNode) and isinstance(index, int):
        return index
    if isinstance(parent, yaml.MappingNode) and isinstance(index, yaml.ScalarNode):
        return str(index.value)
    return None  # the document itself, or a mapping's key


ScenarioLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT_12, list("-+0123456789"))


def load_yaml(text: str) -> object:
    """The document in `text`; Refused for what the loader does not accept, yaml.YAMLError for bad syntax."""
    if len(text) > MAX_CHARS:
        raise Refused("file_too_large", None, size=len(text), limit=MAX_CHARS)
    return yaml.load(text, Loader=ScenarioLoader)  # a SafeLoader: builds plain data only


@lru_cache(maxsize=8)
def compose(text: str) -> yaml.Node | None:
    """The node tree of `text` (cached: every problem in one file asks for its line), None when it cannot be
    read."""
    if len(text) > MAX_CHARS:
        return None
    try:
        node: yaml.Node | None = yaml.compose(text, Loader=ScenarioLoader)
    except (yaml.YAMLError, Refused):
        return None
    return node
