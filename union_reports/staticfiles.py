"""Static files as WhiteNoise serves them, each name's URL worked out once per process.

Every page asks for the same five URLs (base.html's styles and scripts). Each `{% static %}`
made the manifest storage hash-look-up, split and join the name again, about 2% of a
page's CPU; the manifest is read once when the process starts and does not change under
it, so neither do the URLs.
"""

from __future__ import annotations

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        if force or not name:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)  # a name missing from the manifest raises
            return url
