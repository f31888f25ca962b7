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
    from spacy.strings import StringStore
    from spacy.tokens import Doc

_ATTRIBUTES = [ORTH, LOWER, LEMMA, POS, DEP, TAG, IDX, LIKE_NUM, SENT_START, SPACY, HEAD]
_LINKS_FROM = 8
"""Columns from SENT_START on are read as signed numbers."""


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

    def __init__(self, words: list[Word], i: int, strings: list[int], links: list[int], name: _Names) -> None:
        orth, lower, lemma, pos, dep, tag, idx, like_num = strings
        sent_start, space, _head = links
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
    array = doc.to_array(_ATTRIBUTES)
    # String ids are unsigned 64-bit hashes; sentence starts and head offsets are signed small numbers.
    strings = array[:, :_LINKS_FROM].tolist()
    links = array[:, _LINKS_FROM:].astype("int64").tolist()
    names = _NAMES
    names.strings = doc.vocab.strings
    if len(names) > _MAX_NAMES:
        names.clear()
    words: list[Word] = []
    for i, (word_strings, word_links) in enumerate(zip(strings, links, strict=True)):
        words.append(Word(words, i, word_strings, word_links, names))
    for word, (_, _, offset) in zip(words, links, strict=True):
        if offset:
            word.head = words[word.i + offset]
            word.head.children.append(word)  # in index order, as `Token.children`
    return words


class _Names(dict[int, str]):
    """String ids to strings, each looked up in the vocabulary once. An id is the hash of its string (or a
    fixed symbol), the same in every vocabulary, so one table serves every model."""

    strings: StringStore | None = None

    def __missing__(self, key: int) -> str:
        assert self.strings is not None
        value = self[key] = self.strings[key]
        return value


_NAMES = _Names()
_MAX_NAMES = 200_000
"""Distinct strings remembered before the table starts over (a few MB; a news vocabulary mostly fits)."""


def release(words: list[Word]) -> None:
    """Unlink the words (heads, children, cached paths) so reference counting frees them at once; left as
    cycles they would wait for, and trigger, the cycle collector, which also walks every live document."""
    for word in words:
        word.head = word.children = word._words = word._ancestors = word._subtree = None  # type: ignore[assignment]
    words.clear()
