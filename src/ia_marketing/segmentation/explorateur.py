"""The segmentation explorer (« explorateur de segments ») of module 04: a widget a learner uses
without reading code.

All the logic lives in the other modules of `ia_marketing.segmentation` (rfm, scores, clusters,
personas); this module, the only one of the package that imports ipywidgets, only lays it out:

- tab « Segments RFM »: the rules table, editable (bounds of each rule, its name, whether it is
  used); the summary table and the chart of sizes and value follow each change; a bad rule is
  explained in a red box and the last good result stays on screen;
- tab « Groupes (k-means) »: the number of groups k (2 to 8) and the features; sizes, the
  silhouette read in plain French, the persona table and the profile chart follow each change.

Every fault is shown as a French message inside the widget; nothing raises into the notebook.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..core import CourseError
from ..core.fr import count, decimal, integer, money, percent
from ..core.html import escape, message_box
from ..ui import show_figure
from .clusters import kmeans_clusters, prepare_features
from .inputs import LARGE, SegmentationError
from .personas import personas
from .rfm import rfm
from .scores import FALLBACK_SEGMENT, rfm_scores, segment_rules, segment_summary

__all__ = ["FEATURES", "ExplorateurSegments", "explorateur_segments", "silhouette_reading"]

#: Features offered to k-means: column -> label of its checkbox. « panier » and « age » are
#: derived from the RFM table and the customers table; « age » only when birth dates are known.
FEATURES: dict[str, str] = {
    "recence": "récence (jours depuis le dernier achat)",
    "frequence": "fréquence (nombre d'achats)",
    "montant": "montant (euros dépensés)",
    "panier": "panier moyen (euros par achat)",
    "age": "âge",
}
DEFAULT_FEATURES = ("recence", "frequence", "montant")
K_MIN, K_MAX, K_DEFAULT = 2, 8, 4
#: The silhouette of a k-means run is computed on at most this many customers (its cost grows
#: with the square of the number of points), drawn with the run's seed, as in `choose_k`.
SILHOUETTE_SAMPLE = 5_000
_BOUNDS = ("R_min", "R_max", "F_min", "F_max", "M_min", "M_max")
_UNITS = {"recence": " j", "frequence": "", "montant": " €", "panier": " €", "age": " ans"}
_SHORT = {"recence": "récence", "frequence": "fréquence", "montant": "montant", "panier": "panier moyen",
          "age": "âge"}

_STYLE = """<style>
.ia-explorateur-segments table.ia-table {border-collapse:collapse;font-size:12px;margin:4px 0;line-height:1.35;
  width:100%}
.ia-explorateur-segments table.ia-table th, .ia-explorateur-segments table.ia-table td {border:1px solid #d0d7de;
  padding:3px 6px;text-align:left;vertical-align:top}
.ia-explorateur-segments table.ia-table td.nombre {text-align:right;white-space:nowrap}
.ia-explorateur-segments table.ia-table th {background:#f3f5f7}
.ia-explorateur-segments .ia-regles-entete {font-size:12px;font-weight:bold;color:#444}
.ia-explorateur-segments .ia-temps {font-size:11px;color:#777}
</style>"""


def silhouette_reading(value: float) -> str:
    """The silhouette of a grouping read in plain French, with the usual landmarks (L. Kaufman and
    P. J. Rousseeuw, *Finding Groups in Data*, Wiley, 1990: above 0.70 a strong structure, 0.51 to
    0.70 a reasonable one, 0.26 to 0.50 a weak one, 0.25 and below no real structure)."""
    if not np.isfinite(value):
        return "Silhouette incalculable : un seul groupe contient tous les spectateurs de l'échantillon."
    shown = decimal(value, 2)
    if value > 0.70:
        reading = "forte : les groupes sont bien séparés les uns des autres."
    elif value > 0.50:
        reading = "raisonnable : les groupes existent, leurs frontières sont assez claires."
    elif value > 0.25:
        reading = ("faible, peut-être artificielle : les groupes se touchent ; beaucoup de spectateurs sont "
                   "entre deux groupes. Traitez les frontières avec souplesse et vérifiez que les groupes "
                   "reviennent d'une graine à l'autre.")
    else:
        reading = ("absente : les groupes se chevauchent, le découpage est en bonne partie arbitraire. "
                   "Essayez un autre nombre de groupes ou d'autres variables.")
    return f"Silhouette {shown} — séparation {reading}"


def _cell(value, kind: str) -> str:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return "—"
    if kind == "int":
        return integer(round(float(value)))
    if kind == "pct":
        return percent(float(value))
    if kind == "eur":
        return money(float(value), digits=0)
    if kind == "dec":
        return decimal(float(value), 1)
    return escape(str(value))


def _html_table(frame: pd.DataFrame, columns: Sequence[tuple[str, str, str]], *, first: str,
                css_class: str) -> str:
    """An HTML table of *frame*: its index as the first column (header *first*), then each
    (column, header, kind) of *columns*, numbers formatted the French way."""
    head = "".join(f"<th>{escape(h)}</th>" for h in [first, *(h for _, h, _ in columns)])
    rows = []
    for name, row in frame.iterrows():
        cells = [f"<td><b>{escape(str(name))}</b></td>"]
        for column, _, kind in columns:
            align = ' class="nombre"' if kind != "text" else ""
            cells.append(f"<td{align}>{_cell(row[column], kind)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (f'<table class="ia-table {css_class}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _html_columns(frame: pd.DataFrame, rows: Sequence[tuple[str, str, str]], *, prefix: str, css_class: str) -> str:
    """An HTML table with a column per row of *frame* (a group: « groupe 1 »…) and a row per
    (column, label, kind) of *rows*: a persona reads down its column, and eight groups fit the page."""
    head = "".join(f"<th>{escape(f'{prefix} {name}')}</th>" for name in frame.index)
    body = []
    for column, label, kind in rows:
        align = ' class="nombre"' if kind != "text" else ""
        cells = "".join(f"<td{align}>{_cell(value, kind)}</td>" for value in frame[column])
        body.append(f"<tr><th>{escape(label)}</th>{cells}</tr>")
    return (f'<table class="ia-table {css_class}"><thead><tr><th></th>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


_SUMMARY_COLUMNS = (("clients", "spectateurs", "int"), ("part_clients", "part des spectateurs", "pct"),
                    ("montant_total", "chiffre d'affaires", "eur"), ("part_montant", "part du CA", "pct"),
                    ("recence_mediane", "récence médiane (jours)", "int"),
                    ("frequence_mediane", "achats (médiane)", "dec"), ("panier_median", "panier médian", "eur"))
_PERSONA_COLUMNS = (("spectateurs", "spectateurs", "int"), ("part", "part", "pct"),
                    ("panier_median", "panier médian", "eur"), ("achats_median", "achats (médiane)", "dec"),
                    ("recence_mediane", "jours depuis le dernier achat (médiane)", "int"),
                    ("disciplines", "disciplines préférées", "text"), ("territoire", "habitent", "text"),
                    ("age_median", "âge médian", "int"), ("tranche_age", "tranche d'âge la plus représentée", "text"),
                    ("abonnes", "abonnés", "pct"), ("canal", "canal d'achat principal", "text"))
_GROUP_COLUMNS = (("clients", "spectateurs", "int"), ("part_clients", "part", "pct"),
                  ("montant_total", "chiffre d'affaires", "eur"), ("part_montant", "part du CA", "pct"),
                  ("recence_mediane", "récence médiane (jours)", "int"),
                  ("frequence_mediane", "achats (médiane)", "dec"), ("panier_median", "panier médian", "eur"))


class ExplorateurSegments:
    """The explorer's widgets and their behaviour; `widget` is what a notebook displays.

    ``segments``/``summary`` hold the last good RFM result, ``clusters``/``profiles`` the last
    good k-means result; ``timings`` the seconds the last update of each tab took, ``figures``
    the last chart of each tab.
    """

    def __init__(self, transactions: pd.DataFrame | None = None, clients: pd.DataFrame | None = None, *,
                 at: object = None, spectacles: pd.DataFrame | None = None, customer: str = "id_client",
                 date: str = "date_achat", amount: str = "prix", order: str | Sequence[str] | None = None,
                 seed: int = 0) -> None:
        # the course's tickets (or a table shaped like them): its words, spectators and tickets
        self.course_data = transactions is None or "id_billet" in getattr(transactions, "columns", ())
        if transactions is None:  # the course data: tickets, spectators, shows, at the day of the export
            from ..data import EXTRACTION_DATE, load

            transactions = load("billets")
            clients = load("spectateurs") if clients is None else clients
            spectacles = load("spectacles") if spectacles is None else spectacles
            at = str(EXTRACTION_DATE) if at is None else at
        self.transactions, self.clients, self.spectacles = transactions, clients, spectacles
        self.customer, self.seed = customer, seed
        self.result = rfm(transactions, customer=customer, date=date, amount=amount, order=order, at=at)
        if self.result.table.empty:
            raise SegmentationError("Aucune transaction ne compte : il n'y a aucun client à segmenter.",
                                    conseil="Vérifiez les colonnes indiquées et la date de référence (at=…).")
        self.scores = rfm_scores(self.result.table)
        self.table = self._feature_table()
        self.segments: pd.Series | None = None
        self.summary: pd.DataFrame | None = None
        self.clusters = None
        self.profiles: pd.DataFrame | None = None
        self.silhouette: float = float("nan")
        self.timings: dict[str, float] = {}
        self.figures: dict[str, object] = {}  # the last figure drawn in each tab (closed, still readable)
        self._cache: dict[tuple, tuple] = {}
        self._hold = False

        # ---- tab 1: RFM segments -----------------------------------------------------------
        self.rule_rows: list[dict[str, W.Widget]] = []
        header = [W.HTML(f'<span class="ia-regles-entete">{h}</span>')
                  for h in ("utilisée", "segment", *_BOUNDS)]
        cells: list[W.Widget] = list(header)
        for rule in segment_rules().itertuples(index=False):
            row = {"actif": W.Checkbox(value=True, indent=False, layout=W.Layout(width="auto"),
                                       tooltip="Décochez pour ne plus utiliser cette règle"),
                   "segment": W.Text(value=rule.segment, continuous_update=False, tooltip=rule.description,
                                     layout=W.Layout(width="auto"))}
            for bound in _BOUNDS:
                row[bound] = W.IntText(value=int(getattr(rule, bound)), continuous_update=False,
                                       layout=W.Layout(width="auto"))
            self.rule_rows.append(row)
            cells += list(row.values())
        self.rules_grid = W.GridBox(cells, layout=W.Layout(
            grid_template_columns="60px 130px repeat(6, 58px)", grid_gap="2px 6px", width="auto",
            align_items="center"))
        self.rules_grid.add_class("ia-regles")
        self.reset_rules = W.Button(description="Revenir aux règles du cours", icon="undo",
                                    layout=W.Layout(width="auto", margin="4px 0"))
        self.rfm_message = W.HTML("")
        self.rfm_table = W.HTML("")
        self.rfm_chart = W.Output()
        self.rfm_time = W.HTML("")
        rules_help = W.HTML(
            "<div style='font-size:13px;line-height:1.45;margin-bottom:4px'>"
            "R, F et M sont des notes de 1 (le cinquième des spectateurs le moins bon) à 5 (le meilleur) : "
            "R pour la récence (5 = venu très récemment), F pour la fréquence, M pour le montant. "
            "Un spectateur prend le <b>premier</b> segment, de haut en bas, dont il remplit les trois "
            "conditions (bornes comprises) ; s'il n'en remplit aucune, il est dans « autres ». "
            "Changez une borne puis appuyez sur Entrée : le tableau et le graphique suivent. "
            "Deux règles du même nom forment un seul segment.</div>")
        rfm_tab = W.VBox([rules_help, self.rules_grid, self.reset_rules, self.rfm_message, self.rfm_table,
                          self.rfm_chart, self.rfm_time])

        # ---- tab 2: k-means groups ---------------------------------------------------------
        self.k = W.IntSlider(value=K_DEFAULT, min=K_MIN, max=K_MAX, step=1, description="Nombre de groupes k :",
                             continuous_update=False, style={"description_width": "initial"},
                             layout=W.Layout(width="340px"))
        self.feature_boxes = {name: W.Checkbox(value=name in DEFAULT_FEATURES, description=label, indent=False,
                                               layout=W.Layout(width="auto"))
                              for name, label in FEATURES.items() if name in self.table.columns}
        self.groups_message = W.HTML("")
        self.silhouette_html = W.HTML("")
        self.groups_table = W.HTML("")
        self.groups_chart = W.Output()
        self.groups_time = W.HTML("")
        controls = W.HBox([
            W.VBox([self.k, W.HTML("<div style='font-size:12px;color:#555;max-width:330px;line-height:1.4'>Les variables "
                                   "très asymétriques passent au logarithme, puis toutes sont mises à la même "
                                   "échelle : des jours et des euros pèsent autant.</div>")]),
            W.VBox([W.HTML("<b>Variables utilisées par k-means</b>"),
                    W.Box(list(self.feature_boxes.values()),
                          layout=W.Layout(flex_flow="row wrap", grid_gap="0 18px", max_width="560px"))]),
        ], layout=W.Layout(flex_flow="row wrap", grid_gap="8px 32px"))
        groups_tab = W.VBox([controls, self.groups_message, self.silhouette_html, self.groups_chart,
                             self.groups_table, self.groups_time])

        self.tabs = W.Tab(children=[rfm_tab, groups_tab], titles=["Segments RFM", "Groupes (k-means)"])
        res = self.result
        people, rows = ((("spectateur", "spectateurs"), ("billet compté", "billets comptés")) if self.course_data
                        else (("client", "clients"), ("ligne comptée", "lignes comptées")))
        self.widget = W.VBox([
            W.HTML(_STYLE + "<h3 style='margin:4px 0'>Explorateur de segments</h3>"
                   f"{escape(count(len(res.table), *people))}, {escape(count(res.n_kept, *rows))}, "
                   f"au {res.at.strftime('%d/%m/%Y')} (date de référence). "
                   "La machine propose des segments ; c'est vous qui choisissez."),
            self.tabs,
        ], layout=W.Layout(max_width="100%"))
        self.widget.add_class("ia-explorateur-segments")
        self.widget.explorateur = self  # for tests and curious learners

        # ---- behaviour ---------------------------------------------------------------------
        for row in self.rule_rows:
            for widget in row.values():
                widget.observe(self._on_rules_change, names="value")
        self.reset_rules.on_click(self._on_reset)
        self.k.observe(self._on_groups_change, names="value")
        for box in self.feature_boxes.values():
            box.observe(self._on_groups_change, names="value")
        self.update_segments()
        self.update_groups()

    # -- data ----------------------------------------------------------------------------------
    def _feature_table(self) -> pd.DataFrame:
        """The RFM table with the derived features: basket, and age when birth dates are known."""
        table = self.result.table.copy()
        table["panier"] = table["montant"] / table["frequence"]
        people = self.clients
        if isinstance(people, pd.DataFrame) and {self.customer, "date_naissance"} <= set(people.columns):
            birth = pd.to_datetime(people.drop_duplicates(self.customer).set_index(self.customer)["date_naissance"],
                                   errors="coerce").reindex(table.index)
            age = (self.result.at - birth).dt.days / 365.2425
            if age.notna().all():
                table["age"] = np.floor(age)
        return table

    def rules(self) -> pd.DataFrame:
        """The rules as the learner set them (only the rules in use), for `assign_segments`."""
        rows = []
        for position, row in enumerate(self.rule_rows, start=1):
            if not row["actif"].value:
                continue
            name = row["segment"].value.strip()
            if not name:
                raise SegmentationError(f"Règle {position} : le nom du segment est vide.",
                                        conseil="Donnez-lui un nom (par exemple « fidèles »), ou décochez la règle.")
            rows.append({"segment": name, **{b: row[b].value for b in _BOUNDS}})
        return pd.DataFrame(rows, columns=["segment", *_BOUNDS])

    def features(self) -> list[str]:
        """The features ticked for k-means, in the order of `FEATURES`."""
        return [name for name, box in self.feature_boxes.items() if box.value]

    # -- tab 1 ---------------------------------------------------------------------------------
    def update_segments(self) -> bool:
        """Recompute segments, table and chart from the rules; on a bad rule, a red box and the
        last good result kept. True when the result was updated."""
        from .scores import assign_segments

        start = time.perf_counter()
        try:
            segments = assign_segments(self.scores, self.rules())
            summary = segment_summary(self.result.table, segments)
        except (CourseError, ValueError) as exc:
            kept = "\nLe tableau et le graphique montrent encore les dernières règles valides." \
                if self.summary is not None else ""
            self.rfm_message.value = message_box(f"⚠️ {exc}{kept}", "erreur")
            return False
        self.segments, self.summary = segments, summary
        fallback = int(summary.loc[FALLBACK_SEGMENT, "clients"]) if FALLBACK_SEGMENT in summary.index else 0
        note = (f"{count(fallback, 'spectateur ne remplit', 'spectateurs ne remplissent')} aucune règle : "
                f"ils sont dans « {FALLBACK_SEGMENT} »." if fallback else
                "Chaque spectateur remplit au moins une règle.")
        # the chart first, the texts last: once the table has changed, everything has
        self.figures["segments"] = self._segments_figure(summary)
        self.rfm_chart.clear_output(wait=True)
        with self.rfm_chart:
            show_figure(self.figures["segments"])
        self.rfm_message.value = message_box(note, "info")
        self.rfm_table.value = _html_table(summary, _SUMMARY_COLUMNS, first="segment", css_class="ia-segments")
        self.timings["segments"] = time.perf_counter() - start
        self.rfm_time.value = f'<span class="ia-temps">Mis à jour en {decimal(self.timings["segments"], 2)} s.</span>'
        return True

    @staticmethod
    def _segments_figure(summary: pd.DataFrame):
        from .scores import plot_segments

        fig, ax = plt.subplots(1, 2, figsize=(10, 3.4), sharey=True)
        plot_segments(summary, ax=ax)
        # room for the labels written at the end of the bars, whatever the rules
        ax[0].set_xlim(0, max(float(summary["clients"].max()), 1.0) * 1.15)
        ax[1].set_xlim(0, max(float(summary[["part_clients", "part_montant"]].max().max()), 0.01) * 100 * 1.45)
        return fig

    def _on_rules_change(self, _change=None) -> None:
        if not self._hold:
            self.update_segments()

    def _on_reset(self, _button=None) -> None:
        self._hold = True
        try:
            for row, rule in zip(self.rule_rows, segment_rules().itertuples(index=False)):
                row["actif"].value = True
                row["segment"].value = rule.segment
                for bound in _BOUNDS:
                    row[bound].value = int(getattr(rule, bound))
        finally:
            self._hold = False
        self.update_segments()

    # -- tab 2 ---------------------------------------------------------------------------------
    def _run(self, columns: tuple[str, ...], k: int) -> tuple:
        """(features, k-means result, silhouette) for *columns* and *k*, computed once."""
        key = (columns, k)
        if key not in self._cache:
            from sklearn.metrics import silhouette_score
            from threadpoolctl import threadpool_limits

            features = prepare_features(self.table, list(columns))
            # a few thousand customers: one thread is ten times faster than several waiting on each other
            with threadpool_limits(limits=1 if len(features) <= LARGE else None):
                result = kmeans_clusters(features, k, seed=self.seed)
                x, labels = features.to_numpy(), result.labels.to_numpy()
                picked = np.random.default_rng(self.seed).choice(len(x), min(SILHOUETTE_SAMPLE, len(x)),
                                                                 replace=False)
                value = (float(silhouette_score(x[picked], labels[picked])) if len(set(labels[picked])) > 1
                         else float("nan"))
            self._cache[key] = (features, result, value)
        return self._cache[key]

    def _profiles(self, groups: pd.Series) -> tuple[pd.DataFrame, tuple]:
        """The persona table of *groups* when the course tables allow it, else the RFM summary."""
        if self.clients is not None and self.spectacles is not None:
            try:
                table = personas(groups, billets=self.transactions, spectacles=self.spectacles,
                                 spectateurs=self.clients, table=self.result.table, at=self.result.at)
                return table, _PERSONA_COLUMNS
            except SegmentationError:
                pass
        return segment_summary(self.result.table, groups.astype("category")), _GROUP_COLUMNS

    def update_groups(self) -> bool:
        """Run k-means with the chosen k and features; sizes, silhouette, personas and chart.
        With no feature ticked, a red box and the last good result kept."""
        start = time.perf_counter()
        columns = tuple(self.features())
        try:
            if not columns:
                raise SegmentationError("Aucune variable n'est cochée : k-means n'a rien pour comparer les "
                                        "spectateurs.", conseil="Cochez au moins une variable, par exemple la récence.")
            features, result, value = self._run(columns, int(self.k.value))
            groups = (result.labels + 1).rename("groupe")
            profiles, shown = self._profiles(groups)
        except (CourseError, ValueError) as exc:
            kept = "\nLes résultats affichés sont ceux du dernier réglage valide." if self.clusters is not None else ""
            self.groups_message.value = message_box(f"⚠️ {exc}{kept}", "erreur")
            return False
        self.clusters, self.profiles, self.silhouette = result, profiles, value
        # the chart first, the texts last: once the table has changed, everything has
        self.figures["groupes"] = self._groups_figure(groups, columns, result)
        self.groups_chart.clear_output(wait=True)
        with self.groups_chart:
            show_figure(self.figures["groupes"])
        logged = [_SHORT[c] for c in features.attrs.get("log", [])]
        sizes = ", ".join(integer(n) for n in result.sizes.tolist())
        self.groups_message.value = message_box(
            f"{len(result.centres)} groupes sur {', '.join(_SHORT[c] for c in columns)} ; tailles : {sizes} "
            "(groupe 1 = le plus grand)."
            + (f" Passées au logarithme : {', '.join(logged)}." if logged else ""), "info")
        self.silhouette_html.value = (
            f"<div style='margin:4px 0;line-height:1.45'><b>{escape(silhouette_reading(value))}</b><br>"
            "<span style='font-size:12px;color:#555'>La silhouette va de -1 à 1 : plus elle est haute, plus "
            "chaque spectateur est proche de son groupe et loin du groupe voisin. Repères de L. Kaufman et "
            "P. J. Rousseeuw (<i>Finding Groups in Data</i>, 1990) : au-dessus de 0,70, structure forte ; de 0,51 à "
            "0,70, raisonnable ; de 0,26 à 0,50, faible et peut-être artificielle ; 0,25 ou moins, pas de "
            "structure.</span></div>")
        self.groups_table.value = ("<b>Portrait des groupes</b> (des agrégats, jamais une personne)"
                                   + _html_columns(profiles, shown, prefix="groupe", css_class="ia-personas"))
        self.timings["groupes"] = time.perf_counter() - start
        self.groups_time.value = f'<span class="ia-temps">Mis à jour en {decimal(self.timings["groupes"], 2)} s.</span>'
        return True

    def _groups_figure(self, groups: pd.Series, columns: tuple[str, ...], result):
        """Sizes of the groups, and each group's median of each feature, coloured by how far its
        centre is above or below the average customer."""
        names = [f"groupe {g}" for g in sorted(groups.unique())]
        sizes = groups.value_counts().sort_index().to_numpy()
        medians = self.table.loc[groups.index, list(columns)].groupby(groups.to_numpy()).median()
        fig, ax = plt.subplots(1, 2, figsize=(10, 0.5 * len(names) + 1.6),
                               gridspec_kw={"width_ratios": [1, max(1.2, 0.55 * len(columns))]})
        y = np.arange(len(names))
        ax[0].barh(y, sizes, color="#3182bd")
        for yi, n in zip(y, sizes):
            ax[0].text(n, yi, f" {integer(n)}", va="center", fontsize=8)
        ax[0].set_yticks(y, names)
        ax[0].invert_yaxis()
        ax[0].set_xlabel("nombre de spectateurs")
        ax[0].set_xlim(0, sizes.max() * 1.25)
        ax[0].set_title("Taille des groupes", fontsize=11)
        centres = result.centres[list(columns)].to_numpy()
        ax[1].imshow(centres, cmap="RdBu_r", vmin=-2, vmax=2, aspect="auto")
        for i in range(len(names)):
            for j, column in enumerate(columns):
                value = medians.iloc[i, j]
                text = (money(value, digits=0) if _UNITS[column] == " €"
                        else f"{integer(round(value))}{_UNITS[column]}")
                ax[1].text(j, i, text, ha="center", va="center", fontsize=9,
                           color="white" if abs(centres[i, j]) > 1.2 else "black")
        ax[1].set_xticks(range(len(columns)), [_SHORT[c] for c in columns])
        ax[1].set_yticks(y, names)
        ax[1].xaxis.tick_top()
        ax[1].set_title("Profil : médiane de chaque variable par groupe\n"
                        "(rouge : plus que la moyenne des spectateurs ; bleu : moins)", fontsize=10, pad=22)
        fig.tight_layout()
        return fig

    def _on_groups_change(self, _change=None) -> None:
        self.update_groups()


def explorateur_segments(transactions: pd.DataFrame | None = None, clients: pd.DataFrame | None = None, *,
                         at: object = None, spectacles: pd.DataFrame | None = None, customer: str = "id_client",
                         date: str = "date_achat", amount: str = "prix",
                         order: str | Sequence[str] | None = None) -> W.VBox:
    """The segmentation explorer, ready to display: ``explorateur_segments()`` on the course data
    (``billets``, ``spectateurs`` and ``spectacles`` at the day of the export).

    With your own *transactions*, name their columns (*customer*, *date*, *amount*, *order*);
    the persona table needs *clients* and *spectacles* shaped like the course tables, and falls
    back to the RFM summary otherwise. A problem with the data is shown as a French message.
    """
    try:
        return ExplorateurSegments(transactions, clients, at=at, spectacles=spectacles, customer=customer,
                                   date=date, amount=amount, order=order).widget
    except (CourseError, ValueError) as exc:
        box = W.VBox([W.HTML(message_box(f"⚠️ {exc}", "erreur", title="Explorateur de segments :"))])
        box.add_class("ia-explorateur-segments")
        return box

