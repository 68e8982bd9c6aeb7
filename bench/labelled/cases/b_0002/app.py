import html as htmllib

from flask import Flask, request

app = Flask(__name__)

PAGE_HEAD = "<html><head><title>Search</title></head><body>"
PAGE_TAIL = "</body></html>"


@app.route("/search")
def search():
    term = request.args.get("q", "")
    shown = htmllib.escape(term, quote=True)
    page = PAGE_HEAD
    page += "<h1>Results</h1>"
    page += "<p>You searched for: " + shown + "</p>"
    page += "<ul><li>No matches found.</li></ul>"
    page += PAGE_TAIL
    return page


if __name__ == "__main__":
    app.run(debug=False)
