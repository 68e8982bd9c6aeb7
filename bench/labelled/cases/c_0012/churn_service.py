import os

import joblib
from flask import Flask, jsonify, request
from sklearn.linear_model import LogisticRegression

app = Flask(__name__)
ARTIFACT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "artifacts")
MODEL_PATH = os.path.join(ARTIFACT_DIR, "churn_model.joblib")


def load_model():
    if not os.path.exists(MODEL_PATH):
        return None
    return joblib.load(MODEL_PATH)


@app.route("/train", methods=["POST"])
def train():
    body = request.get_json(force=True) or {}
    X, y = body.get("X", []), body.get("y", [])
    model = LogisticRegression(max_iter=500)
    model.fit(X, y)
    os.makedirs(ARTIFACT_DIR, exist_ok=True)
    joblib.dump(model, MODEL_PATH)
    return jsonify(trained=True, samples=len(X))


@app.route("/predict", methods=["POST"])
def predict():
    features = (request.get_json(force=True) or {}).get("features", [])
    model = load_model()
    if model is None:
        return jsonify(error="model not trained"), 503
    proba = model.predict_proba([features])[0][1]
    return jsonify(churn_probability=float(proba))
