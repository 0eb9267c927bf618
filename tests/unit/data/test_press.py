"""The press list: 50 journalists following disciplines they may have covered."""

from __future__ import annotations

import pandas as pd

from ia_marketing.data import world


def test_journalists(data: dict[str, pd.DataFrame]) -> None:
    press = data["journalistes"]
    assert len(press) == 50
    assert set(press.type_media) <= {"presse quotidienne régionale", "magazine culturel", "radio",
                                     "télévision", "web/blog", "podcast"}
    assert press.email.str.fullmatch(r"[a-z0-9.]+@[a-z0-9]+\.example").all() and press.email.is_unique
    followed = press.disciplines_suivies.str.split(";").explode()
    assert set(followed) <= set(world.DISCIPLINES)
    covered = press.dropna(subset=["derniere_couverture"]).merge(
        data["spectacles"], left_on="derniere_couverture", right_on="id_spectacle")
    assert all(row.discipline in row.disciplines_suivies.split(";") for row in covered.itertuples())
    assert 0.1 < press.derniere_couverture.isna().mean() < 0.5
