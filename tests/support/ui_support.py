"""Helpers of the UI suites: the app driven through httpx's ASGI transport, planted markup."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

PLANTED_SCRIPT = "<script>document.title='pwned by script'</script>"
PLANTED_IMG = "<img src=x onerror=\"document.title='pwned by onerror'\">"
SCALE_AI = "Meta is acquiring a 49% stake in Scale AI"


@dataclass(frozen=True)
class Hostile:
    db: Path
    cluster_id: str  # the claim whose text, sentences and headline carry markup
    outlet_id: str  # an outlet whose name carries markup


class Client:
    """httpx over the app's ASGI interface (no sockets): `get` answers synchronously."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def get(self, path: str, **params: Any) -> httpx.Response:
        async def ask() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://ui.test") as c:
                return await c.get(path, params=params or None)

        return asyncio.run(ask())

    def json(self, path: str, **params: Any) -> Any:
        answer = self.get(path, format="json", **params)
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("application/json")
        return answer.json()
