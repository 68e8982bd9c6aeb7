# Development aid only (never used at run time): count CPython ast node types per file,
# to compare krait's lowering with CPython's. Usage: python3 ast-counts.py FILE...
import ast, sys, json, collections
SKIP = {'Load','Store','Del','And','Or','Add','Sub','Mult','MatMult','Div','Mod','Pow','LShift','RShift','BitOr','BitXor','BitAnd','FloorDiv','Invert','Not','UAdd','USub','Eq','NotEq','Lt','LtE','Gt','GtE','Is','IsNot','In','NotIn','type_ignore','TypeIgnore'}
out = {}
for f in sys.argv[1:]:
    try:
        src = open(f, 'rb').read()
        tree = ast.parse(src)
    except Exception as e:
        continue
    c = collections.Counter()
    for n in ast.walk(tree):
        t = type(n).__name__
        if t in SKIP: continue
        c[t] += 1
    out[f] = c
print(json.dumps(out))
