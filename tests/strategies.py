"""Hypothesis strategies that build valid instances of any contract model from its type hints.

The walker reads each field's annotation and constraints (``Field(ge=…)``, ``StringConstraints``,
``StorableText``, ``Literal`` code lists, nested models, optional values, tuples and language
maps), so a new message type is covered without writing a strategy for it. Model validators that
tie fields together (a suppressed cell carries no value; a consent expires after it was obtained)
are honoured by building the model and rejecting what it refuses.

``wide=True`` draws free text from every character the contracts admit (control characters,
JSON escapes, characters beyond U+FFFF) instead of readable text, for tests of what storage
makes of anything a model accepts; integers span their whole declared range either way.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
import uuid
from typing import Annotated, Any, Literal, Union

import annotated_types
from hypothesis import strategies as st
from pydantic import BaseModel, StringConstraints, ValidationError
from pydantic.fields import FieldInfo

from contracts.bounds import StorableText
from contracts.indicators import period_bounds
from contracts.statistics import DataValueSetV2, PolicyReference

# Printable text in the federation's scripts, without leading or trailing space (short text is
# stripped by the models) and without the characters JSON must escape, which are tested apart.
_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "Zs"),
    include_characters="ЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяђѓѕјљњћќџčćđšžëç",
)
# Every character free text may hold: anything but NUL and surrogates (StorableText).
_WIDE_ALPHABET = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
_UTC = dt.UTC
# A pattern that is one character class repeated, e.g. base64url: drawn at the declared length.
_REPEATED_CLASS = re.compile(r"\^(\[[^\]]+\])\*(.*)\$")


def _constraints(metadata: list[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in metadata:
        if isinstance(item, StorableText):
            found.update(max_length=item.max_length, min_length=item.min_length, free_text=True)
            if item.strip_whitespace:
                found["strip_whitespace"] = True
        elif isinstance(item, FieldInfo):
            found.update(_constraints(item.metadata))
        elif isinstance(item, StringConstraints):
            found.update({k: v for k, v in vars(item).items() if v is not None})
        elif isinstance(item, annotated_types.Ge):
            found["ge"] = item.ge
        elif isinstance(item, annotated_types.Gt):
            found["gt"] = item.gt
        elif isinstance(item, annotated_types.Le):
            found["le"] = item.le
        elif isinstance(item, annotated_types.Lt):
            found["lt"] = item.lt
        elif isinstance(item, annotated_types.MinLen):
            found["min_length"] = item.min_length
        elif isinstance(item, annotated_types.MaxLen):
            found["max_length"] = item.max_length
        elif hasattr(item, "pattern") and item.pattern is not None:
            found["pattern"] = item.pattern
    return found


def _text(limits: dict[str, Any], wide: bool) -> st.SearchStrategy[str]:
    if "pattern" in limits and not limits.get("free_text"):
        pattern = limits["pattern"]
        repeated = _REPEATED_CLASS.fullmatch(pattern)
        if repeated and ("min_length" in limits or "max_length" in limits):
            low, high = limits.get("min_length", 0), min(limits.get("max_length", 60), 60)
            pattern = f"^{repeated[1]}{{{low},{max(low, high)}}}{repeated[2]}$"
        return st.from_regex(re.compile(pattern.replace("$", r"\Z")), fullmatch=True)
    low, high = limits.get("min_length", 0), min(limits.get("max_length", 60), 60)
    text = st.text(_WIDE_ALPHABET if wide else _ALPHABET, min_size=low, max_size=high)
    if limits.get("strip_whitespace"):
        text = text.map(str.strip).filter(lambda s: len(s) >= max(low, 1) if low else True)
    return text


def _number(kind: type, limits: dict[str, Any]) -> st.SearchStrategy[Any]:
    if kind is int:
        low = limits.get("ge", limits["gt"] + 1 if "gt" in limits else -(2**31))
        high = limits.get("le", limits["lt"] - 1 if "lt" in limits else 2**53)
        return st.integers(min_value=low, max_value=high)
    return st.floats(
        min_value=limits.get("ge", limits.get("gt", -1e9)),
        max_value=limits.get("le", limits.get("lt", 1e9)),
        exclude_min="gt" in limits,
        exclude_max="lt" in limits,
        allow_nan=False,
        allow_infinity=False,
    )


def for_annotation(
    annotation: Any, metadata: list[Any] | None = None, *, wide: bool = False
) -> st.SearchStrategy[Any]:
    """A strategy for values of ``annotation`` that satisfy ``metadata``'s constraints."""
    limits = _constraints(metadata or [])
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        inner, *extra = typing.get_args(annotation)
        return for_annotation(inner, [*extra, *(metadata or [])], wide=wide)
    if origin is Literal:
        return st.sampled_from(typing.get_args(annotation))
    if origin in (Union, types.UnionType):
        return st.one_of(*(for_annotation(arg, wide=wide) for arg in typing.get_args(annotation)))
    if origin is tuple:
        item, *_ = typing.get_args(annotation)
        low = limits.get("min_length", 0)
        return st.lists(
            for_annotation(item, wide=wide), min_size=low, max_size=min(limits.get("max_length", 4), low + 4)
        ).map(tuple)
    if origin is dict:
        key, value = typing.get_args(annotation)
        low = limits.get("min_length", 0)
        return st.dictionaries(
            for_annotation(key, wide=wide), for_annotation(value, wide=wide), min_size=low, max_size=low + 3
        )
    if annotation is type(None):
        return st.none()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_instances(annotation, wide=wide)
    if annotation is str:
        return _text(limits, wide)
    if annotation in (int, float):
        return _number(annotation, limits)
    if annotation is bool:
        return st.booleans()
    if annotation is uuid.UUID:
        return st.uuids()
    if annotation is dt.datetime:
        return st.datetimes(
            min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(_UTC)
        )
    raise TypeError(f"No strategy for {annotation!r}: teach tests/strategies.py this type.")


def _field(info: FieldInfo, wide: bool) -> st.SearchStrategy[Any]:
    value = for_annotation(info.annotation, list(info.metadata), wide=wide)
    if not info.is_required():
        return st.one_of(st.just(_DEFAULT), value)
    return value


_DEFAULT = object()


def _build(model: type[BaseModel], values: dict[str, Any]) -> BaseModel | None:
    try:
        return model.model_validate({k: v for k, v in values.items() if v is not _DEFAULT})
    except ValidationError:
        return None


def model_instances(model: type[BaseModel], *, wide: bool = False) -> st.SearchStrategy[BaseModel]:
    """Valid instances of ``model`` (the model itself has the last word)."""
    fields = st.fixed_dictionaries({name: _field(info, wide) for name, info in model.model_fields.items()})
    return fields.map(lambda values: _build(model, values)).filter(lambda built: built is not None)  # type: ignore[return-value]


_SENT_POLICY = PolicyReference(version=1, digest="0" * 64, threshold=1, zeros_disclosive=False)


def _approved(data: DataValueSetV2) -> DataValueSetV2:
    """A set as a node sends it: of a period begun, approved, under a policy (the cells kept
    when they fit the policy, as a node's protection makes them; dropped otherwise)."""
    wire = data.model_dump(mode="json")
    try:
        begun = period_bounds(data.period)[0] <= dt.date.today()
    except ValueError:  # the schema's pattern lets year 0 through; the contract's check does not
        begun = False
    if not begun:
        wire["period"] = "2026-01"
    wire["approved_at"] = wire["approved_at"] or "2026-02-01T09:00:00Z"
    wire["policy"] = wire["policy"] or _SENT_POLICY.model_dump(mode="json")
    try:
        return DataValueSetV2.model_validate(wire)
    except ValidationError:
        return DataValueSetV2.model_validate(wire | {"cells": []})


def message_data(
    name: str, version: str, *, source: str = "MK-BUTEL", recipient: str = "MK-CAIR", wide: bool = False
) -> st.SearchStrategy[BaseModel]:
    """Data of a message type as its family's checks want it beside an envelope from ``source``
    (to ``recipient`` when the type is sent to one node): a statistics set reports for its
    source, a case names the recipient its envelope names."""
    from contracts.messages import MESSAGE_TYPES

    def fit(data: BaseModel) -> BaseModel:
        fields = type(data).model_fields
        update = {k: v for k, v in (("org_unit", source), ("recipient", recipient)) if k in fields}
        data = data.model_copy(update=update) if update else data
        return _approved(data) if isinstance(data, DataValueSetV2) else data

    return model_instances(MESSAGE_TYPES[name].versions[version], wide=wide).map(fit)
