import { defineRule } from '../../core/rule.js';

/** Calls that deserialise pickle-format data (bandit's B301 blacklist). */
export const PICKLE_CALLS = new Set([
  'pickle.loads', 'pickle.load', 'pickle.Unpickler', 'dill.loads', 'dill.load', 'dill.Unpickler', 'shelve.open',
  'shelve.DbfilenameShelf', 'jsonpickle.decode', 'jsonpickle.unpickler.decode', 'jsonpickle.unpickler.Unpickler',
  'pandas.read_pickle', 'cPickle.loads', 'cPickle.load', 'cPickle.Unpickler', '_pickle.loads', '_pickle.load', '_pickle.Unpickler',
]);

/** B301: unpickling runs code chosen by whoever wrote the data. */
export const pickleUsage = defineRule({
  id: 'B301',
  name: 'pickle',
  category: 'code',
  severity: 'medium',
  confidence: 'high',
  cwe: [502],
  docs: {
    what: 'Flags `pickle`, `cPickle`, `dill`, `shelve` and `jsonpickle` deserialisation and `pandas.read_pickle`.',
    why: 'Unpickling calls constructors named in the data, so a crafted pickle runs arbitrary code (CWE-502). Only unpickle data you produced and authenticated.',
    example: 'obj = pickle.loads(request.data)',
    instead: 'obj = json.loads(request.data)  # a data-only format',
    references: ['https://cwe.mitre.org/data/definitions/502.html', 'https://docs.python.org/3/library/pickle.html', 'https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b301-pickle'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (q && PICKLE_CALLS.has(q)) {
        ctx.report(node, {
          message: 'Pickle and modules that wrap it can be unsafe when used to deserialize untrusted data, possible security issue.',
          fix: 'Use a data-only format (JSON, msgpack) for untrusted input, or sign the data (hmac) and verify before loading.',
        });
      }
    },
  },
});
