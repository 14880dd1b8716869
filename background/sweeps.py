"""Sweeps of the apps that run tasks, called when a worker starts (what a killed worker on
this machine left is found before new work begins) and by `manage.py sweep_files`."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.module_loading import import_string

SWEEPS = ["workbook.jobs.sweep_interrupted"]


def run_all() -> dict[str, int]:
    done: dict[str, int] = {}
    for path in SWEEPS:
        sweep: Callable[[], int] = import_string(path)
        done[path] = sweep()
    return done
