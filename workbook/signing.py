"""Ed25519 signatures of exported workbooks, so a higher-level union can tell figures that
come from a subordinate union's installation from figures someone typed into the file.

Each installation has one key pair, made on first use (or by `manage.py
workbook_signing_key`) and kept in `settings.WORKBOOK_SIGNING_KEY_FILE`, mode 0600. A file
and not the database: database dumps travel (backups, copies for support, reporting tools
with read access), and a private key inside one would let anyone holding a dump sign
figures as this installation. The file is outside MEDIA_ROOT and STATIC_ROOT (a system
check warns otherwise) and is backed up separately, like SECRET_KEY.

What is signed is not the .xlsx bytes (openpyxl and Excel rewrite them on every save) but a
canonical serialisation of every figure and label the import reads: `SignedFigures`.
The signature and the key's fingerprint go into the 说明 sheet. The higher-level union
registers the subordinate's public key (`RegisteredKey`), compared by fingerprint over a
second channel; an import then verifies against the registered keys only, never against a
key the file brings along.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import hashlib
import json
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from . import format as fmt
from .indicators import INDICATORS, Value, to_text

# Domain separation: a signature over these bytes means nothing in any other protocol.
SIGNATURE_CONTEXT = b"union-reports/workbook-figures/v1\n"
MAX_PUBLIC_KEY_BYTES = 4096


class SigningKeyError(Exception):
    """The installation's key file cannot be read or written; the message is for the admin."""


@dataclass(frozen=True)
class SignedFigures:
    """Everything an import reads from a workbook and stores, as the import reads it."""

    kind: str
    union_name: str
    union_code: str
    year: int
    period_start: dt.date
    period_end: dt.date
    units: int
    exported_at: str
    values: Mapping[str, Value]
    unit_kind: str = ""  # 单位类型 as the 说明 sheet writes it (its Chinese label)

    def canonical(self) -> bytes:
        document = {
            "product": fmt.PRODUCT,
            "format": fmt.FORMAT_VERSION,
            "kind": self.kind,
            "union_name": self.union_name,
            "union_code": self.union_code,
            "year": self.year,
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "units": self.units,
            "exported_at": self.exported_at,
            "unit_kind": self.unit_kind,
            "values": {d.key: to_text(d, self.values[d.key]) for d in INDICATORS},
        }
        text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return SIGNATURE_CONTEXT + text.encode()


# --- keys ------------------------------------------------------------------------------------


def public_key_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(key: Ed25519PublicKey) -> str:
    """The key id written into workbooks: SHA-256 of the raw public key, hex."""
    return hashlib.sha256(public_key_bytes(key)).hexdigest()


def grouped(fingerprint_hex: str) -> str:
    """A fingerprint as people read it aloud to compare: groups of four."""
    return " ".join(fingerprint_hex[i : i + 4] for i in range(0, len(fingerprint_hex), 4))


def public_key_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def load_public_key(pem: str | bytes) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM; ValueError with a Chinese message otherwise."""
    data = pem.encode() if isinstance(pem, str) else pem
    if len(data) > MAX_PUBLIC_KEY_BYTES:
        raise ValueError("公钥文件过大，不是本系统导出的签名公钥。")
    try:
        key = serialization.load_pem_public_key(data.strip())
    except (ValueError, TypeError):
        raise ValueError("无法识别公钥：请上传对方在“签名公钥”页下载的 .pem 文件。") from None
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("公钥类型不符：本系统的签名公钥为 Ed25519 公钥。")
    return key


def key_path() -> Path:
    return Path(settings.WORKBOOK_SIGNING_KEY_FILE)


def _create_key_file(path: Path) -> None:
    """Write a new key; when two processes race, the first link wins and both use it."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
            fh.flush()
            os.fsync(fh.fileno())
        # Atomic, and never overwrites: a key another process linked first wins.
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def private_key(*, create: bool = True) -> Ed25519PrivateKey:
    """This installation's signing key, made on first use."""
    path = key_path()
    if not path.exists():
        if not create:
            raise SigningKeyError(f"签名私钥文件 {path} 不存在。")
        try:
            _create_key_file(path)
        except OSError as exc:
            raise SigningKeyError(f"无法创建签名私钥文件 {path}：{exc.strerror}。") from None
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SigningKeyError(f"无法读取签名私钥文件 {path}：{exc}。") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"签名私钥文件 {path} 不是 Ed25519 私钥。")
    return key


def installation_public_key() -> Ed25519PublicKey:
    return private_key().public_key()


# --- signing and verifying --------------------------------------------------------------------


@dataclass(frozen=True)
class Signature:
    key_id: str  # fingerprint of the signing key
    value: str  # base64 of the 64-byte signature


def sign(figures: SignedFigures) -> Signature:
    key = private_key()
    return Signature(
        key_id=fingerprint(key.public_key()),
        value=base64.b64encode(key.sign(figures.canonical())).decode("ascii"),
    )


def decode_signature(value: str) -> bytes | None:
    """The raw signature, or None when the text cannot be one (treated as invalid)."""
    try:
        raw = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == 64 else None


def signature_matches(key: Ed25519PublicKey, figures: SignedFigures, value: str) -> bool:
    raw = decode_signature(value)
    if raw is None:
        return False
    try:
        key.verify(raw, figures.canonical())
    except InvalidSignature:
        return False
    return True
