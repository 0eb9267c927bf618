"""The team's AI-usage charter: choices in, a document out (Markdown and PDF), and a check.

A charter is built from a team's **choices** (`CharterChoices`: scope, tools and what data each
may receive, human review, labelling, copyright, bias checks, footprint, security, training,
governance, incidents). `build_charter` turns them into the twelve sections of `SECTIONS`, in plain
French a team can adopt; `check_charter` finds what is missing or contradictory (a remote tool that
receives personal data without a processor contract, a personal account used for customer data, a
targeting without a bias audit…); `Charter.to_markdown` and `Charter.to_pdf` export it.

The structure follows what French public and cultural organisations have published (the course's
note compares them section by section); the legal references are given with their dates in the
lesson of module 05.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..core.fr import date_long
from .errors import EthicsError

__all__ = ["DATA_LEVELS", "SCOPES", "SECTIONS", "Charter", "CharterChoices", "Problem", "Tool", "build_charter",
           "check_charter", "check_charter_text"]

#: The charter's sections, in order (every one is required).
SECTIONS: tuple[str, ...] = (
    "Objet et champ d'application",
    "Outils autorisés et comptes",
    "Données personnelles",
    "Relecture humaine",
    "Transparence et mention de l'IA",
    "Droit d'auteur, droit à l'image et voix",
    "Biais et équité",
    "Empreinte environnementale",
    "Sécurité",
    "Formation",
    "Gouvernance",
    "Incidents",
)

#: What a tool may receive, from the least to the most: each level includes the ones before it.
DATA_LEVELS: tuple[str, ...] = ("aucune donnée personnelle", "données pseudonymisées", "données personnelles")

#: Uses a charter can cover (the builder offers these; a team may add its own).
SCOPES: tuple[str, ...] = (
    "rédaction de publications et de newsletters",
    "dossiers et e-mails de presse",
    "visuels et affiches",
    "traduction et sous-titrage",
    "analyse et segmentation des publics",
    "ciblage de campagnes",
    "réponses au public (messagerie, robot conversationnel)",
)
TARGETING_SCOPES = ("analyse et segmentation des publics", "ciblage de campagnes")
CHATBOT_SCOPE = "réponses au public (messagerie, robot conversationnel)"
PUBLISHING_SCOPES = ("rédaction de publications et de newsletters", "dossiers et e-mails de presse",
                     "visuels et affiches", "traduction et sous-titrage", CHATBOT_SCOPE)


@dataclass
class Tool:
    """One allowed tool: its name, whether it runs outside the organisation (*remote*), the kind of
    account, the most it may receive (one of `DATA_LEVELS`), and whether a processor contract
    (GDPR art. 28) is signed with its provider."""

    name: str
    remote: bool = True
    account: str = "professionnel"          # « professionnel » or « personnel »
    data: str = "aucune donnée personnelle"
    processor_contract: bool = False
    no_training: bool = False               # the provider does not train on what the team types

    def data_rank(self) -> int:
        return DATA_LEVELS.index(self.data) if self.data in DATA_LEVELS else -1


@dataclass
class CharterChoices:
    """Everything a team decides. Defaults are a prudent starting point, not a recommendation to
    adopt without discussion."""

    organisation: str
    adopted_on: date
    scope: list[str] = field(default_factory=lambda: list(SCOPES[:3]))
    tools: list[Tool] = field(default_factory=list)
    review_by: str = "la personne qui publie, et la responsable de la communication pour tout contenu externe"
    review_all_published: bool = True
    label_texts: str = "quand un texte est principalement généré"   # « toujours », « quand … », « jamais »
    label_images: bool = True
    artist_style_allowed: bool = False       # « à la manière de » an identified living artist
    voice_cloning_allowed: bool = False      # voices and faces of real people only with their written consent
    tdm_opt_out: bool = True                 # the venue's own site says no to text-and-data mining
    bias_audit: bool = True
    bias_threshold: float = 0.8
    prefer_small_models: bool = True
    footprint_budget: str = "estimer l'empreinte de toute campagne de plus de 1 000 messages générés"
    two_factor: bool = True
    training_hours: int = 3
    referent: str = ""
    review_on: date | None = None
    incident_contact: str = ""
    incident_delay_hours: int = 24
    sensitive_data_allowed: bool = False
    dpia_done: bool = False
    chatbot_disclosed: bool = True           # the chatbot says it is an AI from its first message (art. 50(1))
    approved_by: str = ""                    # who adopts the charter (the management)


@dataclass(frozen=True)
class Problem:
    """A missing or contradictory choice: its section, what is wrong, what to do, how serious."""

    section: str
    message: str
    conseil: str
    grave: bool = True

    def __str__(self) -> str:
        return f"[{self.section}] {self.message} → {self.conseil}"


@dataclass
class Charter:
    """The charter's text: a title, a preamble and the sections (title → paragraphs and bullets)."""

    title: str
    preamble: str
    sections: dict[str, list[str]]
    choices: CharterChoices | None = None

    def to_markdown(self) -> str:
        lines = [f"# {self.title}", "", self.preamble, ""]
        for number, (name, items) in enumerate(self.sections.items(), start=1):
            lines += [f"## {number}. {name}", ""]
            for i, item in enumerate(items):
                lines.append(item)
                bullet, next_bullet = item.startswith("- "), i + 1 < len(items) and items[i + 1].startswith("- ")
                if not (bullet and next_bullet):
                    lines.append("")  # a blank line after a paragraph and after a list
        return "\n".join(lines).rstrip() + "\n"

    def to_pdf(self, path: str | os.PathLike[str]) -> Path:
        """Write the charter as an A4 PDF (fpdf2, with an embedded Unicode font so that accents,
        « » and œ print right). Returns the path."""
        return _write_pdf(self, Path(path))


# -- building ----------------------------------------------------------------------------------
def _yes(flag: bool, yes: str, no: str) -> str:
    return yes if flag else no


def build_charter(choices: CharterChoices) -> Charter:
    """The charter's text from *choices* (check it with `check_charter` before adopting it)."""
    c = choices
    if not isinstance(c, CharterChoices):
        raise EthicsError("build_charter attend les choix de l'équipe (CharterChoices).",
                          conseil="Utilisez l'atelier de charte, ou CharterChoices(organisation=…, adopted_on=…).")
    org = c.organisation.strip() or "notre organisation"
    s: dict[str, list[str]] = {}
    s[SECTIONS[0]] = [
        "Cette charte dit comment notre équipe utilise les outils d'intelligence artificielle, en particulier "
        "l'IA générative, dans son travail de communication et de marketing. Elle s'applique à toute personne "
        "qui travaille pour l'équipe (salariés, stagiaires, prestataires) et aux usages suivants :",
        *[f"- {item}" for item in c.scope],
        "Sont exclus, quel que soit l'outil : confier à l'IA une décision sur une personne ; publier sans "
        "relecture ; faire passer un texte généré pour la parole d'un artiste, d'un spectateur ou d'un "
        "journaliste (faux avis, fausse citation : les faux avis de consommateurs sont une pratique commerciale "
        "interdite depuis la directive (UE) 2019/2161).",
        "Un usage qui ne figure pas dans cette liste se discute d'abord avec la référente ou le référent IA.",
    ]
    tools = []
    for t in c.tools:
        where = "distant (les données sortent de l'organisation)" if t.remote else "local (les données restent sur l'ordinateur)"
        extra = []
        if t.remote:
            extra.append(_yes(t.processor_contract, "contrat de sous-traitance signé (art. 28 RGPD)",
                              "sans contrat de sous-traitance"))
            extra.append(_yes(t.no_training, "le fournisseur n'entraîne pas ses modèles sur nos saisies",
                              "entraînement sur nos saisies non exclu"))
        tools.append(f"- **{t.name}** : outil {where}, compte {t.account} ; peut recevoir : {t.data}"
                     + (f" ; {' ; '.join(extra)}" if extra else "") + ".")
    s[SECTIONS[1]] = [
        "Seuls les outils suivants sont autorisés, chacun pour ce qu'il peut recevoir :",
        *(tools or ["- (aucun outil autorisé pour l'instant)"]),
        "Un compte personnel (gratuit ou non) ne reçoit jamais de données sur le public, les artistes ou "
        "les partenaires. Tout nouvel outil est validé par la référente ou le référent IA avant usage, sur "
        "trois critères : un éditeur identifié et soumis au droit de l'Union, des conditions qui disent ce que "
        "deviennent nos saisies (conservation, entraînement), un compte professionnel.",
    ]
    s[SECTIONS[2]] = [
        "Avant de saisir quoi que ce soit dans un outil d'IA, on se demande si c'est nécessaire (minimisation, "
        "art. 5 RGPD). Des données pseudonymisées restent des données personnelles (considérant 26 du RGPD).",
        "- Jamais de données sensibles (santé, handicap, convictions, opinions : art. 9 RGPD) dans un outil d'IA"
        + (", sauf le traitement décrit dans l'analyse d'impact (AIPD) réalisée." if c.sensitive_data_allowed else "."),
        "- Jamais de fichier clients complet dans un outil distant ; pour écrire à un segment, on donne des chiffres "
        "d'ensemble (taille, panier médian, discipline préférée), jamais une personne.",
        "- On pseudonymise (noms, e-mails, téléphones remplacés) avant tout envoi permis à un outil distant.",
        "- Ce qui n'est pas public ne va pas non plus dans un outil distant sans contrat, même sans donnée "
        "personnelle : saison non annoncée, cachets, contrats, chiffres de billetterie non publiés. Question à se "
        "poser : « pourrions-nous publier ceci ? »",
        "- Les droits des personnes (accès, opposition à la prospection, art. 21 RGPD) s'appliquent aussi aux "
        "traitements faits avec l'IA ; une analyse d'impact (art. 35 RGPD) précède tout profilage à grande échelle.",
    ]
    s[SECTIONS[3]] = [
        _yes(c.review_all_published,
             "Tout contenu produit avec l'IA est relu par une personne avant d'être publié ou envoyé : faits, dates, "
             "prix, noms d'artistes, ton et accessibilité.",
             "Les contenus produits avec l'IA sont relus au cas par cas."),
        f"Relecture : {c.review_by}. Le texte publié engage l'organisation, pas l'outil.",
        "L'IA propose, l'équipe décide : aucune décision sur une personne (exclure, refuser, tarifer) n'est "
        "prise par un outil seul.",
    ]
    s[SECTIONS[4]] = [
        *([_yes(c.chatbot_disclosed,
                "Notre robot conversationnel se présente comme une IA dès le premier message (art. 50(1) du "
                "règlement européen sur l'IA, applicable depuis le 2 août 2026).",
                "Notre robot conversationnel ne dit pas encore qu'il est une IA : à corriger (art. 50(1) du "
                "règlement européen sur l'IA, applicable depuis le 2 août 2026).")]
          if CHATBOT_SCOPE in c.scope else []),
        ("- Textes : pas de mention systématique ; un texte publié pour informer le public sur une question "
         "d'intérêt général est toujours relu et assumé par une personne de l'équipe (art. 50(4))."
         if c.label_texts == "jamais" else f"- Textes : mention « rédigé avec l'aide d'une IA » {c.label_texts}."),
        "- Images et vidéos : " + _yes(c.label_images,
                                      "toute image générée ou fortement retouchée par IA porte une mention visible et "
                                      "des métadonnées (IPTC) ; un hypertrucage (deepfake) est toujours signalé (art. 50(4)).",
                                      "un hypertrucage (deepfake) est toujours signalé (art. 50(4)) ; les autres visuels "
                                      "au cas par cas."),
        "- On n'efface pas les métadonnées qui signalent un contenu généré.",
    ]
    s[SECTIONS[5]] = [
        "Un contenu produit sans choix créatif humain n'est en général pas protégé par le droit d'auteur : "
        "l'organisation ne peut pas, sur ce seul fondement, en interdire la reprise.",
        "- " + _yes(c.artist_style_allowed, "Imiter le style d'un artiste vivant identifié est permis avec son accord écrit.",
                    "On ne demande pas à un outil d'imiter le style d'un artiste vivant identifié."),
        "- " + _yes(c.voice_cloning_allowed,
                    "Une voix ou un visage réels ne sont reproduits qu'avec l'accord écrit de la personne, pour cet "
                    "usage précis, et le caractère artificiel est signalé (art. 9 du Code civil ; art. 226-8 du "
                    "Code pénal).",
                    "On ne fait reproduire par une IA ni la voix ni le visage d'une personne réelle (art. 9 du Code "
                    "civil ; art. 226-8 du Code pénal)."),
        "- Les photos, textes et vidéos des artistes et des partenaires ne sont soumis à un outil qu'avec leur accord.",
        "- " + _yes(c.tdm_opt_out,
                    "Le site de l'organisation exprime son opposition à la fouille de textes et de données "
                    "(art. L122-5-3 du Code de la propriété intellectuelle), dans un format lisible par machine.",
                    "Le site de l'organisation n'exprime pas d'opposition à la fouille de textes et de données."),
    ]
    s[SECTIONS[6]] = [
        _yes(c.bias_audit,
             "Avant chaque ciblage ou segmentation, on compare les taux de sélection par genre, tranche d'âge et "
             f"territoire ; un rapport sous {str(c.bias_threshold).replace('.', ',')} au taux le plus élevé est "
             "examiné et sa raison écrite, ou la règle corrigée.",
             "Les ciblages ne sont pas audités systématiquement."),
        "On se méfie des textes uniformes et des stéréotypes : la relecture vérifie aussi qui est représenté.",
    ]
    s[SECTIONS[7]] = [
        _yes(c.prefer_small_models, "On choisit le plus petit outil qui suffit (un modèle local pour les brouillons).",
             "Le choix de l'outil tient compte de sa consommation."),
        f"Empreinte : {c.footprint_budget}, en fourchette et avec ses sources (méthode EcoLogits).",
    ]
    s[SECTIONS[8]] = [
        "- " + _yes(c.two_factor, "Double authentification sur tous les comptes d'outils d'IA.",
                    "Mots de passe uniques pour chaque compte d'outil d'IA."),
        "- Jamais de mot de passe, de clé d'API ni de contrat confidentiel dans une requête.",
        "- Un texte reçu de l'extérieur (e-mail, page web) peut contenir des instructions cachées : on ne laisse "
        "pas un outil agir seul à partir de lui.",
    ]
    s[SECTIONS[9]] = [
        f"Chaque membre de l'équipe suit au moins {c.training_hours} heures de formation à l'IA par an. L'article 4 "
        "du règlement européen sur l'IA demande, depuis le 2 février 2025, à toute organisation qui utilise l'IA de "
        "prendre des mesures pour la maîtrise de l'IA de son personnel.",
    ]
    review_on = c.review_on or date(c.adopted_on.year + 1, c.adopted_on.month, min(c.adopted_on.day, 28))
    s[SECTIONS[10]] = [
        f"Référente ou référent IA : {c.referent or '(à désigner)'}.",
        f"Approuvée par : {c.approved_by or '(la direction, à indiquer)'}. Les traitements de données personnelles "
        "faits avec l'IA sont inscrits au registre des traitements (art. 30 RGPD), avec l'avis du ou de la "
        "déléguée à la protection des données quand l'organisation en a désigné un.",
        "Lorsque l'organisation a un comité social et économique, il est informé et consulté avant l'introduction "
        "de nouveaux outils d'IA, quand la loi le prévoit (Code du travail, art. L2312-8).",
        f"Charte adoptée le {date_long(c.adopted_on)} ; prochaine révision au plus tard le {date_long(review_on)}, "
        "et à chaque changement d'outil ou de loi.",
    ]
    s[SECTIONS[11]] = [
        f"Un incident (donnée personnelle envoyée par erreur, contenu faux publié, contenu généré contesté) est signalé "
        f"dans les {c.incident_delay_hours} heures à {c.incident_contact or 'la référente ou le référent IA'}. "
        "Une violation de données personnelles est notifiée à la CNIL par le responsable de traitement dans les "
        "meilleurs délais et, si possible, 72 heures au plus tard après en avoir pris connaissance, sauf si elle ne "
        "présente pas de risque pour les personnes (art. 33 RGPD) ; les personnes concernées sont informées si le "
        "risque est élevé (art. 34).",
    ]
    preamble = (f"{org} — charte adoptée le {date_long(c.adopted_on)}. L'IA nous aide à écrire, traduire, "
                "analyser ; elle ne remplace ni notre jugement, ni notre responsabilité envers le public, ni le travail des "
                "artistes que nous accueillons.")
    return Charter(f"Charte d'usage de l'IA — {org}", preamble, s, c)


# -- checking ----------------------------------------------------------------------------------
def check_charter(choices: CharterChoices) -> list[Problem]:
    """What is missing or contradictory in *choices*, most serious first (empty: consistent)."""
    c = choices
    if not isinstance(c, CharterChoices):
        raise EthicsError("check_charter attend les choix de l'équipe (CharterChoices).",
                          conseil="Utilisez l'atelier de charte, ou CharterChoices(organisation=…, adopted_on=…).")
    problems: list[Problem] = []
    add = problems.append
    if not c.organisation.strip():
        add(Problem(SECTIONS[0], "Le nom de l'organisation manque.", "Indiquez qui adopte la charte."))
    if not c.scope:
        add(Problem(SECTIONS[0], "Aucun usage n'est couvert.", "Cochez au moins un usage."))
    for t in c.tools:
        if t.data not in DATA_LEVELS:
            add(Problem(SECTIONS[1], f"« {t.name} » : niveau de données inconnu « {t.data} ».",
                        f"Choisissez parmi : {', '.join(DATA_LEVELS)}."))
            continue
        if t.remote and t.data_rank() >= 1 and not t.processor_contract:
            add(Problem(SECTIONS[1], f"« {t.name} » est un outil distant qui reçoit des {t.data} sans contrat de "
                                     "sous-traitance.",
                        "Signez un contrat conforme à l'art. 28 du RGPD avec le fournisseur (offre professionnelle), "
                        "ou n'y envoyez aucune donnée personnelle."))
        if t.account == "personnel" and t.data_rank() >= 1:
            add(Problem(SECTIONS[1], f"« {t.name} » : un compte personnel recevrait des {t.data}.",
                        "Réservez les données sur le public aux comptes professionnels de l'organisation."))
        if t.remote and t.data_rank() >= 1 and not t.no_training:
            add(Problem(SECTIONS[1], f"« {t.name} » pourrait entraîner ses modèles sur des {t.data}.",
                        "Vérifiez dans le contrat que le fournisseur n'entraîne pas ses modèles sur vos saisies.",
                        grave=False))
    if not c.tools:
        add(Problem(SECTIONS[1], "Aucun outil n'est autorisé.", "Nommez les outils permis, même un seul."))
    for t in c.tools:
        if "à nommer" in t.name or not t.name.strip() or t.name.strip() == "(outil sans nom)":
            add(Problem(SECTIONS[1], f"Un outil n'a pas encore de vrai nom : « {t.name} ».",
                        "Écrivez le nom exact de l'outil et de son offre (par exemple « Le Chat Pro, Mistral AI »)."))
    if c.sensitive_data_allowed and not c.dpia_done:
        add(Problem(SECTIONS[2], "Des données sensibles seraient permises sans analyse d'impact.",
                    "Réalisez une AIPD (art. 35 RGPD) avant, ou interdisez les données sensibles."))
    if any(s in PUBLISHING_SCOPES for s in c.scope) and not c.review_all_published:
        add(Problem(SECTIONS[3], "Des contenus publiés pourraient ne pas être relus.",
                    "Exigez une relecture humaine de tout contenu publié ou envoyé."))
    if "visuels et affiches" in c.scope and not c.label_images:
        add(Problem(SECTIONS[4], "Des visuels générés pourraient être publiés sans mention.",
                    "Un hypertrucage doit être signalé (art. 50(4)) ; mentionnez au moins les visuels réalistes.",
                    grave=False))
    if c.label_texts not in ("toujours", "quand un texte est principalement généré", "jamais"):
        add(Problem(SECTIONS[4], f"Règle de mention des textes inconnue : « {c.label_texts} ».",
                    "Choisissez « toujours », « quand un texte est principalement généré » ou « jamais »."))
    if CHATBOT_SCOPE in c.scope and not c.chatbot_disclosed:
        add(Problem(SECTIONS[4], "Un robot conversationnel répondrait au public sans dire qu'il est une IA.",
                    "Dites au public qu'il échange avec une IA (art. 50(1) du règlement sur l'IA)."))
    if any(s in TARGETING_SCOPES for s in c.scope) and not c.bias_audit:
        add(Problem(SECTIONS[6], "Des ciblages ou segmentations seraient faits sans audit des biais.",
                    "Prévoyez la comparaison des taux de sélection par groupe avant chaque ciblage."))
    if not 0 < c.bias_threshold <= 1:
        add(Problem(SECTIONS[6], f"Seuil d'alerte impossible : {c.bias_threshold}.", "Le seuil usuel est 0,8."))
    if c.training_hours < 1:
        add(Problem(SECTIONS[9], "Aucune formation n'est prévue.",
                    "L'art. 4 du règlement sur l'IA demande de prendre des mesures pour la maîtrise de l'IA du "
                    "personnel : prévoyez une formation."))
    if not c.referent.strip():
        add(Problem(SECTIONS[10], "Personne n'est désigné pour faire vivre la charte (référente ou référent IA).", "Nommez une personne (ou un rôle)."))
    if c.review_on is not None and not c.adopted_on < c.review_on <= date(c.adopted_on.year + 2, c.adopted_on.month,
                                                                           min(c.adopted_on.day, 28)):
        add(Problem(SECTIONS[10], "La date de révision doit suivre l'adoption, dans les deux ans.",
                    "Les outils et la loi changent vite : révisez au moins chaque année."))
    if not c.approved_by.strip():
        add(Problem(SECTIONS[10], "On ne sait pas qui approuve la charte.",
                    "Indiquez qui l'adopte (la direction, le bureau de l'association…).", grave=False))
    if not c.incident_contact.strip():
        add(Problem(SECTIONS[11], "Personne n'est nommé pour recevoir les incidents.",
                    "Indiquez à qui signaler (une adresse ou un rôle).", grave=False))
    problems.sort(key=lambda p: (not p.grave, SECTIONS.index(p.section)))
    return problems


_HEADING = re.compile(r"^##\s+(?:\d+\.\s*)?(.+?)\s*$", re.MULTILINE)


def check_charter_text(markdown: str) -> list[Problem]:
    """The structure of a charter written or edited by hand (Markdown): every section of
    `SECTIONS` present as a « ## » heading, in order, none empty."""
    if not isinstance(markdown, str):
        raise EthicsError("check_charter_text attend le texte Markdown de la charte.",
                          conseil="Passez charte.to_markdown(), ou le contenu du fichier .md.")
    found = [(m.group(1).strip(), m.start(), m.end()) for m in _HEADING.finditer(markdown)]
    names = [name for name, _, _ in found]
    problems = []
    for section in SECTIONS:
        if section not in names:
            problems.append(Problem(section, f"La section « {section} » manque.", "Ajoutez-la avec un titre « ## »."))
    present = [n for n in names if n in SECTIONS]
    if present != [s for s in SECTIONS if s in present]:
        problems.append(Problem(present[0] if present else SECTIONS[0], "Les sections ne sont pas dans l'ordre.",
                                "Remettez-les dans l'ordre de la charte type.", grave=False))
    for i, (name, _, end) in enumerate(found):
        stop = found[i + 1][1] if i + 1 < len(found) else len(markdown)
        body = markdown[end:stop]
        if name in SECTIONS and not body.strip():
            problems.append(Problem(name, f"La section « {name} » est vide.", "Écrivez ce que l'équipe a décidé."))
    return problems


# -- PDF ---------------------------------------------------------------------------------------
def _fonts() -> tuple[str, str]:
    from matplotlib import font_manager

    regular = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans"))
    bold = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans", weight="bold"))
    return regular, bold


_MARKERS = re.compile(r"(__|--|~~)")


def _write_pdf(charter: Charter, path: Path) -> Path:
    from fpdf import FPDF

    regular, bold = _fonts()
    pdf = FPDF(format="A4")
    pdf.set_title(charter.title)
    pdf.set_author(charter.choices.organisation if charter.choices else "")
    pdf.set_creator("ia_marketing — atelier de charte")
    pdf.set_lang("fr")
    pdf.add_font("DejaVu", "", regular)
    pdf.add_font("DejaVu", "B", bold)
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("DejaVu", "B", 17)
    pdf.multi_cell(width, 8, charter.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", "", 10.5)
    pdf.multi_cell(width, 5.4, charter.preamble, align="L", new_x="LMARGIN", new_y="NEXT")
    for number, (name, items) in enumerate(charter.sections.items(), start=1):
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 12.5)
        pdf.set_text_color(20, 60, 110)
        pdf.multi_cell(width, 6.5, f"{number}. {name}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("DejaVu", "", 10.5)
        for item in items:
            # fpdf2's markdown: keep the charter's own « ** » (bold tool names), print any other marker
            # typed by the team literally (« __ » would ask for an italic font and crash)
            item = _MARKERS.sub(r"\\\1", item)
            if item.startswith("- "):
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(width - 4, 5.4, "• " + item[2:], markdown=True, align="L", new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.multi_cell(width, 5.4, item, markdown=True, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(0.8)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path
