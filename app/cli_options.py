"""govgraph CLI commands for the options work (registered on the app from govgraph.app.cli)."""

from __future__ import annotations
