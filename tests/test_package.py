"""The package imports, has a version, and exposes its exception hierarchy."""

import re

import pytest

import namedrop as nd


def test_version_is_the_crate_version():
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", nd.__version__)
    assert nd.__version__ == nd._core.__version__


@pytest.mark.parametrize(
    ("name", "builtin"),
    [("GazetteerError", ValueError), ("InputError", ValueError), ("FileError", OSError)],
)
def test_every_error_subclasses_base_and_builtin(name, builtin):
    cls = getattr(nd, name)
    assert issubclass(cls, nd.NamedropError)
    assert issubclass(cls, builtin)
    assert cls.__module__ == "namedrop"
    assert name in nd.__all__


def test_base_error_is_an_exception_not_a_value_error():
    assert issubclass(nd.NamedropError, Exception)
    assert not issubclass(nd.NamedropError, ValueError)


@pytest.mark.parametrize(
    ("kind", "cls", "builtin"),
    [
        ("gazetteer", nd.GazetteerError, ValueError),
        ("input", nd.InputError, ValueError),
        ("io", nd.FileError, OSError),
    ],
)
def test_core_errors_map_to_one_class_each(kind, cls, builtin):
    with pytest.raises(cls) as info:
        nd._core._raise_error(kind, "something named", "people.csv", 3)
    assert isinstance(info.value, builtin)
    assert "something named" in str(info.value)
    assert info.value.path == "people.csv"


def test_file_errors_name_file_and_line():
    with pytest.raises(nd.GazetteerError, match=r"^people\.csv:3: duplicate id") as info:
        nd._core._raise_error("gazetteer", 'duplicate id "x"', "people.csv", 3)
    assert info.value.line == 3
    with pytest.raises(nd.NamedropError):
        nd._core._raise_error("input", "bad option")
