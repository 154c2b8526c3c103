"""``mkdocs serve`` learns of an edit from the file system's events (lectureutils/site/watching.py),
reacts to changes only, and keeps MkDocs' polling where events are not available."""

from __future__ import annotations

import threading

import pytest
import watchdog.events
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from lectureutils.site import watching
from lectureutils.site.plugin import LecturePlugin

pytestmark = pytest.mark.skipif(issubclass(watching.ChangeObserver, PollingObserver),
                                reason="watchdog has no native file events on this platform")


def _server(tmp_path) -> LiveReloadServer:
    # As `mkdocs serve` makes it, before its plugins' on_serve: docs/ and mkdocs.yml watched.
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text("# Page\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "docs"))  # watched twice: unwatching once must keep it
    server.watch(str(tmp_path / "mkdocs.yml"))
    return server


def test_the_plugin_gives_serve_an_observer_of_file_events_that_sees_a_save(tmp_path):
    server = _server(tmp_path)
    assert isinstance(server.observer, PollingObserver)
    assert LecturePlugin().on_serve(server, config=None, builder=server.builder) is server
    assert isinstance(server.observer, watching.ChangeObserver)
    assert server._watched_paths == {str(tmp_path / "docs"): 2, str(tmp_path / "mkdocs.yml"): 1}
    server.unwatch(str(tmp_path / "docs"))
    assert str(tmp_path / "docs") in server._watched_paths
    server.observer.start()
    try:
        (tmp_path / "docs" / "page.md").write_text("# Page, edited\n", encoding="utf-8")
        with server._rebuild_cond:
            assert server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=30), \
                "the save never reached the server"
    finally:
        server.observer.stop()
        server.observer.join()


def test_reading_a_file_is_not_a_change(tmp_path):
    """A build reads every page: only writes may trigger a rebuild, or serve would never rest."""
    events: list[watchdog.events.FileSystemEvent] = []
    written = threading.Event()

    class Recorder(watchdog.events.FileSystemEventHandler):
        def on_any_event(self, event):
            events.append(event)
            if event.src_path.endswith("written.md"):
                written.set()

    (tmp_path / "read.md").write_text("read me\n", encoding="utf-8")
    observer = watching.ChangeObserver()
    observer.schedule(Recorder(), str(tmp_path), recursive=True)
    observer.start()
    try:
        assert (tmp_path / "read.md").read_text(encoding="utf-8") == "read me\n"
        # Events of one watch arrive in order: once the write is seen, a report of the read
        # (made before it) would be in the list.
        (tmp_path / "written.md").write_text("new\n", encoding="utf-8")
        assert written.wait(timeout=30), "the write was never reported"
    finally:
        observer.stop()
        observer.join()
    assert [event for event in events if event.src_path.endswith("read.md")] == []
    assert {type(event) for event in events} <= set(watching.CHANGES) | {
        watchdog.events.DirModifiedEvent}


def test_without_file_events_serve_keeps_mkdocs_polling(tmp_path, monkeypatch):
    def no_events(self):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watching.ChangeObserver, "start", no_events)
    server = _server(tmp_path)
    polling = server.observer
    assert watching.use_file_events(server) is False
    assert server.observer is polling
    assert server._watched_paths == {str(tmp_path / "docs"): 2, str(tmp_path / "mkdocs.yml"): 1}
    assert set(server._watch_refs) == set(server._watched_paths)
