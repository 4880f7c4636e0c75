"""Two names compared by their structure: decided only where their parts settle it.

Chemical and other names are the answers rule-based matching most often gets wrong the other
way: ``acetic acid`` is ``ethanoic acid``, ``isopropyl bromide`` is ``2-bromopropane``,
``3-methyl-2-hexanone`` is ``3-methylhexan-2-one``. So two names that differ as written are
``incorrect`` only on positive evidence, else ``uncertain``:

- names in :data:`EQUIVALENTS` (one table: common name, systematic name, formula) are the same
  substance: ``correct``;
- the same parts (letters and locants) in another order (another numbering, another order of
  the substituents, an infix or a prefix locant) are for a reader;
- two systematic names (locants, stereodescriptors or a systematic ending such as ``-ane``,
  ``-en-2-one``, ``-oic acid``, ``benzene``) with different parts name different compounds;
- a systematic name against a common name (no locant, no systematic ending, or a common stem
  such as ``acet-``, ``isopropyl``, ``toluene``) may be the same compound: ``uncertain``;
- two plain names (``Red``/``green``, ``Mutant 2``/``Mutant 4``) that differ are different,
  unless one holds every word of the other (``red`` and ``red light``: for a reader).
"""

from __future__ import annotations

import re

EQUIVALENTS: tuple[tuple[str, ...], ...] = (
    ("acetic acid", "ethanoic acid", "CH3COOH"),
    ("formic acid", "methanoic acid", "HCOOH"),
    ("propionic acid", "propanoic acid"),
    ("butyric acid", "butanoic acid"),
    ("acetone", "propanone", "propan-2-one", "2-propanone", "dimethyl ketone"),
    ("acetaldehyde", "ethanal"),
    ("formaldehyde", "methanal"),
    ("ethyl alcohol", "ethanol"),
    ("methyl alcohol", "methanol"),
    ("isopropyl alcohol", "isopropanol", "propan-2-ol", "2-propanol"),
    ("tert-butyl alcohol", "2-methylpropan-2-ol", "2-methyl-2-propanol"),
    ("toluene", "methylbenzene"),
    ("phenol", "hydroxybenzene", "benzenol"),
    ("aniline", "aminobenzene", "benzenamine"),
    ("anisole", "methoxybenzene"),
    ("styrene", "vinylbenzene", "ethenylbenzene", "phenylethene"),
    ("ethylene", "ethene"),
    ("propylene", "propene"),
    ("acetylene", "ethyne"),
    ("chloroform", "trichloromethane"),
    ("acetonitrile", "ethanenitrile"),
    ("diethyl ether", "ethoxyethane"),
    ("ethylene glycol", "ethane-1,2-diol"),
    ("glycerol", "propane-1,2,3-triol"),
    ("acetophenone", "1-phenylethanone", "1-phenylethan-1-one"),
    ("benzaldehyde", "benzenecarbaldehyde"),
    ("hydrogen", "H2", "dihydrogen"),
    ("oxygen", "O2", "dioxygen"),
    ("nitrogen", "N2", "dinitrogen"),
    ("water", "H2O"),
    ("carbon dioxide", "CO2"),
    ("carbon monoxide", "CO"),
    ("ammonia", "NH3"),
    ("methane", "CH4"),
    ("sodium chloride", "NaCl"),
    ("hydrochloric acid", "HCl", "hydrogen chloride"),
    ("sulfuric acid", "sulphuric acid", "H2SO4"),
    ("ozone", "O3"),
    ("o-xylene", "ortho-xylene", "1,2-dimethylbenzene"),
    ("m-xylene", "meta-xylene", "1,3-dimethylbenzene"),
    ("p-xylene", "para-xylene", "1,4-dimethylbenzene"),
)
"""Names of one substance: each row's names are equal answers (names in lower case, compared
without case; formulas as written, compared with case: ``CO`` is not ``Co``)."""

SUBSTITUENT_SYNONYMS: dict[str, str] = {
    "propan-2-yl": "isopropyl", "1-methylethyl": "isopropyl", "iso-propyl": "isopropyl",
    "i-propyl": "isopropyl", "butan-2-yl": "sec-butyl", "1-methylpropyl": "sec-butyl",
    "s-butyl": "sec-butyl", "2-methylpropan-2-yl": "tert-butyl", "1,1-dimethylethyl": "tert-butyl",
    "t-butyl": "tert-butyl", "2-methylpropyl": "isobutyl", "ethenyl": "vinyl",
    "prop-2-en-1-yl": "allyl", "prop-2-enyl": "allyl", "phenylmethyl": "benzyl",
    "ethanoyl": "acetyl", "methanoyl": "formyl", "propanoyl": "propionyl",
    "propanoate": "propionate", "ethanoate": "acetate", "propanoic": "propionic",
    "ethanoic": "acetic", "(e)-": "trans-", "(z)-": "cis-",
}  # fmt: skip
"""Substituent and ester names written two ways: one spelling each, before parts compare."""
_SYNONYM = re.compile("|".join(re.escape(k) for k in sorted(SUBSTITUENT_SYNONYMS, key=len)[::-1]))

_TRIVIAL_STEMS = re.compile(
    r"(?:^|[^a-z]|yl)(?:acet|formic|formal|propion|butyr|valer|tolu|xyl|anil|anis|cresol"
    r"|cumene|mesityl|phthal|glycol|glycer)"
    r"|\b(?:ether|ketone|alcohol|chloride|bromide|iodide|fluoride|cyanide)\b|ylene\b"
)
"""Stems and words of common (trivial or functional-class) names."""

_LOCANT = re.compile(r"\d[\d,']*[a-z]?-[a-z(]|[a-z)]-\d|\((?:\d*[ezrs],?)+\)|\[\d[\d.,]*\]")
_SYSTEMATIC_END = re.compile(
    r"(?:ane|ene|yne|anol|enol|ol|anone|enone|one|anal|enal|al|oic acid|oate|amine|amide"
    r"|nitrile|benzene|ide|ine|ole|ium|ate|ite)$"
)
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "01234567890123456789+-")
_ASIDE = re.compile(r"\s*\(([^()]{1,40})\)\s*\.?$")
_FOLD = re.compile(r"[\s_{}$\\]+")


def _key(name: str) -> str:
    """Lower case, sub/superscripts as digits, spacing and markup removed."""
    return _FOLD.sub(" ", name.translate(_SUBSCRIPTS).lower()).strip(" .")


def _formula_key(formula: str) -> str:
    """A formula with its case, sub/superscripts as digits, spacing and markup removed; a
    formula key never equals a name key (it keeps an upper-case letter or is marked)."""
    return "=" + _FOLD.sub("", formula.translate(_SUBSCRIPTS)).strip(" .")


_EQUIVALENT: dict[str, int] = {
    _key(name).replace(" ", "") if name.islower() else _formula_key(name): row
    for row, names in enumerate(EQUIVALENTS)
    for name in names
}


def equivalent(gold: str, answer: str) -> bool:
    """Both name one substance of :data:`EQUIVALENTS` (an aside such as a formula in brackets
    may name it instead: ``acetic acid (CH3COOH)``)."""
    gold_rows = {_EQUIVALENT.get(form) for form in _forms(gold)} - {None}
    return bool(gold_rows & ({_EQUIVALENT.get(form) for form in _forms(answer)} - {None}))


def _forms(name: str) -> list[str]:
    """The name, and the name and its trailing aside apart (``acetic acid (CH3COOH)``)."""
    aside = _ASIDE.search(name)
    forms = [name] + ([name[: aside.start()], aside.group(1)] if aside else [])
    return [key for form in forms for key in (_key(form).replace(" ", ""), _formula_key(form))]


def parts(name: str) -> tuple[str, str]:
    """The letters and the digits of a name, each sorted: the same parts in another order
    (``3-methylhexan-2-one`` and ``3-methyl-2-hexanone``) compare equal."""
    folded = _SYNONYM.sub(lambda m: SUBSTITUENT_SYNONYMS[m.group()], _key(name))
    return "".join(sorted(re.findall(r"[a-z]", folded))), "".join(sorted(re.findall(r"\d", folded)))


def systematic(name: str) -> bool:
    """A systematic name: locants or stereodescriptors, or a systematic ending, and no common
    stem (``toluene``, ``acetic acid``, ``isopropyl bromide`` are common names)."""
    folded = _key(name)
    if _TRIVIAL_STEMS.search(folded):
        return False
    return bool(_LOCANT.search(folded) or _SYSTEMATIC_END.search(folded.split(" ")[-1]))


def _words_but_numbers(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z]+", _key(name)))


_FORMULA = re.compile(r"(?:[A-Z][a-z]?[₀-₉\d]*){2,}|[A-Z]{2,6}")  # NaCl, CO2, H₂O, DNA
_POINT_GROUP = re.compile(r"[cds](?:\d+|∞|inf)[vhd]?|c[si]|t[dh]|[oi]h")


def point_group(text: str) -> str | None:
    """A Schoenflies point group (``C2v``, ``D_{3h}``, ``C₂ₕ``, ``Td``) in one spelling, else
    None."""
    text = text.replace("\\infty", "∞").translate(_SUBSCRIPTS)
    folded = re.sub(r"[\s_{}$]|\\(?:mathrm|text)", "", text).lower()
    folded = folded.translate(str.maketrans("ₕᵥₛᵢ", "hvsi"))
    return folded if folded and _POINT_GROUP.fullmatch(folded) else None


def point_group_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """Two point groups: the same symbol is correct, another is incorrect; else None."""
    gold_group, answer_group = point_group(gold), point_group(answer)
    if gold_group is None or answer_group is None:
        return None
    if gold_group == answer_group:
        return "correct", "the same point group"
    return "incorrect", "different point groups"


_CLASSES = (
    "red orange yellow green blue indigo violet purple white black brown pink colorless colourless;"
    "increase increases increased increasing decrease decreases decreased decreasing;"
    "doubles halves triples quadruples doubled halved tripled quadrupled; higher lower;"
    "faster slower; stronger weaker; larger smaller; longer shorter; more less; heavier lighter;"
    "hotter colder; yes no; true false; positive negative; left right; up down;"
    "clockwise counterclockwise anticlockwise; acidic basic neutral; endothermic exothermic;"
    "paramagnetic diamagnetic; polar nonpolar non-polar; chiral achiral; cis trans; odd even;"
    "attractive repulsive; stable unstable; oxidation reduction; oxidized reduced;"
    "oxidised reduced; major minor; dominant recessive; sn1 sn2 e1 e2 e1cb;"
    "zero-order first-order second-order third-order; kinetic thermodynamic;"
    "spontaneous nonspontaneous non-spontaneous; bonding antibonding nonbonding; ortho meta para;"
    "syn anti; axial equatorial; concave convex; converging diverging; real virtual;"
    "upright inverted; elastic inelastic; reversible irreversible;"
    "isothermal adiabatic isobaric isochoric; ferromagnetic antiferromagnetic;"
    "transverse longitudinal; series parallel; alpha beta gamma delta epsilon zeta eta theta"
    " kappa lambda mu nu xi pi rho sigma tau phi chi psi omega"
)
VALUE_CLASSES = tuple(frozenset(words.split()) for words in _CLASSES.split(";"))
"""Closed classes of values: two different words of one class are different answers of one
kind (``red``/``green``, ``SN1``/``SN2``, ``increases``/``decreases``)."""
_FILLER = frozenset(("the", "a", "an", "it", "its", "is", "are", "was", "be", "of", "to", "and"))


def _class_of(word: str) -> int | None:
    return next((k for k, words in enumerate(VALUE_CLASSES) if word in words), None)


def kind_values_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """Two plain phrases word by word: equal words, or words of one class of
    :data:`VALUE_CLASSES`, and at least one pair that differs in its class is ``incorrect``
    (``weaker - slower`` against ``weaker, faster``); else None."""
    tokens = [
        [w for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", _key(side)) if w not in _FILLER]
        for side in (gold, answer)
    ]
    if not tokens[0] or len(tokens[0]) != len(tokens[1]):
        return None
    differs = False
    for g, a in zip(*tokens, strict=True):
        if g == a:
            continue
        kind = _class_of(g)
        if kind is None or kind != _class_of(a) or _stem(g) == _stem(a):
            return None
        differs = True
    return ("incorrect", "different values of one kind") if differs else None


def _stem(word: str) -> str:
    return re.sub(r"(?:ing|es|ed|e|s|d)$", "", word)


def _structure_verdict(gold: str, answer: str) -> tuple[str, str] | None:
    """The verdict for two names that differ as written (see the module doc), or None when
    neither rule applies (the caller's rules decide)."""
    if equivalent(gold, answer):
        return "correct", "equivalent names"
    main = _ASIDE.sub("", answer) or answer
    if parts(gold) == parts(main) or parts(gold) == parts(answer):
        return "uncertain", "the same parts in another order"
    gold_systematic, answer_systematic = systematic(gold), systematic(main)
    if gold_systematic and answer_systematic:
        return "incorrect", "different systematic names"
    if gold_systematic != answer_systematic:
        return "uncertain", "a systematic name against a common name"
    gold_words, answer_words = _words_but_numbers(gold), _words_but_numbers(main)
    if gold_words == answer_words and gold_words:
        return "incorrect", "different names: the same words, other numbers"
    if (
        gold_words
        and answer_words
        and (set(gold_words) <= set(answer_words) or set(answer_words) <= set(gold_words))
    ):
        return "uncertain", "one name within the other"
    return None


def names_verdict(gold: str, answer: str) -> tuple[str, str]:
    """Two names that differ as written: the same words but for a plural, or a formula or an
    acronym against a spelled-out name (NaCl, DNA), are for a reader; systematic names and
    values of one kind decide (:mod:`drqa.labeling.names`); other plain names may be synonyms."""
    if _singular(gold) == _singular(answer):
        return "uncertain", "the same name but for a plural"
    by_structure = _structure_verdict(gold, answer)
    if by_structure is not None:
        return by_structure
    if any(_FORMULA.fullmatch(side.strip()) for side in (gold, answer)):
        return "uncertain", "a formula or an acronym against a name"
    # two plain names are apart only as two values of one kind (red/green), else synonyms?
    return kind_values_verdict(gold, answer) or ("uncertain", "different plain names")


def _singular(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return " ".join(re.sub(r"(?<=[a-z]{3})(?:es|s)$", "", word) for word in words)
