"""HTTP API and the offline map page (FastAPI).

`app.py` builds the app (errors, limits, static files); `read.py` and `write.py` hold the routes;
`queries.py` the SQL behind them; `exports.py` the GeoJSON, CSV and PLOVER formats; `auth.py` API keys.
"""

from vedette.api.app import create_app

__all__ = ["create_app"]
