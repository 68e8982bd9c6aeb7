from flask import Flask, redirect, request, url_for

app = Flask(__name__)


@app.route("/go/profile")
def go_to_profile():
    username = request.args.get("u", "").strip()
    if not username:
        return redirect(url_for("directory"))
    return redirect(url_for("profile", username=username))


@app.route("/people")
def directory():
    return "people directory"


@app.route("/people/<username>")
def profile(username):
    return "profile page"
