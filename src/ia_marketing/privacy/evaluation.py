"""How well the privacy guard finds personal data: recall and precision per kind, on a labelled
French corpus written for the course.

Each entry of `CORPUS` is a text as a trainee might paste it in a prompt (a CRM note, an e-mail,
a review, a row of an export, a marketing sentence) and the personal data a careful reader marks
in it, as (code, exact substring). The names of people are not those of the course's customer
file: they are the names a venue's own file would hold. Negative entries (no personal data) are
marketing sentences with capitalised titles, companies, places, dates and long numbers.

`evaluate()` runs `find_personal_data` on every text and counts, per code (EMAIL, TEL, IBAN,
NIR, NAISSANCE, ADRESSE, PERSONNE): a marked piece is found when a finding of the same code
overlaps it; a finding is right when it overlaps a marked piece of the same code.
``ia-marketing bench privacy`` prints the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from .detection import find_personal_data

__all__ = ["CORPUS", "KindScore", "course_marketing_texts", "evaluate"]

CORPUS: list[tuple[str, list[tuple[str, str]]]] = [
    # -- people, in CRM notes, e-mails and reviews ------------------------------------------------
    ("Rappeler Fatoumata Diallo avant vendredi pour son abonnement.", [("PERSONNE", "Fatoumata Diallo")]),
    ("Kevin Le Goff a réservé deux places pour samedi.", [("PERSONNE", "Kevin Le Goff")]),
    ("La cliente Mme Nguyen Thi Lan demande une facture.", [("PERSONNE", "Nguyen Thi Lan")]),
    ("Rendez-vous avec Jean-Pierre Moreau à 14 h au foyer.", [("PERSONNE", "Jean-Pierre Moreau")]),
    ("Ahmed Benali et Chloé Durand viendront à la générale.", [("PERSONNE", "Ahmed Benali"), ("PERSONNE", "Chloé Durand")]),
    ("Réponse à l'avis de Lucie Fontaine : merci pour votre fidélité !", [("PERSONNE", "Lucie Fontaine")]),
    ("Merci Sophie Martin pour votre message.", [("PERSONNE", "Sophie Martin")]),
    ("Olivier Dubois souhaite changer de placement.", [("PERSONNE", "Olivier Dubois")]),
    ("Bonjour Madame Rousseau, votre commande est prête.", [("PERSONNE", "Rousseau")]),
    ("M. Bernard a signalé un problème d'accès PMR.", [("PERSONNE", "Bernard")]),
    ("Transmis par Mamadou Traoré, bénévole du festival.", [("PERSONNE", "Mamadou Traoré")]),
    ("Inès Haddad a gagné le jeu concours.", [("PERSONNE", "Inès Haddad")]),
    ("Yasmine El Amrani est notre nouvelle ambassadrice jeune public.", [("PERSONNE", "Yasmine El Amrani")]),
    ("João Pereira a demandé un remboursement.", [("PERSONNE", "João Pereira")]),
    ("Relancer Thomas Petit, son abonnement expire le 31 mars.", [("PERSONNE", "Thomas Petit")]),
    ("Camille Lefebvre a laissé trois avis négatifs cette semaine.", [("PERSONNE", "Camille Lefebvre")]),
    ("Nathalie Girard vient avec sa fille en fauteuil roulant.", [("PERSONNE", "Nathalie Girard")]),
    ("Contact presse : Éloïse Marchetti.", [("PERSONNE", "Éloïse Marchetti")]),
    ("Émile Zhang et Li Wei ont acheté des places en catégorie 1.", [("PERSONNE", "Émile Zhang"), ("PERSONNE", "Li Wei")]),
    ("Note : Pierre-Yves Le Bihan préfère être appelé le matin.", [("PERSONNE", "Pierre-Yves Le Bihan")]),
    ("Julie Renaud a écrit que le spectacle était trop long.", [("PERSONNE", "Julie Renaud")]),
    ("Abonné depuis 2012 : Gérard Lambert, place 14, rang F.", [("PERSONNE", "Gérard Lambert")]),
    ("La famille de Karim Mansouri a été placée au balcon.", [("PERSONNE", "Karim Mansouri")]),
    ("Aminata Sow, Paul Garnier et Léa Roux sont inscrits à l'atelier.",
     [("PERSONNE", "Aminata Sow"), ("PERSONNE", "Paul Garnier"), ("PERSONNE", "Léa Roux")]),
    ("Docteur Anne Laurent demande un certificat de présence.", [("PERSONNE", "Anne Laurent")]),
    ("Mlle Clément n'a pas reçu ses billets.", [("PERSONNE", "Clément")]),
    ("Sébastien Faure a appelé la billetterie à 17 h.", [("PERSONNE", "Sébastien Faure")]),
    ("Marion Chevalier souhaite recevoir la newsletter jeune public.", [("PERSONNE", "Marion Chevalier")]),
    ("Cher Antoine Mercier, merci pour votre don.", [("PERSONNE", "Antoine Mercier")]),
    ("Elle s'appelle Zoé Perrin et vient chaque semaine.", [("PERSONNE", "Zoé Perrin")]),
    # -- e-mails, plain and obfuscated -------------------------------------------------------------
    ("Écrire à fatou.diallo@courriel.example pour confirmer.", [("EMAIL", "fatou.diallo@courriel.example")]),
    ("Son adresse : j.dupont [at] gmail [dot] com", [("EMAIL", "j.dupont [at] gmail [dot] com")]),
    ("Contact : marc.leroy (arobase) orange.fr", [("EMAIL", "marc.leroy (arobase) orange.fr")]),
    ("écrivez-moi : lea arobase exemple point fr", [("EMAIL", "lea arobase exemple point fr")]),
    ("mail perso : k.nguyen{at}free{dot}fr, merci", [("EMAIL", "k.nguyen{at}free{dot}fr")]),
    ("Reply to paul at example dot com if needed.", [("EMAIL", "paul at example dot com")]),
    ("Copie à billetterie+relance@theatre.example", [("EMAIL", "billetterie+relance@theatre.example")]),
    ("Adresse : s.martin[at]laposte[point]net", [("EMAIL", "s.martin[at]laposte[point]net")]),
    # -- phones --------------------------------------------------------------------------------------
    ("Tél. 06 12 34 56 78 (après 18 h).", [("TEL", "06 12 34 56 78")]),
    ("Joignable au +33 7 81 22 45 90.", [("TEL", "+33 7 81 22 45 90")]),
    ("Portable : 0612345678", [("TEL", "0612345678")]),
    ("Rappeler au 04.93.12.45.67 demain.", [("TEL", "04.93.12.45.67")]),
    # -- IBAN ----------------------------------------------------------------------------------------
    ("Remboursement sur FR76 3000 6000 0112 3456 7890 189 svp.", [("IBAN", "FR76 3000 6000 0112 3456 7890 189")]),
    # -- social security numbers ---------------------------------------------------------------------
    ("Numéro de sécu : 1 85 03 75 123 456 41.", [("NIR", "1 85 03 75 123 456 41")]),
    ("NIR 292061308804221 pour l'attestation employeur.", [("NIR", "292061308804221")]),
    ("Sécurité sociale : 1 78 08 69 123 017 95", [("NIR", "1 78 08 69 123 017 95")]),
    ("Corse : 1 85 02 2A 004 012 22, né à Ajaccio.", [("NIR", "1 85 02 2A 004 012 22")]),
    ("N° SS 2 99 07 99 350 123 04 (née à l'étranger).", [("NIR", "2 99 07 99 350 123 04")]),
    ("numéro 164051305543188 sur la carte Vitale", [("NIR", "164051305543188")]),
    # -- dates of birth ----------------------------------------------------------------------------
    ("Lucie, née le 12/03/1985 à Nice, tarif senior refusé.", [("NAISSANCE", "12/03/1985")]),
    ("Il est né le 3 avril 1990.", [("NAISSANCE", "3 avril 1990")]),
    ("Date de naissance : 1985-03-12", [("NAISSANCE", "1985-03-12")]),
    ("DDN: 12.03.85 (à vérifier)", [("NAISSANCE", "12.03.85")]),
    ("Né(e) le 1er mai 1960 ; abonnement seniors.", [("NAISSANCE", "1er mai 1960")]),
    ("naissance : 07/11/2009, tarif moins de 18 ans", [("NAISSANCE", "07/11/2009")]),
    # -- postal addresses --------------------------------------------------------------------------
    ("Envoyer les billets au 12 rue des Lilas, 06000 Nice.", [("ADRESSE", "12 rue des Lilas, 06000 Nice")]),
    ("Domicile : 3 bis avenue Jean Médecin.", [("ADRESSE", "3 bis avenue Jean Médecin")]),
    # -- several at once, as in a pasted export row ------------------------------------------------
    ("Awa Koné;awa.kone@mail.example;07 11 22 33 44;née le 02/02/1992",
     [("PERSONNE", "Awa Koné"), ("EMAIL", "awa.kone@mail.example"), ("TEL", "07 11 22 33 44"), ("NAISSANCE", "02/02/1992")]),
    ("Client : Hugo Barbier, 2 75 10 44 109 087 85, h.barbier [at] free [dot] fr",
     [("PERSONNE", "Hugo Barbier"), ("NIR", "2 75 10 44 109 087 85"), ("EMAIL", "h.barbier [at] free [dot] fr")]),
    # -- no personal data --------------------------------------------------------------------------
    ("Le collectif Pieds Nus présente Sillage, un ballet contemporain.", []),
    ("Courez voir Le Petit Phare, dès 6 ans !", []),
    ("Abonnez-vous avant le 12/03/2026 : quatre spectacles pour 78 €.", []),
    ("La Compagnie des Lumières joue Cyrano de Bergerac le 14 mars.", []),
    ("Rendez-vous au Studio, 180 places, à 20 h 30.", []),
    ("Port-Rivage accueille le Festival des Vagues du 2 au 14 juillet.", []),
    ("Commande n° 185037512345600 expédiée le 3 avril 1990 — archives.", []),
    ("Référence du dossier : 299079935012399.", []),
    ("Meet us at the venue at 8 pm.", []),
    ("Rendez-vous at le point de vente du Rivage.", []),
    ("La saison 2025-2026 s'ouvre le 12/10/2025 avec Les Voyageurs de la nuit.", []),
    ("Le Théâtre du Rivage remercie la Région Provence-Alpes-Côte d'Azur et la Ville de Nice.", []),
    ("Tarif réduit pour les étudiants et les demandeurs d'emploi.", []),
    ("Plus que 12 places pour Marine et le petit chevalier !", []),
    ("Le Monde et Télérama ont aimé la mise en scène.", []),
    ("Découvrez Pas de deux pour une ville, le mardi 21 janvier.", []),
    ("Un grand merci à nos mécènes et à l'équipe des bénévoles.", []),
    ("Date de la représentation : 12/03/2026.", []),
    ("Ouverture des portes le 1er mai 2026 à 19 h.", []),
    ("Suivez-nous sur Instagram @TheatreDuRivage #PortRivage", []),
]


#: The course's own marketing texts (dataset, columns): the guard must find nothing in them.
MARKETING_COLUMNS = [("publications", ["texte"]), ("avis", ["texte"]), ("spectacles", ["titre", "description"]),
                     ("campagnes", ["objet"]), ("journalistes", ["media", "rubrique"])]


def course_marketing_texts() -> list[str]:
    """Every text of the course's publications, reviews, shows, campaigns and press media."""
    from ..data import load

    texts: list[str] = []
    for name, columns in MARKETING_COLUMNS:
        frame = load(name)
        for column in columns:
            texts += frame[column].dropna().astype(str).tolist()
    return texts


@dataclass(frozen=True)
class KindScore:
    """Counts for one code: pieces marked, marked pieces found, findings made, right findings."""

    code: str
    marked: int
    found: int
    flagged: int
    right: int

    @property
    def recall(self) -> float | None:
        return self.found / self.marked if self.marked else None

    @property
    def precision(self) -> float | None:
        return self.right / self.flagged if self.flagged else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(corpus: list[tuple[str, list[tuple[str, str]]]] | None = None, **options) -> dict[str, KindScore]:
    """Recall and precision of `find_personal_data` per code on *corpus* (default `CORPUS`)."""
    counts: dict[str, list[int]] = {}
    for text, marks in corpus if corpus is not None else CORPUS:
        gold = []
        for code, piece in marks:
            start = text.index(piece)
            gold.append((code, (start, start + len(piece))))
        findings = [(f.code, (f.start, f.end)) for f in find_personal_data(text, **options)]
        for code, span in gold:
            c = counts.setdefault(code, [0, 0, 0, 0])
            c[0] += 1
            c[1] += any(fc == code and _overlaps(span, fs) for fc, fs in findings)
        for code, span in findings:
            c = counts.setdefault(code, [0, 0, 0, 0])
            c[2] += 1
            c[3] += any(gc == code and _overlaps(span, gs) for gc, gs in gold)
    return {code: KindScore(code, *c) for code, c in sorted(counts.items())}
