"""A folder watched by polling: new or grown input files, each handed over once it has stopped changing.

Polling (a directory scan every few seconds) works on every filesystem, network mounts included, and needs
no library; a file counts as ready when its size and modification time are the same on two scans in a row,
so a file still being copied is not read half-written. A feed file that grows later is handed over again
(the store skips the records it already holds).
"""

from __future__ import annotations

import os
from pathlib import Path

from vedette.ingest.sources import format_of


class FolderWatch:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._last_scan: dict[Path, tuple[int, int]] = {}
        self._handed: dict[Path, tuple[int, int]] = {}

    def poll(self) -> list[Path]:
        """Files that are new or changed since they were last handed over, and steady since the last poll."""
        scan = dict(self._files())
        ready = sorted(
            path
            for path, signature in scan.items()
            if self._last_scan.get(path) == signature and self._handed.get(path) != signature
        )
        for path in ready:
            self._handed[path] = scan[path]
        self._last_scan = scan
        return ready

    def _files(self) -> list[tuple[Path, tuple[int, int]]]:
        found = []
        for root, folders, names in os.walk(self.folder):
            folders[:] = [f for f in folders if not f.startswith(".")]
            for name in names:
                if name.startswith(".") or format_of(name)[0] is None:
                    continue
                path = Path(root) / name
                try:
                    info = path.stat()
                except OSError:  # removed between the listing and the look
                    continue
                found.append((path, (info.st_size, info.st_mtime_ns)))
        return found
