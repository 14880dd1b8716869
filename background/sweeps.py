"""One sweep for every app whose tasks work in the private temp directory.

`records.scratch.sweep()` removes what dead processes on this machine left and names the
workspaces they held; each name goes to the app that owns its prefix, which retries or
fails the job behind it. One call hands out all the names, so no app's sweep can swallow
another's. Called when a worker starts, by the apps' pages and by `manage.py sweep_files`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.module_loading import import_string

from records import scratch

# workspace name prefix -> handler(ids of the jobs whose workspaces were found dead) -> count
HANDLERS = {
    "export-": "workbook.jobs.interrupted",
    "finalise-job-": "reports.finalising.interrupted",
    "draft-pdf-": "reports.draft_pdf.interrupted",
    "import-job-": "imports.jobs.interrupted",
}


def job_ids(names: list[str], prefix: str) -> list[int]:
    tails = [name[len(prefix) :] for name in names if name.startswith(prefix)]
    return [int(tail) for tail in tails if tail.isdecimal()]


def run_all() -> dict[str, int]:
    """Sweep, then hand each dead workspace to its app. Returns jobs found, per prefix."""
    names = scratch.sweep()
    found: dict[str, int] = {}
    for prefix, path in HANDLERS.items():
        handler: Callable[[list[int]], int] = import_string(path)
        found[prefix] = handler(job_ids(names, prefix))
    return found
