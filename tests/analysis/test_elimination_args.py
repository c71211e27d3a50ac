"""Argument checks of gt.iterated_elimination (issue 11): a mode it does not know is a
one-line GameError listing the valid values, never silently read as True."""

from __future__ import annotations

import pytest

import gametheory as gt


def _game():
    # Right is strictly dominated by Middle; Gibbons (1992), section 1.1.B, figure 1.1.1
    return gt.NormalFormGame.from_bimatrix(
        [[(1, 0), (1, 2), (0, 1)], [(0, 3), (0, 1), (2, 0)]],
        strategies=[["Up", "Down"], ["Left", "Middle", "Right"]])


@pytest.mark.parametrize("bad", ["foo", "", 1, 0, None, 0.5])
def test_unknown_mode_is_an_error(bad):
    with pytest.raises(gt.GameError, match=r"strict must be True \(or 'strict'\) or False"):
        gt.iterated_elimination(_game(), bad)


@pytest.mark.parametrize("name", ["mixed", "exact"])
def test_flags_must_be_booleans(name):
    with pytest.raises(gt.GameError, match=f"{name} must be True or False"):
        gt.iterated_elimination(_game(), **{name: "yes"})


def test_mode_words_match_booleans():
    g = _game()
    assert gt.iterated_elimination(g, "strict").surviving == \
        gt.iterated_elimination(g, True).surviving == (("Up",), ("Middle",))
    weak = gt.iterated_elimination(g, "weak")
    assert weak.strict is False
    assert weak.surviving == gt.iterated_elimination(g, False).surviving


def test_dominance_functions_check_their_modes_too():
    g = _game()
    with pytest.raises(gt.GameError, match="strict must be True"):
        gt.dominated_strategies(g, 1, "foo")
    with pytest.raises(gt.GameError, match="mixed must be True or False"):
        gt.dominating_strategy(g, 1, "Right", mixed="no")
    assert gt.dominated_strategies(g, 1, "strict") == (2,)     # Right, by Middle
    assert gt.dominating_strategy(g, 1, "Right", "strict") == 1
