"""64-bit SimHash over character shingles, for near-duplicate texts.

The input is the *normalised* text (letters and digits only, folded), so
spacing, punctuation, full-width or traditional spellings do not hide a
copy. Each 3-character shingle is hashed (a multiply–xorshift mix of the
code points, stable across processes), and bit ``i`` of the fingerprint is
set when most shingles have it set. Two texts are near-duplicates when
their fingerprints differ in at most :data:`MAX_DISTANCE` bits; split into
four 16-bit bands, such a pair always shares one band, which is how
candidates are looked up.
"""

from __future__ import annotations

import numpy as np

SHINGLE = 3
MIN_CHARS = 20  # shorter normalised texts are not fingerprinted
MAX_DISTANCE = 3
BANDS = 4
BAND_BITS = 16

_K1 = np.uint64(0x9E3779B97F4A7C15)
_K2 = np.uint64(0xC2B2AE3D27D4EB4F)
_K3 = np.uint64(0x165667B19E3779F9)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)
_SIGN = 1 << 63
_FULL = 1 << 64


def simhash(normalised: str) -> int | None:
    """The unsigned 64-bit fingerprint of ``normalised``, or None when it is too short."""
    if len(normalised) < MIN_CHARS:
        return None
    codes = np.frombuffer(normalised.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    mixed = codes[:-2] * _K1
    mixed ^= codes[1:-1] * _K2
    mixed ^= codes[2:] * _K3
    mixed ^= mixed >> _S30
    mixed *= _M1
    mixed ^= mixed >> _S27
    mixed *= _M2
    mixed ^= mixed >> _S31
    bits = np.unpackbits(mixed.astype("<u8").view(np.uint8), bitorder="little")
    counts = bits.reshape(-1, 64).sum(axis=0, dtype=np.int32)
    majority = np.packbits(counts * 2 > len(mixed), bitorder="little")
    return int.from_bytes(majority.tobytes(), "little")


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
