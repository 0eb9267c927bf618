"""Prompts several test files send to real backends."""

POST_PROMPT = ("Tu es community manager du Théâtre du Rivage. Rédige un post Instagram de deux "
               "phrases pour nos abonnés, qui annonce « Sillage », ballet contemporain.\nPost :")
SLOGAN_PROMPT = "Slogan de la saison 2025-2026 du Théâtre du Rivage :"
