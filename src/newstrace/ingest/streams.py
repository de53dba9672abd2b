"""Byte streams for the readers: peeking at the head of a non-seekable
input, and inflating multi-member gzip while remembering where each member
starts in the compressed file (a WARC.gz record is addressed by that offset).
"""

from __future__ import annotations

import io
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from newstrace.errors import InputError
from newstrace.ingest.common import CHUNK_SIZE, HEAD_SIZE, CorruptInput, TruncatedInput
from newstrace.ingest.sniff import detect_form

GZIP_MAGIC = b"\x1f\x8b"


@dataclass(slots=True)
class Content:
    """An opened input: its form, its (decompressed) bytes from the start,
    and how to name a position in it for failures and Page.record."""

    form: str
    stream: io.BufferedReader
    locate: Callable[[int], str]
    compressed: bool


def open_content(name: str, source: BinaryIO) -> Content:
    """Sniff `source` (decompressing gzip on the fly) without consuming it."""
    head = read_up_to(source, HEAD_SIZE)
    stream = _buffered(_Prefixed(head, source))
    if not head.startswith(GZIP_MAGIC):
        return Content(detect_form(name, head), stream, str, compressed=False)
    members = GzipMembers(stream)
    inflated = _buffered(members)
    inflated_head, error = _read_head_tolerant(inflated)
    if error is not None and not inflated_head:
        raise error
    stream = _buffered(_Prefixed(inflated_head, inflated))
    return Content(detect_form(name, inflated_head), stream, members.locate, compressed=True)


def read_up_to(source: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes, fewer only at the end of the data."""
    pieces: list[bytes] = []
    wanted = size
    while wanted > 0:
        piece = source.read(wanted)
        if not piece:
            break
        pieces.append(piece)
        wanted -= len(piece)
    return b"".join(pieces)


def _read_head_tolerant(stream: io.BufferedReader) -> tuple[bytes, InputError | None]:
    """The head of a gzip stream, keeping what inflated before an error (a
    small truncated file may hold no more than its head)."""
    pieces: list[bytes] = []
    have = 0
    try:
        while have < HEAD_SIZE:
            piece = stream.read1(HEAD_SIZE - have)
            if not piece:
                break
            pieces.append(piece)
            have += len(piece)
    except InputError as error:
        return b"".join(pieces), error
    return b"".join(pieces), None


def _buffered(raw: io.RawIOBase) -> io.BufferedReader:
    return io.BufferedReader(raw, buffer_size=CHUNK_SIZE)


class _Prefixed(io.RawIOBase):
    """Bytes already read (the sniffed head) followed by the rest of a stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._read_rest = getattr(rest, "read1", rest.read)
        self._position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
        else:
            data = self._read_rest(len(buffer))
            count = len(data)
            buffer[:count] = data
        self._position += count
        return count

    def tell(self) -> int:
        return self._position


class GzipMembers(io.RawIOBase):
    """Inflates concatenated gzip members (as Common Crawl writes WARC.gz).

    Raises TruncatedInput when the data ends inside a member and CorruptInput
    on damaged data, each time more bytes are asked for after that point.
    """

    def __init__(self, compressed: BinaryIO) -> None:
        super().__init__()
        self._compressed = compressed
        self._inflater = None  # None between members
        self._input = b""
        self._input_offset = 0  # compressed offset of self._input[0]
        self._member_offset = 0
        self._output = memoryview(b"")
        self._produced = 0  # inflated bytes handed out so far
        # (inflated offset, compressed offset) of each member not yet passed.
        self._member_starts: deque[tuple[int, int]] = deque([(0, 0)])
        self._finished = False
        self._error: InputError | None = None

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._produced

    def readinto(self, buffer) -> int:
        try:
            while not self._output and not self._finished:
                self._step()
        except InputError as error:
            self._error = error
            self._finished = True
        if not self._output and self._error is not None:
            raise self._error
        count = min(len(buffer), len(self._output))
        buffer[:count] = self._output[:count]
        self._output = self._output[count:]
        self._produced += count
        return count

    def locate(self, position: int) -> str:
        """Name an inflated position: the compressed offset of its member,
        plus "+N" when it is N bytes into that member rather than at its start."""
        starts = self._member_starts
        while len(starts) > 1 and starts[1][0] <= position:
            starts.popleft()
        inflated_start, compressed_start = starts[0]
        if position == inflated_start:
            return str(compressed_start)
        return f"{compressed_start}+{position - inflated_start}"

    def _step(self) -> None:
        if not self._input and not self._refill():
            return
        if self._inflater is None and not self._begin_member():
            return
        try:
            output = self._inflater.decompress(self._input, CHUNK_SIZE)
        except zlib.error as exc:
            raise self._corruption(exc) from None
        if self._inflater.eof:
            remaining = self._inflater.unused_data
            self._inflater = None
        else:
            remaining = self._inflater.unconsumed_tail
        self._input_offset += len(self._input) - len(remaining)
        self._input = remaining
        self._output = memoryview(output)

    def _refill(self) -> bool:
        """Read more compressed data; False when there is none left."""
        self._input = self._compressed.read(CHUNK_SIZE)
        if self._input:
            return True
        if self._inflater is not None:
            # Hand out what the inflater still holds, then report the cut.
            self._output = memoryview(self._inflater.flush())
            self._inflater = None
            self._error = TruncatedInput(
                f"gzip data ends inside the member at offset {self._member_offset}",
                offset=str(self._member_offset),
            )
        self._finished = True
        return False

    def _begin_member(self) -> bool:
        """Start inflating a new member; False when only padding was left."""
        padding = len(self._input) - len(self._input.lstrip(b"\x00"))
        self._input_offset += padding
        self._input = self._input[padding:]
        if not self._input:
            return False
        if len(self._input) >= len(GZIP_MAGIC) and not self._input.startswith(GZIP_MAGIC):
            raise CorruptInput(f"data at offset {self._input_offset} is not gzip")
        self._inflater = zlib.decompressobj(wbits=31)
        self._member_offset = self._input_offset
        self._member_starts.append((self._produced, self._input_offset))
        return True

    def _corruption(self, exc: zlib.error) -> CorruptInput:
        return CorruptInput(f"corrupt gzip data in the member at offset {self._member_offset} ({exc})")
