"""The coder's plain words give exactly what spaCy's Tokens give for the same parse."""

import pytest

from vedette.events.coder import code_sentence
from vedette.events.words import release, words_of
from vedette.nlp import parse

pytestmark = pytest.mark.slow

SENTENCES = [
    "Rebel commanders in Daraa said on Tuesday they would not withdraw from the town unless the army lifted its siege.",
    "Iran-backed militias shelled the outskirts of Deir ez-Zor, killing 12 civilians, a monitoring group said.",
    "The U.N. relief coordinator, Kenzo Oshima, called on both sides to let aid convoys reach the 40,000 residents.",
    "Clashes erupted.   Police fired tear gas at protesters near Tahrir Square late on 5 March 2024.",
]


def _token_view(token) -> tuple:
    return (
        token.i,
        token.text,
        token.text_with_ws,
        token.lower_,
        token.lemma_,
        token.pos_,
        token.dep_,
        token.tag_,
        token.idx,
        token.like_num,
        token.is_sent_start,
        token.head.i,
        [c.i for c in token.children],
        [a.i for a in token.ancestors],
        [s.i for s in token.subtree],
        token.nbor(-1).i if token.i > 0 else None,
    )


def test_words_match_the_tokens_of_the_parse() -> None:
    for doc in parse(SENTENCES):
        words = words_of(doc)
        assert [_token_view(w) for w in words] == [_token_view(t) for t in doc]
        assert "".join(w.text_with_ws for w in words) == doc.text


def test_a_word_has_no_neighbour_past_either_end() -> None:
    [doc] = parse(["Troops withdrew."])
    words = words_of(doc)
    with pytest.raises(IndexError):
        words[0].nbor(-1)
    with pytest.raises(IndexError):
        words[-1].nbor(1)


def test_released_words_leave_the_coding_unchanged() -> None:
    docs = list(parse(SENTENCES))
    first = [code_sentence(doc[:]) for doc in docs]
    words = words_of(docs[0])
    release(words)
    assert words == []
    assert [code_sentence(doc[:]) for doc in docs] == first
    assert any(first), "the sentences hold events"
