"""Events: PLOVER-coded "who did what to whom, where, when, how sure, and who says so".

`lexicon` reads the trigger lexicon (`data/events/verbs.yaml`), `actors` the actor
dictionary (`data/events/actors.yaml`), `coder` reads a parsed sentence into ranked
events, `modality` and `dates` say how sure and when, `extract` turns documents into
`Event` records, `evaluate` scores the coder on PLOVER gold sentences.
"""

from vedette.events.actors import ActorEntry, normalise_actor
from vedette.events.extract import extract_events, is_candidate

__all__ = ["ActorEntry", "extract_events", "is_candidate", "normalise_actor"]
