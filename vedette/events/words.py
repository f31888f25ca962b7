"""A parsed sentence as plain Python words, read once from spaCy for the coder.

The coder walks each sentence's tree many times (children, heads, ancestors, subtrees,
the same strings again and again). A spaCy `Token` builds a new Python object and looks its
strings up in the vocabulary on every such access; a `Word` holds them as attributes.
A `Word` answers the `Token` attributes the coder reads, with the same values in the same order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.attrs import DEP, HEAD, IDX, LEMMA, LIKE_NUM, LOWER, ORTH, POS, SENT_START, SPACY, TAG

if TYPE_CHECKING:
    from spacy.tokens import Doc

_ATTRIBUTES = [ORTH, LOWER, LEMMA, POS, DEP, TAG, IDX, LIKE_NUM, SENT_START, SPACY, HEAD]


class Word:
    """One token of a parsed doc: its strings, offsets and tree links."""

    __slots__ = (
        "i",
        "text",
        "text_with_ws",
        "lower_",
        "lemma_",
        "pos_",
        "dep_",
        "tag_",
        "idx",
        "like_num",
        "is_sent_start",
        "head",
        "children",
        "_words",
        "_ancestors",
        "_subtree",
    )

    def __init__(self, words: list[Word], row: list[int], i: int, name: dict[int, str]) -> None:
        orth, lower, lemma, pos, dep, tag, idx, like_num, sent_start, space, _head = row
        sent_start = _signed(sent_start)
        self.i = i
        self.text = name[orth]
        self.text_with_ws = self.text + " " if space else self.text
        self.lower_ = name[lower]
        self.lemma_ = name[lemma]
        self.pos_ = name[pos]
        self.dep_ = name[dep]
        self.tag_ = name[tag]
        self.idx = idx
        self.like_num = bool(like_num)
        # spaCy's three-valued sentence start: 1 starts a sentence, -1 does not, 0 is unknown.
        self.is_sent_start = None if sent_start == 0 else sent_start > 0
        self.head: Word = self
        self.children: list[Word] = []
        self._words = words
        self._ancestors: tuple[Word, ...] | None = None
        self._subtree: tuple[Word, ...] | None = None

    @property
    def ancestors(self) -> tuple[Word, ...]:
        """The heads from this word's up to the root (as `Token.ancestors`)."""
        if self._ancestors is None:
            chain: list[Word] = []
            current = self
            while current.head is not current and len(chain) < len(self._words):
                current = current.head
                chain.append(current)
            self._ancestors = tuple(chain)
        return self._ancestors

    @property
    def subtree(self) -> tuple[Word, ...]:
        """The word and its descendants in `Token.subtree` order: left children's subtrees, the word, right ones."""
        if self._subtree is None:
            out: list[Word] = []
            for child in self.children:
                if child.i < self.i:
                    out.extend(child.subtree)
            out.append(self)
            for child in self.children:
                if child.i > self.i:
                    out.extend(child.subtree)
            self._subtree = tuple(out)
        return self._subtree

    def nbor(self, offset: int = 1) -> Word:
        """The word `offset` places away in the doc (IndexError past either end, as `Token.nbor`)."""
        at = self.i + offset
        if not 0 <= at < len(self._words):
            raise IndexError(f"no word {offset:+d} from word {self.i}")
        return self._words[at]


def words_of(doc: Doc) -> list[Word]:
    """Every token of `doc` as a `Word`, linked to its head and children."""
    rows = doc.to_array(_ATTRIBUTES).tolist()
    strings = doc.vocab.strings
    names: dict[int, str] = {}
    for row in rows:
        for key in row[:6]:
            if key not in names:
                names[key] = strings[key]
    words: list[Word] = []
    for i, row in enumerate(rows):
        words.append(Word(words, row, i, names))
    for word, row in zip(words, rows, strict=True):
        offset = _signed(row[-1])
        if offset:
            word.head = words[word.i + offset]
            word.head.children.append(word)  # in index order, as `Token.children`
    return words


def release(words: list[Word]) -> None:
    """Unlink the words (heads, children, cached paths) so reference counting frees them at once; left as
    cycles they would wait for, and trigger, the cycle collector, which also walks every live document."""
    for word in words:
        word.head = word.children = word._words = word._ancestors = word._subtree = None  # type: ignore[assignment]
    words.clear()


def _signed(value: int) -> int:
    """`Doc.to_array` gives unsigned 64-bit values; head offsets and sentence starts may be negative."""
    return value - (1 << 64) if value >= 1 << 63 else value
