"""Reading and cleaning a messy customer export (module 03), with nothing lost.

Every function takes and returns pandas objects and works on whole columns, so that the
reference pipeline cleans a million rows in a few seconds. The rules, in order:

1. `read_export` reads any export as text (CSV/TSV/TXT in UTF-8, Windows-1252 or UTF-16, or a
   spreadsheet), guesses the separator and the header line, sets aside the rows it cannot read
   (`set_aside_rows`, `reading_report`) and, with ``colonnes="billetterie"``, checks the course
   export's columns. Bad input raises `ExportError`, a French message that names the problem and
   the fix.
2. The normalisers put each column in one form: `normalise_email` (lower case, no spaces,
   typos « @@ », « , » and final « . » corrected), `normalise_phone` (E.164, ``+33…``),
   `normalise_postcode` (five characters, leading zero restored), `parse_french_date` (eight
   written forms), `normalise_name` (capitals, doubly encoded accents repaired),
   `normalise_civilite` (« Mme » or « M. ») and `parse_amount` (decimal comma). A value that
   cannot be read becomes missing, and the cleaning records why.
3. Place names (`place_key`, `place_display`, `match_places`): one key for all the spellings of
   a name, its French display form, and its match in the official lists shipped with the course
   (`ia_marketing.data.public`: communes, departments and regions, Licence Ouverte).
4. `find_duplicates` links rows that describe the same person: the same record twice, or the
   same names (in any order, with or without hyphens and accents) with the same e-mail,
   phone or birth date.
5. `clean_export` returns the kept rows, the set-aside rows with their reason, and the
   problems found in kept rows: kept + set aside = input, always.

`quality_report` counts missing, invalid and duplicated values per column; `pseudonymise_columns`
replaces identifying columns with keyed pseudonyms (`ia_marketing.privacy.pseudonym`) before
any use of AI; `compare_with_truth` measures the cleaning against the generator's ground truth.
"""

from __future__ import annotations

from ..data.reader import EXPECTED_COLUMNS, PRESETS, ExportError, read_export, reading_report, set_aside_rows
from .duplicates import DUPLICATE_RULES, find_duplicates, name_key
from .normalise import (
                        EMAIL_RE,
                        amount_problem,
                        normalise_civilite,
                        normalise_email,
                        normalise_name,
                        normalise_phone,
                        normalise_postcode,
                        parse_amount,
                        parse_french_date,
                        repair_encoding,
)
from .pipeline import (
                        CleaningResult,
                        clean_export,
                        compare_with_truth,
                        map_columns,
                        plot_quality,
                        pseudonymise_columns,
                        quality_report,
)
from .places import MATCH_STATUSES, match_places, place_display, place_key

__all__ = ["ExportError", "EXPECTED_COLUMNS", "PRESETS", "read_export", "set_aside_rows", "reading_report", "normalise_email", "normalise_phone",
           "normalise_postcode", "parse_french_date", "normalise_name", "normalise_civilite",
           "parse_amount", "amount_problem", "repair_encoding", "name_key", "find_duplicates", "DUPLICATE_RULES", "CleaningResult", "clean_export",
           "quality_report", "map_columns", "place_key", "place_display", "match_places", "MATCH_STATUSES", "plot_quality", "pseudonymise_columns", "compare_with_truth", "EMAIL_RE"]
