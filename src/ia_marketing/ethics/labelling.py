"""Labelling AI-generated content: a mention people read, and metadata machines read.

What the law asks (Regulation (EU) 2024/1689, the AI Act, art. 50, applicable since 2 August 2026):

* the **providers** of systems that generate synthetic audio, image, video or text mark their
  outputs in a machine-readable format, detectable as artificially generated (art. 50(2));
* the **deployers** — a venue publishing what a tool made — disclose a **deepfake** (an image,
  audio or video that resembles real people, places or events and could be taken for real), with a
  lighter duty for evidently artistic, creative or satirical works; and disclose AI-generated or
  manipulated **text published to inform the public on matters of public interest**, unless a
  person reviewed it and holds editorial responsibility (art. 50(4)).

Most marketing copy of a theatre falls under neither deployer duty; many teams label anyway,
because their charter says so and because the public asks. This module gives both forms:

* `label_text` — the text with a short French mention, and a schema.org ``CreativeWork`` in JSON-LD
  whose ``digitalSourceType`` uses the IPTC vocabulary (``TrainedAlgorithmicMediaDigitalSource``
  for content made by a model, ``CompositeWithTrainedAlgorithmicMediaDigitalSource`` when a person
  wrote or reworked it with generated parts), ready to embed in a web page;
* `label_image` — a **copy** of an image (PNG or JPEG; the original is never overwritten) with a
  visible mention along its bottom edge and an XMP packet carrying ``Iptc4xmpExt:DigitalSourceType``,
  as the IPTC recommends for generated images; `read_image_label` reads it back.

Metadata of this kind is easily stripped (a screenshot, some social networks): it is a marking,
not a proof. Providers' signed provenance manifests (C2PA « Content Credentials ») resist better;
signing one needs a certificate, out of this course's reach.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from ..core.html import escape
from .errors import EthicsError

__all__ = ["IPTC_SOURCE_TYPES", "LabelledText", "image_mention", "label_image", "label_text", "read_image_label",
           "text_mention"]

IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"
#: How much of the content a model made -> (IPTC code, schema.org member).
IPTC_SOURCE_TYPES: dict[str, tuple[str, str]] = {
    "genere": ("trainedAlgorithmicMedia", "https://schema.org/TrainedAlgorithmicMediaDigitalSource"),
    "assiste": ("compositeWithTrainedAlgorithmicMedia",
                "https://schema.org/CompositeWithTrainedAlgorithmicMediaDigitalSource"),
}
_PARTS = {"genere": "généré", "assiste": "rédigé avec l'aide"}


def _check(part: str, tool: str) -> None:
    if part not in IPTC_SOURCE_TYPES:
        raise EthicsError(f"Part de l'IA inconnue : « {part} ».",
                          conseil="Écrivez part=\"genere\" (produit par l'IA) ou part=\"assiste\" "
                                  "(écrit ou retravaillé par une personne, avec des parties générées).")
    if not isinstance(tool, str) or not tool.strip():
        raise EthicsError("Nommez l'outil ou le modèle utilisé (tool=…).",
                          conseil="Par exemple : tool=\"Gemma 3 270M (modèle local)\" ou tool=\"Le Chat (Mistral AI)\".")


def text_mention(*, part: str = "assiste", tool: str, reviewed_by: str | None = None,
                 day: date | None = None) -> str:
    """The French mention: « Texte rédigé avec l'aide d'une IA (outil), relu par … le … »."""
    _check(part, tool)
    verb = "généré par une IA" if part == "genere" else "rédigé avec l'aide d'une IA"
    mention = f"Texte {verb} ({tool.strip()})"
    if reviewed_by:
        mention += f", relu et validé par {reviewed_by.strip()}"
        if day is not None:
            mention += f" le {_french_date(day)}"
    return mention + "."


def image_mention(*, part: str = "genere", tool: str) -> str:
    """The short mention printed on an image: « Image générée par IA (outil) »."""
    _check(part, tool)
    what = "Image générée par IA" if part == "genere" else "Image retouchée avec une IA"
    return f"{what} ({tool.strip()})"


def _french_date(day: date) -> str:
    from ..core.fr import date_long
    return date_long(day)


@dataclass
class LabelledText:
    """A text with its mention (``texte``) and its machine-readable description (``metadonnees``)."""

    texte: str
    mention: str
    metadonnees: dict[str, object] = field(default_factory=dict)

    def json_ld(self) -> str:
        """The metadata as a ``<script type="application/ld+json">`` element for a web page."""
        data = json.dumps(self.metadonnees, ensure_ascii=False, indent=2).replace("</", "<\\/")
        return f'<script type="application/ld+json">\n{data}\n</script>'

    def html(self) -> str:
        """The text, its mention in a ``<p class="mention-ia">`` and the JSON-LD, for a web page."""
        body = self.texte[: len(self.texte) - len(self.mention)].rstrip()
        paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n") if p.strip())
        return f'{paragraphs}\n<p class="mention-ia">{escape(self.mention)}</p>\n{self.json_ld()}'


def label_text(text: str, *, tool: str, part: str = "assiste", reviewed_by: str | None = None,
               day: date | str | None = None, title: str | None = None, publisher: str | None = None) -> LabelledText:
    """*text* followed by its French mention, with a schema.org description whose
    ``digitalSourceType`` says how much a model made (*part*: ``"genere"`` or ``"assiste"``).

    *reviewed_by* names who checked it (a role is enough: « l'équipe communication »): art. 50(4)
    exempts a text published to inform the public when a person reviewed it and answers for it.
    """
    if not isinstance(text, str) or not text.strip():
        raise EthicsError("Le texte à étiqueter est vide.", conseil="Passez le texte publié, tel quel.")
    when = date.fromisoformat(day) if isinstance(day, str) else day
    mention = text_mention(part=part, tool=tool, reviewed_by=reviewed_by, day=when)
    meta: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "inLanguage": "fr",
        "digitalSourceType": IPTC_SOURCE_TYPES[part][1],
        "creditText": mention,  # names the tool: schema.org has no property for « made with this software »
    }
    if title:
        meta["name"] = title
    if publisher:
        meta["publisher"] = {"@type": "Organization", "name": publisher}
    if when is not None:
        meta["dateCreated"] = when.isoformat()
    if reviewed_by:
        meta["editor"] = {"name": reviewed_by.strip()}  # a person or a team: no @type guessed
    return LabelledText(f"{text.rstrip()}\n\n{mention}", mention, meta)


# -- images ------------------------------------------------------------------------------------
def _xmp(part: str, tool: str, mention: str) -> str:
    code = IPTC + IPTC_SOURCE_TYPES[part][0]
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"\n'
        f'    Iptc4xmpExt:DigitalSourceType="{code}"\n'
        f'    photoshop:Credit="{xml_escape(mention, {chr(34): "&quot;"})}"\n'
        f'    xmp:CreatorTool="{xml_escape(tool, {chr(34): "&quot;"})}">\n'
        f'   <dc:description><rdf:Alt><rdf:li xml:lang="fr">{xml_escape(mention)}</rdf:li></rdf:Alt></dc:description>\n'
        '  </rdf:Description>\n'
        ' </rdf:RDF>\n'
        '</x:xmpmeta>\n'
        '<?xpacket end="w"?>'
    )


def _font(size: int):
    from matplotlib import font_manager
    from PIL import ImageFont
    return ImageFont.truetype(font_manager.findfont("DejaVu Sans"), size)


def label_image(source: str | os.PathLike[str], target: str | os.PathLike[str], *, tool: str,
                part: str = "genere", visible: bool = True) -> Path:
    """Write to *target* a copy of the image *source* (PNG or JPEG) with the IPTC marking in its
    XMP metadata and, when *visible*, the mention on a band along its bottom edge. Refuses to
    overwrite *source*: the original is kept."""
    from PIL import Image, ImageDraw, PngImagePlugin

    src, dst = Path(source), Path(target)
    if not src.is_file():
        raise EthicsError(f"L'image « {src} » est introuvable.", conseil="Vérifiez le chemin du fichier.")
    if dst.exists() and dst.resolve() == src.resolve():
        raise EthicsError("L'image étiquetée remplacerait l'originale.",
                          conseil="Donnez un autre nom au fichier de sortie, par exemple « affiche_etiquetee.png ».")
    kind = dst.suffix.lower()
    if kind not in (".png", ".jpg", ".jpeg"):
        raise EthicsError(f"Format de sortie non pris en charge : « {dst.suffix or '(aucun)'} ».",
                          conseil="Enregistrez en .png ou en .jpg.")
    mention = image_mention(part=part, tool=tool)
    try:
        image = Image.open(src)
        image.load()
    except (OSError, ValueError) as error:
        raise EthicsError(f"« {src.name} » ne se lit pas comme une image ({error}).",
                          conseil="Donnez un fichier PNG ou JPEG.") from None
    image = image.convert("RGBA" if kind == ".png" else "RGB")
    if visible:
        size = max(10, image.height // 28)
        draw = ImageDraw.Draw(image, "RGBA")
        while True:  # shrink the mention until it fits the width (down to 8 px: then it may be cut)
            font = _font(size)
            pad = max(3, size // 3)
            left, top, right, bottom = draw.textbbox((0, 0), mention, font=font)
            if right - left + 2 * pad <= image.width or size <= 8:
                break
            size -= 1
        band_top = image.height - (bottom - top) - 2 * pad
        draw.rectangle([0, band_top, image.width, image.height], fill=(0, 0, 0, 170))
        draw.text((pad, band_top + pad - top), mention, font=font, fill=(255, 255, 255, 255))
    xmp = _xmp(part, tool.strip(), mention)
    dst.parent.mkdir(parents=True, exist_ok=True)
    if kind == ".png":
        info = PngImagePlugin.PngInfo()
        info.add_itxt("XML:com.adobe.xmp", xmp)
        info.add_itxt("Description", mention)
        image.save(dst, pnginfo=info)
    else:
        image.save(dst, quality=92, xmp=xmp.encode("utf-8"))
    return dst


def read_image_label(path: str | os.PathLike[str]) -> dict[str, str | None]:
    """What an image says about its making: ``digital_source_type`` (the IPTC code, or None when
    the image carries none) and ``mention`` (its description)."""
    import re

    from PIL import Image

    with Image.open(path) as image:
        raw = image.info.get("XML:com.adobe.xmp") or image.info.get("xmp") or ""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    code = re.search(r'DigitalSourceType="([^"]+)"', text) or re.search(
        r"<Iptc4xmpExt:DigitalSourceType>([^<]+)<", text)
    mention = re.search(r'<rdf:li xml:lang="fr">([^<]*)</rdf:li>', text)
    from html import unescape
    return {"digital_source_type": code.group(1).rsplit("/", 1)[-1] if code else None,
            "mention": unescape(mention.group(1)) if mention else None}
