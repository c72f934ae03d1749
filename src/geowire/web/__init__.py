"""The web interface: `create_app(store_path)` serves the JSON API under /api and the dashboard pages."""

from .app import create_app

__all__ = ["create_app"]
