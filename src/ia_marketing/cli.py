"""The instructor command `ia-marketing`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _cmd_doctor(args) -> int:
    from .doctor import run_doctor

    return run_doctor(with_model=not args.sans_modele)


def _cmd_bench(args) -> int:
    if args.quoi == "llm":
        from .bench import bench_llm

        bench_llm(rounds=args.tours, max_tokens=args.tokens)
        return 0
    if args.quoi == "cleaning":
        from .bench import bench_cleaning

        if args.lignes < 1:
            print("Le nombre de lignes doit être positif (par exemple --lignes 1000000).", file=sys.stderr)
            return 2
        bench_cleaning(rows=args.lignes, folder=args.dossier)
        return 0
    print(f"Banc d'essai « {args.quoi} » inconnu : choisissez « llm » ou « cleaning ».", file=sys.stderr)
    return 2


def _cmd_datasets(args) -> int:
    from .data import generate

    out = Path(args.dossier)
    files = generate(out, seed=args.graine, scale=args.echelle, progress=print)
    print(f"{len(files)} fichiers écrits dans {out.resolve()}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ia-marketing", description="Outils du formateur pour le cours « IA & marketing ».")
    sub = parser.add_subparsers(dest="commande", metavar="commande")

    doc = sub.add_parser("doctor", help="vérifier l'installation, le modèle local et le fournisseur")
    doc.add_argument("--sans-modele", action="store_true", help="ne pas charger le modèle local")
    doc.set_defaults(func=_cmd_doctor)

    bench = sub.add_parser("bench", help="mesurer les performances")
    bench.add_argument("quoi", choices=["llm", "cleaning"],
                       help="llm : modèle local, ia_marketing contre llama_cpp brut ; "
                            "cleaning : nettoyage de l'export contre sa simple lecture")
    bench.add_argument("--tours", type=int, default=5, help="nombre de générations (défaut : 5)")
    bench.add_argument("--tokens", type=int, default=128, help="tokens par génération (défaut : 128)")
    bench.add_argument("--lignes", type=int, default=1_000_000,
                       help="cleaning : lignes de l'export (défaut : 1 000 000)")
    bench.add_argument("--dossier", default=None,
                       help="cleaning : dossier où garder l'export généré (défaut : le cache)")
    bench.set_defaults(func=_cmd_bench)

    data = sub.add_parser("datasets", help="régénérer les jeux de données du cours")
    data.add_argument("--dossier", default="datasets", help="dossier de sortie (défaut : datasets)")
    data.add_argument("--graine", type=int, default=2026, help="graine aléatoire (défaut : 2026)")
    data.add_argument("--echelle", type=float, default=1.0, help="multiplie le nombre de clients et de billets")
    data.set_defaults(func=_cmd_datasets)
    return parser


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
