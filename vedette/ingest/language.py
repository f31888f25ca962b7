"""Language of a document, offline: lingua-language-detector (all languages, low-accuracy mode for speed).

Most documents are plain English news, and telling that costs lingua ~2-6 ms (it scores the text
against every language), which made it the largest part of ingest. Text whose words are at least
`ENGLISH_SHARE` English function words that no other language uses ("the", "and", "which", ...)
is English without asking lingua; lingua decides everything else. In the geoparsing gold corpora
(English news) 82-96 % of documents take this path; in text of other languages these words are
absent unless it quotes English at length.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

SAMPLE_CHARS = 600
"""The head of the text (a headline and a paragraph) is enough to tell the language; lingua's time grows with the
length it reads (~7 ms for 2,000 characters against all languages, ~2 ms for 600)."""
MIN_LETTERS = 20
ENGLISH_SHARE = 0.1
"""Share of a sample's words that must be `_ENGLISH_ONLY` words for the sample to count as English outright."""
ENGLISH_MIN_WORDS = 30
_ENGLISH_ONLY = frozenset(
    "the and that with said which from this were their been after have has had would will they there".split()
)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD = re.compile(r"[a-z']+")


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code ("en", "ar", ...) of `text`, or None when it is too short or unclear to tell."""
    sample = text[:SAMPLE_CHARS]
    last_space = max(sample.rfind(" "), sample.rfind("\n"))
    if len(text) > SAMPLE_CHARS and last_space > 0:
        sample = sample[:last_space]  # whole words only
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    if _plainly_english(sample):
        return "en"
    language = _detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language else None


def _plainly_english(sample: str) -> bool:
    words = _WORD.findall(sample.lower())
    return len(words) >= ENGLISH_MIN_WORDS and sum(w in _ENGLISH_ONLY for w in words) >= ENGLISH_SHARE * len(words)
