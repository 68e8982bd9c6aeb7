import subprocess
import threading
import uuid

from flask import Flask, request, jsonify

app = Flask(__name__)
JOBS = {}


class LookupJob:
    def __init__(self, req):
        self.id = uuid.uuid4().hex
        self.record_type = "A"
        self.target = req.args.get("name", "localhost")
        self.output = None

    def command(self):
        return "nslookup -type=" + self.record_type + " " + self.target

    def run(self):
        proc = subprocess.Popen(self.command(), shell=True, stdout=subprocess.PIPE)
        self.output = proc.communicate()[0].decode()


@app.route("/dns/lookup")
def lookup():
    job = LookupJob(request)
    JOBS[job.id] = job
    threading.Thread(target=job.run, daemon=True).start()
    return jsonify({"job": job.id})


@app.route("/dns/result/<job_id>")
def result(job_id):
    job = JOBS.get(job_id)
    return jsonify({"output": job.output if job else None})
