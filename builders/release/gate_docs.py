"""GX Data Docs of a gate run (HTML next to ``gate.html`` in the workspace's reports).

Great Expectations renders each page with a Jinja view that makes its own Jinja environment, so
every page compiled the same templates again (about two thirds of the build). The views here are
GX's own page views whose environments share one in-memory bytecode cache: each template is
compiled once per process; the HTML is the same.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from great_expectations.render.view import DefaultJinjaIndexPageView, DefaultJinjaPageView


class _SharedBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory, shared by every view's environment."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored when the template's source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _SharedBytecode()


class CachedPageView(DefaultJinjaPageView):
    """GX's page view, its templates compiled once per process."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.env.bytecode_cache = _BYTECODE


class CachedIndexPageView(DefaultJinjaIndexPageView):
    """GX's index page view, its templates compiled once per process."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.env.bytecode_cache = _BYTECODE


def _view(cls: type) -> dict[str, str]:
    return {"module_name": __name__, "class_name": cls.__name__}


def build_data_docs(context, docs_dir: Path) -> None:
    """Build the context's Data Docs (suites and validation results) into ``docs_dir``."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    page = _view(CachedPageView)
    context.add_data_docs_site(
        site_name="drqa_release",
        site_config={
            "class_name": "SiteBuilder",
            "site_index_builder": {
                "class_name": "DefaultSiteIndexBuilder",
                "view": _view(CachedIndexPageView),
            },
            "site_section_builders": {
                "expectations": {"view": page},
                "validations": {"view": page},
                "profiling": {"view": page},
            },
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir),
            },
        },
    )
    context.build_data_docs(site_names=["drqa_release"])
