from flask import Flask, render_template_string, request

app = Flask(__name__)

LAYOUT = """
<!doctype html>
<html>
<head><title>{{ title }}</title></head>
<body>
  <div class="greeting">Hello {{ visitor }}, nice to see you!</div>
</body>
</html>
"""


@app.route("/welcome")
def welcome():
    visitor = request.args.get("name", "guest")
    return render_template_string(LAYOUT, title="Welcome", visitor=visitor)
