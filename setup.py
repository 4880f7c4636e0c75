"""Package discovery for the folder layout of DESIGN.md ("Layout").

The top-level folders are subpackages of ``drqa`` (``builders/`` is ``drqa.builders``, ...).
Every folder below them that holds an ``__init__.py`` is a package, so nothing is listed by hand.
"""

from pathlib import Path

from setuptools import setup

ROOTS = {
    "drqa": "drqa",
    "drqa.builders": "builders",
    "drqa.labeling": "labeling",
    "drqa.curation_ui": "curation_ui",
    "drqa.trainer": "trainer",
    "drqa.evals": "evals",
    "drqa.recipes": "recipes",  # the shipped YAML recipes (package data), e.g. the quickstart's
}


def discover(roots: dict[str, str]) -> list[str]:
    """Dotted names of every package folder under the mapped roots."""
    here = Path(__file__).parent
    found = []
    for package, folder in roots.items():
        base = here / folder
        for init in sorted(base.rglob("__init__.py")):
            relative = init.parent.relative_to(base).parts
            found.append(".".join((package, *relative)))
    return found


setup(packages=discover(ROOTS), package_dir=ROOTS)
