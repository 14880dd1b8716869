"""The refusal of a whole file, with a Chinese message for the user."""

from __future__ import annotations


class FileRefused(Exception):
    """The file as a whole cannot be imported; `message` tells the user why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
