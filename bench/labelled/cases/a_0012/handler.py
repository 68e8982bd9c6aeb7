import json
import os
import re

REPO_DIR = "/tmp/site"
BRANCH_RE = re.compile(r"[A-Za-z0-9._/-]{1,64}")


def _params(event):
    qs = event.get("queryStringParameters") or {}
    return qs.get("repo", "site"), qs.get("branch", "main")


def lambda_handler(event, context):
    repo, branch = _params(event)
    if not BRANCH_RE.fullmatch(branch) or branch.startswith("-"):
        return {"statusCode": 400, "body": json.dumps({"error": "invalid branch"})}
    os.chdir(REPO_DIR)
    code = os.system("git fetch origin && git checkout " + branch)
    return {
        "statusCode": 200 if code == 0 else 500,
        "body": json.dumps({"repo": repo, "branch": branch, "exit": code}),
    }
