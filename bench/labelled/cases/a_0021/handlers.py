from bottle import Bottle, request, response

from plugins import run_hook

app = Bottle()
STATE = {"visits": 0}


@app.get("/hooks/test")
def test_hook():
    source = request.query.get("hook", "")
    name = request.query.get("name", "adhoc")
    response.content_type = "application/json"
    if not source:
        response.status = 400
        return {"error": "missing hook"}
    result = run_hook(name, source, STATE)
    return {"name": name, "result": result}


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8081)
