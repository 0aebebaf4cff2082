"""Text fields that store Unicode in one form (NFC), so that "ü" typed as one character or as
"u" plus a combining diaeresis is one and the same name, in the database and in lookups.

They also drop what is not text: control characters that XML 1.0 forbids and PostgreSQL
refuses (NUL), and lone surrogates (a JSON file's "\\ud800"), which no encoding can write. A
vertical tab or a form feed (pasted from a PDF) becomes a space.

A CharField (a name, a title) holds one line: its validator refuses a line break (CR, LF,
NEL, U+2028, U+2029), so a form explains why; an import folds the lines with one_line() and
says so in its report. A TextField (an abstract, a list of speakers) keeps its lines, each
ended by LF alone: a browser's textarea sends CRLF and a file carries LF, and the same text
must be stored the same way whichever way it came (else re-importing one's own export finds
a change in every abstract typed in the admin).
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models

_SPACE_LIKE = re.compile("[\x0b\x0c]")
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
LINE_BREAKS = "\n\r\x85\u2028\u2029"
# A run of white space with a line break in it: one space inside the text, nothing at its ends.
_INNER_BREAKS = re.compile(f"\\s*[{LINE_BREAKS}]\\s*")
_OUTER_BREAKS = re.compile(f"^\\s*[{LINE_BREAKS}]\\s*|\\s*[{LINE_BREAKS}]\\s*$")


def printable(value: str) -> str:
    """The text without the characters no program text may hold (see the module's docstring)."""
    return _NOT_TEXT.sub("", _SPACE_LIKE.sub(" ", value))


def one_line(value: str) -> str:
    """The text on one line: each run of white space holding a line break becomes one space
    (none at either end); text without a line break comes back as it was."""
    return _INNER_BREAKS.sub(" ", _OUTER_BREAKS.sub("", value))


def validate_one_line(value: str) -> None:
    """Refuse a line break in a one-line text, saying so."""
    if isinstance(value, str) and one_line(value) != value:
        raise ValidationError(
            "Enter this on one line: it cannot hold line breaks.", code="line_break"
        )


def nfc(value):
    if not isinstance(value, str):
        return value
    return unicodedata.normalize("NFC", printable(value))


def lf_lines(value: str) -> str:
    """The text with each line ended by LF alone (CRLF and a lone CR become LF)."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def nfc_lines(value):
    """nfc(), with each line ended by LF: the form of a multi-line text field."""
    value = nfc(value)
    return lf_lines(value) if isinstance(value, str) else value


class NFCMixin:
    normalize = staticmethod(nfc)

    def pre_save(self, model_instance, add):
        value = self.normalize(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def get_prep_value(self, value):
        return self.normalize(super().get_prep_value(value))

    def to_python(self, value):
        return self.normalize(super().to_python(value))


class NFCCharField(NFCMixin, models.CharField):
    default_validators = [validate_one_line]


class NFCTextField(NFCMixin, models.TextField):
    normalize = staticmethod(nfc_lines)
