"""Labelling AI-generated content (`ia_marketing.ethics.labelling`): the French mention, the
schema.org JSON-LD with its IPTC digital source type, the HTML (escaped), and images: a labelled
copy in PNG and JPEG written to a temporary folder and read back, the original left byte for byte
as it was, the visible band at the bottom only, and the refusals."""

from __future__ import annotations

import json
import re
from datetime import date

import numpy as np
import pytest
from PIL import Image

from ia_marketing.ethics import EthicsError, label_image, label_text, read_image_label

GENERATED = "https://schema.org/TrainedAlgorithmicMediaDigitalSource"
COMPOSITE = "https://schema.org/CompositeWithTrainedAlgorithmicMediaDigitalSource"


def json_ld_data(script: str) -> dict:
    match = re.fullmatch(r'<script type="application/ld\+json">\n(.*)\n</script>', script, flags=re.S)
    assert match, script
    return json.loads(match.group(1))


# -- texts -----------------------------------------------------------------------------------
def test_an_assisted_text_gets_the_mention_after_a_blank_line():
    out = label_text("Venez découvrir la saison !  \n", tool=" Le Chat (Mistral AI) ")
    assert out.mention == "Texte rédigé avec l'aide d'une IA (Le Chat (Mistral AI))."
    assert out.texte == "Venez découvrir la saison !\n\nTexte rédigé avec l'aide d'une IA (Le Chat (Mistral AI))."


def test_a_generated_and_reviewed_text_names_its_reviewer_and_day():
    out = label_text("Trois soirées de danse.", tool="Gemma 3 270M", part="genere",
                     reviewed_by="l'équipe communication", day="2026-09-14")
    assert out.mention == ("Texte généré par une IA (Gemma 3 270M), relu et validé par l'équipe communication "
                           "le 14 septembre 2026.")
    same = label_text("Trois soirées de danse.", tool="Gemma 3 270M", part="genere",
                      reviewed_by="l'équipe communication", day=date(2026, 9, 14))
    assert same.texte == out.texte and same.metadonnees == out.metadonnees


@pytest.mark.parametrize(("part", "source_type"), [("genere", GENERATED), ("assiste", COMPOSITE)])
def test_the_json_ld_says_how_much_a_model_made(part, source_type):
    out = label_text("Texte.", tool="Le Chat", part=part)
    data = json_ld_data(out.json_ld())
    assert data["@context"] == "https://schema.org" and data["@type"] == "CreativeWork"
    assert data["digitalSourceType"] == source_type
    assert data["inLanguage"] == "fr"
    assert data["creditText"] == out.mention
    assert "Le Chat" in json.dumps(data, ensure_ascii=False)
    assert data == out.metadonnees


def test_the_json_ld_carries_title_publisher_date_and_reviewer_only_when_given():
    bare = label_text("Texte.", tool="Le Chat").metadonnees
    assert not {"name", "publisher", "dateCreated", "editor"} & set(bare)
    full = label_text("Texte.", tool="Le Chat", title="Saison 2026-2027", publisher="Théâtre du Rivage",
                      day="2026-09-14", reviewed_by="la responsable de la communication").metadonnees
    assert full["name"] == "Saison 2026-2027"
    assert full["publisher"] == {"@type": "Organization", "name": "Théâtre du Rivage"}
    assert full["dateCreated"] == "2026-09-14"
    assert full["editor"]["name"] == "la responsable de la communication"
    script = label_text("Texte.", tool="Le Chat", publisher="Théâtre du Rivage").json_ld()
    assert "Théâtre" in script          # readable accents, not \u00e9


def test_a_closing_script_tag_in_the_data_cannot_end_the_json_ld():
    out = label_text("Texte.", tool="Le Chat", title="</script><script>alert(1)</script>")
    script = out.json_ld()
    assert script.count("</script>") == 1 and script.endswith("</script>")
    assert json_ld_data(script)["name"] == "</script><script>alert(1)</script>"


def test_html_escapes_the_text_and_keeps_its_paragraphs():
    out = label_text("Prix <b>réduit</b> & « tarif jeune »\n\nDeuxième paragraphe.", tool="Outil \"X\" <1>")
    html = out.html()
    paragraphs = re.findall(r"<p(?: class=\"mention-ia\")?>(.*?)</p>", html)
    assert paragraphs[:2] == ["Prix &lt;b&gt;réduit&lt;/b&gt; &amp; « tarif jeune »", "Deuxième paragraphe."]
    assert "<b>" not in html and "<1>" not in html.split("<script")[0]
    assert '<p class="mention-ia">Texte rédigé avec l&#x27;aide d&#x27;une IA (Outil &quot;X&quot; &lt;1&gt;).</p>' in html
    assert html.endswith(out.json_ld())


@pytest.mark.parametrize(("kwargs", "match"), [
    (dict(text="   ", tool="Le Chat"), "Le texte à étiqueter est vide"),
    (dict(text=None, tool="Le Chat"), "Le texte à étiqueter est vide"),
    (dict(text="Texte.", tool="Le Chat", part="moitie"), "Part de l'IA inconnue : « moitie »"),
    (dict(text="Texte.", tool=" "), "Nommez l'outil ou le modèle utilisé"),
])
def test_bad_text_labels_are_refused(kwargs, match):
    with pytest.raises(EthicsError, match=match):
        label_text(kwargs.pop("text"), **kwargs)


def test_the_advice_names_the_real_keyword():
    with pytest.raises(EthicsError) as error:
        label_text("Texte.", tool="")
    assert "tool=" in str(error.value) and "outil=" not in str(error.value)


# -- images ----------------------------------------------------------------------------------
def poster(size=(320, 240)) -> Image.Image:
    """A colourful test image: a gradient, so a change anywhere shows."""
    w, h = size
    x, y = np.meshgrid(np.arange(w), np.arange(h))
    pixels = np.stack([(x * 255 // w), (y * 255 // h), np.full_like(x, 180)], axis=-1).astype(np.uint8)
    return Image.fromarray(pixels, "RGB")


@pytest.fixture()
def png(tmp_path):
    path = tmp_path / "affiche.png"
    poster().save(path)
    return path


@pytest.fixture()
def jpeg(tmp_path):
    path = tmp_path / "affiche.jpg"
    poster().save(path, quality=95)
    return path


def pixels(path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB")).astype(int)


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".jpeg", ".PNG"])
@pytest.mark.parametrize("source", ["png", "jpeg"])
def test_a_labelled_copy_is_written_and_read_back(request, tmp_path, source, suffix):
    src = request.getfixturevalue(source)
    original = src.read_bytes()
    target = tmp_path / "sortie" / f"affiche_etiquetee{suffix}"
    out = label_image(src, target, tool="Gemma 3 270M")
    assert out == target and target.is_file()
    assert src.read_bytes() == original
    assert read_image_label(target) == {"digital_source_type": "trainedAlgorithmicMedia",
                                        "mention": "Image générée par IA (Gemma 3 270M)"}
    with Image.open(target) as image:
        assert image.size == (320, 240)
        assert image.format == ("PNG" if suffix.lower() == ".png" else "JPEG")


def test_an_assisted_image_and_special_characters_round_trip(png, tmp_path):
    tool = 'Studio "Rivage" <v2> & Cie'
    target = label_image(png, tmp_path / "retouche.jpg", tool=tool, part="assiste")
    assert read_image_label(target) == {"digital_source_type": "compositeWithTrainedAlgorithmicMedia",
                                        "mention": f"Image retouchée avec une IA ({tool})"}


def test_an_image_without_marking_reads_as_none(png, jpeg):
    assert read_image_label(png) == {"digital_source_type": None, "mention": None}
    assert read_image_label(jpeg) == {"digital_source_type": None, "mention": None}


def test_the_visible_band_changes_the_bottom_and_not_the_top(png, tmp_path):
    before = pixels(png)
    after = pixels(label_image(png, tmp_path / "etiquetee.png", tool="Gemma 3 270M"))
    assert after.shape == before.shape
    assert np.array_equal(after[:150], before[:150])                  # PNG is lossless: the top is untouched
    bottom = slice(-5, None)
    assert (np.abs(after[bottom] - before[bottom]) > 30).mean() > 0.5  # a dark band along the bottom edge
    assert after[bottom].mean() < before[bottom].mean() - 40
    changed_rows = np.flatnonzero(np.abs(after - before).max(axis=(1, 2)) > 0)
    assert changed_rows.min() > 240 * 0.75 and changed_rows.max() == 239


def test_the_band_on_a_jpeg_and_no_band_when_not_visible(jpeg, png, tmp_path):
    before = pixels(jpeg)
    after = pixels(label_image(jpeg, tmp_path / "etiquetee.jpg", tool="Gemma 3 270M"))
    assert np.abs(after[:150] - before[:150]).mean() < 3               # recompression only
    assert after[-5:].mean() < before[-5:].mean() - 40
    hidden = label_image(png, tmp_path / "metadonnees_seules.png", tool="Gemma 3 270M", visible=False)
    assert np.array_equal(pixels(hidden), pixels(png))
    assert read_image_label(hidden)["digital_source_type"] == "trainedAlgorithmicMedia"


def test_the_original_is_never_overwritten(png, tmp_path):
    original = png.read_bytes()
    for target in (png, tmp_path / "autre" / ".." / png.name):
        (tmp_path / "autre").mkdir(exist_ok=True)
        with pytest.raises(EthicsError, match="remplacerait l'originale"):
            label_image(png, target, tool="Gemma 3 270M")
    assert png.read_bytes() == original
    assert read_image_label(png)["digital_source_type"] is None


@pytest.mark.parametrize("name", ["affiche.gif", "affiche.webp", "affiche"])
def test_an_unsupported_output_format_is_refused(png, tmp_path, name):
    with pytest.raises(EthicsError, match="Format de sortie non pris en charge"):
        label_image(png, tmp_path / name, tool="Gemma 3 270M")
    assert not (tmp_path / name).exists()


def test_a_file_that_is_not_an_image_or_does_not_exist_is_refused(tmp_path):
    text = tmp_path / "notes.png"
    text.write_text("ceci n'est pas une image", encoding="utf-8")
    with pytest.raises(EthicsError, match="« notes.png » ne se lit pas comme une image"):
        label_image(text, tmp_path / "sortie.png", tool="Gemma 3 270M")
    truncated = tmp_path / "coupee.png"
    poster().save(truncated)
    truncated.write_bytes(truncated.read_bytes()[:200])
    with pytest.raises(EthicsError, match="ne se lit pas comme une image"):
        label_image(truncated, tmp_path / "sortie.png", tool="Gemma 3 270M")
    with pytest.raises(EthicsError, match="introuvable"):
        label_image(tmp_path / "absente.png", tmp_path / "sortie.png", tool="Gemma 3 270M")
    assert not (tmp_path / "sortie.png").exists()


def test_bad_image_labels_are_refused(png, tmp_path):
    with pytest.raises(EthicsError, match="Part de l'IA inconnue"):
        label_image(png, tmp_path / "x.png", tool="Gemma 3 270M", part="tout")
    with pytest.raises(EthicsError, match="Nommez l'outil"):
        label_image(png, tmp_path / "x.png", tool="")
    assert not (tmp_path / "x.png").exists()


def test_the_visible_mention_shrinks_to_fit_a_narrow_image(tmp_path):
    from PIL import Image

    source = tmp_path / "etroit.png"
    Image.new("RGB", (300, 400), (200, 40, 40)).save(source)
    out = label_image(source, tmp_path / "etroit_etiquete.png", tool="Stable Diffusion XL, version 1.0")
    pixels = Image.open(out).convert("RGB")
    width, height = pixels.size
    bright = lambda xy: min(pixels.getpixel(xy)) > 200  # noqa: E731 - white text on the dark band
    band = range(height - 40, height)
    assert any(bright((x, y)) for x in range(width) for y in band)                # the mention is there
    assert not any(bright((x, y)) for x in range(width - 12, width) for y in band)  # and not cut at the edge
