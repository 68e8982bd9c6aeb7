import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("first bandit rules", () => {
  it('B201 flask debug', () =>
    testRule('B201', {
      valid: ['from flask import Flask\napp = Flask(__name__)\napp.run()', 'app.run(debug=True)  # no flask import'],
      invalid: [{ code: 'from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)', errors: [{ line: 3, column: 1, message: 'A Flask app appears to be run with debug=True, which exposes the Werkzeug debugger and allows the execution of arbitrary code.' }] }],
    }));
});
