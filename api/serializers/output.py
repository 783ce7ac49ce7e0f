"""A base for read-only model outputs that introspects its model once, not per response."""

import copy

from rest_framework import serializers


class ModelOutput(serializers.ModelSerializer):
    """ModelSerializer builds its fields from the model for every instance, most of
    the cost of rendering a booking. An output's fields never depend on the
    instance or the request, so build them once per class and hand each
    instance a copy, as DRF does with declared fields."""

    def get_fields(self):
        cls = type(self)
        if "_fields_built" not in cls.__dict__:
            cls._fields_built = super().get_fields()
        return copy.deepcopy(cls._fields_built)
