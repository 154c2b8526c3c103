"""How ``mkdocs serve`` notices an edit: the operating system's file events, not a 0.5 s poll.

MkDocs' ``LiveReloadServer`` watches with watchdog's ``PollingObserver``, which lists and stats
every watched file twice a second: a saved page waits 0.25 s on average (0.5 s at worst) before
its rebuild starts, and each poll competes with the rebuild for the interpreter. The ``lecture``
plugin's ``on_serve`` (``lectureutils.site.plugin``) gives the server watchdog's native observer
instead (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), which reports a
save as it happens, and moves the watches already made (``docs/``, ``mkdocs.yml``) onto it.

Only changes count (:data:`CHANGES`): a native observer also reports files opened, and closed
without a write, and every build reads every page, so a server that rebuilt on those would
rebuild forever. Where the native observer cannot start (no inotify watch left, a file system
without events), or MkDocs' server no longer looks as this module expects, the server keeps
MkDocs' own polling: slower, never wrong.
"""

from __future__ import annotations

import logging

import watchdog.events
import watchdog.observers
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.lecture")

# What a save, a new file, a deletion or an editor's write-then-rename produces.
CHANGES = [
    watchdog.events.FileModifiedEvent,
    watchdog.events.FileCreatedEvent,
    watchdog.events.FileDeletedEvent,
    watchdog.events.FileMovedEvent,
    watchdog.events.FileClosedEvent,
]


class ChangeObserver(watchdog.observers.Observer):
    """The platform's native observer, reporting changes only (every watch gets :data:`CHANGES`)."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **options):
        return super().schedule(event_handler, path, recursive=recursive,
                                event_filter=event_filter or CHANGES, **options)


def _native_observer_starts(path: str) -> bool:
    """Whether a native observer can watch ``path`` here (inotify instances and watches are
    limited per user; some file systems give no events)."""
    probe = ChangeObserver()
    try:
        probe.schedule(watchdog.events.FileSystemEventHandler(), path, recursive=True)
        probe.start()
    except OSError as error:
        log.info("lecture: mkdocs serve keeps polling for changes (no file events here: %s)", error)
        return False
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()
    return True


def use_file_events(server) -> bool:
    """Gives MkDocs' ``LiveReloadServer`` (not yet serving) a :class:`ChangeObserver` with the
    watches it has; returns whether it did."""
    watched = getattr(server, "_watched_paths", None)
    observer = getattr(server, "observer", None)
    # MkDocs 1.6's server: its observer is not started yet, its watches are counted by path.
    if not isinstance(watched, dict) or not isinstance(observer, BaseObserver) or observer.is_alive():
        return False
    if isinstance(observer, ChangeObserver):
        return True
    if issubclass(ChangeObserver, PollingObserver):
        return False  # watchdog knows no file events on this platform: MkDocs' 0.5 s poll is faster
    if watched and not _native_observer_starts(next(iter(watched))):
        return False
    counts = dict(watched)
    for path, count in counts.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = ChangeObserver()
    for path, count in counts.items():
        for _ in range(count):
            server.watch(path)
    return True
