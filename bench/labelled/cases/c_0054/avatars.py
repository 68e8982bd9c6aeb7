import random
import time

import requests
from flask import Flask, Response

app = Flask(__name__)

PALETTE = ["#1abc9c", "#3498db", "#9b59b6", "#e67e22", "#e74c3c", "#34495e"]
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">'
    '<rect width="64" height="64" fill="{color}"/>'
    '<text x="32" y="40" font-size="28" text-anchor="middle" fill="#fff">{initial}</text></svg>'
)


def avatar_color(user_id):
    rng = random.Random(user_id)
    return rng.choice(PALETTE)


def fetch_display_name(user_id, attempts=3):
    for attempt in range(attempts):
        try:
            r = requests.get(f"http://users.internal/api/users/{user_id}", timeout=2)
            return r.json()["display_name"]
        except (requests.RequestException, KeyError, ValueError):
            time.sleep((2 ** attempt) * 0.1 + random.uniform(0, 0.1))
    return "?"


@app.route("/avatars/<int:user_id>.svg")
def avatar(user_id):
    initial = (fetch_display_name(user_id)[:1] or "?").upper()
    if not initial.isalnum():
        initial = "?"
    svg = SVG.format(color=avatar_color(user_id), initial=initial)
    return Response(svg, mimetype="image/svg+xml")
