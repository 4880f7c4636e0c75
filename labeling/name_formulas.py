"""The molecular formula a substitutive name spells, read by a small grammar, or None.

Two names of one compound have one molecular formula (``hexan-2-one`` C6H12O is no ``hexanoic
acid`` C6H12O2): :mod:`drqa.labeling.same_compound` judges two names by it. The grammar reads
substitutive names only (parents: chains, cyclo rings, benzene and a few ring parents, with
``-ene``/``-yne``; substituent prefixes with multipliers and brackets; the common suffixes,
acids, their esters and cyclic anhydrides; halides named by class, ``benzoyl chloride``;
trivial acids such as acetate as their systematic names); locants and stereodescriptors are
read past, since they move no atom. Anything else (fused rings, indicated hydrogen,
``-ylidene``, a word it does not know) gives None: every character of a name is read, or it
says nothing.

The formula is additive: a substituent replaces one hydrogen wherever it sits, so a substituted
substituent (``dimethylamino``, ``(2-bromoethyl)``) adds the same atoms read flat, and only a
multiplier before a bracket (``bis(2-chloroethyl)``) multiplies a group of them.
"""

from __future__ import annotations

import re
from collections import Counter

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

STEMS = {"meth": 1, "eth": 2, "prop": 3, "but": 4, "pent": 5, "hex": 6, "hept": 7, "oct": 8,
          "non": 9, "dec": 10, "undec": 11, "dodec": 12}  # fmt: skip
_MULTIPLIERS = {"di": 2, "tri": 3, "tetra": 4, "penta": 5, "hexa": 6, "hepta": 7, "octa": 8,
                "bis": 2, "tris": 3, "tetrakis": 4}  # fmt: skip


def _f(text: str) -> Counter:
    """``C2H5`` as a Counter (a negative count as ``H-1``)."""
    return Counter({el: int(n or 1) for el, n in re.findall(r"([A-Z][a-z]?)(-?\d*)", text)})


_RINGS = {"benzene": "C6H6", "naphthalene": "C10H8", "pyridine": "C5H5N", "furan": "C4H4O",
          "thiophene": "C4H4S", "pyrrole": "C4H5N", "oxirane": "C2H4O", "oxetane": "C3H6O",
          "oxolane": "C4H8O", "oxane": "C5H10O", "piperidine": "C5H11N", "pyrrolidine": "C4H9N",
          "morpholine": "C4H9NO", "benzoicacid": "C7H6O2", "benzoate": "C7H5O2",
          "benzaldehyde": "C7H6O", "benzonitrile": "C7H5N", "benzamide": "C7H7NO",
          "phenol": "C6H6O", "aniline": "C6H7N", "toluene": "C7H8", "anisole": "C7H8O",
          "styrene": "C8H8", "acetophenone": "C8H8O", "phthalicacid": "C8H6O4",
          "isophthalicacid": "C8H6O4", "terephthalicacid": "C8H6O4", "phthalate": "C8H4O4",
          "isophthalate": "C8H4O4", "terephthalate": "C8H4O4",
          "salicylicacid": "C7H6O3", "benzophenone": "C13H10O", "propiophenone": "C9H10O",
          "cinnamaldehyde": "C9H8O", "cinnamicacid": "C9H8O2"}  # fmt: skip
_BENZENES = {name for name, formula in _RINGS.items() if 6 <= _f(formula)["C"] <= 8}
"""Ring parents and benzene's derivatives by common name (``4-methylbenzoic acid``): no suffix."""
_GROUPS = {"fluoro": "F", "chloro": "Cl", "bromo": "Br", "iodo": "I", "hydroxy": "OH",
           "amino": "NH2", "nitro": "NO2", "nitroso": "NO", "cyano": "CN", "formyl": "CHO",
           "acetyl": "C2H3O", "carboxy": "CO2H", "oxo": "OH-1", "phenyl": "C6H5",
           "benzyl": "C7H7", "vinyl": "C2H3", "allyl": "C3H5", "isopropyl": "C3H7",
           "isobutyl": "C4H9", "secbutyl": "C4H9", "tertbutyl": "C4H9", "hydro": "H2",
           "phenoxy": "C6H5O", "benzoyl": "C7H5O", "mercapto": "SH", "sulfanyl": "SH",
           "epoxy": "OH-1", "imino": "NH0", "azido": "N3", "styryl": "C8H7", "tolyl": "C7H7",
           "naphthyl": "C10H7", "acetoxy": "C2H3O2", "benzyloxy": "C7H7O", "propargyl": "C3H3",
           "isopropenyl": "C3H5"}  # fmt: skip
"""Substituent prefixes: the atoms each adds in place of one hydrogen (``oxo`` takes two: =O;
``hydro`` adds one; ``epoxy`` bridges two positions)."""
_SUFFIXES = {"ol": "O", "one": "OH-2", "al": "OH-2", "oicacid": "O2H-2", "oate": "O2H-3",
             "amine": "NH", "nitrile": "NH-3", "amide": "ONH-1", "thiol": "S",
             "carboxylicacid": "CO2", "carboxylate": "CO2H-1", "carbaldehyde": "CO",
             "carbonitrile": "CNH-1", "carboxamide": "CONH"}  # fmt: skip
"""Principal groups as suffixes: what each changes on its parent hydride (``oate`` is the
anion: the acid less one hydrogen)."""
_GROUP_WORD = re.compile("|".join(sorted(_GROUPS, key=len, reverse=True)))
_SUFFIX_WORD = "|".join(sorted(_SUFFIXES, key=len, reverse=True))
_MULTIPLIER = "|".join(sorted(_MULTIPLIERS, key=len, reverse=True))
_MULTIPLIER_WORD = re.compile(_MULTIPLIER)
_STEM = "|".join(sorted(STEMS, key=len, reverse=True))
_RING = "|".join(sorted(_RINGS, key=len, reverse=True))
_CHAIN = re.compile(
    rf"(?P<cyclo>cyclo)?(?P<stem>{_STEM})a?(?P<bonds>(?:(?:{_MULTIPLIER})?(?:an|en|yn))+)"
)
_ALKYL = re.compile(rf"(?P<cyclo>cyclo)?(?P<stem>{_STEM})(?P<en>a?(?:an|en|yn)?)yl")
_TRIVIAL_ACIDS = re.compile(r"\b(?:(acet|form|propion|butyr)(ic|ate)\b|acetone\b)")
_HALIDES = {"fluoride": "F", "chloride": "Cl", "bromide": "Br", "iodide": "I"}
_ACIDSTEMS = {"acet": "ethano", "form": "methano", "propion": "propano", "butyr": "butano"}
_SUFFIX = re.compile(rf"e?(?:(?P<mult>{_MULTIPLIER})?(?P<suffix>{_SUFFIX_WORD}))?$")
_ALKOXY = re.compile(rf"(?P<stem>{_STEM})oxy")
_LOCANTS = re.compile(r"\d+[a-z]?'*(?:,\d+[a-z]?'*)*-?|-")
_STEREO = re.compile(r"\((?:\d*[a-z]?[rsez],?)+\)|\b(?:cis|trans|endo|exo|meso|rac|syn|anti)\b")


def _chain(stem: str, cyclo: bool, bonds: str) -> Counter:
    n = STEMS[stem]
    hydride = Counter({"C": n, "H": 2 * n + (0 if cyclo else 2)})
    for mult, kind in re.findall(rf"({_MULTIPLIER})?(an|en|yn)", bonds):
        hydride["H"] -= {"an": 0, "en": 2, "yn": 4}[kind] * _MULTIPLIERS.get(mult, 1)
    return hydride


def _prefixes(text: str, roots: list[str]) -> Counter | None:
    """The atoms the substituent prefixes of ``text`` add (each less the hydrogen it takes);
    the roots of its chain and ring substituents go to ``roots`` (``ethyl``: eth)."""
    total: Counter = Counter()
    at = 0
    while at < len(text):
        mult = _MULTIPLIER_WORD.match(text, at)
        times = 1
        if mult and (text.startswith("(", mult.end()) or _group_at(text, mult.end())):
            times, at = _MULTIPLIERS[mult.group()], mult.end()
        if text.startswith("(", at):
            close = _matching(text, at)
            inner = _prefixes(text[at + 1 : close], roots) if close else None
            if inner is None:
                return None
            group, at = inner, close + 1  # a compound substituent: its atoms read flat
        else:
            found = _group_at(text, at)
            if found is None:
                return None
            group, at, root = found
            roots.append(root)
        for _ in range(times):
            total.update(group)
    return total


def _group_at(text: str, at: int) -> tuple[Counter, int, str] | None:
    """One substituent prefix at ``at``: its atoms less the hydrogen it replaces, its end and
    its root (a chain's stem, ``phen`` for phenyl, else the prefix itself)."""
    for pattern in (_ALKOXY, _ALKYL):
        match = pattern.match(text, at)
        if match and pattern is _ALKOXY:
            n = STEMS[match.group("stem")]
            return Counter({"C": n, "H": 2 * n, "O": 1}), match.end(), match.group()
        if match:
            n, bond = STEMS[match.group("stem")], match.group("en")
            h = 2 * n + 1 - (2 if match.group("cyclo") else 0) - (2 if "en" in bond else 0)
            h -= 4 if "yn" in bond else 0
            root = (match.group("cyclo") or "") + match.group("stem")
            return Counter({"C": n, "H": h - 1}), match.end(), root
    match = _GROUP_WORD.match(text, at)
    if match is None:
        return None
    group = _f(_GROUPS[match.group()])
    group["H"] -= 1
    return group, match.end(), "phen" if match.group() == "phenyl" else match.group()


def _matching(text: str, at: int) -> int | None:
    depth = 0
    for index in range(at, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return None


def _hydride_and_suffix(word: str) -> tuple[Counter, str, int, int] | None:
    """(formula, parent, where the parent starts, how many suffix groups) of the last word of a
    name: its parent hydride and suffix at its end, the prefixes before it read by the caller."""
    for start in range(len(word)):
        for pattern, is_ring in ((_CHAIN, False), (re.compile(_RING), True)):
            match = pattern.match(word, start)
            if not match:
                continue
            suffix = _SUFFIX.fullmatch(word, match.end())
            if suffix is None:
                continue
            if is_ring and (suffix.group("suffix") and not match.group().endswith("ene")):
                continue  # benzoic acid takes no second suffix; benzenediol does
            if is_ring:
                hydride, parent = _f(_RINGS[match.group()]), match.group()
                parent = "phen" if parent in _BENZENES else parent
            else:
                bonds = match.group("bonds")
                hydride = _chain(match.group("stem"), bool(match.group("cyclo")), bonds)
                parent = (match.group("cyclo") or "") + match.group("stem")
            times = _MULTIPLIERS.get(suffix.group("mult") or "", 1)
            for _ in range(times):
                hydride.update(
                    _f(_SUFFIXES[suffix.group("suffix")] if suffix.group("suffix") else "")
                )
            return hydride, parent, start, times
    return None


def _systematic_acid(match: re.Match) -> str:
    if match.group().startswith("acetone"):
        return "propanone"
    return _ACIDSTEMS[match.group(1)] + ("ic" if match.group(2) == "ic" else "ate")


def molecular_formula(name: str) -> tuple[Counter, str, list[str]] | None:
    """(the molecular formula, its parent's root, its substituents' roots) a lower-case
    substitutive ``name`` spells (``(2-bromoethyl)benzene``: C8H9Br on ``phen`` with ``bromo``
    and ``eth``), or None where the grammar does not read every character (module doc)."""
    if re.search(r"\(\d*h\)|ylidene|\[", name):
        return None  # indicated hydrogen, ylidene, fused or bridged rings
    text = _LOCANTS.sub("", _STEREO.sub("", name.lower())).strip()
    text = _TRIVIAL_ACIDS.sub(_systematic_acid, text)  # ethyl acetate: ethyl ethanoate
    words = text.split()
    if len(words) == 2 and words[1] in _HALIDES:  # ethyl bromide, benzoyl chloride: R-X
        roots: list[str] = []
        group = _prefixes(words[0], roots)
        if group is None or len(roots) != 1:
            return None
        formula = group + Counter({"H": 1, _HALIDES[words[1]]: 1})
        return (formula, roots[0], []) if all(n > 0 for n in formula.values()) else None
    ester = None
    if len(words) == 2 and words[1] in ("acid", "anhydride"):
        ester = "anhydride" if words[1] == "anhydride" else None
        if ester and not re.search(r"di(?:oic|carboxylic)$", words[0]):
            return None  # a cyclic anhydride of a diacid only (acetic anhydride: two acids)
        words = [words[0] + "acid"]
    elif len(words) == 2:
        ester = _prefixes(words[0], [])  # methyl propanoate: the alkyl in place of the acid's H
        if ester is None or not words[1].endswith(("oate", "carboxylate", "phthalate")):
            return None
        words = words[1:]
    if len(words) != 1:
        return None
    read = _hydride_and_suffix(words[0])
    if read is None:
        return None
    formula, parent, start, groups = read
    roots: list[str] = []
    prefixes = _prefixes(words[0][:start], roots)
    if prefixes is None:
        return None
    formula.update(prefixes)
    if ester == "anhydride":  # a cyclic anhydride of the -dicarboxylic/-dioic acid: less water
        formula.update({"H": -2, "O": -1})
    elif ester is not None:
        formula.update(ester)
        formula["H"] += 2 if words[0].endswith("phthalate") else groups  # the anion's charges
    formula = Counter({el: n for el, n in formula.items() if n})
    if any(n < 0 for n in formula.values()):
        return None
    return formula, parent, roots
