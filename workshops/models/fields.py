"""Text fields that store Unicode in one form (NFC), so that "ü" typed as one character or as
"u" plus a combining diaeresis is one and the same name, in the database and in lookups."""

from __future__ import annotations

import unicodedata

from django.db import models


def nfc(value):
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


class NFCMixin:
    def pre_save(self, model_instance, add):
        value = nfc(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        return nfc(super().get_prep_value(value))

    def to_python(self, value):
        return nfc(super().to_python(value))


class NFCCharField(NFCMixin, models.CharField):
    pass


class NFCTextField(NFCMixin, models.TextField):
    pass
