"""Optional ed25519 signatures of a release's manifest, for releases that travel between teams.

``drqa release --sign KEY`` writes ``manifest.sig`` next to ``manifest.json``: the signature of
the manifest's exact bytes (which cover every file and the header) by the private key in the PEM
file ``KEY``. Consumers pass ``trusted_keys`` (public keys) to ``load_release``; a missing
signature, a bad one or one by an untrusted key refuses the release. Keys are made with
``openssl genpkey -algorithm ed25519 -out team.pem`` and
``openssl pkey -in team.pem -pubout -out team.pub`` (or :func:`generate_key`). Uses the
``cryptography`` package (``pip install "drqa[signing]"``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from drqa.builders.release.integrity import MANIFEST, SIGNATURE, ReleaseIntegrityError
from drqa.errors import DrqaError
from drqa.optional import require

PASSPHRASE_ENV = "DRQA_SIGNING_KEY_PASSPHRASE"


def _ed25519():
    require("cryptography", "signing releases")
    from cryptography.hazmat.primitives.asymmetric import ed25519

    return ed25519


def _raw_public(public_key) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public_key) -> str:
    """``ed25519:`` and 16 hex digits of the sha256 of the raw public key."""
    return "ed25519:" + hashlib.sha256(_raw_public(public_key)).hexdigest()[:16]


def load_private_key(path: str | Path):
    """An ed25519 private key from a PEM file (passphrase from ``$DRQA_SIGNING_KEY_PASSPHRASE``)."""
    ed25519 = _ed25519()
    from cryptography.hazmat.primitives import serialization

    key_path = Path(path).expanduser()
    try:
        data = key_path.read_bytes()
    except OSError as exc:
        raise DrqaError(f"--sign {key_path}: cannot read the key ({exc.strerror})") from None
    passphrase = os.environ.get(PASSPHRASE_ENV)
    try:
        key = serialization.load_pem_private_key(
            data, password=passphrase.encode() if passphrase else None
        )
    except (ValueError, TypeError) as exc:
        raise DrqaError(
            f"--sign {key_path}: not a readable PEM private key ({exc}); make one with "
            f"`openssl genpkey -algorithm ed25519 -out KEY.pem` (passphrase: ${PASSPHRASE_ENV})"
        ) from None
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise DrqaError(f"--sign {key_path}: the key is not ed25519; drqa signs with ed25519 only")
    return key


def load_public_key(value: Any):
    """A trusted key given as a key object, a PEM/raw-base64 string or bytes, or a PEM file."""
    ed25519 = _ed25519()
    from cryptography.hazmat.primitives import serialization

    if isinstance(value, ed25519.Ed25519PublicKey):
        return value
    if isinstance(value, ed25519.Ed25519PrivateKey):
        return value.public_key()
    data = value
    if isinstance(value, Path) or (
        isinstance(value, str) and "BEGIN" not in value and Path(value).expanduser().is_file()
    ):
        data = Path(value).expanduser().read_bytes()
    if isinstance(data, str):
        data = data.encode()
    try:
        if b"BEGIN" in data:
            key = serialization.load_pem_public_key(data)
        else:
            key = ed25519.Ed25519PublicKey.from_public_bytes(base64.b64decode(data, validate=True))
    except (ValueError, TypeError) as exc:
        raise DrqaError(
            f"trusted key {str(value)[:60]!r} is not an ed25519 public key ({exc})"
        ) from None
    if not isinstance(key, ed25519.Ed25519PublicKey):
        raise DrqaError(f"trusted key {str(value)[:60]!r} is not ed25519")
    return key


def generate_key(private_path: str | Path) -> Path:
    """Write a new ed25519 private key (PEM, mode 0600) and its public key (``.pub``)."""
    ed25519 = _ed25519()
    from cryptography.hazmat.primitives import serialization

    key = ed25519.Ed25519PrivateKey.generate()
    private_path = Path(private_path).expanduser()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    public = private_path.with_suffix(".pub")
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return public


def sign_release(folder: Path, private_key_path: str | Path) -> str:
    """Sign ``folder/manifest.json`` with the key, write ``manifest.sig``; return the key id."""
    key = load_private_key(private_key_path)
    data = (folder / MANIFEST).read_bytes()
    record = {
        "algorithm": "ed25519",
        "key_id": key_id(key.public_key()),
        "public_key": base64.b64encode(_raw_public(key.public_key())).decode(),
        "signature": base64.b64encode(key.sign(data)).decode(),
    }
    (folder / SIGNATURE).write_text(json.dumps(record, indent=2) + "\n")
    return record["key_id"]


def verify_signature(folder: Path, manifest_bytes: bytes, trusted_keys: Iterable[Any]) -> str:
    """The key id of the trusted key that signed these manifest bytes, else one line why not."""
    from cryptography.exceptions import InvalidSignature

    keys = [load_public_key(k) for k in ([trusted_keys] if _single(trusted_keys) else trusted_keys)]
    if not keys:
        raise DrqaError("trusted_keys is empty; pass at least one ed25519 public key")
    path = folder / SIGNATURE
    if not path.is_file():
        raise ReleaseIntegrityError(
            f"release {folder} is not signed ({SIGNATURE} is missing) but trusted keys were "
            "given; ask its publisher for a signed release (drqa release --sign KEY)"
        )
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        signature = base64.b64decode(record["signature"], validate=True)
    except (ValueError, KeyError, TypeError) as exc:
        raise ReleaseIntegrityError(f"release {folder}: {SIGNATURE} is damaged ({exc})") from None
    for key in keys:
        try:
            key.verify(signature, manifest_bytes)
        except InvalidSignature:
            continue
        return key_id(key)
    raise ReleaseIntegrityError(
        f"release {folder}: {SIGNATURE} (key {record.get('key_id', '?')}) is not a valid "
        f"signature of {MANIFEST} by any of the {len(keys)} trusted key(s); do not use it"
    )


def _single(value: Any) -> bool:
    return isinstance(value, (str, bytes, Path)) or not isinstance(value, Iterable)
