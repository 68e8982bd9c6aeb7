import json
import os

REPO_DIR = "/tmp/site"


def _params(event):
    qs = event.get("queryStringParameters") or {}
    return qs.get("repo", "site"), qs.get("branch", "main")


def _strip(value):
    return value.replace(";", "").replace("&&", "")


def lambda_handler(event, context):
    repo, branch = _params(event)
    branch = _strip(branch)
    os.chdir(REPO_DIR)
    code = os.system("git fetch origin && git checkout " + branch)
    return {
        "statusCode": 200 if code == 0 else 500,
        "body": json.dumps({"repo": repo, "branch": branch, "exit": code}),
    }
