/**
 * Methods of classes defined in the same module: a request value passed to a method called
 * on an instance (`Repo().find(x)`, `repo = Repo(); repo.find(x)`, a module-level instance),
 * on the class (`Repo.find(obj, x)`, static and class methods) or inherited from a base of
 * this module reaches the sink inside the method. Each pair's safe twin passes a constant
 * or a sanitised value to the same method.
 */
import { describe } from 'vitest';
import { py, runPairs, type Pair } from './models-helpers.js';

const REPO = py(`
import sqlite3, subprocess
from flask import Flask, request
app = Flask(__name__)
class Repo:
    def __init__(self):
        self.conn = sqlite3.connect("app.db")
    def find(self, name):
        sql = "SELECT * FROM users WHERE name = '%s'" % name
        return self.conn.execute(sql).fetchall()
    @staticmethod
    def ping(host):
        return subprocess.run("ping -c 1 " + host, shell=True)
    @classmethod
    def lookup(cls, name):
        return sqlite3.connect("app.db").execute("SELECT id FROM users WHERE name = '" + name + "'").fetchone()
    @property
    def table(self):
        return "users"
class Admins(Repo):
    pass
REPO = Repo()
`);

const view = (body: string) => `${REPO}@app.route("/u")\ndef u():\n${body.replace(/^/gm, '    ')}\n`;

const PAIRS: Pair[] = [
  { name: 'instance made in the call: Repo().find(x)', rule: 'KR101', vuln: view('return str(Repo().find(request.args["name"]))'), safe: view('return str(Repo().find("bob"))'), source: 'request.args' },
  { name: 'instance bound to a local name', rule: 'KR101', vuln: view('repo = Repo()\nreturn str(repo.find(request.args["name"]))'), safe: view('repo = Repo()\nreturn str(repo.find(str(int(request.args["name"]))))') },
  { name: 'module-level instance', rule: 'KR101', vuln: view('return str(REPO.find(request.args["name"]))'), safe: view('return str(REPO.find("alice"))') },
  { name: 'method called on the class with the instance first', rule: 'KR101', vuln: view('return str(Repo.find(REPO, request.args["name"]))'), safe: view('return str(Repo.find(REPO, "carol"))') },
  { name: 'static method: no self to skip', rule: 'KR102', vuln: view('return str(Repo.ping(request.args["host"]))'), safe: view('return str(Repo.ping("localhost"))') },
  { name: 'class method: cls skipped', rule: 'KR101', vuln: view('return str(Repo.lookup(request.args["name"]))'), safe: view('return str(Repo.lookup("dave"))') },
  { name: 'method inherited from a base class of this module', rule: 'KR101', vuln: view('return str(Admins().find(request.args["name"]))'), safe: view('return str(Admins().find("erin"))') },
];

describe('methods of classes of the same module', () => {
  runPairs(PAIRS);
});
