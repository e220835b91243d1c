"""The preview's web server: the site as built, the pages rendered ahead of the build,
and a stream of events to each open tab (reload, problems, all clear).

Starlette on uvicorn, as sphinx-autobuild serves Sphinx. The reload script is added to
HTML as it is served, so the files in ``_build/site`` never carry it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import json
import mimetypes
import threading
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from course import paths

PREFIX = "__preview__"
ASSETS = paths.TEMPLATES_DIR / "preview"
# Added before </head>: a stylesheet and a deferred script, both from this server, which
# the pages' Content-Security-Policy ('self') allows.
INJECTED = (
    f'<link rel="stylesheet" href="/{PREFIX}/preview.css">'
    f'<script src="/{PREFIX}/preview.js" defer></script>'
).encode()
NO_STORE = {"Cache-Control": "no-store"}
KEEP_ALIVE_SECONDS = 15.0
WAITING = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Building…</title>"
    "</head><body><main><h1>Building the course…</h1><p>This page opens by itself when "
    "the build has written it.</p></main></body></html>"
).encode()


def page_key(path: str) -> str:
    """A page as the site names it: "/" -> "index.html", "/slides/x.html" -> "slides/x.html"."""
    key = path.split("?", 1)[0].lstrip("/")
    return key + "index.html" if key == "" or key.endswith("/") else key


def digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


class Hub:
    """The open tabs (the page each shows, a queue of events for each), the problems of the
    last attempt, and what each page looked like when last served. Thread-safe: builds
    run in another thread and publish through the event loop."""

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()
        self._tabs: dict[int, tuple[str, asyncio.Queue[tuple[str, Any]]]] = {}
        self._ids = itertools.count(1)
        self.problems: list[dict[str, Any]] = []
        self.served: dict[str, str] = {}

    def attach(self, page: str) -> tuple[int, asyncio.Queue[tuple[str, Any]]]:
        queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        with self._lock:
            tab = next(self._ids)
            self._tabs[tab] = (page, queue)
        return tab, queue

    def detach(self, tab: int) -> None:
        with self._lock:
            self._tabs.pop(tab, None)

    def pages(self) -> list[str]:
        """The pages open now, most recently opened first."""
        with self._lock:
            return list(dict.fromkeys(page for page, _q in reversed(self._tabs.values())))

    def publish(self, event: str, data: Any = None, pages: set[str] | None = None) -> None:
        """Send ``event`` to the tabs showing ``pages`` (every tab when None)."""
        if event == "problems":
            self.problems = list(data)
        elif event == "clear":
            self.problems = []
        with self._lock:
            queues = [q for page, q in self._tabs.values() if pages is None or page in pages]
        if self.loop is None:
            return
        for queue in queues:
            with contextlib.suppress(RuntimeError):  # the server has stopped: no tab to tell
                self.loop.call_soon_threadsafe(queue.put_nowait, (event, data))

    def close_all(self) -> None:
        """End every event stream, so the server can stop without waiting on them."""
        self.publish("close")


class Overlay:
    """Files rendered ahead of the build (a page and its figures), served in place of the
    site's copies until a full build has published the same edit."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: dict[str, bytes] = {}

    def put(self, files: dict[str, str | bytes]) -> None:
        encoded = {k: v.encode() if isinstance(v, str) else v for k, v in files.items()}
        with self._lock:
            self._files.update(encoded)

    def get(self, key: str) -> bytes | None:
        with self._lock:
            return self._files.get(key)

    def clear(self) -> None:
        with self._lock:
            self._files.clear()


def inject(body: bytes) -> bytes:
    """The page with the preview's script and style, placed before its </head>."""
    at = body.rfind(b"</head>")
    return body[:at] + INJECTED + body[at:] if at >= 0 else body + INJECTED


def _sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n"


def site_file(site: Path, key: str) -> Path | None:
    """``key`` inside ``site``, or None: nothing outside the site folder is ever served."""
    root = site.resolve()
    try:
        full = (root / key).resolve()
    except (OSError, ValueError):
        return None
    return full if full.is_relative_to(root) else None


def app(site: Path, hub: Hub, overlay: Overlay, building=lambda: False) -> Starlette:
    """``building()``: whether a build is under way (a missing page then waits for it)."""

    async def events(request: Request) -> StreamingResponse:
        hub.loop = asyncio.get_running_loop()
        key = page_key(request.query_params.get("page", "/"))
        tab, queue = hub.attach(key)
        if hub.served.get(key) == "":  # the tab was sent "Building the course…"
            # and if its page was written before it listened, it missed its reload: it gets
            # it now (the tab is attached first, so no later reload is lost either)
            built = site_file(site, key)
            if overlay.get(key) is not None or (built is not None and built.is_file()):
                queue.put_nowait(("reload", None))

        async def stream():
            try:
                yield "retry: 500\n\n"
                if hub.problems:
                    yield _sse("problems", hub.problems)
                while True:
                    try:
                        event, data = await asyncio.wait_for(queue.get(), KEEP_ALIVE_SECONDS)
                    except TimeoutError:
                        yield ": keep-alive\n\n"
                        continue
                    if event == "close":
                        return
                    yield _sse(event, data)
            finally:
                hub.detach(tab)

        return StreamingResponse(stream(), media_type="text/event-stream", headers=NO_STORE)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in {"preview.js", "preview.css"}:
            return Response("Not found", status_code=404)
        return FileResponse(ASSETS / name, headers=NO_STORE)

    async def page(request: Request) -> Response:
        key = page_key(request.url.path)
        kind = mimetypes.guess_type(key)[0] or "application/octet-stream"
        body = overlay.get(key)
        if body is None:
            file = site_file(site, key)
            if file is None:
                return Response("Not found", status_code=404)
            if file.is_dir():
                return RedirectResponse(request.url.path.rstrip("/") + "/")
            if not file.is_file():
                if key.endswith(".html") and building():
                    hub.served[key] = ""
                    return Response(inject(WAITING), 503, headers=NO_STORE, media_type=kind)
                return Response("Not found", status_code=404)
            if not key.endswith(".html"):
                return FileResponse(file, headers=NO_STORE)
            body = file.read_bytes()
        if key.endswith(".html"):
            hub.served[key] = digest(body)
            body = inject(body)
        return Response(body, headers=NO_STORE, media_type=kind)

    return Starlette(
        routes=[
            Route(f"/{PREFIX}/events", events),
            Route(f"/{PREFIX}/{{name}}", asset),
            Route("/{path:path}", page),
        ]
    )
