/*
 * krait_parse: parse Python with tree-sitter and copy the tree out in one call.
 *
 * The `tree-sitter` node binding exposes the tree node by node: reading it through a
 * cursor costs four to six calls across the native boundary per node, which measured as
 * much time as the parse itself (docs/performance.md, "Ninth round"). This addon links the
 * same tree-sitter runtime and tree-sitter-python grammar (their C sources, from the two
 * npm packages, pinned in package-lock.json), parses a JS string, walks the tree in C with
 * the same rules as src/python/parse/cursor.ts and returns the kept nodes as one Uint32Array;
 * the tree is deleted before the call returns, so no native memory waits for V8's GC.
 *
 * Record layout (4 x uint32 per node, pre-order; record 0 is the module itself):
 *   [0] symbol id | field id << 16
 *   [1] start offset (UTF-16 code units)
 *   [2] end offset (UTF-16 code units)
 *   [3] parent record index | NAMED (bit 31) | TOO_DEEP (bit 30)
 * Header (the first HEADER words, before record 0):
 *   [0] flags: 1 timed out, 2 too deep, 4 has error, 8 a missing node was found
 *   [1] row of the first missing node, [2] its column (UTF-16 units), [3] its symbol
 */
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_python(void);

#define HEADER 4
#define F_KEEP_ANON 1 /* parent type whose anonymous children are kept */
#define F_LEAF 2      /* type whose children are never read */
#define F_STRING 4    /* the `string` type: read from the text unless it interpolates */
#define CHUNK 16384   /* UTF-16 units handed to the parser per read */

/* Per JS environment (the main thread and each worker thread have their own). */
typedef struct {
  uint8_t *flags;
  uint32_t flag_count;
  TSParser *parser;
} State;

static void free_state(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  State *st = (State *)data;
  if (st->parser) ts_parser_delete(st->parser);
  free(st->flags);
  free(st);
}

static State *state_of(napi_env env) {
  void *data = NULL;
  if (napi_get_instance_data(env, &data) != napi_ok) return NULL;
  return (State *)data;
}

typedef struct {
  const uint16_t *text;
  uint32_t length; /* code units */
  double deadline; /* ms since the epoch; Infinity = none */
  int timed_out;
} Input;

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static const char *read_input(void *payload, uint32_t byte, TSPoint position, uint32_t *bytes_read) {
  (void)position;
  Input *in = (Input *)payload;
  uint32_t unit = byte / 2;
  if (unit >= in->length) { *bytes_read = 0; return ""; }
  /* Small inputs are handed over whole; past the deadline the input ends here. */
  if (in->length > CHUNK && now_ms() >= in->deadline) {
    in->timed_out = 1;
    *bytes_read = 0;
    return "";
  }
  uint32_t n = in->length - unit;
  if (in->length > CHUNK && n > CHUNK) n = CHUNK;
  *bytes_read = n * 2;
  return (const char *)(in->text + unit);
}

typedef struct {
  uint32_t *data;
  size_t len, cap;
  int failed;
} Buf;

static void push4(Buf *b, uint32_t a, uint32_t s, uint32_t e, uint32_t p) {
  if (b->failed) return;
  if (b->len + 4 > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 4096;
    uint32_t *d = (uint32_t *)realloc(b->data, cap * sizeof(uint32_t));
    if (!d) { b->failed = 1; return; }
    b->data = d;
    b->cap = cap;
  }
  b->data[b->len++] = a;
  b->data[b->len++] = s;
  b->data[b->len++] = e;
  b->data[b->len++] = p;
}

static uint8_t flags_of(const State *st, TSSymbol sym) { return sym < st->flag_count ? st->flags[sym] : 0; }

/* Does the string literal starting at `offset` have an f or t prefix? (cursor.ts `interpolates`) */
static int interpolates(const Input *in, uint32_t offset) {
  for (uint32_t i = offset; i < offset + 3 && i < in->length; i++) {
    uint16_t c = in->text[i];
    if (c == 'f' || c == 'F' || c == 't' || c == 'T') return 1;
    if (c == '"' || c == '\'') return 0;
  }
  return 0;
}

#define CHECK(call) do { if ((call) != napi_ok) goto fail; } while (0)

/* configure(flags: Uint8Array): per symbol id, F_KEEP_ANON | F_LEAF | F_STRING. */
static napi_value configure(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_typedarray_type type;
  size_t length;
  void *data;
  napi_value ab;
  size_t offset;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_typedarray_info(env, argv[0], &type, &length, &data, &ab, &offset));
  State *st = state_of(env);
  if (!st || type != napi_uint8_array) goto fail;
  uint8_t *flags = (uint8_t *)malloc(length ? length : 1);
  if (!flags) goto fail;
  memcpy(flags, data, length);
  free(st->flags);
  st->flags = flags;
  st->flag_count = (uint32_t)length;
  return NULL;
fail:
  napi_throw_error(env, NULL, "krait_parse.configure: bad arguments");
  return NULL;
}

/* symbols(): [names: string[], named: boolean[], fields: (string|null)[]] of the grammar. */
static napi_value symbols(napi_env env, napi_callback_info info) {
  (void)info;
  const TSLanguage *lang = tree_sitter_python();
  uint32_t count = ts_language_symbol_count(lang);
  uint32_t fields = ts_language_field_count(lang);
  napi_value result, names, named, fieldNames, v;
  CHECK(napi_create_array_with_length(env, 3, &result));
  CHECK(napi_create_array_with_length(env, count, &names));
  CHECK(napi_create_array_with_length(env, count, &named));
  CHECK(napi_create_array_with_length(env, fields + 1, &fieldNames));
  for (uint32_t i = 0; i < count; i++) {
    const char *name = ts_language_symbol_name(lang, (TSSymbol)i);
    CHECK(napi_create_string_utf8(env, name ? name : "", NAPI_AUTO_LENGTH, &v));
    CHECK(napi_set_element(env, names, i, v));
    CHECK(napi_get_boolean(env, ts_language_symbol_type(lang, (TSSymbol)i) == TSSymbolTypeRegular, &v));
    CHECK(napi_set_element(env, named, i, v));
  }
  for (uint32_t i = 0; i <= fields; i++) {
    const char *name = i ? ts_language_field_name_for_id(lang, (TSFieldId)i) : NULL;
    if (name) CHECK(napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &v));
    else CHECK(napi_get_null(env, &v));
    CHECK(napi_set_element(env, fieldNames, i, v));
  }
  CHECK(napi_set_element(env, result, 0, names));
  CHECK(napi_set_element(env, result, 1, named));
  CHECK(napi_set_element(env, result, 2, fieldNames));
  return result;
fail:
  napi_throw_error(env, NULL, "krait_parse.symbols failed");
  return NULL;
}

/* The first node tree-sitter inserted as missing, in document order (cursor.ts `findMissing`). */
static int find_missing(TSTree *tree, uint32_t *row, uint32_t *col, uint32_t *sym) {
  TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
  int found = 0;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    if (ts_node_is_missing(n)) {
      TSPoint p = ts_node_start_point(n);
      *row = p.row;
      *col = p.column / 2;
      *sym = ts_node_symbol(n);
      found = 1;
      break;
    }
    if (ts_tree_cursor_goto_first_child(&c)) continue;
    int more = 0;
    while (!(more = ts_tree_cursor_goto_next_sibling(&c)))
      if (!ts_tree_cursor_goto_parent(&c)) break;
    if (!more) break;
  }
  ts_tree_cursor_delete(&c);
  return found;
}

/* parse(source: string, deadlineMs: number (ms since the epoch, Infinity = none), maxDepth: number): Uint32Array. */
static napi_value parse(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  Input in = {0};
  Buf out = {0};
  uint16_t *text = NULL;
  uint32_t *stack = NULL;
  TSTree *tree = NULL;
  size_t length = 0;
  double deadline = 0;
  uint32_t max_depth = 400;
  napi_value result = NULL;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 3) goto fail;
  CHECK(napi_get_value_string_utf16(env, argv[0], NULL, 0, &length));
  CHECK(napi_get_value_double(env, argv[1], &deadline));
  CHECK(napi_get_value_uint32(env, argv[2], &max_depth));
  text = (uint16_t *)malloc((length + 1) * sizeof(uint16_t));
  if (!text) goto oom;
  CHECK(napi_get_value_string_utf16(env, argv[0], (char16_t *)text, length + 1, &length));
  in.text = text;
  in.length = (uint32_t)length;
  in.deadline = deadline;

  State *st = state_of(env);
  if (!st) goto fail;
  if (!st->parser) {
    st->parser = ts_parser_new();
    if (!st->parser) goto oom;
    ts_parser_set_language(st->parser, tree_sitter_python());
  }
  TSInput input = { &in, read_input, TSInputEncodingUTF16LE, NULL };
  tree = ts_parser_parse(st->parser, NULL, input);
  if (!tree) goto fail;

  push4(&out, 0, 0, 0, 0); /* the header (HEADER = 4 words): flags, then the missing node's row, column, symbol */
  uint32_t flags = in.timed_out ? 1 : 0;
  push4(&out, 0, 0, (uint32_t)length, 0x80000000u); /* record 0: the module */

  stack = (uint32_t *)malloc((max_depth + 2) * sizeof(uint32_t));
  if (!stack) goto oom;
  uint32_t depth = 1;
  stack[0] = 0;
  uint32_t records = 1;
  TSNode root = ts_tree_root_node(tree);
  if (ts_node_has_error(root)) flags |= 4;
  TSTreeCursor c = ts_tree_cursor_new(root);
  if (ts_tree_cursor_goto_first_child(&c)) {
    uint32_t steps = 0;
    for (;;) {
      if ((++steps & 1023) == 0 && deadline != INFINITY && now_ms() >= deadline) {
        flags |= 1;
        break;
      }
      uint32_t parent = stack[depth - 1];
      int descend = 0;
      TSNode n = ts_tree_cursor_current_node(&c);
      TSSymbol sym = ts_node_symbol(n);
      int named = ts_node_is_named(n);
      TSSymbol parentSym = (TSSymbol)(out.data[HEADER + parent * 4] & 0xffff);
      int keep_anon = parent == 0 ? 0 : (flags_of(st, parentSym) & F_KEEP_ANON);
      if (named || keep_anon) {
        uint32_t field = ts_tree_cursor_current_field_id(&c);
        uint32_t s = ts_node_start_byte(n) / 2, e = ts_node_end_byte(n) / 2;
        uint32_t meta = parent | (named ? 0x80000000u : 0);
        uint8_t f = flags_of(st, sym);
        int more = named && !(f & F_LEAF) && !((f & F_STRING) && !interpolates(&in, s));
        if (more && depth >= max_depth) {
          meta |= 0x40000000u;
          flags |= 2;
          more = 0;
        }
        push4(&out, (uint32_t)sym | (field << 16), s, e, meta);
        uint32_t self = records++;
        if (more && ts_tree_cursor_goto_first_child(&c)) {
          stack[depth++] = self;
          descend = 1;
        }
      }
      if (descend) continue;
      int done = 0;
      while (!ts_tree_cursor_goto_next_sibling(&c)) {
        if (!ts_tree_cursor_goto_parent(&c) || --depth == 0) { done = 1; break; }
      }
      if (done) break;
    }
  }
  ts_tree_cursor_delete(&c);
  if (flags & 4) {
    uint32_t row = 0, col = 0, msym = 0;
    if (find_missing(tree, &row, &col, &msym)) {
      flags |= 8;
      out.data[1] = row;
      out.data[2] = col;
      out.data[3] = msym;
    }
  }
  if (out.failed) goto oom;
  out.data[0] = flags;
  {
    napi_value ab;
    void *dst;
    CHECK(napi_create_arraybuffer(env, out.len * sizeof(uint32_t), &dst, &ab));
    memcpy(dst, out.data, out.len * sizeof(uint32_t));
    CHECK(napi_create_typedarray(env, napi_uint32_array, out.len, ab, 0, &result));
  }
  goto done;
oom:
  napi_throw_error(env, NULL, "krait_parse.parse: out of memory");
  goto done;
fail:
  napi_throw_error(env, NULL, "krait_parse.parse: bad arguments or parse failure");
done:
  if (tree) ts_tree_delete(tree);
  free(stack);
  free(out.data);
  free(text);
  return result;
}

static napi_value init(napi_env env, napi_value exports) {
  State *st = (State *)calloc(1, sizeof(State));
  if (!st || napi_set_instance_data(env, st, free_state, NULL) != napi_ok) {
    free(st);
    napi_throw_error(env, NULL, "krait_parse: out of memory");
    return NULL;
  }
  napi_property_descriptor props[] = {
    { "configure", NULL, configure, NULL, NULL, NULL, napi_default, NULL },
    { "symbols", NULL, symbols, NULL, NULL, NULL, napi_default, NULL },
    { "parse", NULL, parse, NULL, NULL, NULL, napi_default, NULL },
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
