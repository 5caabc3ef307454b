"""Group figures that cannot be read back to one colleague.

A figure is shown only when at least `min_group` colleagues produced it (Microsoft Viva Insights
uses the same idea, with 5 as its default). Hiding the small cells alone is not enough: a total
minus the cells shown gives back the hidden cells' sum. So cells are also hidden *complementarily*
(the classic "secondary suppression" of statistical disclosure control): while the colleagues
behind all hidden cells together are fewer than `min_group`, the smallest shown cell is hidden
too. Then whatever a reader can work out by subtraction is itself a figure of at least
`min_group` colleagues.
"""

from __future__ import annotations

from typing import Hashable, Mapping, TypeVar

K = TypeVar("K", bound=Hashable)


def hidden_cells(people: Mapping[K, frozenset[int] | set[int]], size: Mapping[K, int], min_group: int) -> set[K]:
    """Keys of the cells whose figures must not be shown.

    `people[key]` is who produced cell `key` (person ids); `size[key]` is the cell's figure, used
    only to choose which shown cell to give up next (the smallest, so the least is lost). A cell
    nobody produced (0) is never hidden: it says nothing about anyone.
    """
    hidden = {key for key, who in people.items() if 0 < len(who) < min_group}
    while hidden:
        together: set[int] = set()
        for key in hidden:
            together |= people[key]
        if len(together) >= min_group:
            break
        shown = [key for key, who in people.items() if key not in hidden and who]
        if not shown:
            break
        shown.sort(key=lambda key: (size.get(key, 0), str(key)))
        hidden.add(shown[0])
    return hidden


def group_of(people: Mapping[K, frozenset[int] | set[int]], keys) -> set[int]:
    """Everyone behind the cells `keys` together."""
    together: set[int] = set()
    for key in keys:
        together |= people.get(key, set())
    return together
