"""Social-media posts: engagement by network and format."""

from __future__ import annotations

import pandas as pd


def test_posts_engagement_depends_on_network_and_format(data: dict[str, pd.DataFrame]) -> None:
    posts = data["publications"]
    assert len(posts) == 300
    assert set(posts.reseau) == {"Instagram", "Facebook", "LinkedIn", "TikTok"}
    reach = posts.groupby("reseau").portee.median()
    assert reach["TikTok"] > reach["Instagram"] > reach["LinkedIn"]
    assert (posts.loc[posts.reseau == "TikTok", "type_contenu"] == "vidéo").all()
    by_type = posts.groupby("type_contenu").portee.median()
    assert by_type["vidéo"] > by_type["texte"]
    assert (posts[["nb_likes", "nb_partages", "nb_commentaires"]].max(axis=1) <= posts.portee).all()
    assert posts.texte.str.contains("#ThéâtreDuRivage").all()
    assert posts.texte.nunique() > 250
    assert posts.id_spectacle.isna().mean() < 0.5
