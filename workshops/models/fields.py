"""Text fields that store Unicode in one form (NFC), so that "ü" typed as one character or as
"u" plus a combining diaeresis is one and the same name, in the database and in lookups.

They also drop what is not text: control characters that XML 1.0 forbids and PostgreSQL
refuses (NUL), and lone surrogates (a JSON file's "\\ud800"), which no encoding can write. A
vertical tab or a form feed (pasted from a PDF) becomes a space.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import models

_SPACE_LIKE = re.compile("[\x0b\x0c]")
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def printable(value: str) -> str:
    """The text without the characters no program text may hold (see the module's docstring)."""
    return _NOT_TEXT.sub("", _SPACE_LIKE.sub(" ", value))


def nfc(value):
    if not isinstance(value, str):
        return value
    return unicodedata.normalize("NFC", printable(value))


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
