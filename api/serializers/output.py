"""A base for read-only model outputs that introspects its model once, not per response."""

import copy
from typing import Any, ClassVar, cast

from django.contrib.auth.models import AbstractUser
from rest_framework import serializers


def username_output() -> "serializers.SlugRelatedField[AbstractUser]":
    """Who did something, by user name (null when nobody has yet). Read-only, so no queryset
    names the model for the types."""
    return serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)


def many_data(serializer: serializers.BaseSerializer) -> list[dict[str, Any]]:
    """The data of a `many=True` serializer: a list (the stubs type `.data` as one object)."""
    return cast(list[dict[str, Any]], serializer.data)


class ModelOutput(serializers.ModelSerializer):
    """ModelSerializer builds its fields from the model for every instance, most of
    the cost of rendering a booking. An output's fields never depend on the
    instance or the request, so build them once per class and hand each
    instance a copy, as DRF does with declared fields."""

    # Set on each output class the first time it builds its fields (not inherited).
    _fields_built: ClassVar[dict[str, serializers.Field]]

    def get_fields(self):
        cls = type(self)
        if "_fields_built" not in cls.__dict__:
            cls._fields_built = super().get_fields()
        return copy.deepcopy(cls._fields_built)
