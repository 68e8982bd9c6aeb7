from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/feedback", methods=["POST"])
def submit_feedback():
    author = request.form.get("author", "anonymous")
    rating = request.form.get("rating", "0")
    body = (
        f"Thanks, {author}!\n"
        f"Your rating of {rating} stars has been recorded.\n"
    )
    resp = make_response(body)
    resp.mimetype = "text/plain"
    resp.headers["Cache-Control"] = "no-store"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    return resp
