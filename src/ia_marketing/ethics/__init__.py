"""Module 05 « Charte d'usage de l'IA »: what a marketing team checks before and after using AI.

1. `classify_columns` says which columns are personal data, quasi-identifiers or sensitive
   (GDPR art. 4 and 9), by an editable rules table and a scan of the values.
2. `k_anonymity` measures how many people share each combination of quasi-identifiers;
   `generalise` coarsens them (age bands, département, month) until the groups are large enough.
3. `label_text` and `label_image` add the human-readable mention and the machine-readable
   marking (schema.org / IPTC digital source type) to generated content (AI Act art. 50).
4. `selection_audit` (fairlearn) compares the selection rates of a targeting or a segmentation
   across gender, age band and territory, with the four-fifths rule as a warning;
   `plot_selection_rates` draws them.
5. `campaign_footprint` puts side by side the energy and CO₂e of a campaign written by the local
   model (measured time × stated power), by large remote models (EcoLogits) and of sending it.
6. `build_charter`, `check_charter` and `check_charter_text` build the team's charter from its
   choices, find contradictions, and export it as Markdown and PDF; the charter workshop widget is
   in `ia_marketing.ethics.atelier`.

Bad input raises `EthicsError`, a French message saying what to do.
"""

from __future__ import annotations

from .anonymity import AGE_BANDS_10, KAnonymity, age_bands, departement, generalise, k_anonymity
from .bias import FOUR_FIFTHS, BiasAudit, audit_groups, plot_selection_rates, selection_audit, wilson_interval
from .charter import (
    DATA_LEVELS,
    SCOPES,
    SECTIONS,
    Charter,
    CharterChoices,
    Problem,
    Tool,
    build_charter,
    check_charter,
    check_charter_text,
)
from .classification import CATEGORIES, classification_rules, classify_column, classify_columns
from .errors import EthicsError
from .footprint import (
    DEVICE_WATTS,
    EMAIL_G,
    GRID_FRANCE,
    PUBLISHED_PER_PROMPT,
    Range,
    campaign_footprint,
    energy_wh,
    local_energy,
    remote_energy,
)
from .labelling import IPTC_SOURCE_TYPES, LabelledText, label_image, label_text, read_image_label

__all__ = [
    "AGE_BANDS_10", "CATEGORIES", "DATA_LEVELS", "DEVICE_WATTS", "EMAIL_G", "FOUR_FIFTHS", "GRID_FRANCE",
    "IPTC_SOURCE_TYPES", "PUBLISHED_PER_PROMPT", "SCOPES", "SECTIONS", "BiasAudit", "Charter", "CharterChoices",
    "EthicsError", "KAnonymity", "LabelledText", "Problem", "Range", "Tool", "age_bands", "audit_groups",
    "build_charter", "campaign_footprint", "check_charter", "check_charter_text", "classification_rules",
    "classify_column", "classify_columns", "departement", "energy_wh", "generalise", "k_anonymity", "label_image",
    "label_text", "local_energy", "plot_selection_rates", "read_image_label", "remote_energy", "selection_audit",
    "wilson_interval",
]
