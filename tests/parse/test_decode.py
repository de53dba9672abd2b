import pytest

from newstrace.errors import ParseError
from newstrace.parse.decode import decode_page


def test_utf8_and_bom():
    assert decode_page("héllo".encode()).text == "héllo"
    assert decode_page(b"\xef\xbb\xbfh\xc3\xa9llo").text == "héllo"


def test_declared_legacy_charset():
    data = '<meta charset="windows-1252"><p>café – déjà</p>'.encode("cp1252")
    decoded = decode_page(data)
    assert "café – déjà" in decoded.text and decoded.encoding == "cp1252"


def test_valid_utf8_wins_over_a_wrong_label():
    data = '<meta charset="iso-8859-1"><p>naïve</p>'.encode("utf-8")
    assert "naïve" in decode_page(data).text


def test_mixed_encodings_are_repaired_with_a_warning():
    data = "Crème brûlée ".encode() * 20 + "caf\xe9".encode("cp1252")
    decoded = decode_page(data)
    assert decoded.text.endswith("café")
    assert decoded.warnings and "mixed encodings" in decoded.warnings[0]


def test_utf16_without_bom():
    assert decode_page("hello world, how are you".encode("utf-16-le")).text == "hello world, how are you"


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(0, 32)) * 10])
def test_binary_is_rejected(data):
    with pytest.raises(ParseError, match="binary"):
        decode_page(data)
