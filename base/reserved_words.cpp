// The reserved-word tables (reserved_words.h). Each list says why its words are there;
// docs/backends/writing-a-backend.md repeats them and a test keeps the two in step.

#include "base/reserved_words.h"

#include <algorithm>
#include <initializer_list>
#include <vector>

namespace bpc {

namespace {

// TypeScript and JavaScript, names of every kind.
constexpr std::string_view kTypeScriptValue[] = {
    // ECMAScript reserved words.
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
    "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in",
    "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true", "try",
    "typeof", "var", "void", "while", "with",
    // Reserved in strict mode, which modules and classes always are.
    "implements", "interface", "let", "package", "private", "protected", "public", "static",
    "yield",
    // Reserved in modules and async functions.
    "await",
    // Cannot be bound in strict mode.
    "arguments", "eval",
    // Global values a binding would shadow.
    "Infinity", "NaN", "globalThis", "undefined",
    // Property names with a meaning: a class field `constructor` or a static `prototype` is an
    // error, and `__proto__` in an object literal sets the prototype.
    "__proto__", "constructor", "prototype",
};
// TypeScript, type names only: the primitive type names (`type number = ...` is an error), the
// type operators and keywords that a type name cannot be or that parse as an operator where a type
// is expected (`value: readonly`), and the global types and values generated code refers to, which
// a declaration in a module would shadow.
constexpr std::string_view kTypeScriptType[] = {
    "any", "bigint", "boolean", "never", "number", "object", "string", "symbol", "unknown",
    "as", "infer", "keyof", "readonly", "unique",
    "Array", "ArrayBuffer", "Awaited", "BigInt", "Boolean", "Buffer", "Date", "Error", "Exclude",
    "Extract", "Function", "Iterable", "JSON", "Map", "Math", "NonNullable", "Number", "Object",
    "Omit", "Partial", "Pick", "Promise", "PromiseLike", "Readonly", "ReadonlyArray", "Record",
    "RegExp", "Required", "ReturnType", "Set", "String", "Symbol", "TypeError", "URL", "Uint8Array",
    "WeakMap", "WeakSet",
};

// Python 3.11, names of every kind.
constexpr std::string_view kPythonValue[] = {
    // Keywords.
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
    "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
    "yield",
    // Soft keywords (`type` is one from 3.12), and the names of the implicit method parameters.
    "_", "case", "match", "type", "cls", "self",
    // Builtin types: a class attribute named `str` with a default shadows the builtin in every
    // later annotation of the class body (the classic Pydantic trap), and the few builtin
    // functions generated code calls. Other builtins (`id`, `filter`, `format`, `hash`, `input`,
    // `min`, `max`...) are fine to shadow: generated code does not call them.
    "bool", "bytearray", "bytes", "complex", "dict", "float", "frozenset", "int", "list",
    "memoryview", "object", "range", "set", "slice", "str", "tuple", "isinstance", "issubclass",
    "len", "super",
};
// Python, type names only: builtin exceptions and constants generated code raises or returns.
constexpr std::string_view kPythonType[] = {
    "ArithmeticError", "AttributeError", "BaseException", "Ellipsis", "Exception", "IndexError",
    "KeyError", "LookupError", "NotImplemented", "NotImplementedError", "RuntimeError",
    "StopIteration", "TypeError", "ValueError",
};

// C++20, names of every kind.
constexpr std::string_view kCppValue[] = {
    // Keywords.
    "alignas", "alignof", "asm", "auto", "bool", "break", "case", "catch", "char", "char16_t",
    "char32_t", "char8_t", "class", "co_await", "co_return", "co_yield", "concept", "const",
    "const_cast", "consteval", "constexpr", "constinit", "continue", "decltype", "default",
    "delete", "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern",
    "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace",
    "new", "noexcept", "nullptr", "operator", "private", "protected", "public", "register",
    "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
    "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local", "throw",
    "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual", "void",
    "volatile", "wchar_t", "while",
    // Alternative tokens.
    "and", "and_eq", "bitand", "bitor", "compl", "not", "not_eq", "or", "or_eq", "xor", "xor_eq",
    // A line that starts with them is a module directive.
    "import", "module",
    // Macros of the standard library.
    "BUFSIZ", "CHAR_BIT", "CHAR_MAX", "CHAR_MIN", "CLOCKS_PER_SEC", "EDOM", "EILSEQ", "EOF",
    "ERANGE", "EXIT_FAILURE", "EXIT_SUCCESS", "FILENAME_MAX", "HUGE_VAL", "INFINITY", "INT_MAX",
    "INT_MIN", "LLONG_MAX", "LLONG_MIN", "LONG_MAX", "LONG_MIN", "MB_LEN_MAX", "NAN", "NDEBUG",
    "NULL", "RAND_MAX", "SCHAR_MAX", "SCHAR_MIN", "SHRT_MAX", "SHRT_MIN", "SIGABRT", "SIGFPE",
    "SIGILL", "SIGINT", "SIGSEGV", "SIGTERM", "SIZE_MAX", "UCHAR_MAX", "UINT_MAX", "ULLONG_MAX",
    "ULONG_MAX", "USHRT_MAX", "assert", "errno", "offsetof", "setjmp", "stderr", "stdin", "stdout",
    "va_arg", "va_copy", "va_end", "va_start",
    // Platform macros: GCC's in GNU modes, glibc's <sys/sysmacros.h>, and <windows.h>'s (which
    // also defines `min` and `max`: compile generated code with NOMINMAX).
    "linux", "unix", "major", "minor", "CONST", "DELETE", "ERROR", "FALSE", "IN", "OPTIONAL",
    "OUT", "TRUE", "VOID", "interface",
};
// C++, type names only: reserved namespaces and the global typedefs of the C headers.
constexpr std::string_view kCppType[] = {
    "FILE", "clock_t", "int16_t", "int32_t", "int64_t", "int8_t", "intmax_t", "intptr_t",
    "max_align_t", "nullptr_t", "posix", "ptrdiff_t", "size_t", "std", "time_t", "uint16_t",
    "uint32_t", "uint64_t", "uint8_t", "uintmax_t", "uintptr_t",
};

struct ReservedTable {
  std::vector<std::string_view> value;
  std::vector<std::string_view> type;  // value's words too
};

std::vector<std::string_view> sorted(std::initializer_list<std::span<const std::string_view>> lists) {
  std::vector<std::string_view> words;
  for (auto list : lists) words.insert(words.end(), list.begin(), list.end());
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

const ReservedTable& table(TargetLanguage target) {
  static const ReservedTable kTables[] = {
      {sorted({kTypeScriptValue}), sorted({kTypeScriptValue, kTypeScriptType})},
      {sorted({kPythonValue}), sorted({kPythonValue, kPythonType})},
      {sorted({kCppValue}), sorted({kCppValue, kCppType})},
  };
  return kTables[static_cast<int>(target)];
}

}  // namespace

std::string_view language_name(TargetLanguage language) {
  switch (language) {
    case TargetLanguage::TypeScript: return "TypeScript";
    case TargetLanguage::Python: return "Python";
    case TargetLanguage::Cpp: return "C++";
  }
  return "?";
}

std::optional<TargetLanguage> language_of_target(std::string_view target) {
  if (target == "typescript") return TargetLanguage::TypeScript;
  if (target == "python") return TargetLanguage::Python;
  if (target == "cpp") return TargetLanguage::Cpp;
  return std::nullopt;
}

std::span<const std::string_view> reserved_words(TargetLanguage language, NameKind kind) {
  const ReservedTable& t = table(language);
  return kind == NameKind::Value ? std::span<const std::string_view>(t.value) : std::span<const std::string_view>(t.type);
}

bool is_reserved_word(std::string_view word, TargetLanguage language, NameKind kind) {
  const auto words = reserved_words(language, kind);
  return std::binary_search(words.begin(), words.end(), word);
}

}  // namespace bpc
