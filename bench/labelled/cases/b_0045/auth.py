from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = "change-me"

USERS = {"alice": "wonderland"}


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return '<form method="post"><input name="user"><input name="pw" type="password"></form>'
    user = request.form.get("user")
    if USERS.get(user) != request.form.get("pw"):
        return "invalid credentials", 401
    session["user"] = user
    next_url = request.args.get("next")
    if not next_url:
        next_url = url_for("index")
    return redirect(next_url)


@app.route("/")
def index():
    return "home"
