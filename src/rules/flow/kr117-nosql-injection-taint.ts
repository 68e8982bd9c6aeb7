import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR117: data-flow rule (see src/taint/). */
export const nosqlInjectionTaint = defineRule({
  id: 'KR117',
  name: 'nosql-injection-taint',
  category: 'injection',
  severity: 'high',
  confidence: 'medium',
  cwe: [943],
  docs: {
    what: 'Follows HTTP request data into MongoDB filters (pymongo, motor): a `$where` clause built from it (also in a filter a helper of the module returns), or structured request data — a JSON body, `json.loads` of request data, a Lambda event — as the filter or as a value in it. A string from a query parameter compared for equality is not reported: it cannot be an operator.',
    why: '`$where` runs JavaScript on the server; a filter document from JSON can carry query operators (`{"password": {"$ne": null}}`) that change what the query matches (CWE-943).',
    example: 'users.find_one(request.get_json())',
    instead: 'body = request.get_json()\nusers.find_one({"name": str(body["name"]), "password_hash": hash_of(str(body["password"]))})',
    references: ['https://cwe.mitre.org/data/definitions/943.html', 'https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/05.6-Testing_for_NoSQL_Injection'],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} reaches a MongoDB filter in \`${sink}\`: build the filter yourself from values converted to strings or numbers, and never put input in \`$where\`.`);
    },
  },
});
