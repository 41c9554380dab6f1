"""64-bit SimHash over character shingles, for near-duplicate texts.

The input is the *normalised* text (letters and digits only, folded), so
spacing, punctuation, full-width or traditional spellings do not hide a
copy. The shingles are every character and every pair of neighbours (on
short posts, longer shingles make one changed character move too many
bits). Bit ``i`` of the fingerprint is set when most shingles have bit
``i`` of their hash set. Two texts are near-duplicates when their
fingerprints differ in at most :data:`MAX_DISTANCE` bits; split into four
16-bit bands, such a pair always shares one band, which is how candidates
are looked up. Posts are fingerprinted without their digits
(:func:`text_fingerprint`): flooders number their copies.

How it stays cheap in pure Python: a shingle's 64-bit hash is kept
"spread", one bit per 8-bit field of a 512-bit integer, so adding the
spread hashes counts every bit position at once in C. A character's spread
hash is computed once per process (blake2b of the character, stable across
processes); a pair's hash is the XOR of its two characters' left and right
hashes, so no pair is ever stored. Texts longer than one window of
:data:`_WINDOW` characters add up their windows' counts in 16-bit fields.
"""

from __future__ import annotations

import hashlib
from operator import xor

SHINGLES = (1, 2)  # characters and neighbour pairs
MIN_CHARS = 20  # shorter normalised texts are not fingerprinted
MAX_DISTANCE = 3
BANDS = 4
BAND_BITS = 16

_WINDOW = 127  # characters per window: at most 253 shingles, so an 8-bit count cannot overflow
_ONES8 = sum(1 << (8 * i) for i in range(64))  # 1 in every 8-bit field
_ONES16 = sum(1 << (16 * i) for i in range(64))
_SPREAD_BYTE = [sum(((b >> j) & 1) << (8 * j) for j in range(8)) for b in range(256)]
_AS_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_MAX_CHARS = 16_000  # longer texts are fingerprinted on their beginning
_TABLE_LIMIT = 60_000  # characters remembered per table; rarer ones are hashed each time
_SIGN = 1 << 63
_FULL = 1 << 64


def _spread(value: int) -> int:
    """``value``'s 64 bits, bit ``i`` moved to the low bit of 8-bit field ``i``."""
    return sum(_SPREAD_BYTE[byte] << (64 * i) for i, byte in enumerate(value.to_bytes(8, "little")))


def _char_hash(char: str, salt: bytes) -> int:
    digest = hashlib.blake2b(char.encode(), digest_size=8, person=salt).digest()
    return _spread(int.from_bytes(digest, "little"))


_SALTS = (b"hearth-char", b"hearth-left", b"hearth-right")
# Spread hashes of the characters seen so far, per salt (plain dicts: a dict subclass with
# __missing__ looks up a third slower).
Tables = tuple[dict[str, int], dict[str, int], dict[str, int]]
_TABLES: Tables = ({}, {}, {})


def _tables_for(text: str) -> Tables:
    """Tables that know every character of ``text`` (new characters are remembered, up to
    a limit; past it, this text gets tables of its own)."""
    new = set(text).difference(_TABLES[0])
    if len(_TABLES[0]) + len(new) <= _TABLE_LIMIT:
        for table, salt in zip(_TABLES, _SALTS, strict=True):
            table.update((char, _char_hash(char, salt)) for char in new)
        return _TABLES
    chars = set(text)
    own = [
        {c: table[c] if c in table else _char_hash(c, salt) for c in chars}
        for table, salt in zip(_TABLES, _SALTS, strict=True)
    ]
    return own[0], own[1], own[2]


def _sum(window: str, chars_from: int, tables: Tables) -> int:
    chars, left, right = tables
    singles: int = sum(map(chars.__getitem__, window[chars_from:]))
    pairs: int = sum(
        map(xor, map(left.__getitem__, window[:-1]), map(right.__getitem__, window[1:]))
    )
    return singles + pairs


def _counts(window: str, chars_from: int) -> int:
    """Per-bit counts (8-bit fields): the characters of ``window`` from ``chars_from`` on, and
    all its neighbour pairs."""
    try:
        return _sum(window, chars_from, _TABLES)
    except KeyError:  # a character not seen before
        return _sum(window, chars_from, _tables_for(window))


def _majority(counts: int, features: int, field: int, ones: int) -> int:
    """Bit ``i`` set when field ``i`` of ``counts`` holds more than half of ``features``."""
    top = field - 1  # adding the bias carries into the top bit exactly past the half
    flags = ((counts + ((1 << top) - 1 - features // 2) * ones) >> top) & ones
    return int(flags.to_bytes(field * 8, "little")[:: field // 8][::-1].translate(_AS_DIGITS), 2)


def simhash(normalised: str) -> int | None:
    """The unsigned 64-bit fingerprint of ``normalised``, or None when it is too short."""
    size = min(len(normalised), _MAX_CHARS)
    if size < MIN_CHARS:
        return None
    features = 2 * size - 1
    if size <= _WINDOW:
        return _majority(_counts(normalised, 0), features, 8, _ONES8)
    total = 0
    for start in range(0, size - 1, _WINDOW - 1):  # windows overlap by one: every pair once
        window = normalised[start : min(start + _WINDOW, size)]
        wide = bytearray(128)
        wide[0::2] = _counts(window, 0 if start == 0 else 1).to_bytes(64, "little")
        total += int.from_bytes(wide, "little")
    return _majority(total, features, 16, _ONES16)


_NO_DIGITS = str.maketrans("", "", "0123456789")


def text_fingerprint(normalised: str) -> int | None:
    """The fingerprint kept for a post: digits left out, so numbering or a changed phone
    number does not make a copy look new."""
    return simhash(normalised if normalised.isalpha() else normalised.translate(_NO_DIGITS))


def distance(first: int, second: int) -> int:
    """Hamming distance of two unsigned fingerprints."""
    return (first ^ second).bit_count()


def bands(fingerprint: int) -> tuple[int, int, int, int]:
    """The four 16-bit bands, lowest first."""
    mask = (1 << BAND_BITS) - 1
    return (
        fingerprint & mask,
        (fingerprint >> BAND_BITS) & mask,
        (fingerprint >> 2 * BAND_BITS) & mask,
        (fingerprint >> 3 * BAND_BITS) & mask,
    )


def to_signed(fingerprint: int) -> int:
    """The value stored in a signed 64-bit column."""
    return fingerprint - _FULL if fingerprint >= _SIGN else fingerprint


def from_signed(value: int) -> int:
    return value + _FULL if value < 0 else value
