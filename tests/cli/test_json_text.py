"""json_text prints valid JSON: non-finite floats come out as null."""
import json
import math

import numpy as np

from gametheory.cli.loading import json_text


def _strict_load(text: str):
    def refuse(name: str):
        raise ValueError(f"invalid JSON constant {name}")
    return json.loads(text, parse_constant=refuse)


def test_non_finite_floats_are_null():
    data = {"a": math.nan, "b": [math.inf, -math.inf, 0.5], "c": np.float64("nan")}
    assert _strict_load(json_text(data)) == {"a": None, "b": [None, None, 0.5], "c": None}


def test_finite_floats_still_rounded():
    assert _strict_load(json_text([0.1 + 0.2, 3, "2/3"])) == [0.3, 3, "2/3"]
