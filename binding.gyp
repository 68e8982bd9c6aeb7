{
  "targets": [
    {
      "target_name": "krait_parse",
      "sources": [
        "native/krait_parse.c",
        "<!(node -p \"require('path').relative('.', require('path').join(require('path').dirname(require.resolve('tree-sitter/package.json')), 'vendor/tree-sitter/lib/src/lib.c'))\")",
        "<!(node -p \"require('path').relative('.', require('path').join(require('path').dirname(require.resolve('tree-sitter-python/package.json')), 'src/parser.c'))\")",
        "<!(node -p \"require('path').relative('.', require('path').join(require('path').dirname(require.resolve('tree-sitter-python/package.json')), 'src/scanner.c'))\")"
      ],
      "include_dirs": [
        "<!(node -p \"require('path').relative('.', require('path').join(require('path').dirname(require.resolve('tree-sitter/package.json')), 'vendor/tree-sitter/lib/include'))\")",
        "<!(node -p \"require('path').relative('.', require('path').join(require('path').dirname(require.resolve('tree-sitter/package.json')), 'vendor/tree-sitter/lib/src'))\")",
        "<!(node -p \"require('path').relative('.', require('path').join(require('path').dirname(require.resolve('tree-sitter-python/package.json')), 'src'))\")"
      ],
      "defines": ["NDEBUG", "_POSIX_C_SOURCE=200112L", "_DEFAULT_SOURCE", "NAPI_VERSION=8"],
      "conditions": [
        ["OS!='win'", { "cflags_c": ["-std=c11", "-fvisibility=hidden", "-Wno-unused-value", "-Wno-unused-parameter", "-Wno-unused-but-set-variable"] }, { "cflags_c": ["/std:c11"] }]
      ]
    }
  ]
}
