r"""Look-alike text folded to one form: the skeleton :mod:`hdnd.checks` compares ids and names by.

Two ids or names can look the same and still differ: a Cyrillic "р" for a Latin "p", a
no-break space for a space, a Hangul filler (U+3164) that shows as nothing. The
skeleton of a text is the text with such differences folded away:

1. compatibility decomposition (NFKD, the first half of NFKC): fullwidth "ｐ１" is "p1",
   a no-break space a space, "ѐ" Cyrillic "е" and a grave accent;
2. Unicode's default-ignorable characters (which show as nothing: zero-width spaces and
   joiners, direction marks, variation selectors, the Hangul fillers...), the Braille
   blank (U+2800) and every space-like character (``str.isspace``) removed;
3. Cyrillic and Greek letters that look like a Latin letter or digit replaced by it
   (:data:`LOOKALIKES`);
4. recomposition (NFC).

Accents and tone marks are kept: "Ân" and "An" differ, as they do to a reader of
Vietnamese; so does letter case, which shows.

>>> skeleton("\u0440" + "2") == skeleton("p2")  # Cyrillic er
True
>>> skeleton("p\u00a01"), skeleton("p1\u3164"), skeleton("Lê Văn Ân") == skeleton("Lê Văn An")
('p1', 'p1', False)

Labels typed into a table are compared more loosely, by :func:`fold_label`, which folds
accents, case and spelling variants away too: a label names one of a few values, an id
one of many.

>>> fold_label("Định kì") == fold_label("dinh ky")
True
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["LOOKALIKES", "fold_label", "skeleton"]

LOOKALIKES: Final[dict[int, str]] = {
    0x037F: "J",  # GREEK CAPITAL LETTER YOT
    0x0391: "A",  # GREEK CAPITAL LETTER ALPHA
    0x0392: "B",  # GREEK CAPITAL LETTER BETA
    0x0395: "E",  # GREEK CAPITAL LETTER EPSILON
    0x0396: "Z",  # GREEK CAPITAL LETTER ZETA
    0x0397: "H",  # GREEK CAPITAL LETTER ETA
    0x0399: "I",  # GREEK CAPITAL LETTER IOTA
    0x039A: "K",  # GREEK CAPITAL LETTER KAPPA
    0x039C: "M",  # GREEK CAPITAL LETTER MU
    0x039D: "N",  # GREEK CAPITAL LETTER NU
    0x039F: "O",  # GREEK CAPITAL LETTER OMICRON
    0x03A1: "P",  # GREEK CAPITAL LETTER RHO
    0x03A4: "T",  # GREEK CAPITAL LETTER TAU
    0x03A5: "Y",  # GREEK CAPITAL LETTER UPSILON
    0x03A7: "X",  # GREEK CAPITAL LETTER CHI
    0x03B1: "a",  # GREEK SMALL LETTER ALPHA
    0x03B3: "y",  # GREEK SMALL LETTER GAMMA
    0x03B9: "i",  # GREEK SMALL LETTER IOTA
    0x03BD: "v",  # GREEK SMALL LETTER NU
    0x03BF: "o",  # GREEK SMALL LETTER OMICRON
    0x03C1: "p",  # GREEK SMALL LETTER RHO
    0x03C3: "o",  # GREEK SMALL LETTER SIGMA
    0x03C5: "u",  # GREEK SMALL LETTER UPSILON
    0x03DC: "F",  # GREEK LETTER DIGAMMA
    0x03F3: "j",  # GREEK LETTER YOT
    0x03FA: "M",  # GREEK CAPITAL LETTER SAN
    0x0405: "S",  # CYRILLIC CAPITAL LETTER DZE
    0x0406: "I",  # CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I
    0x0408: "J",  # CYRILLIC CAPITAL LETTER JE
    0x0410: "A",  # CYRILLIC CAPITAL LETTER A
    0x0412: "B",  # CYRILLIC CAPITAL LETTER VE
    0x0415: "E",  # CYRILLIC CAPITAL LETTER IE
    0x0417: "3",  # CYRILLIC CAPITAL LETTER ZE
    0x041A: "K",  # CYRILLIC CAPITAL LETTER KA
    0x041C: "M",  # CYRILLIC CAPITAL LETTER EM
    0x041D: "H",  # CYRILLIC CAPITAL LETTER EN
    0x041E: "O",  # CYRILLIC CAPITAL LETTER O
    0x0420: "P",  # CYRILLIC CAPITAL LETTER ER
    0x0421: "C",  # CYRILLIC CAPITAL LETTER ES
    0x0422: "T",  # CYRILLIC CAPITAL LETTER TE
    0x0423: "Y",  # CYRILLIC CAPITAL LETTER U
    0x0425: "X",  # CYRILLIC CAPITAL LETTER HA
    0x042C: "b",  # CYRILLIC CAPITAL LETTER SOFT SIGN
    0x0430: "a",  # CYRILLIC SMALL LETTER A
    0x0431: "6",  # CYRILLIC SMALL LETTER BE
    0x0433: "r",  # CYRILLIC SMALL LETTER GHE
    0x0435: "e",  # CYRILLIC SMALL LETTER IE
    0x043E: "o",  # CYRILLIC SMALL LETTER O
    0x0440: "p",  # CYRILLIC SMALL LETTER ER
    0x0441: "c",  # CYRILLIC SMALL LETTER ES
    0x0443: "y",  # CYRILLIC SMALL LETTER U
    0x0445: "x",  # CYRILLIC SMALL LETTER HA
    0x0455: "s",  # CYRILLIC SMALL LETTER DZE
    0x0456: "i",  # CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I
    0x0458: "j",  # CYRILLIC SMALL LETTER JE
    0x0461: "w",  # CYRILLIC SMALL LETTER OMEGA
    0x0474: "V",  # CYRILLIC CAPITAL LETTER IZHITSA
    0x0475: "v",  # CYRILLIC SMALL LETTER IZHITSA
    0x04AE: "Y",  # CYRILLIC CAPITAL LETTER STRAIGHT U
    0x04AF: "y",  # CYRILLIC SMALL LETTER STRAIGHT U
    0x04BB: "h",  # CYRILLIC SMALL LETTER SHHA
    0x04BD: "e",  # CYRILLIC SMALL LETTER ABKHASIAN CHE
    0x04C0: "I",  # CYRILLIC LETTER PALOCHKA
    0x04CF: "i",  # CYRILLIC SMALL LETTER PALOCHKA
    0x04E0: "3",  # CYRILLIC CAPITAL LETTER ABKHASIAN DZE
    0x0501: "d",  # CYRILLIC SMALL LETTER KOMI DE
    0x050C: "G",  # CYRILLIC CAPITAL LETTER KOMI SJE
    0x051B: "q",  # CYRILLIC SMALL LETTER QA
    0x051C: "W",  # CYRILLIC CAPITAL LETTER WE
    0x051D: "w",  # CYRILLIC SMALL LETTER WE
    0x1D26: "r",  # GREEK LETTER SMALL CAPITAL GAMMA
    0xA644: "2",  # CYRILLIC CAPITAL LETTER REVERSED DZE
    0xA647: "i",  # CYRILLIC SMALL LETTER IOTA
    # Latin letters drawn as the Vietnamese Đ (Icelandic eth, African D): the same
    # skeleton in confusables.txt, and a common slip in "HĐND".
    0x00D0: "\u0110",  # LATIN CAPITAL LETTER ETH
    0x0189: "\u0110",  # LATIN CAPITAL LETTER AFRICAN D
}
"""Letters that look like one Latin letter or digit (a table for :meth:`str.translate`).

Taken from Unicode's confusables.txt (UTS #39; as packaged in confusable_homoglyphs 3.3.1,
January 2024, not a dependency): the Cyrillic and Greek
letters without a decomposition whose look-alike there is a single ASCII letter or digit,
kept in the letter's case (Cyrillic "І" is "I", which confusables.txt folds further to
"l"); and the two letters that look like "Đ". UTS #39's whole skeleton would also fold
letters of one script into each other ("0" and "O", "rn" and "m") and strip Vietnamese
letters to their base: more than ids that look alike.

>>> chr(0x0440).translate(LOOKALIKES)
'p'
"""

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 14) and the
# Braille pattern blank; with the space-like characters (\s), what a skeleton drops.
_HIDDEN: Final = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_INVISIBLE: Final = re.compile(f"[{_HIDDEN}\\s]+")


def skeleton(text: str) -> str:
    r"""``text`` with invisible characters and spaces removed and look-alikes folded.

    >>> skeleton("ＨĐND  xã\u200b A") == skeleton("H\u00d0ND xã A") == "HĐNDxãA"
    True
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = _INVISIBLE.sub("", folded).translate(LOOKALIKES)
    return unicodedata.normalize("NFC", folded)


_SHOWS_NOTHING: Final = re.compile(f"[{_HIDDEN}]+")
_SPACES: Final = re.compile(r"\s+")
_SPACE_BY_PUNCTUATION: Final = re.compile(r" (?=[^\w ])|(?<=[^\w ]) ")
# A syllable of consonants then y: the spelling reform writes its y as i (kỳ/kì, lý/lí,
# mỹ/mĩ, quý/quí); after a vowel, y is another sound (tuy, ngày) and stays.
_CONSONANTS_THEN_Y: Final = re.compile(r"\b(qu|[bcdghklmnpqrstvx]+)y\b")


def fold_label(text: str) -> str:
    """``text`` as a label is compared, so that a label typed by hand matches as written.

    Case, accents and tone marks (``đ`` is ``d``), the i/y of the spelling reform at
    the end of a syllable (``kì``/``kỳ``), look-alike letters, invisible characters and
    spacing (runs of spaces, spaces around punctuation) all fold away. A loose
    comparison, for a short list of labels (:meth:`hdnd.enums.LabelledEnum.from_label`),
    not for ids: "Ân" and "An" fold alike.

    >>> fold_label("  Định   Kỳ ") == fold_label("dinh ki") == "dinh ki"
    True
    >>> fold_label("Ban Kinh tế - Ngân sách"), fold_label("hướng dẫn ,giải thích")
    ('ban kinh te-ngan sach', 'huong dan,giai thich')
    >>> fold_label("quý"), fold_label("tuỳ"), fold_label("ad_hoc")
    ('qui', 'tuy', 'ad_hoc')
    """
    folded = unicodedata.normalize("NFKD", text).translate(LOOKALIKES)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = _SHOWS_NOTHING.sub("", folded.casefold().replace("đ", "d"))
    folded = _SPACES.sub(" ", folded).strip()
    folded = _SPACE_BY_PUNCTUATION.sub("", folded)
    return _CONSONANTS_THEN_Y.sub(r"\1i", folded) if "y" in folded else folded
