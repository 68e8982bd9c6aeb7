from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = "change-me"

USERS = {"alice": "wonderland"}


def is_local_path(target):
    return bool(target) and target.startswith("/") and not target.startswith("//") and "\\" not in target


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return '<form method="post"><input name="user"><input name="pw" type="password"></form>'
    user = request.form.get("user")
    if USERS.get(user) != request.form.get("pw"):
        return "invalid credentials", 401
    session["user"] = user
    next_url = request.args.get("next")
    if not is_local_path(next_url):
        next_url = url_for("index")
    return redirect(next_url)


@app.route("/")
def index():
    return "home"
