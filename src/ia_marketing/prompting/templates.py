"""Templates with variables: `template_variables`, `fill_template` and `fill_over_table` (one
message per row of a table: rows in = rows out, a row that cannot be filled gets its error
message instead of disappearing)."""

from __future__ import annotations

import difflib
import numbers
import string
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

from ..core import normalise_text

__all__ = ["TemplateError", "MissingVariableError", "MissingValueError", "template_variables",
           "fill_template", "fill_over_table"]


class TemplateError(ValueError):
    """A template that cannot be used or filled; the message is French and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class MissingVariableError(TemplateError, KeyError):
    """A variable of the template has no matching column (or key)."""

    def __init__(self, variable: str, available: Sequence[str]) -> None:
        self.variable = variable
        self.available = [str(a) for a in available]
        close = difflib.get_close_matches(variable, self.available, n=1, cutoff=0.6)
        same = [a for a in self.available if normalise_text(a) == normalise_text(variable)]
        guess = (same or close or [None])[0]
        hint = f" Vouliez-vous dire {{{guess}}} ?" if guess else ""
        listing = ", ".join(self.available) if self.available else "aucune"
        super().__init__(
            f"La variable {{{variable}}} du modèle de message n'a pas de colonne correspondante.{hint} "
            f"Colonnes disponibles : {listing}. Corrigez le nom entre accolades (il doit être "
            "écrit exactement comme la colonne) ou ajoutez cette colonne au tableau.")


class MissingValueError(TemplateError):
    """The column exists but its value is empty in this row."""

    def __init__(self, variable: str) -> None:
        self.variable = variable
        super().__init__(
            f"Valeur manquante pour {{{variable}}} : cette ligne n'a pas de valeur dans la colonne "
            f"« {variable} ». Complétez la donnée, retirez la variable du modèle de message ou "
            "prévoyez un texte de "
            f"remplacement (par exemple tableau.fillna({{\"{variable}\": \"…\"}})).")


def _parse(template: str) -> list[tuple[str, str | None, str, str | None]]:
    """`string.Formatter().parse` with French errors and checked variable names."""
    if not isinstance(template, str):
        raise TemplateError(f"Le modèle de message doit être un texte (str), pas {type(template).__name__}.")
    try:
        pieces = list(string.Formatter().parse(template))
    except ValueError as exc:
        if "'}'" in str(exc) and "Single" in str(exc):
            raise TemplateError(
                "Accolade fermante « } » sans accolade ouvrante dans le modèle de message. Une variable "
                "s'écrit {prenom} ; pour écrire une vraie accolade, doublez-la : }}.") from None
        raise TemplateError(
            "Accolade ouvrante « { » sans accolade fermante dans le modèle de message. Une variable "
            "s'écrit {prenom} ; pour écrire une vraie accolade, doublez-la : {{.") from None
    parsed = []
    for literal, name, spec, conversion in pieces:
        if name is not None:
            name = name.strip()
            if not name:
                raise TemplateError("Accolades vides « {} » dans le modèle de message : mettez entre les "
                                    "accolades le nom d'une colonne, par exemple {prenom}.")
            if name.isdigit():
                raise TemplateError(f"« {{{name}}} » : une variable porte le nom d'une colonne "
                                    "(par exemple {prenom}), pas un numéro.")
            if any(c in name for c in ".[]"):
                raise TemplateError(f"« {{{name}}} » : une variable s'écrit avec le seul nom de la "
                                    "colonne, sans point ni crochet, par exemple {media}.")
            if spec and "{" in spec:
                raise TemplateError(f"« {{{name}:{spec}}} » : une mise en forme ne peut pas contenir "
                                    "d'autre variable.")
        parsed.append((literal, name, spec or "", conversion))
    return parsed


def template_variables(template: str) -> list[str]:
    """The variable names of *template*, in order of first appearance, each once.

    ``{{`` and ``}}`` are escaped braces, not variables.
    """
    names: list[str] = []
    for _, name, _, _ in _parse(template):
        if name is not None and name not in names:
            names.append(name)
    return names


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.api.types.is_scalar(value) and pd.isna(value))
    except (TypeError, ValueError):
        return False


def _format_value(value: Any, spec: str, conversion: str | None, variable: str) -> str:
    """A value as it reads in a French message: dates as 27/09/2025, 12.5 as 12,5."""
    if conversion == "r":
        value = repr(value)
    elif conversion == "a":
        value = ascii(value)
    elif conversion == "s":
        value = str(value)
    if spec:
        try:
            return format(value, spec)
        except (ValueError, TypeError):
            raise TemplateError(
                f"La valeur « {value} » de {{{variable}}} ne peut pas être mise en forme avec "
                f"« :{spec} ». Retirez la mise en forme ou vérifiez le type de la colonne.") from None
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "oui" if value else "non"
    if isinstance(value, (datetime, pd.Timestamp)):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if number.is_integer():
            return str(int(number))
        return f"{number:.15g}".replace(".", ",")
    return str(value)


def _keys(row: Any) -> list[str]:
    if isinstance(row, (Mapping, pd.Series)):
        return [str(k) for k in row.keys()]
    raise TemplateError("Je remplis le modèle de message à partir d'une ligne de tableau ou d'un "
                        f"dictionnaire, pas d'un objet {type(row).__name__}. Par exemple : "
                        "tableau.iloc[0].")


def fill_template(template: str, row: Mapping[str, Any] | pd.Series,
                  extra: Mapping[str, Any] | None = None) -> str:
    """Replace each ``{variable}`` of *template* by the value of *row* (a dict or a table row).

    *extra* gives values shared by every row (``{"spectacle": "Sillage"}``); a column of the
    row wins over *extra*. Raises `MissingVariableError` (a `KeyError`) when a variable has no
    column, `MissingValueError` when its value is empty, both with a French message.
    """
    parsed = _parse(template)
    keys = _keys(row)
    extra = dict(extra or {})
    out = []
    for literal, name, spec, conversion in parsed:
        out.append(literal)
        if name is None:
            continue
        if name in keys:
            value = row[name]
        elif name in extra:
            value = extra[name]
        else:
            raise MissingVariableError(name, keys + [k for k in extra if k not in keys])
        if _is_missing(value):
            raise MissingValueError(name)
        out.append(_format_value(value, spec, conversion, name))
    return "".join(out)


def _id_column(df: pd.DataFrame) -> str | None:
    for column in df.columns:
        name = str(column).lower()
        if name == "id" or name.startswith("id_"):
            return column
    return None


def fill_over_table(template: str, df: pd.DataFrame, *, id_column: str | None = None,
                    extra: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """One message per row of *df*: rows in = rows out, nothing silently dropped.

    The result keeps the index of *df*, its identifier column (*id_column*, or the first
    column named ``id`` or ``id_…``), a ``message`` column and an ``erreur`` column: for a
    row that cannot be filled (an empty value), ``message`` is empty and ``erreur`` says why.
    A variable that matches no column at all is a mistake in the template, not in a row: it
    raises `MissingVariableError` at once.
    """
    if not isinstance(df, pd.DataFrame):
        raise TemplateError(f"fill_over_table attend un tableau pandas (DataFrame), pas "
                            f"{type(df).__name__}.")
    variables = template_variables(template)
    extra = dict(extra or {})
    columns = [str(c) for c in df.columns]
    for name in variables:
        if name not in columns and name not in extra:
            raise MissingVariableError(name, columns + [k for k in extra if k not in columns])
    if id_column is not None and id_column not in df.columns:
        raise TemplateError(f"La colonne d'identifiant « {id_column} » n'existe pas dans le tableau. "
                            f"Colonnes disponibles : {', '.join(columns)}.")
    id_col = id_column if id_column is not None else _id_column(df)

    messages: list[str | None] = []
    errors: list[str | None] = []
    for _, row in df.iterrows():
        try:
            messages.append(fill_template(template, row, extra))
            errors.append(None)
        except TemplateError as exc:
            messages.append(None)
            errors.append(str(exc))
    result = pd.DataFrame(index=df.index)
    if id_col is not None:
        result[id_col] = df[id_col]
    result["message"] = pd.Series(messages, index=df.index, dtype=object)
    result["erreur"] = pd.Series(errors, index=df.index, dtype=object)
    return result
