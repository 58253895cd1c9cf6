"""Whether two claims' figures agree: rounding, hedges, bounds, currencies and plain numbers.

The one number rule of a dispute, for the matcher, the verdicts and the reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from wiretrace.extractors.quantities import plain_numbers
from wiretrace.records import Claim, Quantity

MIN_ANCHOR_COUNT = 10  # "two people" is too common to say two sentences state one fact
HEDGE_TOLERANCE = 0.05  # "about 52,000" agrees with anything within 5%
BARE_NUMBER_MIN_SCORE = 85.0  # only near-identical sentences are compared number by number
# The figure as written in a quantity's `raw` ("29" of "$29 billion"), for its rounding step.
FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def comparable(a: Quantity, b: Quantity) -> bool:
    """Figures of one kind and unit (for counts, of the same thing) can disagree."""
    return a.kind == b.kind and a.unit == b.unit


def quantities_agree(a: Quantity, b: Quantity) -> bool:
    """Same value, allowing for the rounding of the less precise figure and for qualifiers.

    "$29 billion" agrees with "$29.3 billion" (rounded to the billion) but not "$30 billion";
    "about 52,000" with "52,418"; "more than 20" with 23; "up to 100" with 80.
    """
    if a.kind != b.kind or a.unit != b.unit:
        return True  # not comparable here: different units are not a disagreement
    if a.value == b.value:
        return True
    largest = max(abs(a.value), abs(b.value))
    tolerance = max(_precision(a), _precision(b)) / 2 + 1e-9 * largest
    if "about" in (a.qualifier, b.qualifier):
        tolerance = max(tolerance, HEDGE_TOLERANCE * largest)
    if abs(a.value - b.value) <= tolerance:
        return True
    if a.qualifier == b.qualifier:
        return False  # "up to S$20" and "up to S$50" are two different bounds
    low, high = sorted((a, b), key=lambda q: q.value)
    if low.qualifier in ("more than", "at least") and low.value <= high.value:
        return True
    return high.qualifier in ("up to", "less than") and low.value <= high.value


def _precision(q: Quantity) -> float:
    """The rounding step a figure was written with: 1e9 for "$29 billion", 1,000 for "52,000".

    Only whole groups of three zeros count as rounding: "30 billion" may be exact to the
    billion, "52,000 voters" is rounded to the thousand.
    """
    match = FIGURE.search(q.raw)
    if match is None:
        return 0.0
    written = match.group(0)
    figure = written.replace(",", "")
    mantissa = float(figure)
    if mantissa == 0:
        return 0.0
    scale = q.value / mantissa  # the written scale word: billion, crore, ...
    if "." in figure:
        step = 10.0 ** -len(figure.split(".")[1])
    else:
        groups = 0
        while written.endswith(",000" * (groups + 1)):
            groups += 1
        step = 1000.0**groups
    return float(scale * step)


def numbers_conflict(a: Sequence[Quantity], b: Sequence[Quantity]) -> bool:
    """True when a figure of one claim and a figure of the other are comparable and disagree.

    Figures that agree with a figure of the other claim are set aside first, so "1,210 homes"
    against "1,210 private homes and 672 units" is no conflict, while "$29 billion" against
    "$30 billion" is.
    """
    return bool(conflicting_figures(a, b))


def conflicting_figures(
    a: Sequence[Quantity], b: Sequence[Quantity]
) -> list[tuple[Quantity, Quantity]]:
    """The pairs (figure of a, figure of b) that disagree, by the rule of `numbers_conflict`.

    A range is one figure (`_ranges`): "$45 billion" agrees with "$40-50 billion", "$60
    billion" does not (the pair given is "up to $50 billion" and "$60 billion"); two ranges
    agree when they overlap.
    """
    ranges_a, ranges_b = _ranges(a), _ranges(b)
    left = [g for g in ranges_a if not any(_same_range(g, h) for h in ranges_b)]
    right = [h for h in ranges_b if not any(_same_range(g, h) for g in ranges_a)]
    return [
        (x, y)
        for g in left
        for h in right
        for x in g
        for y in h
        if _currency_swapped(x, y)
        or (comparable(x, y) and _opposed(g, h, x, y) and not _same_figure(x, y))
    ]


def _ranges(quantities: Sequence[Quantity]) -> list[tuple[Quantity, ...]]:
    """The figures, a range's two ends as one: "at least" then "up to", of one kind and unit,
    written next to each other ("$40-50 billion", "between 20 and 30 people")."""
    found: list[tuple[Quantity, ...]] = []
    i = 0
    while i < len(quantities):
        low, high = quantities[i], quantities[i + 1] if i + 1 < len(quantities) else None
        if (
            high is not None
            and (low.qualifier, high.qualifier) == ("at least", "up to")
            and comparable(low, high)
            and low.value < high.value
            and 0 <= high.start - low.end <= len(" and ")
        ):
            found.append((low, high))
            i += 2
        else:
            found.append((low,))
            i += 1
    return found


def _opposed(g: tuple[Quantity, ...], h: tuple[Quantity, ...], x: Quantity, y: Quantity) -> bool:
    # A range is compared end against the other's opposite bound: two ranges overlap when
    # each low end is below the other's high end; low against low says nothing.
    return not ((len(g) == 2 or len(h) == 2) and x.qualifier == y.qualifier)


def _same_range(g: tuple[Quantity, ...], h: tuple[Quantity, ...]) -> bool:
    return all(_same_figure(x, y) for x in g for y in h if _opposed(g, h, x, y))


def _currency_swapped(x: Quantity, y: Quantity) -> bool:
    # "S$65 million" against "US$65 million": the same amount in another currency is an error
    # in one of them, not a conversion (a conversion changes the number).
    return x.kind == y.kind == "money" and x.unit != y.unit and x.value == y.value


def bare_numbers(claim: Claim) -> list[Quantity]:
    """Numbers of a claim that the quantity parser did not take: "3,500", "seven", "38-year-old".

    The dateline and the parsed quantities are left out; what remains are figures whose change
    between two otherwise identical sentences is a disagreement.
    """
    cut = [(q.start, q.end) for q in claim.quantities]
    if claim.dateline_end:
        cut.append((0, claim.dateline_end))
    return [
        number
        for number in plain_numbers(claim.text)
        if not any(start <= number.start < end for start, end in cut)
    ]


def bare_numbers_conflict(a: Claim, b: Claim) -> bool:
    """Two near-identical sentences whose remaining numbers differ: "3,500" against "3,800".

    A plain number of one that the other states as a parsed figure ("9" against "9 cents")
    is no disagreement.
    """
    return _bare_conflict(bare_numbers(a), bare_numbers(b), a.quantities, b.quantities)


def _bare_conflict(
    left: Sequence[Quantity],
    right: Sequence[Quantity],
    quantities_a: Sequence[Quantity],
    quantities_b: Sequence[Quantity],
) -> bool:
    """`bare_numbers_conflict` of two claims' bare numbers and quantities."""
    if not left or not right:
        return False
    left_all = [*left, *(replace(q, kind="count", unit="") for q in quantities_a)]
    right_all = [*right, *(replace(q, kind="count", unit="") for q in quantities_b)]
    unmatched_left = [x for x in left if not any(quantities_agree(x, y) for y in right_all)]
    unmatched_right = [y for y in right if not any(quantities_agree(x, y) for x in left_all)]
    return bool(unmatched_left and unmatched_right)


def figures_disagree(a: Claim, b: Claim, score: float) -> bool:
    """The number rule of a dispute, one for the matcher, the verdicts and the reports."""
    if not (bool(a.quantities) and _figures(a) == _figures(b)) and numbers_conflict(
        a.quantities, b.quantities
    ):
        return True
    return score >= BARE_NUMBER_MIN_SCORE and bare_numbers_conflict(a, b)


def disagreements(
    claims: Sequence[Claim], left: np.ndarray, right: np.ndarray, scores: np.ndarray
) -> np.ndarray:
    """`figures_disagree(claims[left[k]], claims[right[k]], scores[k])` for every k.

    The rule reads only each claim's figures (and, for near-identical sentences, its bare
    numbers), and many pairs share theirs (a story's facts are restated by every outlet), so
    each distinct pair of figure sets is decided once, and each claim's numbers read once.
    """
    left, right = np.asarray(left, np.int64), np.asarray(right, np.int64)
    out = np.zeros(len(left), bool)
    if not len(left):
        return out
    involved = np.unique(np.concatenate((left, right)))
    at_left, at_right = np.searchsorted(involved, left), np.searchsorted(involved, right)
    chosen = [claims[i] for i in involved.tolist()]
    # The quantity rule: only pairs where both claims state figures, and not the same ones.
    stated = np.fromiter((bool(c.quantities) for c in chosen), bool, count=len(chosen))
    figure_ids = _interned([_figures(c) for c in chosen])
    asked = np.flatnonzero(
        stated[at_left] & stated[at_right] & (figure_ids[at_left] != figure_ids[at_right])
    )
    out[asked] = _decided_once(
        _interned([c.quantities for c in chosen]),
        at_left[asked],
        at_right[asked],
        lambda x, y: numbers_conflict(chosen[x].quantities, chosen[y].quantities),
    )
    # The bare-number rule, for the near-identical sentences the quantity rule left.
    near = np.flatnonzero(~out & (np.asarray(scores, np.float64) >= BARE_NUMBER_MIN_SCORE))
    if not len(near):
        return out
    needed = np.unique(np.concatenate((at_left[near], at_right[near]))).tolist()
    bare: dict[int, list[Quantity]] = {k: bare_numbers(chosen[k]) for k in needed}
    some = np.zeros(len(chosen), bool)
    some[needed] = [bool(bare[k]) for k in needed]
    near = near[some[at_left[near]] & some[at_right[near]]]
    # What `_bare_conflict` reads of a claim: its bare numbers and quantities, not offsets.
    signature = np.zeros(len(chosen), np.int64)
    signature[needed] = _interned([(_plain(bare[k]), _plain(chosen[k].quantities)) for k in needed])
    out[near] = _decided_once(
        signature,
        at_left[near],
        at_right[near],
        lambda x, y: _bare_conflict(bare[x], bare[y], chosen[x].quantities, chosen[y].quantities),
    )
    return out


def _plain(quantities: Sequence[Quantity]) -> tuple[tuple[object, ...], ...]:
    return tuple((q.kind, q.value, q.unit, q.raw, q.qualifier) for q in quantities)


def _interned(values: Sequence[object]) -> np.ndarray:
    """An integer per value, equal for equal values."""
    ids: dict[object, int] = {}
    return np.fromiter(
        (ids.setdefault(v, len(ids)) for v in values), dtype=np.int64, count=len(values)
    )


def _decided_once(
    ids: np.ndarray, left: np.ndarray, right: np.ndarray, rule: Callable[[int, int], bool]
) -> np.ndarray:
    """rule(left[k], right[k]) for each k, asked once for each distinct (ids[left[k]],
    ids[right[k]]): the rule reads only what equal ids stand for, so any claim of an id will do."""
    if not len(left):
        return np.zeros(0, bool)
    keys = ids[left] * (int(ids.max()) + 1) + ids[right]
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    pairs = zip(left[first].tolist(), right[first].tolist(), strict=True)
    answers = np.fromiter((rule(x, y) for x, y in pairs), dtype=bool, count=len(first))
    return answers[inverse.reshape(-1)]


def shares_figure(a: Sequence[Quantity], b: Sequence[Quantity]) -> bool:
    """Both claims state one figure that identifies a fact: money, a percent, a count >= 10."""
    return any(
        _same_figure(x, y) and (x.kind != "count" or x.value >= MIN_ANCHOR_COUNT)
        for x in a
        for y in b
    )


BOUNDS = frozenset(("more than", "at least", "up to", "less than"))


def _same_figure(x: Quantity, y: Quantity) -> bool:
    if x.kind != y.kind:
        return False
    if x.kind == "count" and x.unit != y.unit:
        # The counted noun is often mis-read: match on the value alone, but a bound says
        # nothing of another noun's figure ("at least 770 dead" is not "over 4,600 injured").
        return quantities_agree(_unbounded(x, y.unit), _unbounded(y, y.unit))
    return comparable(x, y) and quantities_agree(x, y)


def _unbounded(q: Quantity, unit: str) -> Quantity:
    return replace(q, unit=unit, qualifier="" if q.qualifier in BOUNDS else q.qualifier)


def _figures(claim: Claim) -> tuple[tuple[str, str, float], ...]:
    return tuple(sorted((q.kind, q.unit, q.value) for q in claim.quantities))
