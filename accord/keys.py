"""How much guessing a secret key would take: an estimate from its character classes and its repetition.

Used by the settings (production mode refuses a weak SECRET_KEY) and by `accord check --deploy`. No deny list:
a key is judged by what it is made of. The estimate is deliberately simple and errs low:

- the alphabet a guesser must try is the union of the character classes the key uses (lower-case letters,
  upper-case letters, digits, everything else), log2 of its size bits per character;
- repetition earns nothing: only the key's distinct three-character sequences count as characters (a key that
  repeats "abcde" ten times has five of them, however long it is).

Fifty random characters from Django's or Python's generators (`secrets.token_urlsafe(50)`) score 300-440 bits.
"""

from __future__ import annotations

import math
import string

CLASSES = (
    (set(string.ascii_lowercase), 26),
    (set(string.ascii_uppercase), 26),
    (set(string.digits), 10),
)
OTHER_SIZE = 33  # printable ASCII punctuation and space; anything beyond ASCII is counted as this class too


def alphabet_size(key: str) -> int:
    size = 0
    rest = set(key)
    for chars, n in CLASSES:
        if rest & chars:
            size += n
            rest -= chars
    if rest:
        size += OTHER_SIZE
    return size


def effective_length(key: str) -> int:
    """Characters that are not repetition: distinct 3-character sequences, plus the two that start the first."""
    if len(key) < 3:
        return len(set(key))
    return len({key[i : i + 3] for i in range(len(key) - 2)}) + 2


def estimated_bits(key: str) -> float:
    size = alphabet_size(key)
    if size <= 1:
        return 0.0
    return effective_length(key) * math.log2(size)


def key_problem(key: str, min_bits: int) -> str:
    """Why the key is too weak, or "" when it is strong enough."""
    if not key:
        return "it is empty"
    if len(key) < 50:
        return f"it has {len(key)} characters, at least 50 are needed"
    bits = estimated_bits(key)
    if bits < min_bits:
        return f"it carries an estimated {bits:.0f} bits of randomness, at least {min_bits} are needed"
    return ""
