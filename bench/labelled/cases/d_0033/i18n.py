DEFAULT_LOCALE = "en"

GREETINGS = {
    "en": "Welcome back",
    "de": "Willkommen zurück",
    "fr": "Bon retour",
    "es": "Bienvenido de nuevo",
}


def pick_translation(locale):
    return GREETINGS.get(locale, GREETINGS[DEFAULT_LOCALE])
