"""The live room's web server (Starlette on uvicorn): the deck for the presenter, the
audience page for phones, and their API and WebSockets. Nothing else is served: the deck
and the files it uses (listed when the server starts), the room's own page and scripts.

Who may do what:
- the presenter holds the token printed at start (a cookie once ``/present/<token>`` is
  opened, or an ``Authorization: Bearer`` header); only it opens, closes and reveals, and
  only it gets the deck, whose pages carry the answers;
- a phone joins with the room code and gets a random device id in a cookie; it answers
  the question that is open, with options the question has, at a limited rate.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import secrets
import sqlite3
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import segno
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from course import paths
from course.present.room import Refused, Room, pump

ASSETS = paths.TEMPLATES_DIR / "present"
ASSET_FILES = ("audience.html", "audience.js", "audience.css", "presenter.js", "presenter.css")
PRESENTER_COOKIE = "room-presenter"
DEVICE_COOKIE = "room-device"
MAX_BODY = 4096
# The room's own pages: only this server, nothing inline, no frames around them.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
# The deck keeps its own policy (a meta tag, which cannot forbid framing): this adds that.
DECK_HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
# Added to the deck before </head>, from this server (the deck's own policy allows 'self').
INJECTED = (
    b'<link rel="stylesheet" href="/room/presenter.css">'
    b'<script src="/room/presenter.js" defer></script>'
)


class _Uses(HTMLParser):
    """The files a page names in src and href (its stylesheets, scripts, images)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith(("#", "data:")):
                self.found.add(value)


def deck_files(site: Path, deck: str) -> set[str]:
    """The deck and every file of the site it uses, by path in the site; nothing else is
    served. reveal.js and the deck's assets folder are loaded by scripts too, so all of
    ``assets/`` is in."""
    parser = _Uses()
    parser.feed((site / deck).read_text(encoding="utf-8"))
    files = {deck}
    base = f"https://site/{deck}"
    for ref in parser.found:
        url = urlsplit(urljoin(base, ref))
        if url.netloc == "site":
            files.add(url.path.lstrip("/"))
    files |= {p.relative_to(site).as_posix() for p in (site / "assets").rglob("*") if p.is_file()}
    return {f for f in files if (site / f).is_file()}


@dataclass
class Config:
    site: Path
    deck: str  # the deck's path in the site, "slides/class-90.html"
    audience_url: str  # what phones open (the QR code's address, without the code)


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=HEADERS)


def qr_svg(url: str) -> bytes:
    """The audience address as a QR code (SVG, dark on light, a quiet zone of 4 modules)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=8, dark="#111", light="#fff")
    return out.getvalue()


def app(config: Config, room: Room) -> Starlette:
    files = deck_files(config.site, config.deck)
    join_url = f"{config.audience_url}?room={room.store.code}"
    qr = qr_svg(join_url)

    def presenter(request: Request | WebSocket) -> bool:
        token = request.cookies.get(PRESENTER_COOKIE, "")
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            token = header[7:]
        return secrets.compare_digest(token.encode(), room.store.token.encode())

    def device_of(request: Request | WebSocket) -> str | None:
        device = request.cookies.get(DEVICE_COOKIE)
        return device if device and room.store.known(device) else None

    async def body(request: Request) -> dict[str, Any]:
        """The request's JSON object: JSON by its content type (a form another site posts
        is not), read no further than MAX_BODY."""
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise Refused(415, "Send the request as JSON (Content-Type: application/json).")
        raw = b""
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > MAX_BODY:
                raise Refused(413, "That request is too large.")
        try:
            data = json.loads(raw or b"{}")
        except (ValueError, RecursionError):
            raise Refused(400, "That request is not JSON.") from None
        if not isinstance(data, dict):
            raise Refused(400, "That request is not a JSON object.")
        return data

    async def audience(request: Request) -> Response:
        return FileResponse(ASSETS / "audience.html", headers=HEADERS)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSET_FILES:
            return error(404, "Not found.")
        return FileResponse(ASSETS / name, headers=HEADERS)

    async def qr_code(request: Request) -> Response:
        # it carries the room code: for the deck, not for whoever asks
        if not presenter(request):
            return error(403, "Only the presenter's deck shows the room's QR code.")
        return Response(qr, media_type="image/svg+xml", headers=HEADERS)

    async def join(request: Request) -> Response:
        try:
            address = request.client.host if request.client else ""
            device = room.join((await body(request)).get("room"), address)
        except Refused as refused:
            return error(refused.status, refused.message)
        response = JSONResponse({"joined": True, "code": room.store.code}, headers=HEADERS)
        response.set_cookie(DEVICE_COOKIE, device, httponly=True, samesite="strict")
        return response

    async def answer(request: Request) -> Response:
        try:
            data = await body(request)
            chosen = room.answer(device_of(request), data.get("question"), data.get("options"))
        except Refused as refused:
            return error(refused.status, refused.message)
        return JSONResponse({"recorded": True, "options": chosen}, headers=HEADERS)

    async def present(request: Request) -> Response:
        token = request.path_params["token"]
        if not secrets.compare_digest(token.encode(), room.store.token.encode()):
            return error(403, "This is not the presenter's address.")
        response = RedirectResponse(f"/deck/{config.deck}", status_code=303, headers=HEADERS)
        response.set_cookie(PRESENTER_COOKIE, token, httponly=True, samesite="strict")
        return response

    async def deck(request: Request) -> Response:
        if not presenter(request):
            return error(403, "Only the presenter opens the deck here.")
        path = request.path_params["path"]
        if path not in files:
            return error(404, "Not found.")
        target = config.site / path
        if path == config.deck:
            html = target.read_bytes().replace(b"</head>", INJECTED + b"</head>", 1)
            return Response(html, media_type="text/html", headers=DECK_HEADERS)
        return FileResponse(target, headers=DECK_HEADERS)

    async def room_info(request: Request) -> Response:
        if not presenter(request):
            return error(403, "Only the presenter sees the room's answers.")
        return JSONResponse(
            {
                "code": room.store.code,
                "audience": config.audience_url,
                "join": join_url,
                "questions": [q.revealed() for q in room.questions.values()],
                "room": room.presenter_view(),
            },
            headers=HEADERS,
        )

    async def control(request: Request) -> Response:
        if not presenter(request):
            return error(403, "Only the presenter opens, closes and reveals questions.")
        try:
            data = await body(request)
            view = room.command(str(data.get("action")), data.get("question"))
        except Refused as refused:
            return error(refused.status, refused.message)
        return JSONResponse(view, headers=HEADERS)

    async def follow(websocket: WebSocket, device: str | None) -> None:
        origin = websocket.headers.get("origin")
        if origin and urlsplit(origin).netloc != websocket.headers.get("host"):
            await refuse(websocket)
            return
        await websocket.accept()
        queue = room.follow(device)
        sender = asyncio.create_task(pump(queue, websocket.send_text))
        try:
            while True:  # the client only listens; this notices it leave
                if (await websocket.receive())["type"] == "websocket.disconnect":
                    break
        except WebSocketDisconnect:
            pass
        finally:
            room.leave(queue)
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sender

    async def refuse(websocket: WebSocket) -> None:
        """Closed with 4403 once open, so the page knows why (a refused handshake only
        says 1006): a phone then joins, a stale presenter tab stops."""
        await websocket.accept()
        await websocket.close(code=4403)

    async def phone_socket(websocket: WebSocket) -> None:
        device = device_of(websocket)
        if device is None:
            await refuse(websocket)
            return
        await follow(websocket, device)

    async def presenter_socket(websocket: WebSocket) -> None:
        if not presenter(websocket):
            await refuse(websocket)
            return
        await follow(websocket, None)

    async def not_found(request: Request, exc: Exception) -> Response:
        return error(404, "Not found.")

    async def not_allowed(request: Request, exc: Exception) -> Response:
        return error(405, "Method not allowed.")

    async def busy(request: Request, exc: Exception) -> Response:
        """The record is locked by another program, or the disk is full: nothing was
        stored, and the phone says to send it again."""
        return error(503, "The room could not record that just now: send it again.")

    return Starlette(
        routes=[
            Route("/", audience),
            Route("/room/{name}", asset),
            Route("/qr.svg", qr_code),
            Route("/api/join", join, methods=["POST"]),
            Route("/api/answer", answer, methods=["POST"]),
            Route("/api/room", room_info),
            Route("/api/control", control, methods=["POST"]),
            Route("/present/{token}", present),
            Route("/deck/{path:path}", deck),
            WebSocketRoute("/ws/phone", phone_socket),
            WebSocketRoute("/ws/presenter", presenter_socket),
        ],
        exception_handlers={404: not_found, 405: not_allowed, sqlite3.OperationalError: busy},
    )
