"""The instructor command `ia-marketing`: one front end for every tool of the course.

    ia-marketing doctor [--sans-modele]
    ia-marketing datasets [--sortie DOSSIER] [--graine N] [--echelle X]
    ia-marketing bench llm [--tours N] [--tokens N]
    ia-marketing bench cleaning [--lignes N] [--dossier DOSSIER]
    ia-marketing bench segmentation [--echelle X] [--dossier DOSSIER] [--tours N]
    ia-marketing bench imitation [--temperatures T,…] [--exemples K,…] [--graines N] [--detail]
    ia-marketing bench grading-tests [devoir…]
    ia-marketing bench privacy
    ia-marketing bench grading [--devoir D] [--copies N] [--processus N]
    ia-marketing bench salle [--noyaux N] [--apprenants N] [--emplacements 1,8] [--jetons N]
    ia-marketing notebooks clean | generate [devoir…]
    ia-marketing diapos [module…] [--sortie DOSSIER] [--hors-ligne]
    ia-marketing hors-ligne preparer --sortie DOSSIER
    ia-marketing classe release|collect|grade|feedback DEVOIR …
    ia-marketing classe export [--format moodle|csv] | report
    ia-marketing salle demarrer --comptes LISTE.csv [--ip IP] [--port N] [--etat DOSSIER] …

Every default shown in the help is read from the function the subcommand calls, so the two
cannot disagree.
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import sys
from collections.abc import Callable
from pathlib import Path

from ..core.fr import decimal, integer
from ..data import check_arguments, generate
from . import bench, doctor, mutation, notebooks
from .classe.grading import available_cores


def default(function: Callable, parameter: str):
    """The default value of *parameter* in *function*'s signature."""
    value = inspect.signature(function).parameters[parameter].default
    if value is inspect.Parameter.empty:
        raise TypeError(f"{function.__name__}() has no default for {parameter!r}")
    return value


def _shown(value) -> str:
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return integer(value)
    if isinstance(value, float):
        return decimal(value, 3)
    return str(value)


def _positive_int(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace("\u202f", "").replace(" ", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas un nombre entier.") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"il faut un nombre positif (reçu : {text}).")
    return value


# -- subcommands ------------------------------------------------------------------------------
def _cmd_doctor(args) -> int:
    return doctor.run_doctor(with_model=not args.sans_modele)


def _cmd_datasets(args) -> int:
    try:
        check_arguments(args.graine, args.echelle)
    except ValueError as error:
        print(f"ia-marketing datasets : {error}", file=sys.stderr)
        return 2
    out = Path(args.sortie)
    files = generate(out, seed=args.graine, scale=args.echelle,
                     progress=lambda message: print(message, file=sys.stderr, flush=True))
    print(f"{len(files)} fichiers écrits dans {out.resolve()}")
    return 0


def _cmd_bench_llm(args) -> int:
    bench.bench_llm(rounds=args.tours, max_tokens=args.tokens)
    return 0


def _cmd_bench_cleaning(args) -> int:
    bench.bench_cleaning(rows=args.lignes, folder=args.dossier)
    return 0


def _cmd_bench_segmentation(args) -> int:
    try:
        check_arguments(0, args.echelle)
    except ValueError as error:
        print(f"ia-marketing bench segmentation : {error}", file=sys.stderr)
        return 2
    bench.bench_segmentation(scale=args.echelle, folder=args.dossier, rounds=args.tours)
    return 0


def _cmd_bench_imitation(args) -> int:
    bench.bench_imitation(temperatures=args.temperatures, examples=args.exemples, seeds=args.graines,
                          detail=args.detail)
    return 0


def _cmd_bench_privacy(args) -> int:
    bench.bench_privacy()
    return 0


def _number_list(kind: type, positive: bool) -> Callable[[str], tuple]:
    """An argparse type: « 0,0.3,0.7 » (or « 0;0,3 » with French decimals) as a tuple of *kind*."""
    def parse(text: str) -> tuple:
        if ";" in text:  # French decimals: « 0;0,3;0,7 »
            parts = [p.strip().replace(",", ".") for p in text.split(";")]
        else:
            parts = [p.strip() for p in text.split(",")]
        try:
            values = tuple(kind(p) for p in parts if p)
        except ValueError:
            raise argparse.ArgumentTypeError(f"« {text} » n'est pas une liste de nombres "
                                             "(par exemple 0,0.3,0.7).") from None
        if not values or any(v < (1 if positive else 0) for v in values):
            raise argparse.ArgumentTypeError(f"il faut des nombres {'positifs' if positive else 'positifs ou nuls'} "
                                             f"(reçu : {text}).")
        return values
    return parse


def _cmd_bench_grading(args) -> int:
    root = notebooks.course_root()
    names = args.devoirs or notebooks.assignments(root)
    unknown = sorted(set(names) - set(notebooks.assignments(root)))
    if unknown:
        print(f"Devoir inconnu : {', '.join(unknown)} (devoirs : {', '.join(notebooks.assignments(root))}).",
              file=sys.stderr)
        return 2
    reports = []
    for name in names:
        print(f"Mutation des fonctions de {name}…", flush=True)
        reports.append(mutation.measure(name, root))
    return 0 if mutation.print_report(reports) else 1


def _cmd_bench_room(args) -> int:
    from .salle.bench import bench_room

    results = bench_room(kernels=args.noyaux, learners=args.apprenants, requests=args.requetes,
                         slots=tuple(args.emplacements), max_tokens=args.jetons, threads=args.fils)
    return 1 if any(r.errors for r in results) else 0


def _cmd_bench_class_grading(args) -> int:
    from .bench_grading import bench_grading

    try:
        result = bench_grading(assignment=args.devoir, size=args.copies, workers=args.processus)
    except (FileNotFoundError, RuntimeError) as error:
        print(f"ia-marketing bench grading : {error}", file=sys.stderr)
        return 2
    return 0 if result["memes_notes"] else 1


def _cmd_slides(args) -> int:
    from .slides import build_decks

    try:
        written = build_decks(notebooks.course_root(), Path(args.sortie), args.modules or None, offline=args.hors_ligne)
    except (FileNotFoundError, RuntimeError) as error:
        print(f"ia-marketing diapos : {error}", file=sys.stderr)
        return 2
    for path in written:
        print(f"Diapositives : {path}")
    if not args.hors_ligne:
        print("Elles chargent reveal.js depuis internet ; pour une salle sans réseau, ajoutez --hors-ligne "
              "(le paquet hors ligne les contient déjà ainsi).")
    return 0


def _cmd_offline(args) -> int:
    from .offline import build_bundle

    try:
        build_bundle(notebooks.course_root(), Path(args.sortie))
    except (FileExistsError, FileNotFoundError, RuntimeError) as error:
        print(f"ia-marketing hors-ligne preparer : {error}", file=sys.stderr)
        return 2
    return 0


def _cmd_notebooks(args) -> int:
    try:
        root = notebooks.course_root()
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 2
    if args.action == "clean":
        changed = [p for p in notebooks.notebooks(root) if notebooks.clean_notebook(p)]
        print(f"{len(changed)} notebook(s) nettoyé(s).")
        return 0
    known = notebooks.assignments(root)
    unknown = [name for name in args.devoirs if name not in known]
    if unknown:
        print(f"Devoir inconnu : {', '.join(unknown)}. Devoirs de solutions/ : {', '.join(known)}.",
              file=sys.stderr)
        return 2
    for name in args.devoirs or known:
        notebooks.generate_release(root, name, root / "exercises" / name)
        print(f"exercises/{name} régénéré depuis solutions/{name}.")
    return 0


def _course(args) -> Path:
    return Path(args.cours).resolve() if args.cours else notebooks.course_root()


def _print_report(report, done_label: str) -> None:
    if report.done:
        print(f"{done_label} ({integer(len(report.done))}) : {', '.join(report.done)}")
    for name, reason in report.refused:
        print(f"  REFUSÉ  {name} : {reason}")
    for note in report.notes:
        print(f"  {note}")


def _cmd_classe(args) -> int:
    from .classe import delivery, grading, report, scores

    try:
        course = _course(args)
        if args.action == "release":
            _print_report(delivery.release(course, args.devoir, exchange=args.echange), "Devoir publié")
            return 0
        if args.action == "collect":
            if args.depuis:
                result = delivery.collect_files(course, args.devoir, Path(args.depuis))
            elif args.echange:
                result = delivery.collect_exchange(course, args.devoir, Path(args.echange))
            else:
                print("Indiquez d'où ramasser : --echange DOSSIER (JupyterHub) ou --depuis DOSSIER_OU_ZIP "
                      "(copies reçues en fichiers).", file=sys.stderr)
                return 2
            _print_report(result, "Copies ramassées")
            return 1 if result.refused else 0
        if args.action == "grade":
            summary = grading.grade_class(course, args.devoir, students=args.etudiant or None,
                                          workers=args.processus)
            print(summary)
            return 1 if summary.problems else 0
        if args.action == "feedback":
            result = delivery.feedback(course, args.devoir, exchange=args.echange)
            _print_report(result, "Retours écrits (sans les tests cachés)")
            return 1 if result.refused else 0
        if args.action == "export":
            dest = Path(args.sortie or f"notes_{args.format}.csv")
            if args.format == "moodle":
                scores.export_moodle(course, dest, out_of=args.sur)
            else:
                scores.export_csv(course, dest)
            print(f"Notes écrites dans {dest.resolve()}")
            return 0
        html_path, nb_path = report.write_report(course, Path(args.sortie or "rapport_classe.html"),
                                                 names=not args.sans_noms)
        print(f"Rapport écrit : {html_path.resolve()} (et le même en notebook : {nb_path.name})")
        return 0
    except (FileNotFoundError, ValueError, RuntimeError) as error:
        print(f"ia-marketing classe {args.action} : {error}", file=sys.stderr)
        return 2


# -- a French argparse -------------------------------------------------------------------------
#: argparse's own messages (its gettext message ids), in French. argparse ships no French catalogue.
_FRENCH = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "the following arguments are required: %s": "il manque : %s",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix inconnu : %(value)r (choisissez parmi %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s) : %(value)r",
    "expected one argument": "une valeur est attendue",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
}


def _french(message: str) -> str:
    return _FRENCH.get(message, message)


class FrenchParser(argparse.ArgumentParser):
    """An argparse parser whose help and errors are in French."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", "--aide", action="help", help="afficher cette aide et quitter")

    def format_usage(self) -> str:
        with _french_argparse():
            return super().format_usage()

    def format_help(self) -> str:
        with _french_argparse():
            return super().format_help()

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        with _french_argparse():
            return super().parse_args(args, namespace)


class _french_argparse:
    """While active, argparse's messages go through `_french` (argparse looks its `_` up at
    call time)."""

    def __enter__(self):
        self.saved = argparse._
        argparse._ = _french
        return self

    def __exit__(self, *exc) -> None:
        argparse._ = self.saved


# -- parser -----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = FrenchParser(
        prog="ia-marketing", description="Outils de la formatrice ou du formateur pour le cours « IA & marketing ».")
    sub = parser.add_subparsers(dest="commande", metavar="commande", parser_class=FrenchParser,
                                title="commandes")

    doc = sub.add_parser("doctor", help="vérifier l'installation, le modèle local et le fournisseur",
                         description="Vérifie Python, les paquets, le modèle local et le fournisseur "
                                     "configuré ; chaque ligne dit OK ou explique quoi faire.")
    doc.add_argument("--sans-modele", action="store_true", help="ne pas charger le modèle local")
    doc.set_defaults(func=_cmd_doctor)

    seed = default(generate, "seed")
    scale = default(generate, "scale")
    data = sub.add_parser("datasets", help="régénérer les jeux de données du cours",
                          description="Génère les données fictives du Théâtre du Rivage (toutes les "
                                      "données personnelles sont fausses). Même graine et même "
                                      "échelle : fichiers identiques, octet pour octet.")
    data.add_argument("--sortie", "--dossier", "--out", dest="sortie", default="datasets",
                      help="dossier de sortie (défaut : datasets)")
    data.add_argument("--graine", "--seed", dest="graine", type=int, default=seed,
                      help=f"graine aléatoire (défaut : {seed})")
    data.add_argument("--echelle", "--scale", dest="echelle", type=float, default=scale,
                      help=f"multiplie le nombre de spectateurs et de billets (défaut : {_shown(scale)} ; "
                           "333 ≈ 1 million de spectateurs)")
    data.set_defaults(func=_cmd_datasets)

    bench_parser = sub.add_parser("bench", help="mesurer les performances",
                                  description="Bancs d'essai : des mesures et des rapports, dans un "
                                              "même processus.")
    what = bench_parser.add_subparsers(dest="quoi", metavar="quoi", required=True,
                                       parser_class=FrenchParser, title="bancs d'essai")
    rounds, tokens = default(bench.bench_llm, "rounds"), default(bench.bench_llm, "max_tokens")
    llm = what.add_parser("llm", help="le modèle local : ia_marketing contre llama_cpp brut")
    llm.add_argument("--tours", type=_positive_int, default=rounds,
                     help=f"nombre de générations (défaut : {_shown(rounds)})")
    llm.add_argument("--tokens", type=_positive_int, default=tokens,
                     help=f"tokens par génération (défaut : {_shown(tokens)})")
    llm.set_defaults(func=_cmd_bench_llm)
    rows = default(bench.bench_cleaning, "rows")
    cleaning = what.add_parser("cleaning", help="le nettoyage de l'export contre sa simple lecture")
    cleaning.add_argument("--lignes", type=_positive_int, default=rows,
                          help=f"lignes de l'export (défaut : {_shown(rows)})")
    cleaning.add_argument("--dossier", default=default(bench.bench_cleaning, "folder"),
                          help="dossier où garder l'export généré (défaut : le cache du cours)")
    cleaning.set_defaults(func=_cmd_bench_cleaning)
    seg_scale = default(bench.bench_segmentation, "scale")
    seg_rounds = default(bench.bench_segmentation, "rounds")
    segmentation = what.add_parser(
        "segmentation", help="la segmentation (lecture → RFM → notes → k-means) contre la même agrégation en DuckDB",
        description="Génère une fois les données à l'échelle voulue (333 ≈ 1 million de spectateurs), puis "
                    "compare, dans un même processus et sur le même fichier billets.csv, la chaîne "
                    "d'ia_marketing.segmentation et l'agrégation RFM écrite en SQL pour DuckDB.")
    segmentation.add_argument("--echelle", "--scale", dest="echelle", type=float, default=seg_scale,
                              help=f"échelle des données générées (défaut : {_shown(seg_scale)}, "
                                   "≈ 1 million de spectateurs)")
    segmentation.add_argument("--dossier", default=default(bench.bench_segmentation, "folder"),
                              help="dossier où garder les données générées (défaut : le cache du cours)")
    segmentation.add_argument("--tours", type=_positive_int, default=seg_rounds,
                              help=f"passages de chaque chaîne, le meilleur compte (défaut : {_shown(seg_rounds)})")
    segmentation.set_defaults(func=_cmd_bench_segmentation)
    temperatures = default(bench.bench_imitation, "temperatures")
    ks, seeds = default(bench.bench_imitation, "examples"), default(bench.bench_imitation, "seeds")
    imitation = what.add_parser(
        "imitation", help="le mode « imiter nos publications » de l'atelier, sur les sujets fixes",
        description="Fait écrire au modèle local une publication pour chacun des douze sujets fixes, à "
                    "chaque température, nombre d'exemples et graine, et compte la part des "
                    "publications au bon format, sur le sujet, et avec un fait inventé.")
    imitation.add_argument("--temperatures", type=_number_list(float, positive=False), default=temperatures,
                           help="températures, par exemple 0,0.3,0.7 ou 0;0,3;0,7 (défaut : "
                                f"{' ; '.join(_shown(t) for t in temperatures)})")
    imitation.add_argument("--exemples", type=_number_list(int, positive=True), default=ks,
                           help=f"nombres d'exemples, par exemple 2,4 (défaut : {' ; '.join(_shown(k) for k in ks)})")
    imitation.add_argument("--graines", type=_positive_int, default=seeds,
                           help=f"graines par réglage (défaut : {_shown(seeds)})")
    imitation.add_argument("--detail", action="store_true",
                           help="afficher aussi les douze publications du réglage par défaut")
    imitation.set_defaults(func=_cmd_bench_imitation)
    grading = what.add_parser("grading-tests", help="le score de mutation des tests cachés de chaque devoir",
                              description="Modifie une à une les fonctions des solutions (mutmut) et compte "
                                          "les modifications que les tests cachés détectent.")
    grading.add_argument("devoirs", nargs="*", help="les devoirs à mesurer (défaut : tous)")
    grading.set_defaults(func=_cmd_bench_grading)
    privacy = what.add_parser("privacy", help="rappel et précision du garde-fou de confidentialité",
                              description="Mesure, par sorte de donnée, ce que le garde-fou trouve sur un corpus "
                                          "français étiqueté, et ce qu'il signale à tort dans les textes du cours.")
    privacy.set_defaults(func=_cmd_bench_privacy)
    from .bench_grading import bench_grading

    class_grading = what.add_parser(
        "grading", help="corriger une classe : nbgrader séquentiel contre ia-marketing classe grade",
        description="Génère une classe de copies d'un devoir (justes, fausses, une boucle sans fin, une cellule "
                    "supprimée, une vierge), la fait corriger par nbgrader autograde puis par ia-marketing classe "
                    "grade, chacun dans sa copie du cours, et compare temps et notes.")
    class_grading.add_argument("--devoir", default=default(bench_grading, "assignment"),
                               help=f"le devoir (défaut : {default(bench_grading, 'assignment')})")
    class_grading.add_argument("--copies", type=_positive_int, default=default(bench_grading, "size"),
                               help=f"nombre de copies (défaut : {_shown(default(bench_grading, 'size'))})")
    class_grading.add_argument("--processus", type=_positive_int, default=None,
                               help="corrections à la fois (défaut : les cœurs disponibles)")
    class_grading.set_defaults(func=_cmd_bench_class_grading)
    from .salle.bench import bench_room

    room = what.add_parser(
        "salle", help="un serveur de modèle pour la salle : mémoire contre un modèle par noyau, test de charge",
        description="Mesure la mémoire de N noyaux qui chargent chacun le modèle, puis envoie les invites de "
                    "l'atelier de N personnes à la fois à llama-server sur 127.0.0.1 : latence p50/p95, erreurs, "
                    "débit, pour chaque nombre d'emplacements demandé. Prend tous les cœurs quelques minutes.")
    d = {name: default(bench_room, name) for name in ("kernels", "learners", "requests", "slots", "max_tokens",
                                                        "threads")}
    room.add_argument("--noyaux", type=_positive_int, default=d["kernels"],
                      help=f"noyaux mesurés (défaut : {_shown(d['kernels'])})")
    room.add_argument("--apprenants", type=_positive_int, default=d["learners"],
                      help=f"personnes simulées (défaut : {_shown(d['learners'])})")
    room.add_argument("--requetes", type=_positive_int, default=d["requests"],
                      help=f"requêtes par personne (défaut : {_shown(d['requests'])})")
    room.add_argument("--emplacements", type=_number_list(int, positive=True), default=list(d["slots"]),
                      help="emplacements du serveur à comparer, par exemple 1,8 (défaut : "
                           + ",".join(str(n) for n in d["slots"]) + ")")
    room.add_argument("--jetons", "--tokens", type=_positive_int, default=d["max_tokens"],
                      help=f"tokens par réponse au plus (défaut : {_shown(d['max_tokens'])})")
    room.add_argument("--fils", type=int, default=d["threads"], help="cœurs du serveur (défaut : 0, tous)")
    room.set_defaults(func=_cmd_bench_room)

    nb = sub.add_parser("notebooks", help="nettoyer les notebooks, régénérer exercises/",
                        description="clean : enlève sorties et compteurs d'exécution (garde les "
                                    "métadonnées nbgrader) ; generate : régénère exercises/ depuis "
                                    "solutions/ avec nbgrader.")
    nb.add_argument("action", choices=["clean", "generate"], help="clean ou generate")
    nb.add_argument("devoirs", nargs="*", help="generate : les devoirs à régénérer (défaut : tous)")
    nb.set_defaults(func=_cmd_notebooks)

    slides = sub.add_parser("diapos", help="une courte présentation par module, tirée des leçons (reveal.js)",
                            description="Construit, pour chaque leçon, une présentation courte : le titre et les "
                                        "objectifs, une diapositive par section, « À retenir » en entier (nbconvert, "
                                        "reveal.js).")
    slides.add_argument("modules", nargs="*", help="les modules, par exemple 00 02 (défaut : tous)")
    slides.add_argument("--sortie", default="diapos", help="dossier des présentations (défaut : diapos)")
    slides.add_argument("--hors-ligne", action="store_true",
                        help="copier reveal.js, require.js et jQuery à côté des présentations (npm, une fois) : "
                             "elles s'ouvrent ensuite sans réseau")
    slides.set_defaults(func=_cmd_slides)

    offline = sub.add_parser("hors-ligne", help="préparer le paquet d'installation sans internet (salle sans réseau)",
                             description="Réunit dans un dossier les roues du cours et de toutes ses dépendances "
                                         "(modèle local compris), le cours (leçons, exercices, données, diapositives ; ni les solutions ni le guide) et un "
                                         "script d'installation : sur chaque portable, sans internet, "
                                         "sh DOSSIER/installer.sh.")
    offline.add_argument("action", choices=["preparer"], help="preparer")
    offline.add_argument("--sortie", required=True, help="dossier à créer (il ne doit pas exister)")
    offline.set_defaults(func=_cmd_offline)

    classe = sub.add_parser("classe", help="une classe : publier, ramasser, corriger, retours, notes, rapport",
                            description="Les commandes de la formatrice ou du formateur pour toute une classe, sur nbgrader.")
    actions = classe.add_subparsers(dest="action", metavar="action", required=True, parser_class=FrenchParser,
                                    title="actions")

    def with_course(p):
        p.add_argument("--cours", help="dossier du cours (celui de nbgrader_config.py ; défaut : le dossier courant "
                                       "ou l'un de ses parents)")
        return p

    rel = with_course(actions.add_parser("release", help="publier un devoir (échange nbgrader ou dossier à distribuer)"))
    rel.add_argument("devoir", help="le devoir (par exemple 00_prise_en_main)")
    rel.add_argument("--echange", type=Path, help="dossier d'échange nbgrader (JupyterHub)")
    col = with_course(actions.add_parser(
        "collect", help="ramasser les copies (échange nbgrader, ou un dossier ou un .zip de notebooks)",
        description="Met chaque copie dans submitted/<étudiant>/<devoir>/. Depuis des fichiers, le nom du fichier "
                    "dit de qui est la copie (« prenom-nom.ipynb ») ; une copie déjà là est gardée dans .anciennes/."))
    col.add_argument("devoir", help="le devoir")
    col.add_argument("--echange", type=Path, help="dossier d'échange nbgrader (JupyterHub)")
    col.add_argument("--depuis", help="dossier ou archive .zip des notebooks reçus")
    cores = available_cores()
    gra = with_course(actions.add_parser(
        "grade", help="corriger toutes les copies d'un devoir, en parallèle",
        description="Corrige chaque copie de submitted/ avec nbgrader, plusieurs à la fois, chacune à part, puis "
                    "écrit toutes les notes d'un coup dans le carnet de notes : interrompue, la correction laisse "
                    "le carnet tel qu'il était. Les copies qui n'ont pas pu être corrigées sont nommées, avec la "
                    "raison."))
    gra.add_argument("devoir", help="le devoir à corriger")
    gra.add_argument("--etudiant", action="append", help="ne corriger que cette copie (option répétable)")
    gra.add_argument("--processus", type=_positive_int, default=None,
                     help=f"corrections à la fois (défaut : les cœurs disponibles, ici {cores})")
    fee = with_course(actions.add_parser("feedback", help="écrire les retours HTML des copies corrigées, sans tests cachés"))
    fee.add_argument("devoir", help="le devoir")
    fee.add_argument("--echange", type=Path, help="puis les rendre dans l'échange nbgrader (JupyterHub) : chacun les "
                                                  "récupère dans sa liste des devoirs")
    exp = with_course(actions.add_parser("export", help="exporter les notes (import Moodle, ou CSV simple)"))
    exp.add_argument("--format", choices=["moodle", "csv"], default="moodle",
                     help="moodle : une ligne par personne, une colonne par devoir (défaut) ; csv : une ligne par "
                          "personne et par devoir, pour un tableur")
    exp.add_argument("--sortie", help="fichier à écrire (défaut : notes_moodle.csv ou notes_csv.csv)")
    exp.add_argument("--sur", type=float, default=None, help="moodle : ramener chaque note sur ce total (par exemple 20)")
    rep = with_course(actions.add_parser("report", help="le rapport de la classe en une page HTML (et un notebook)"))
    rep.add_argument("--sortie", help="page à écrire (défaut : rapport_classe.html)")
    rep.add_argument("--sans-noms", action="store_true",
                     help="une page à projeter : sans les notes par personne ni les noms de qui n'a pas rendu")
    for p in (rel, col, gra, fee, exp, rep):
        p.set_defaults(func=_cmd_classe)

    salle = sub.add_parser(
        "salle", help="la salle sur JupyterHub : comptes, échange nbgrader, un serveur de modèle pour tous",
        description="Lance la salle en une commande (en administrateur) : les comptes de la liste, l'échange "
                    "nbgrader, le serveur de modèle partagé et JupyterHub. Voir classroom/README.md.")
    salle_actions = salle.add_subparsers(dest="action", metavar="action", required=True, parser_class=FrenchParser,
                                         title="actions")
    dem = salle_actions.add_parser("demarrer", help="préparer et ouvrir la salle (Ctrl+C l'arrête)")
    dem.add_argument("--comptes", type=Path, required=True,
                     help="la liste des comptes (CSV : identifiant;rôle), voir classroom/comptes.exemple.csv")
    dem.add_argument("--etat", type=Path, default=Path("/srv/ia-marketing"),
                     help="dossier de la salle : échange, mots de passe, base du hub (défaut : /srv/ia-marketing)")
    from .salle.hub import Settings

    fields = {f.name: f.default for f in dataclasses.fields(Settings)}
    dem.add_argument("--ip", default=fields["ip"],
                     help="adresse d'écoute (défaut : 127.0.0.1, cet ordinateur seul ; 0.0.0.0 pour toute la salle)")
    dem.add_argument("--port", type=_positive_int, default=fields["port"],
                     help=f"port de la salle (défaut : {fields['port']} ; le hub prend aussi les deux suivants)")
    dem.add_argument("--port-modele", type=_positive_int, default=fields["model_port"],
                     help=f"port du serveur de modèle, sur cet ordinateur seulement (défaut : {fields['model_port']})")
    dem.add_argument("--emplacements", type=_positive_int, default=fields["slots"],
                     help=f"requêtes traitées ensemble par le serveur de modèle (défaut : {fields['slots']})")
    dem.add_argument("--fils", type=int, default=fields["threads"], help="cœurs du serveur de modèle (défaut : 0, tous)")
    dem.add_argument("--serveur-modele", default="",
                     help="URL d'un serveur de modèle déjà lancé (…/v1) au lieu d'en démarrer un")
    dem.add_argument("--certificat", type=Path, help="HTTPS : le certificat (fichier PEM) ; avec --cle")
    dem.add_argument("--cle", type=Path, help="HTTPS : la clé privée du certificat (fichier PEM)")
    dem.set_defaults(func=_cmd_salle)
    return parser


def _cmd_salle(args) -> int:
    from .salle import hub, launcher

    settings = hub.Settings(state=args.etat.resolve(), course=launcher.course_root(),
                            accounts_file=args.comptes.resolve(), ip=args.ip, port=args.port,
                            model_port=args.port_modele, slots=args.emplacements, threads=args.fils,
                            model_url=args.serveur_modele,
                            ssl_cert=str(args.certificat.resolve()) if args.certificat else "",
                            ssl_key=str(args.cle.resolve()) if args.cle else "")
    if bool(args.certificat) != bool(args.cle):
        print("ia-marketing salle demarrer : --certificat et --cle vont ensemble (HTTPS).", file=sys.stderr)
        return 2
    try:
        return launcher.start(settings)
    except (FileNotFoundError, ValueError, RuntimeError) as error:
        print(f"ia-marketing salle {args.action} : {error}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
