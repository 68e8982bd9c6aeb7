import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)

DEFAULTS = {"retries": 3, "timeout": 30, "notify": []}


class PipelineConfig:
    def __init__(self, raw_text):
        self.raw_text = raw_text
        self.values = dict(DEFAULTS)

    def parse(self):
        loaded = yaml.load(self.raw_text, Loader=yaml.SafeLoader)
        if isinstance(loaded, dict):
            self.values.update(loaded)
        return self.values


@app.route("/pipelines/<name>/config", methods=["PUT"])
def update_pipeline_config(name):
    text = request.data.decode("utf-8", errors="replace")
    cfg = PipelineConfig(text)
    try:
        values = cfg.parse()
    except yaml.YAMLError as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(pipeline=name, config=values)
