from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/feedback", methods=["POST"])
def submit_feedback():
    author = request.form.get("author", "anonymous")
    rating = request.form.get("rating", "0")
    body = (
        f"<html><body>"
        f"<h2>Thanks, {author}!</h2>"
        f"<p>Your rating of {rating} stars has been recorded.</p>"
        f"</body></html>"
    )
    resp = make_response(body)
    resp.headers["Cache-Control"] = "no-store"
    return resp
