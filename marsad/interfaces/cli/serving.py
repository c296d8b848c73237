"""``marsad serve``: the HTTP JSON API and the Arabic web UI over one store (FastAPI + uvicorn)."""

from __future__ import annotations

import argparse
import sys

from marsad.interfaces.cli.common import command, open_existing, settings_from_args


def add_arguments(sub: argparse._SubParsersAction) -> None:
    """Declare the serve command's arguments."""
    p = sub.add_parser("serve", help="serve the HTTP JSON API (/api/v1) and the Arabic web UI",
                       description=cmd_serve.__doc__)
    p.add_argument("--db", required=True, help="SQLite file or postgresql:// URL (as for every other command)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="TCP port (default 8000)")
    p.add_argument("--token-file", help="file holding the bearer token POST /api/v1/articles needs; "
                                        "without it the server is read-only")
    p.add_argument("--cors-origin", action="append", metavar="ORIGIN",
                   help="let pages of this origin read the API (repeatable; default: no CORS)")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.add_argument("--published", help="ISO date for posted articles that carry no date")
    p.add_argument("--source", help="outlet name for posted articles that carry none")


@command("serve")
def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the JSON API (/api/v1, reference at /api/v1/docs) and the web UI until interrupted (Ctrl-C).

    Binds 127.0.0.1 unless --host says otherwise; writes (POST /api/v1/articles) need the token in --token-file.
    """
    import uvicorn

    from marsad.interfaces.http import ServeSettings, create_app, read_token

    open_existing(args.db).close()  # a missing database is an error here, as for every read command
    token = read_token(args.token_file) if args.token_file else None
    settings = ServeSettings(db=args.db, host=args.host, port=args.port, token=token,
                             cors_origins=tuple(args.cors_origin or ()), ingest=settings_from_args(args))
    mode = "writes need the token" if token else "read-only (no --token-file)"
    print(f"marsad serve: {args.db} at http://{args.host}:{args.port}/ (API /api/v1, docs /api/v1/docs; {mode})",
          file=sys.stderr, flush=True)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level=args.log_level,
                server_header=False, proxy_headers=False, access_log=args.log_level == "debug")
    return 0
