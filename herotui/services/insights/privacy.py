"""Group figures that cannot be read back to one colleague.

A figure is shown only when at least `min_group` colleagues produced it (Microsoft Viva Insights
uses the same idea, with 5 as its default). Hiding the small cells alone is not enough:

- *Across areas*: a total minus the cells shown gives back the hidden cells' sum. So cells are also
  hidden *complementarily* (the classic "secondary suppression" of statistical disclosure control):
  while the colleagues behind all hidden cells together are too few, the smallest shown cell that
  helps is hidden too; when none can help, the total (and the folded row) is hidden instead.
- *Across periods*: the last 12 weeks minus this quarter (or this year minus this quarter) gives
  the days one period has and the other has not. So periods are cut into *atoms* (`atoms.py`:
  quarters, and the two parts of the quarter the last 12 weeks begin in), and each cell keeps who
  stands behind it per atom. A figure is shown only when, in every atom, nobody or at least
  `min_group` colleagues produced it. Then every figure shown is a sum of atom figures that each
  stand for `min_group` colleagues or more, and no subtraction of shown figures, in one period or
  between periods, can isolate fewer.

`people[key]` is either a set of person ids (one atom) or a mapping atom -> set of person ids.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Hashable, Iterable, Mapping, TypeVar

K = TypeVar("K", bound=Hashable)
Who = frozenset[int] | set[int] | Mapping[Hashable, "frozenset[int] | set[int]"]


def _atoms(who: Who) -> Mapping[Hashable, set[int] | frozenset[int]]:
    return who if isinstance(who, Mapping) else {0: who}


def _together(people: Mapping[K, Who], keys: Iterable[K]) -> dict[Hashable, set[int]]:
    together: dict[Hashable, set[int]] = defaultdict(set)
    for key in keys:
        for atom, who in _atoms(people.get(key, set())).items():
            together[atom] |= who
    return together


def deficient_atoms(people: Mapping[K, Who], keys: Iterable[K], min_group: int) -> set[Hashable]:
    """The atoms in which the cells `keys` together stand for some colleagues, but fewer than `min_group`."""
    return {atom for atom, who in _together(people, keys).items() if 0 < len(who) < min_group}


def is_safe(people: Mapping[K, Who], keys: Iterable[K], min_group: int) -> bool:
    """True when the sum of the cells `keys` may be shown: in every atom, nobody or at least
    `min_group` colleagues stand behind it."""
    return not deficient_atoms(people, keys, min_group)


def anyone(who: Who) -> bool:
    """True when someone stands behind a cell (in any atom)."""
    return any(_atoms(who).values())


def hidden_cells(people: Mapping[K, Who], size: Mapping[K, int], min_group: int) -> set[K]:
    """Keys of the cells whose figures must not be shown.

    `size[key]` is the cell's figure, used only to choose which shown cell to give up next (the
    smallest, so the least is lost). A cell nobody produced (0) is never hidden: it says nothing
    about anyone. When no shown cell can make the hidden group safe, the group stays as it is and
    the caller must hide the total (`is_safe` over every key is then False).
    """
    hidden = {key for key in people if not is_safe(people, [key], min_group)}
    while hidden:
        short = deficient_atoms(people, hidden, min_group)
        if not short:
            break
        helpers = [key for key in people
                   if key not in hidden and any(_atoms(people[key]).get(atom) for atom in short)]
        if not helpers:
            break
        helpers.sort(key=lambda key: (size.get(key, 0), str(key)))
        hidden.add(helpers[0])
    return hidden


def group_of(people: Mapping[K, Who], keys) -> set[int]:
    """Everyone behind the cells `keys` together (all atoms)."""
    together: set[int] = set()
    for who in _together(people, keys).values():
        together |= who
    return together
