"""Where media (uploads, photos, finalised PDFs, exports) live: the local MEDIA_ROOT, or an
S3-compatible bucket when S3_BUCKET is set (settings). Either way no file has a public URL:
every file reaches a reader only through a view that checks permissions and streams it.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage, Storage, default_storage

try:
    from storages.backends.s3 import S3Storage
except ImportError:  # django-storages is installed with the requirements; stay importable
    S3Storage = None  # type: ignore[assignment,misc]


class NoPublicUrl:
    def url(self, name: str | None, *args: object, **kwargs: object) -> str:
        raise ValueError("Media files have no public URL; they are served by permission-checked views.")


class PrivateFileSystemStorage(NoPublicUrl, FileSystemStorage):
    """MEDIA_ROOT without a public URL."""


if S3Storage is not None:

    class PrivateS3Storage(NoPublicUrl, S3Storage):  # type: ignore[misc,valid-type]
        """A private bucket: objects are written with a private ACL and never linked to
        (not even by a signed URL); the views read them through the storage and stream them."""


def is_local(storage: Storage | None = None) -> bool:
    """Whether files have paths on this machine (so they can be published by a rename)."""
    storage = storage or default_storage
    try:
        storage.path("")
    except NotImplementedError:
        return False
    return True
