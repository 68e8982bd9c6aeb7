import { defineRule } from '../../core/rule.js';
import { reportFlows } from '../../taint/index.js';

/** KR109: data-flow rule (see src/taint/). */
export const unsafeDeserializationTaint = defineRule({
  id: 'KR109',
  name: 'unsafe-deserialization-taint',
  category: 'input-validation',
  severity: 'high',
  confidence: 'high',
  cwe: [502],
  docs: {
    what: "Follows untrusted data into deserialisers that can build arbitrary objects: `pickle`, `dill`, `marshal`, `jsonpickle`, `yaml.load` without a safe loader, `torch.load` without `weights_only=True`, `numpy.load(allow_pickle=True)`, `joblib`, `pandas.read_pickle`.",
    why: "A pickle (or an unsafe YAML document) names callables to run while it is loaded: loading attacker data runs attacker code (CWE-502).",
    example: "obj = pickle.loads(base64.b64decode(request.cookies[\"state\"]))",
    instead: "obj = json.loads(request.cookies[\"state\"])  # data only; sign it if it must round-trip",
    references: ["https://cwe.mitre.org/data/definitions/502.html", "https://docs.python.org/3/library/pickle.html"],
  },
  visit: {
    'Module:exit'(node, ctx) {
      reportFlows(node, ctx, (what, sink) => `${what} is deserialised by \`${sink}\`, which can run code: use JSON (or yaml.safe_load) for untrusted data.`);
    },
  },
});
