"""The `wiretrace ui` ASGI app: Starlette routes over the page views, HTML or `?format=json`."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import duckdb
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from wiretrace.jsonout import dumps
from wiretrace.ui import pages, views
from wiretrace.ui.params import BadRequest, claim_query, story_query, wants_json
from wiretrace.ui.source import Reading, Source
from wiretrace.warehouse.db import WarehouseBusy, WarehouseError

LOGGER = logging.getLogger(__name__)
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
# The reports' policy (form-action 'self' for the search forms) and no framing, sniffing or
# referrers: the page is only ever this app's own markup.
HEADERS = {
    "Content-Security-Policy": pages.APP_CSP + "; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-cache",
}


class NotFound(LookupError):
    """No claim, story or outlet has this id."""


def _respond(status: int, body: str, *, json: bool) -> Response:
    media = "application/json" if json else "text/html; charset=utf-8"
    return Response(body, status_code=status, media_type=media, headers=HEADERS)


def _page(
    source: Source,
    build: Callable[[Reading, views.Meta, dict[str, str]], Any],
    render: Callable[[Any], str],
) -> Callable[[Request], Response]:
    """A route: read the view in one read-only connection, answer it as HTML or JSON."""

    def endpoint(request: Request) -> Response:
        params = dict(request.query_params)
        json = params.get("format") == "json"
        try:
            json = wants_json(params)
            with source.reading() as reading:
                meta = views.Meta(reading.committed_at, reading.snapshot)
                view = build(reading, meta, {**params, **request.path_params})
            if view is None:
                raise NotFound(request.url.path)
        except BadRequest as exc:
            return _error(400, "Bad request", str(exc), json=json)
        except NotFound:
            return _error(
                404, "Not found", f"Nothing here has the address {request.url.path}.", json=json
            )
        except WarehouseBusy as exc:
            response = _error(503, "Busy", str(exc), json=json)
            response.headers["Retry-After"] = "5"
            return response
        except WarehouseError as exc:
            return _error(503, "No warehouse", str(exc), json=json)
        except duckdb.Error as exc:  # a warehouse older than this wiretrace: not migrated yet
            LOGGER.warning("query failed on %s: %s", source.db, exc)
            message = " ".join(str(exc).split())
            return _error(500, "Cannot read the warehouse", message, json=json)
        if json:
            return _respond(200, dumps(view, indent=2) + "\n", json=True)
        return _respond(200, render(view), json=False)

    return endpoint


def _error(status: int, heading: str, message: str, *, json: bool) -> Response:
    if json:
        return _respond(status, dumps({"error": heading, "detail": message}) + "\n", json=True)
    return _respond(status, pages.error_page(status, heading, message), json=False)


def _claims(r: Reading, meta: views.Meta, p: dict[str, str]) -> views.ClaimsView:
    return views.claims_view(r.conn, meta, claim_query(p))


def _claim(r: Reading, meta: views.Meta, p: dict[str, str]) -> views.ClaimView | None:
    return views.claim_view(r.conn, meta, p["claim_id"])


def _stories(r: Reading, meta: views.Meta, p: dict[str, str]) -> views.StoriesView:
    return views.stories_view(r.conn, meta, story_query(p))


def _story(r: Reading, meta: views.Meta, p: dict[str, str]) -> views.StoryView | None:
    return views.story_view(r.conn, meta, p["story_id"])


def _outlets(r: Reading, meta: views.Meta, p: dict[str, str]) -> views.OutletsView:
    return views.outlets_view(r.conn, meta)


def _outlet(r: Reading, meta: views.Meta, p: dict[str, str]) -> views.OutletView | None:
    return views.outlet_view(r.conn, meta, p["outlet_id"])


def _runs(r: Reading, meta: views.Meta, p: dict[str, str]) -> views.RunsView:
    return views.runs_view(r.conn, meta, story_query(p).page)


def create_app(
    db: Path,
    *,
    snapshots: Path | None = None,
    busy_wait: float = 0.2,
    wait: float = 20.0,
) -> Starlette:
    """The app over the warehouse at `db`, read-only; snapshots (see ui/source.py) under `snapshots`."""
    source = Source(db, snapshots=snapshots, busy_wait=busy_wait, wait=wait)

    def home(request: Request) -> Response:
        return RedirectResponse("/claims", status_code=303, headers=HEADERS)

    def missing(request: Request, exc: Exception) -> Response:
        json = request.query_params.get("format") == "json"
        return _error(
            404, "Not found", f"Nothing here has the address {request.url.path}.", json=json
        )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            source.close()

    routes = [
        Route("/", home),
        Route("/claims", _page(source, _claims, pages.claims_page)),
        Route("/claims/{claim_id}", _page(source, _claim, pages.claim_page)),
        Route("/stories", _page(source, _stories, pages.stories_page)),
        Route("/stories/{story_id}", _page(source, _story, pages.story_page)),
        Route("/outlets", _page(source, _outlets, pages.outlets_page)),
        Route("/outlets/{outlet_id}", _page(source, _outlet, pages.outlet_page)),
        Route("/runs", _page(source, _runs, pages.runs_page)),
    ]
    app = Starlette(routes=routes, exception_handlers={404: missing}, lifespan=lifespan)
    app.state.source = source
    return app


def serve(
    db: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    announce: Callable[[str], None] = print,
) -> None:
    """Run the app under uvicorn until interrupted; `announce` hears its address once it listens."""
    import uvicorn

    config = uvicorn.Config(
        create_app(db), host=host, port=port, log_level="warning", access_log=False
    )

    class Announcing(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets=sockets)
            if self.started and self.servers:
                bound = self.servers[0].sockets[0].getsockname()
                shown = f"[{bound[0]}]" if ":" in str(bound[0]) else bound[0]
                announce(f"http://{shown}:{bound[1]}/")

    Announcing(config).run()
