import subprocess

from flask import Flask, request, abort, jsonify

app = Flask(__name__)

ALLOWED_TOOLS = {"git", "node", "python3", "java", "go"}


@app.route("/env/version")
def tool_version():
    tool = request.args.get("tool", "")
    if tool not in ALLOWED_TOOLS:
        abort(400)
    result = subprocess.run(f"{tool} --version", shell=True, capture_output=True, text=True)
    first = (result.stdout or result.stderr).splitlines()
    return jsonify({"tool": tool, "version": first[0] if first else None})
