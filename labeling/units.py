"""Units of measurement: one table, read from the text after a number, converted when simple.

A unit is read as a product of factors (``km/h``, ``m s^{-2}``, ``kg·m²``, ``GeV``,
``centimeters``): each factor a known base unit with an optional SI prefix and power. Two units
convert when they have the same base units with the same powers; the factor between them is
then a power of ten, or one of the exact factors in :data:`NAMED` (``Å``, minutes, hours).
Anything else (another dimension, a physical constant between them such as eV and J, an offset
scale such as K and °C, a unit not in the tables) does not convert: the caller abstains.
"""

from __future__ import annotations

import re
from decimal import Decimal

from drqa.labeling.lexicon import LATEX_WRAPPERS, SUPERSCRIPT_DIGITS, alternation

PREFIXES: dict[str, int] = {
    "Y": 24, "Z": 21, "E": 18, "P": 15, "T": 12, "G": 9, "M": 6, "k": 3, "h": 2, "da": 1,
    "d": -1, "c": -2, "m": -3, "µ": -6, "μ": -6, "u": -6, "n": -9, "p": -12, "f": -15, "a": -18,
}  # fmt: skip
"""SI prefix symbols -> power of ten."""

PREFIX_WORDS: dict[str, int] = {
    "yotta": 24, "zetta": 21, "exa": 18, "peta": 15, "tera": 12, "giga": 9, "mega": 6,
    "kilo": 3, "hecto": 2, "deca": 1, "deci": -1, "centi": -2, "milli": -3, "micro": -6,
    "nano": -9, "pico": -12, "femto": -15, "atto": -18,
}  # fmt: skip
"""SI prefix words -> power of ten (``kilo`` in ``kilometres``)."""

BASE: frozenset[str] = frozenset(
    ("m", "g", "s", "L", "mol", "A", "K", "eV", "J", "W", "Hz", "Pa", "N", "V", "C", "T", "Ω",
     "F", "Wb", "S", "bar", "cal", "Da", "M", "rad", "sr", "lm", "lx", "Bq", "Gy", "Sv", "pc",
     "ly")
)  # fmt: skip
"""Base unit symbols that take SI prefixes; different symbols never convert into each other."""

NAMED: dict[str, tuple[str, Decimal]] = {
    "Å": ("m", Decimal("1e-10")),
    "angstrom": ("m", Decimal("1e-10")),
    "angstroms": ("m", Decimal("1e-10")),
    "min": ("s", Decimal(60)),
    "h": ("s", Decimal(3600)),
    "hr": ("s", Decimal(3600)),
    "day": ("s", Decimal(86400)),
    "week": ("s", Decimal(604800)),
    "l": ("L", Decimal(1)),
    "atm": ("Pa", Decimal(101325)),
    "torr": ("Pa", Decimal(101325) / 760),
    "Torr": ("Pa", Decimal(101325) / 760),
    "mmHg": ("Pa", Decimal(101325) / 760),
    "c": ("c", Decimal(1)),  # the speed of light as a unit (0.59c), never prefixed
    "AU": ("m", Decimal(149597870700)),  # the astronomical unit, exact since 2012
    "G": ("T", Decimal("1e-4")),  # the gauss (EPR, NMR fields: 3.2 G is 0.32 mT), exact
    "gauss": ("T", Decimal("1e-4")),
}
"""Units without a prefix, as (base symbol, factor): exact factors only (the standard
atmosphere, 760 Torr)."""

_BODIES = {"\\odot": "sun", "☉": "sun", "⊙": "sun", "sun": "sun", "solar": "sun",
           "\\oplus": "earth", "⊕": "earth", "earth": "earth", "j": "jup", "jup": "jup",
           "jupiter": "jup", "jovian": "jup"}  # fmt: skip
_BODY_SYMBOL = re.compile(
    r"(?<![A-Za-z\\])([MRL])_\{?\s*(?:\\(?:text|mathrm)\s*\{)?\s*(\\odot|\\oplus|[☉⊙⊕]|sun|Sun|earth"
    r"|Earth|J|Jup)\s*\}?\s*\}?"
)  # M_\odot, R_{\oplus}, M_{\text{J}}
_BODY_WORDS = re.compile(r"\b(solar|earth|jupiter|jovian)\s+(mass|radi|luminosit)\w*", re.I)
BODY_UNITS = frozenset(quantity + body for quantity in "MRL" for body in ("sun", "earth", "jup"))
"""A body's mass, radius, luminosity (``Msun``): units of their own, never converted or prefixed."""
NAMED.update({unit: (unit, Decimal(1)) for unit in BODY_UNITS})
NAMED.update(
    {unit: ("μB", Decimal(1)) for unit in ("BM", "μB", "µB", "μ_B", "µ_B")}
)  # Bohr magneton


def body_units(text: str) -> str:
    """Solar, Earth and Jupiter masses, radii and luminosities written as one unit symbol each
    (``M_\\odot``, ``solar masses`` -> ``Msun``): the same unit in any spelling compares."""
    text = _BODY_SYMBOL.sub(lambda m: m.group(1) + _BODIES[m.group(2).lower()], text)
    return _BODY_WORDS.sub(lambda m: m.group(2)[0].upper() + _BODIES[m.group(1).lower()], text)


DERIVED: dict[str, tuple[dict[str, int], Decimal]] = {
    "M": ({"mol": 1, "L": -1}, Decimal(1)),
    "L": ({"m": 3}, Decimal("0.001")),
    "N": ({"g": 1, "m": 1, "s": -2}, Decimal(1000)),
    "J": ({"g": 1, "m": 2, "s": -2}, Decimal(1000)),
    "W": ({"g": 1, "m": 2, "s": -3}, Decimal(1000)),
    "Pa": ({"g": 1, "m": -1, "s": -2}, Decimal(1000)),
    "C": ({"A": 1, "s": 1}, Decimal(1)),
    "V": ({"g": 1, "m": 2, "s": -3, "A": -1}, Decimal(1000)),
    "Ω": ({"g": 1, "m": 2, "s": -3, "A": -2}, Decimal(1000)),
    "cal": ({"g": 1, "m": 2, "s": -2}, Decimal(4184)),  # the thermochemical calorie, 4.184 J
    "bar": ({"g": 1, "m": -1, "s": -2}, Decimal("1e8")),
    "eV": ({"g": 1, "m": 2, "s": -2}, Decimal("1.602176634e-16")),  # exact since SI 2019
    "c": ({"m": 1, "s": -1}, Decimal(299792458)),  # exact by the metre's definition
    "pc": ({"m": 1}, Decimal("3.0856775814913673e16")),  # 648000/pi AU
    "ly": ({"m": 1}, Decimal(9460730472580800)),  # a Julian year of light travel, exact
}
"""Derived units as products of base units (in order: molar before litre), so ``N s`` and
``kg m/s``, ``mM`` and ``mol/L``, ``mL`` and ``cm^3``, ``kcal`` and ``kJ``, ``eV`` and ``J``
(exact by definition) convert. Units tied by a measured constant or a convention (Hz and eV,
K and eV, GeV as a mass) stay apart."""

WORDS: dict[str, str] = {
    "meter": "m", "metre": "m", "gram": "g", "second": "s", "sec": "s", "liter": "L",
    "litre": "L", "mole": "mol", "ampere": "A", "amp": "A", "kelvin": "K",
    "electronvolt": "eV", "joule": "J", "watt": "W", "hertz": "Hz", "pascal": "Pa",
    "newton": "N", "volt": "V", "coulomb": "C", "tesla": "T", "ohm": "Ω", "farad": "F",
    "minute": "min", "hour": "h", "day": "day", "week": "week", "radian": "rad", "dalton": "Da",
}  # fmt: skip
"""Unit words (singular, lower case) -> symbol; plurals end in ``s``."""

# the lexicon's one table of wrappers, and the \\rm font switch ("{\\rm m}")
_MARKUP = re.compile(rf"\\(?:{alternation((*LATEX_WRAPPERS, 'rm'))})\s*|\\[,;: !]|[{{}}$~]|\\,")
_FACTOR = re.compile(r"([^\s^/·*⋅]+)(?:\^\(?(-?\d+)\)?)?")
Dimension = tuple[tuple[str, int], ...]


def unit_text(text: str) -> str:
    """``text`` without LaTeX markup, superscripts as ``^n``: ``\\text{m/s}^2`` -> ``m/s^2``."""
    text = text.replace("\\mu ", "µ").replace("\\mu", "µ").replace("\\AA", "Å")
    text = text.replace("\\Omega", "Ω").replace("\\cdot", "·").replace("\\times", "·")
    text = re.sub(r"([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: "^" + m.group(1), text)
    text = _MARKUP.sub(" ", text.translate(SUPERSCRIPT_DIGITS))
    text = re.sub(r"(?<![A-Za-z])([µμ])\s+(?=[A-Za-z])", r"\1", text)  # \mu\text{M}: µM
    text = re.sub(r"[µμ]\s*_\s*B\b", "μB", text)  # \mu_B, \mu_{B}: the Bohr magneton
    return re.sub(r"\s*\^\s*", "^", re.sub(r"\s+", " ", text)).strip().rstrip(".").strip()


def _symbol(token: str) -> tuple[str, Decimal] | None:
    """(base symbol, factor) of one unit token such as ``km``, ``Å``, ``kilometres``."""
    if token in NAMED or (len(token) > 2 and token.lower() in NAMED):
        return NAMED.get(token) or NAMED[token.lower()]
    if token in BASE:
        return token, Decimal(1)
    word = token.lower()
    for prefix, power in sorted(PREFIX_WORDS.items(), key=lambda item: -len(item[0])):
        if word.startswith(prefix) and len(word) > len(prefix):
            found = _word(word[len(prefix) :])
            return (found[0], found[1].scaleb(power)) if found else None
    found = _word(word)
    if found:
        return found
    for prefix, power in PREFIXES.items():
        if token.startswith(prefix) and token[len(prefix) :] in BASE:
            return token[len(prefix) :], Decimal(1).scaleb(power)
    return None


def _word(word: str) -> tuple[str, Decimal] | None:
    for form in (
        word,
        word[:-1] if word.endswith("s") else None,
        word[:-2] if word.endswith("es") else None,
    ):
        if form and form in WORDS:
            symbol = WORDS[form]
            return NAMED.get(symbol, (symbol, Decimal(1)))
    return None


_PER = re.compile(r"\s+per\s+", re.I)
_ELECTRON_VOLT = re.compile(r"\belectron[\s-]?volts?\b", re.I)
_BRACKETED_DENOMINATOR = re.compile(r"/\s*\(([^()/]+)\)$")


def parse_unit(text: str) -> tuple[Dimension, Decimal] | None:
    """(dimension, factor to its base units) of a unit text, or None when any part is unknown:
    ``km/h`` -> ((("m", 1), ("s", -1)), 1000/3600)."""
    text = _BRACKETED_DENOMINATOR.sub(r"/\1", unit_text(text))  # J/(mol K): J/mol K
    text = _ELECTRON_VOLT.sub("eV", _PER.sub("/", text))  # metres per second, electron volts
    if not text or len(text) > 40:
        return None
    powers: dict[str, int] = {}
    factor = Decimal(1)
    for side, part in enumerate(text.split("/", 1)):
        tokens = [t for t in re.split(r"[\s·*⋅]+", part.strip()) if t]
        if not tokens:
            return None
        for token in tokens:
            match = _FACTOR.fullmatch(token)
            found = _symbol(match.group(1)) if match else None
            if found is None:
                return None
            power = int(match.group(2) or 1) * (-1 if side else 1)
            powers[found[0]] = powers.get(found[0], 0) + power
            factor *= found[1] ** power
    for derived, (parts, scale) in DERIVED.items():  # N is kg m s^-2, M is mol/L, L is dm^3
        power = powers.pop(derived, 0)
        for base, exponent in parts.items():
            powers[base] = powers.get(base, 0) + exponent * power
        factor *= scale**power
    dimension = tuple(sorted((base, p) for base, p in powers.items() if p))
    return dimension, factor


def conversion(from_unit: str, to_unit: str) -> Decimal | None:
    """The factor taking a value in ``from_unit`` to ``to_unit`` (``cm`` -> ``m``: 0.01), or
    None when they do not convert simply (other dimension, unknown unit, eV vs J, K vs °C)."""
    source, target = parse_unit(from_unit), parse_unit(to_unit)
    if source is None or target is None or source[0] != target[0] or not source[0]:
        return None
    return source[1] / target[1]


def same_unit(a: str, b: str) -> bool:
    """The same unit written the same way, markup and spacing aside (``\\text{ m}`` and ``m``)."""
    return unit_text(a) == unit_text(b)


SI_DIMENSIONS: dict[str, dict[str, int]] = {
    "m": {"L": 1}, "g": {"M": 1}, "s": {"T": 1}, "L": {"L": 3}, "mol": {"N": 1}, "A": {"I": 1},
    "J": {"M": 1, "L": 2, "T": -2}, "cal": {"M": 1, "L": 2, "T": -2},
    "W": {"M": 1, "L": 2, "T": -3}, "Pa": {"M": 1, "L": -1, "T": -2},
    "bar": {"M": 1, "L": -1, "T": -2}, "N": {"M": 1, "L": 1, "T": -2},
    "V": {"M": 1, "L": 2, "T": -3, "I": -1}, "C": {"T": 1, "I": 1},
    "T": {"M": 1, "T": -2, "I": -1}, "Ω": {"M": 1, "L": 2, "T": -3, "I": -2},
    "F": {"M": -1, "L": -2, "T": 4, "I": 2}, "Wb": {"M": 1, "L": 2, "T": -2, "I": -1},
    "S": {"M": -1, "L": -2, "T": 3, "I": 2}, "M": {"N": 1, "L": -3},
    "Gy": {"L": 2, "T": -2}, "Sv": {"L": 2, "T": -2},
}  # fmt: skip
"""Base symbols as SI dimensions (mass, length, time, current, amount). Units that physics
writes interchangeably through a constant (eV, K, Hz, rad; Da for g/mol) are left out: never
called apart."""


def _si_dimension(dimension: Dimension) -> dict[str, int] | None:
    total: dict[str, int] = {}
    for base, power in dimension:
        if base not in SI_DIMENSIONS:
            return None
        for axis, exponent in SI_DIMENSIONS[base].items():
            total[axis] = total.get(axis, 0) + exponent * power
    return {axis: power for axis, power in total.items() if power}


def different_kinds(a: str, b: str) -> bool:
    """Two known units of different physical kinds (``N`` and ``kg``, ``m`` and ``s``): the
    quantities cannot be equal. False whenever either unit is unknown, or is one that physics
    converts through a constant (eV, K, Hz), or a bare ``m`` meets a time (metres or minutes?)."""
    parsed_a, parsed_b = parse_unit(a), parse_unit(b)
    if parsed_a is None or parsed_b is None or "eV" in a + b:  # GeV as a mass, eV as 1/m
        return False
    kind_a, kind_b = _si_dimension(parsed_a[0]), _si_dimension(parsed_b[0])
    if kind_a is None or kind_b is None or kind_a == kind_b:
        return False
    if {k: p for k, p in kind_a.items() if k != "N"} == {
        k: p for k, p in kind_b.items() if k != "N"
    }:
        return False  # kJ against kJ/mol: per mole or per particle is a convention
    times = {"T": 1}
    minutes = (unit_text(a) == "m" and kind_b == times) or (unit_text(b) == "m" and kind_a == times)
    return not minutes


_UNIT_AFTER_NUMBER = re.compile(r"\d\s*([A-Za-zµμΩÅ°][A-Za-zµμΩÅ°/^\-\d]{0,11})(?![A-Za-z(])")


def units_apart(gold: str, answer: str) -> bool:
    """Both sides state a number with a known unit, and no unit of the answer is the gold's
    (``\\lambda_{max} = 5000 Å`` against ``500 nm``, a form the quantity reader declined)."""
    units = [
        {unit for unit in _UNIT_AFTER_NUMBER.findall(unit_text(side)) if parse_unit(unit)}
        for side in (gold, answer)
    ]
    return bool(units[0] and units[1]) and not any(
        conversion(a, g) == 1 for g in units[0] for a in units[1]
    )


_BEFORE_UNIT = re.compile(r"[\d})](?:\s|\\[ ,;!:]|~)*(?=[\\A-Za-zµμΩÅ])")


def _split_unit(text: str) -> tuple[str, tuple] | None:
    """(the value, its unit parsed) of a value followed by a unit it ends on, else None."""
    for match in _BEFORE_UNIT.finditer(text):
        unit = parse_unit(text[match.end() :].strip().rstrip("$").strip())
        if unit is not None:
            return text[: match.start() + 1], unit
    return None


def drop_shared_unit(gold: str, answer: str) -> tuple[str, str]:
    """Gold and answer without the unit both end on (``3.14e-5 T``, ``\\pi \\times 10^{-5}\\
    \\text{T}``): a common factor, so the values compare alike without it; else both as given."""
    if len(gold) > 200 or len(answer) > 200:
        return gold, answer
    split = _split_unit(gold), _split_unit(answer)
    if split[0] is None or split[1] is None or split[0][1] != split[1][1]:
        return gold, answer
    return split[0][0], split[1][0]
