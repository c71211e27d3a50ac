"""models/README.md runs as a test: every ```python block is a doctest whose printed output
must match; and the table lists every bundled model."""

import doctest
import re
from pathlib import Path

import pytest

from gametheory.models import MODELS

README = Path(__file__).parents[2] / "models" / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)


def test_the_readme_has_examples():
    assert BLOCKS and all(">>> " in b for b in BLOCKS)


@pytest.mark.parametrize("k", range(len(BLOCKS)))
def test_python_blocks_run_as_doctests(k):
    test = doctest.DocTestParser().get_doctest(BLOCKS[k], {}, f"models/README.md[{k}]",
                                               str(README), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    out: list[str] = []
    runner.run(test, out=out.append)
    assert runner.failures == 0, "".join(out)


def test_table_lists_every_bundled_model():
    rows = set(re.findall(r"^\| `(\w+)` \|", README.read_text(), flags=re.M))
    assert set(MODELS) <= rows
