"""vedette: located, attributed, corroborated events from raw conflict reporting."""

from vedette.geo import load_gazetteer
from vedette.pipeline import Pipeline
from vedette.store import Store

__all__ = ["Pipeline", "Store", "load_gazetteer"]
__version__ = "0.1.0"
