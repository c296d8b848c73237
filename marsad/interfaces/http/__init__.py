"""``marsad serve``: the HTTP JSON API (``/api/v1``) and the Arabic web UI, one ASGI app over one store.

Thin over the functions the CLI calls (``marsad.retrieval``, ``marsad.pipeline``): every page and endpoint parses
its input, calls one of them and formats the result. ``create_app(ServeSettings(...))`` builds the app; nothing
is kept at module level.
"""

from marsad.interfaces.http.app import create_app
from marsad.interfaces.http.settings import ServeSettings, read_token

__all__ = ["ServeSettings", "create_app", "read_token"]
