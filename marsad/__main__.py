"""``python -m marsad`` runs the command line."""

from marsad.interfaces.cli import main

raise SystemExit(main())
