"""govgraph CLI commands for the stores work (registered on the app from govgraph.app.cli)."""

from __future__ import annotations
