"""The names a release's integrity checks share: the manifest and signature files, what the
manifest does not cover, the digest prefix and the error every failed check raises.

Kept apart from :mod:`drqa.builders.release.manifest` so the header and signature checks it runs
import these names without importing it back.
"""

from __future__ import annotations

from drqa.errors import DrqaError

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
# present in Hub snapshots or local downloads, never part of a release's content
NOT_COVERED = frozenset({MANIFEST, SIGNATURE, ".gitattributes"})
NOT_COVERED_DIRS = frozenset({".cache", ".huggingface"})
DIGEST_PREFIX = "sha256:"


class ReleaseIntegrityError(DrqaError):
    """A release folder does not match its manifest, digest or signature."""
