"""YAML for recipes and ``--set`` values, bounded: no billion laughs, no duplicate keys.

``load_bounded(text, where)`` parses like ``yaml.safe_load`` but refuses, with one
:class:`~drqa.errors.DrqaError` line (exit 2):

- more than ``max_aliases`` aliases (``*name``), or any alias when ``max_aliases=0``
  (``--set`` values), and a document that would expand to more than ``MAX_NODES`` values
  once its aliases are followed (a few aliases nested ten deep are already 10^10 values);
- a key given twice in one mapping (YAML would keep the last one silently);
- invalid YAML, reported as the parser's problem and its line/column, never a snippet.

``shorten(value)`` is how error messages show a value the user gave: at most 80 characters.
"""

from __future__ import annotations

import reprlib
from typing import Any

import yaml

from drqa.errors import DrqaError

MAX_ALIASES = 100
MAX_NODES = 100_000
SHOWN_CHARS = 80
_MERGE_TAG = "tag:yaml.org,2002:merge"
_REPR = reprlib.Repr()  # keyword arguments only from Python 3.12
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother = 2, 60, 60
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 4


def shorten(value: Any, limit: int = SHOWN_CHARS) -> str:
    """A bounded ``repr(value)``, cut to ``limit`` characters (never formats a value whole)."""
    text = _REPR.repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Refused(Exception):
    pass


class _BoundedLoader(yaml.SafeLoader):
    max_aliases = MAX_ALIASES

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > self.max_aliases:
                raise _Refused(
                    "anchors/aliases are not allowed in a --set value"
                    if self.max_aliases == 0
                    else f"more than {self.max_aliases} aliases (*name); write the values out"
                )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):  # noqa: ANN001
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key_node, _ in node.value:
                if key_node.tag == _MERGE_TAG:
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                    seen.add(key)
                except TypeError:  # an unhashable key: PyYAML reports it itself
                    continue
                if duplicate:
                    line = key_node.start_mark.line + 1
                    raise _Refused(f"key {shorten(key)} is given twice (line {line}); keep one")
        return super().construct_mapping(node, deep=deep)


def _expanded_size(node: yaml.Node, limit: int) -> int:
    """How many values ``node`` stands for once aliases are followed (stops past ``limit``)."""
    sizes: dict[int, int] = {}

    def size(item: yaml.Node) -> int:
        known = sizes.get(id(item))
        if known is not None:
            return known
        sizes[id(item)] = limit + 1  # a cycle counts as too large
        total = 1
        if isinstance(item, yaml.SequenceNode):
            children = item.value
        elif isinstance(item, yaml.MappingNode):
            children = [part for pair in item.value for part in pair]
        else:
            children = []
        for child in children:
            total += size(child)
            if total > limit:
                break
        sizes[id(item)] = total
        return total

    return size(node)


def load_bounded(text: str, where: str, *, max_aliases: int = MAX_ALIASES) -> Any:
    """Parse ``text`` (one YAML document) within the bounds above; ``where`` starts the error."""
    loader = _BoundedLoader(text)
    loader.max_aliases = max_aliases
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_size(node, MAX_NODES) > MAX_NODES:
            raise _Refused(
                f"it expands to more than {MAX_NODES:,} values through its aliases (a YAML bomb?)"
            )
        return loader.construct_document(node)
    except _Refused as exc:
        raise DrqaError(f"{where}: refused: {exc}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = exc.problem or exc.context or "cannot parse"
        raise DrqaError(f"{where} is not valid YAML: {problem}{at}") from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DrqaError(f"{where} is not valid YAML: {shorten(first)}") from None
    except RecursionError:
        raise DrqaError(f"{where}: refused: nested too deeply") from None
    finally:
        loader.dispose()
