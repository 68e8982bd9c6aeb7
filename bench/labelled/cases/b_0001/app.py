from flask import Flask, request

app = Flask(__name__)

PAGE_HEAD = "<html><head><title>Search</title></head><body>"
PAGE_TAIL = "</body></html>"


@app.route("/search")
def search():
    term = request.args.get("q", "")
    html = PAGE_HEAD
    html += "<h1>Results</h1>"
    html += "<p>You searched for: " + term + "</p>"
    html += "<ul><li>No matches found.</li></ul>"
    html += PAGE_TAIL
    return html


if __name__ == "__main__":
    app.run(debug=False)
