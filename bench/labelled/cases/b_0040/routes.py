from flask import Flask, jsonify, request

from notifier import WebhookNotifier

app = Flask(__name__)


@app.route("/jobs", methods=["POST"])
def create_job():
    body = request.get_json() or {}
    job = {"id": 42, "task": body.get("task", "noop")}
    notifier = WebhookNotifier(body.get("callback_url"), secret=body.get("secret"))
    status = notifier.send("job.created", job)
    return jsonify(job=job, callback_status=status), 201
