"""Columnar signing: the four MinHash signatures of a batch of articles in a few vectorised passes.

Signing reads every article of a corpus, so its cost per article decides how
trace scales. Splitting, tokenising and classifying words one sentence at a
time in Python cost about 0.7 ms an article; here polars (Rust regular
expressions over the whole batch) splits the sentences and words, numpy
numbers and pairs them, and Python looks only at the distinct words, names
and figures of the batch, through caches.

The signatures carry the same evidence as the sentence features the
comparisons use (`text.py`): folded words for the wording shingles; names
(capitalised words outside the stopwords, a sentence's lone capitalised first
word excepted, as a transliteration-tolerant key) and figures (normalised
values) as anchors; each sentence's anchors in a fixed order, paired with
the next anchor of the article, for the facts signature. They need to agree
only with each other, across articles and runs: every hash is a crc32 of
text or integer arithmetic on those, never a library's or Python's own hash.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain

import numpy as np

from .fingerprint import (_MASK32, _SHIFT, _SHINGLE_MULTIPLIERS, MIN_FIGURES, SHINGLE, distinctive, minhash_rows,
                          one_permutation_minhash_rows, stable_hash)
from .text import digit_anchors, fold, token_anchors, uses_decimal_comma

# "Mr. Smith", "U.S. officials", "J. Smith", "E! News": a stop after an abbreviation or a lone letter
# (the whole run of word characters and dots before it) is hidden as U+001F before sentences are cut.
_ABBREVIATION_STOP = (r"(?i)(^|[^\w.])((?:mr|mrs|ms|dr|sen|rep|gov|gen|col|lt|sgt|capt|cmdr|adm|st|prof|jr|sr|inc|"
                      r"corp|co|ltd|no|vs|etc|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|u\.s|u\.k|u\.n|e\.u|"
                      r"\pL)\.*)[.!?…]")
# A stop (with closing quotes) and a space before a capital or a digit: the space becomes a line break.
_SENTENCE_BREAK = r"([.!?…][\"”’»)\]]*)\s+([\"“‘«(\[]?[A-Z0-9À-Ý])"
_TOKEN = r"[\pL\pN](?:[\pL\pN_’'\-]*[\pL\pN])?"  # Python's [^\W_] (letters, numbers), not Rust's \w (marks too)
_FIGURE = (r"(?i)(?:[$€£¥]|US\$|USD|EUR|GBP)?\s?(?:\d{1,3}(?:[,. \x{a0}]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
           r"(?:\s?(?:mil millones|mil milhões|trillions?|billions?|millions?|thousands?|bn|mn|mln|tn|m|b|k|"
           r"millones|milliards?|milliarden|millionen|miliardi|milioni|milhões|bilhões|mio|mrd|crores?|lakhs?)\b)?"
           r"(?:\s?(?:%|percents?\b|per cent\b|por ciento\b|pour cent\b|prozent\b|per cento\b))?")
_PAIR_MULTIPLIERS = np.array([0xD6E8FEB86659FD93, 0xA0761D6478BD642F], dtype=np.uint64)


def signatures_of_texts(texts: list[tuple[list[str], str | None]]) -> list[tuple[np.ndarray, ...]]:
    """The wording, facts, figures and names signatures of each (paragraphs, language)."""
    count = len(texts)
    if not count:
        return []
    tokens, names, numbers = _batch(texts)
    wording = one_permutation_minhash_rows(*_wording(tokens), count)
    facts = minhash_rows(*_facts(names, numbers), count)
    figures = minhash_rows(*_figures(numbers), count)
    name_set = minhash_rows(*_name_set(names), count)
    return [(wording[index], facts[index], figures[index], name_set[index]) for index in range(count)]


def evidence_of_texts(texts: list[tuple[list[str], str | None]]) -> list[dict[str, list[int] | set[int]]]:
    """What signing saw in each text, as hashes: its folded words in order, and the sets of its names,
    numbers and (when there are enough) distinctive figures. For tests and for explaining a missed pair."""
    if not texts:
        return []
    tokens, names, numbers = _batch(texts)
    figure_hashes, figure_doc = _figures(numbers)
    count = len(texts)
    words = _by_doc(tokens.word_hash, tokens.doc, count)
    name_sets = _by_doc(names.hashes, names.doc, count)
    number_sets = _by_doc(numbers.hashes, numbers.doc, count)
    figure_sets = _by_doc(figure_hashes, figure_doc, count)
    return [{"words": words[index].tolist(), "names": set(name_sets[index].tolist()),
             "numbers": set(number_sets[index].tolist()), "figures": set(figure_sets[index].tolist())}
            for index in range(count)]


def _by_doc(values: np.ndarray, doc: np.ndarray, count: int) -> list[np.ndarray]:
    """The values of each article 0..count-1, in their order (a stable sort by article)."""
    order = np.argsort(doc, kind="stable")
    return np.split(values[order], np.searchsorted(doc[order], np.arange(1, count)))


def _batch(texts: list[tuple[list[str], str | None]]) -> tuple[_Tokens, _Anchors, _Anchors]:
    """The words, names and numbers of a batch of texts."""
    import polars as pl  # imported where used: worker processes fork before touching its thread pool

    pages = [_one_text(paragraphs) for paragraphs, _ in texts]
    try:
        pages = pl.Series(pages, dtype=pl.String)
    except UnicodeEncodeError:  # a lone surrogate (from bytes decoded with surrogateescape) is no UTF-8
        pages = pl.Series([page.encode("utf-8", "surrogatepass").decode("utf-8", "replace") for page in pages],
                          dtype=pl.String)
    sentences = (pages.str.replace_all(_ABBREVIATION_STOP, "${1}${2}\x1f")
                 .str.replace_all(_SENTENCE_BREAK, "${1}\n${2}").str.split("\n"))
    sentence_doc = np.repeat(np.arange(len(texts)), sentences.list.len().to_numpy())
    sentences = sentences.explode().fill_null("")
    tokens = _Tokens.of(sentences, sentence_doc)
    decimal_comma = np.array([uses_decimal_comma(language) for _, language in texts])
    return tokens, _names(tokens), _numbers(sentences, sentence_doc, decimal_comma, tokens)


def _one_text(paragraphs: list[str]) -> str:
    # A paragraph always ends a sentence; a line break inside one is only spacing. It becomes a tab, not a
    # space, as a space between digits groups thousands ("45\n120" is two figures), and so do the
    # separators U+001C-U+001F, which Python's \s matches and Rust's does not.
    # (str.translate looks up every character: only paragraphs with a non-printable one need it.)
    return "\n".join(paragraph if paragraph.isprintable() else paragraph.translate(_AS_TAB)
                     for paragraph in paragraphs)


_AS_TAB = str.maketrans({character: "\t" for character in "\n\x1c\x1d\x1e\x1f"})


_NONE = np.uint64(1 << 40)  # above every crc32: "no such hash" (not a name, not a number word)


@lru_cache(maxsize=1 << 18)
def _word_facts(word: str) -> tuple[int, int, int, int, int]:
    """What signing needs of a word, computed once per distinct word: the hash of its folded form, its name
    anchor's hash (or _NONE), whether it is capitalised, its number-word anchor's hash (or _NONE), and
    whether that number is a distinctive figure. The anchors are `text.token_anchors`'."""
    name, counted = token_anchors(word)
    return (stable_hash(fold(word)), stable_hash(name) if name else int(_NONE), int(word[:1].isupper()),
            stable_hash(counted) if counted else int(_NONE), int(bool(counted) and distinctive(counted)))


class _Tokens:
    """Every word of the batch in order: its facts (`_word_facts`), article, sentence and position."""

    def __init__(self, facts: np.ndarray, doc: np.ndarray, sentence: np.ndarray, position: np.ndarray):
        self.word_hash, self.name_hash, capitalised, self.counted_hash, counted_distinctive = facts.T
        self.capitalised = capitalised.astype(bool)
        self.counted_distinctive = counted_distinctive.astype(bool)
        self.doc = doc
        self.sentence = sentence
        self.position = position

    @classmethod
    def of(cls, sentences, sentence_doc: np.ndarray) -> _Tokens:
        import pyarrow.compute as pc

        lists = sentences.str.extract_all(_TOKEN)
        lengths = lists.list.len().to_numpy().astype(np.int64)
        words = pc.dictionary_encode(lists.explode().drop_nulls().to_arrow())
        words = words.combine_chunks() if hasattr(words, "combine_chunks") else words
        distinct = words.dictionary.to_pylist()
        table = np.fromiter(chain.from_iterable(map(_word_facts, distinct)), dtype=np.uint64,
                            count=5 * len(distinct)).reshape(len(distinct), 5)
        sentence = np.repeat(np.arange(lengths.size), lengths)
        starts = np.cumsum(lengths) - lengths
        position = np.arange(sentence.size) - starts[sentence]
        return cls(table[words.indices.to_numpy(zero_copy_only=False)], sentence_doc[sentence], sentence, position)


def _wording(tokens: _Tokens) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the shingles of five folded words inside one article, and their articles."""
    word_hashes, doc = tokens.word_hash, tokens.doc
    if word_hashes.size < SHINGLE:
        return word_hashes, doc
    windows = np.lib.stride_tricks.sliding_window_view(word_hashes, SHINGLE)
    same_doc = doc[:-SHINGLE + 1] == doc[SHINGLE - 1:]
    shingles = ((windows[same_doc] * _SHINGLE_MULTIPLIERS).sum(axis=1)) & _MASK32
    # An article of fewer than five words is represented by its words.
    short = (np.bincount(doc) < SHINGLE)[doc]
    return (np.concatenate([shingles, word_hashes[short]]),
            np.concatenate([doc[:-SHINGLE + 1][same_doc], doc[short]]))


class _Anchors:
    """Anchors found in the batch: hash, article, sentence, and (figures) whether distinctive."""

    def __init__(self, hashes, doc, sentence, distinctive=None):
        self.hashes = hashes
        self.doc = doc
        self.sentence = sentence
        self.distinctive = distinctive


def _names(tokens: _Tokens) -> _Anchors:
    """Capitalised words outside the stopwords, as name keys; a capitalised first word of a sentence
    counts only when the second word is capitalised too ("Kassym-Jomart Tokayev said")."""
    next_capitalised = np.zeros_like(tokens.capitalised)
    next_capitalised[:-1] = tokens.capitalised[1:] & (tokens.sentence[1:] == tokens.sentence[:-1])
    keep = (tokens.name_hash != _NONE) & ((tokens.position > 0) | next_capitalised)
    return _Anchors(tokens.name_hash[keep], tokens.doc[keep], tokens.sentence[keep])


def _numbers(sentences, sentence_doc: np.ndarray, decimal_comma: np.ndarray, tokens: _Tokens) -> _Anchors:
    """Figures written in digits (with scale, currency, percent) and counted number words."""
    lists = sentences.str.extract_all(_FIGURE)
    lengths = lists.list.len().to_numpy().astype(np.int64)
    written = lists.explode().drop_nulls().to_list()
    sentence = np.repeat(np.arange(lengths.size), lengths)
    comma = decimal_comma[sentence_doc[sentence]]
    hashes, owners, distinctive = [], [], []
    for index, (text, in_comma) in enumerate(zip(written, comma.tolist())):
        for anchor_hash, is_distinctive in _figure_hashes(text, in_comma):
            hashes.append(anchor_hash)
            owners.append(index)
            distinctive.append(is_distinctive)
    owners = np.array(owners, dtype=np.int64)
    counted = tokens.counted_hash != _NONE
    figure_sentence = sentence[owners]
    return _Anchors(
        hashes=np.concatenate([np.array(hashes, dtype=np.uint64), tokens.counted_hash[counted]]),
        doc=np.concatenate([sentence_doc[figure_sentence], tokens.doc[counted]]),
        sentence=np.concatenate([figure_sentence, tokens.sentence[counted]]),
        distinctive=np.concatenate([np.array(distinctive, dtype=bool),
                                    tokens.counted_distinctive[counted]]))


@lru_cache(maxsize=1 << 16)
def _figure_hashes(written: str, decimal_comma: bool) -> tuple[tuple[int, bool], ...]:
    return tuple((stable_hash(anchor), distinctive(anchor)) for anchor in digit_anchors(written, decimal_comma))


def _facts(names: _Anchors, numbers: _Anchors) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of consecutive anchors in reading order (each sentence's distinct anchors in hash order),
    plus every number anchor; with their articles."""
    hashes = np.concatenate([names.hashes, numbers.hashes])
    sentence = np.concatenate([names.sentence, numbers.sentence])
    doc = np.concatenate([names.doc, numbers.doc])
    order = np.lexsort((hashes, sentence))
    hashes, sentence, doc = hashes[order], sentence[order], doc[order]
    distinct = np.ones(hashes.size, dtype=bool)
    distinct[1:] = (hashes[1:] != hashes[:-1]) | (sentence[1:] != sentence[:-1])
    hashes, doc = hashes[distinct], doc[distinct]
    linked = (doc[1:] == doc[:-1]) & (hashes[1:] != hashes[:-1])
    with np.errstate(over="ignore"):
        pairs = (hashes[:-1][linked] * _PAIR_MULTIPLIERS[0] + hashes[1:][linked] * _PAIR_MULTIPLIERS[1]) >> _SHIFT
    return (np.concatenate([pairs, numbers.hashes]),
            np.concatenate([doc[:-1][linked], numbers.doc]))


def _figures(numbers: _Anchors) -> tuple[np.ndarray, np.ndarray]:
    """The distinctive figures of articles that have at least MIN_FIGURES different ones."""
    return _sets_of_at_least(numbers.hashes[numbers.distinctive], numbers.doc[numbers.distinctive], MIN_FIGURES)


def _name_set(names: _Anchors) -> tuple[np.ndarray, np.ndarray]:
    """The names of articles that mention at least three different ones."""
    return _sets_of_at_least(names.hashes, names.doc, 3)


def _sets_of_at_least(hashes: np.ndarray, doc: np.ndarray, minimum: int) -> tuple[np.ndarray, np.ndarray]:
    keys = np.unique((doc.astype(np.uint64) << _SHIFT) | hashes.astype(np.uint64))  # hashes are 32-bit
    doc, hashes = (keys >> _SHIFT).astype(np.int64), keys & _MASK32
    keep = np.bincount(doc)[doc] >= minimum if doc.size else np.zeros(0, dtype=bool)
    return hashes[keep], doc[keep]
