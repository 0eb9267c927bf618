"""Benchmarks printed by `ia-marketing bench`: figures and ratios, measured in one process."""

from __future__ import annotations

import statistics
import sys
import time

from ..core.fr import decimal, integer
from ..core.paths import cache_dir

PROMPT = ("Le Théâtre du Rivage présente sa nouvelle saison : théâtre, danse, cirque et musique. "
          "Pour le lancement, l'équipe de communication prépare")


def _raw_run(llama, max_tokens: int) -> tuple[float, float, int]:
    """Time to first token, total time and tokens generated with raw llama_cpp."""
    llama.reset()  # no prompt cache: the time to first token includes reading the prompt
    start = time.perf_counter()
    first = None
    n = 0
    for _chunk in llama.create_completion(PROMPT, max_tokens=max_tokens, temperature=0.0, seed=1,
                                         repeat_penalty=1.1, stream=True):
        if first is None:
            first = time.perf_counter()
        n += 1
    end = time.perf_counter()
    return (first or end) - start, end - start, n


def _our_run(llm, max_tokens: int) -> tuple[float, float, int]:
    llm.llama.reset()
    start = time.perf_counter()
    first = None
    stream = llm.stream(PROMPT, max_tokens=max_tokens, deterministic=True)
    for _ in stream:
        if first is None:
            first = time.perf_counter()
    end = time.perf_counter()
    return (first or end) - start, end - start, stream.completion.usage.tokens_out or 0


def bench_llm(*, rounds: int = 5, max_tokens: int = 128, out=print) -> dict[str, float]:
    """Load time, time to first token and tokens/s, raw llama_cpp vs ia_marketing."""
    from llama_cpp import Llama

    from ..llm import local

    path = local.model_path()
    t0 = time.perf_counter()
    with local.quiet_stderr():
        raw = Llama(model_path=str(path), n_ctx=local.N_CTX, n_threads=local.model_threads(),
                    verbose=False)
    raw_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = local.LocalBackend()
    our_load = time.perf_counter() - t0

    raw_runs, our_runs = [], []
    for i in range(rounds):  # interleaved, so drift in machine load hits both alike
        if i % 2 == 0:
            raw_runs.append(_raw_run(raw, max_tokens))
            our_runs.append(_our_run(ours, max_tokens))
        else:
            our_runs.append(_our_run(ours, max_tokens))
            raw_runs.append(_raw_run(raw, max_tokens))

    def tps(runs):
        return statistics.median(n / total for _, total, n in runs)

    def ttft(runs):
        return statistics.median(first for first, _, _ in runs)

    res = {
        "chargement_brut_s": raw_load, "chargement_ia_marketing_s": our_load,
        "premier_token_brut_s": ttft(raw_runs), "premier_token_ia_marketing_s": ttft(our_runs),
        "tokens_par_s_brut": tps(raw_runs), "tokens_par_s_ia_marketing": tps(our_runs),
    }
    res["ratio_debit"] = res["tokens_par_s_ia_marketing"] / res["tokens_par_s_brut"]
    res["surcout_pourcent"] = (1 - res["ratio_debit"]) * 100
    out(f"Banc d'essai du modèle local ({rounds} générations de {max_tokens} tokens max, médianes)")
    out(f"{'':32}{'llama_cpp brut':>16}{'ia_marketing':>16}")
    out(f"{'chargement du modèle (s)':32}{raw_load:16.2f}{our_load:16.2f}")
    out(f"{'premier token (s)':32}{res['premier_token_brut_s']:16.3f}{res['premier_token_ia_marketing_s']:16.3f}")
    out(f"{'débit (tokens/s)':32}{res['tokens_par_s_brut']:16.1f}{res['tokens_par_s_ia_marketing']:16.1f}")
    out(f"ratio ia_marketing / brut : {res['ratio_debit']:.3f} "
        f"(surcoût {res['surcout_pourcent']:+.1f} % ; objectif : moins de 5 %)")
    return res


def bench_imitation(*, temperatures: tuple[float, ...] = (0.0, 0.3, 0.7, 1.0),
                    examples: tuple[int, ...] = (2, 4, 6), seeds: int = 2, detail: bool = False,
                    out=print):
    """The « imiter nos publications » mode on the twelve fixed briefs, for every temperature,
    number of examples and seed: the shares on format, on topic, with an invented fact. The
    workshop's defaults (`prompting.imitation.DEFAULT_TEMPERATURE`, `DEFAULT_K`) come from it."""
    from ..llm.local import LocalBackend
    from ..prompting import imitation

    llm = LocalBackend()
    start = time.perf_counter()
    out(f"« Imiter nos publications » : {len(imitation.fixed_briefs())} sujets fixes, "
        f"{len(temperatures) * len(examples) * seeds} réglages, modèle {llm.model}")
    table = imitation.compare_settings(llm, temperatures, examples, tuple(range(seeds)), progress=out)
    summary = table.groupby(["température", "exemples"]).mean(numeric_only=True).drop(columns="graine")
    shown = (100 * summary).round(0).astype(int)
    shown.index = shown.index.set_levels([[decimal(t, 2) for t in shown.index.levels[0]], shown.index.levels[1]])
    shown.columns = ["format %", "sujet %", "titre %", "fait inventé %", "autre écart %", "copie %"]
    out(f"\nMoyenne sur {seeds} graine(s), en % des publications :")
    out(shown.to_string())
    default = (imitation.DEFAULT_TEMPERATURE, imitation.DEFAULT_K)
    if default in summary.index:
        row = shown.iloc[list(summary.index).index(default)]
        out(f"\nRéglage par défaut de l'atelier (température {decimal(default[0], 2)}, {default[1]} exemples) : "
            f"format {row.iloc[0]} %, sujet {row.iloc[1]} %, fait inventé {row.iloc[3]} %.")
    if detail:
        measured = imitation.measure_imitation(llm, seed=0)
        out("\nPublications du réglage par défaut, graine 0 :")
        for r in measured.itertuples(index=False):
            flags = "; ".join(x for x in (r[9], r[11]) if x)
            out(f"- {r.spectacle} ({r.réseau}, {r.type}) : {r.publication}" + (f"\n    à vérifier : {flags}" if flags else ""))
    out(f"\nDurée : {time.perf_counter() - start:.0f} s")
    return table


def bench_privacy(*, out=print) -> dict[str, tuple[float | None, float | None]]:
    """Recall and precision of the privacy guard per kind on its labelled corpus, the findings on
    the course's own marketing texts (with and without the venue's public names), and the time."""
    from ..core.fr import percent
    from ..privacy import find_personal_data, ner
    from ..privacy.evaluation import CORPUS, course_marketing_texts, evaluate

    start = time.perf_counter()
    scores = evaluate()
    corpus_s = time.perf_counter() - start
    out(f"Corpus étiqueté : {len(CORPUS)} textes, {sum(s.marked for s in scores.values())} données marquées.")
    out(f"{'donnée':<11} {'marquées':>8} {'trouvées':>8} {'signalées':>9} {'justes':>6} {'rappel':>7} {'précision':>9}")
    for code, sc in scores.items():
        out(f"{code:<11} {sc.marked:>8} {sc.found:>8} {sc.flagged:>9} {sc.right:>6} "
            f"{percent(sc.recall) if sc.recall is not None else '—':>7} "
            f"{percent(sc.precision) if sc.precision is not None else '—':>9}")
    texts = course_marketing_texts()
    start = time.perf_counter()
    flagged = sum(bool(find_personal_data(t)) for t in texts)
    per_text_ms = (time.perf_counter() - start) / len(texts) * 1000
    flagged_raw = sum(bool(find_personal_data(t, model_names=False) or ner.find_people(t, venue_names=False))
                      for t in texts)
    out(f"Textes marketing du cours : {integer(len(texts))} ; avec une détection : {flagged} "
        f"(sans la liste des noms publics du lieu : {flagged_raw}).")
    out(f"Temps : {decimal(per_text_ms, 1)} ms par texte du cours ; corpus en {decimal(corpus_s, 1)} s "
        "(chargement du modèle compris).")
    return {code: (sc.recall, sc.precision) for code, sc in scores.items()}


def _peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def bench_cleaning(*, rows: int = 1_000_000, folder: str | None = None, out=print) -> dict[str, float]:
    """Time of the reference cleaning of the messy export against the time of merely reading it,
    in the same process; peak memory of the process.

    The export is generated once into *folder* (default: the user cache) and reused.
    """
    from pathlib import Path

    from ..cleaning import clean_export, read_export
    from ..data.messy import EXPORT_NAME, EXTRACTION, generate_messy_export

    where = Path(folder) if folder else cache_dir() / "bench" / f"export_{rows}"
    path = where / EXPORT_NAME
    stamp = where / "lignes.txt"
    if not (path.is_file() and stamp.is_file() and stamp.read_text().strip() == str(rows)):
        out(f"Génération de l'export de {integer(rows)} lignes (une fois, gardé dans {where})…")
        t0 = time.perf_counter()
        generate_messy_export(where, rows=rows, progress=out)
        stamp.write_text(str(rows))
        out(f"  généré en {time.perf_counter() - t0:.1f} s")
    read_times, clean_times = [], []
    result = None
    for _ in range(2):  # the first read warms the disk cache for both
        t0 = time.perf_counter()
        raw = read_export(path, colonnes="billetterie")
        read_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        result = clean_export(raw, today=EXTRACTION)
        clean_times.append(time.perf_counter() - t0)
        del raw
    read_s, clean_s = min(read_times), min(clean_times)
    res = {"lignes": rows, "lecture_s": read_s, "nettoyage_s": clean_s, "ratio": clean_s / read_s,
           "memoire_max_mo": _peak_rss_mb() or float("nan"),
           "gardees": len(result.kept), "mises_de_cote": len(result.set_aside)}
    out(f"Banc d'essai du nettoyage ({integer(rows)} lignes, meilleur de 2 passages)")
    out(f"{'lecture seule (read_export)':36}{read_s:8.2f} s")
    out(f"{'nettoyage complet (clean_export)':36}{clean_s:8.2f} s   dont "
        + ", ".join(f"{k} {v:.2f} s" for k, v in result.durations.items()))
    out(f"ratio nettoyage / lecture : {res['ratio']:.2f} (objectif : 3 au plus)")
    out(f"mémoire maximale du processus : {res['memoire_max_mo']:.0f} Mo")
    out(f"{integer(res['gardees'])} lignes gardées + {integer(res['mises_de_cote'])} mises de côté = {integer(rows)}")
    return res


def _rivage_data(scale: float, folder: str | None, out) -> tuple[object, float]:
    """The course data generated at *scale* into *folder* (default: the user cache), once."""
    import json
    from pathlib import Path

    from ..data import generate

    where = Path(folder) if folder else cache_dir() / "bench" / f"rivage_echelle_{scale:g}"
    manifest = where / "MANIFEST.json"
    try:
        done = json.loads(manifest.read_text(encoding="utf-8")).get("scale") == float(scale)
    except (OSError, ValueError):
        done = False
    if done and (where / "billets.csv").is_file():
        return where, 0.0
    out(f"Génération des données du Théâtre du Rivage à l'échelle {scale:g} (une fois, gardées dans {where})…")
    t0 = time.perf_counter()
    generate(where, scale=scale)
    return where, time.perf_counter() - t0


def _duckdb_rfm(path: str, at: str) -> dict[str, object]:
    """The RFM aggregation in DuckDB SQL, straight from the CSV file, fetched as NumPy arrays."""
    import duckdb

    query = f"""
        SELECT id_client,
               DATE '{at}' - max(date_achat) AS recence,
               count(DISTINCT date_achat) AS frequence,
               sum(prix) AS montant
        FROM read_csv('{path.replace("'", "''")}', header = true)
        WHERE id_client IS NOT NULL AND prix > 0 AND date_achat < DATE '{at}'
        GROUP BY id_client"""
    with duckdb.connect() as con:
        table = con.sql(query).fetchnumpy()  # one NumPy array per column, like our pandas result
    return {"clients": len(table["id_client"]), "frequence": int(table["frequence"].sum()),
            "montant": float(table["montant"].sum()), "recence": int(table["recence"].sum())}


def _our_pipeline(path: str, at: str, k: int) -> tuple[dict[str, float], dict[str, object]]:
    """read → RFM → scores → k-means with ia_marketing.segmentation, step by step."""
    from ..segmentation import kmeans_clusters, prepare_features, read_transactions, rfm, rfm_scores

    steps: dict[str, float] = {}
    t0 = time.perf_counter()
    tickets = read_transactions(path, customer="id_client", date="date_achat", amount="prix")
    steps["lecture"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = rfm(tickets, customer="id_client", date="date_achat", amount="prix", at=at)
    steps["rfm"] = time.perf_counter() - t0
    del tickets
    t0 = time.perf_counter()
    rfm_scores(result.table)
    steps["notes"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    clusters = kmeans_clusters(prepare_features(result.table), k, seed=0)
    steps["k-means"] = time.perf_counter() - t0
    table = result.table
    check = {"clients": len(table), "frequence": int(table["frequence"].sum()), "montant": float(table["montant"].sum()),
             "recence": int(table["recence"].sum()), "groupes": clusters.sizes.tolist()}
    return steps, check


def bench_segmentation(*, scale: float = 333, folder: str | None = None, rounds: int = 2, k: int = 4,
                       out=print) -> dict[str, object]:
    """Our segmentation pipeline (read → RFM → scores → k-means) against the same RFM aggregation in
    DuckDB SQL, on the same ``billets.csv`` of the course data generated at *scale* (333 ≈ one
    million spectators, eleven million tickets), in one process; best of *rounds*, interleaved.
    Prints both times, their ratio and the peak memory of the process."""
    from ..data import EXTRACTION_DATE

    where, generation_s = _rivage_data(scale, folder, out)
    path = str(where / "billets.csv")
    at = str(EXTRACTION_DATE)
    ours, duck = [], []
    check_ours = check_duck = None
    for i in range(rounds):  # interleaved, so that drift in machine load hits both alike
        order = ("duckdb", "ours") if i % 2 == 0 else ("ours", "duckdb")
        for who in order:
            t0 = time.perf_counter()
            if who == "duckdb":
                check_duck = _duckdb_rfm(path, at)
                duck.append(time.perf_counter() - t0)
            else:
                steps, check_ours = _our_pipeline(path, at, k)
                ours.append((time.perf_counter() - t0, steps))
    our_s, steps = min(ours, key=lambda run: run[0])
    duck_s = min(duck)
    same = {key: check_ours[key] for key in ("clients", "frequence", "recence")} == \
        {key: check_duck[key] for key in ("clients", "frequence", "recence")} and \
        abs(check_ours["montant"] - check_duck["montant"]) <= 1e-6 * max(1.0, abs(check_duck["montant"]))
    res = {"echelle": scale, "clients": check_ours["clients"], "generation_s": generation_s,
           "ia_marketing_s": our_s, "duckdb_s": duck_s, "ratio": our_s / duck_s, "etapes": steps,
           "memoire_max_mo": _peak_rss_mb() or float("nan"), "resultats_identiques": same}
    out(f"Banc d'essai de la segmentation ({integer(check_ours['clients'])} spectateurs, "
        f"{path}, meilleur de {rounds} passages)")
    out(f"{'ia_marketing (lecture → RFM → notes → k-means)':50}{our_s:8.2f} s   dont "
        + ", ".join(f"{name} {value:.2f} s" for name, value in steps.items()))
    out(f"{'DuckDB (la même agrégation RFM en SQL)':50}{duck_s:8.2f} s")
    out(f"ratio ia_marketing / DuckDB : {res['ratio']:.2f} (objectif : 2 au plus)")
    out(f"mémoire maximale du processus : {res['memoire_max_mo']:.0f} Mo (objectif : 3 000 Mo au plus)")
    out(f"mêmes récences, fréquences et montants que DuckDB : {'oui' if same else 'NON'} ; "
        f"k-means à {k} groupes : {', '.join(integer(n) for n in check_ours['groupes'])} spectateurs")
    return res
