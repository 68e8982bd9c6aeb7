from flask import Flask, render_template_string, request

app = Flask(__name__)

LAYOUT = """
<!doctype html>
<html>
<head><title>{title}</title></head>
<body>
  <div class="greeting">{body}</div>
</body>
</html>
"""


@app.route("/welcome")
def welcome():
    visitor = request.args.get("name", "guest")
    source = LAYOUT.format(title="Welcome", body="Hello " + visitor + ", nice to see you!")
    return render_template_string(source)
