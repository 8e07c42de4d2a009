// Casing, reserved words, mangling and the Namer (naming.h). Escaping is in escape.cpp.

#include "backends/support/naming.h"

#include <algorithm>
#include <set>

namespace bpc::backends {

namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_upper(c) || is_lower(c) || is_digit(c); }
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

std::string join(const std::vector<std::string>& words, std::string_view separator, bool screaming) {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out += separator;
    for (char c : word) out += screaming ? upper(c) : c;
  }
  return out;
}

// PascalCase (capitalise_first) or camelCase.
std::string join_capitalised(const std::vector<std::string>& words, bool capitalise_first) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string word = words[i];
    if (i > 0 || capitalise_first) word[0] = upper(word[0]);
    // `v1` + `0` would read as one word `v10`; keep the words apart.
    if (i > 0 && is_digit(words[i - 1].back()) && is_digit(word[0])) out += '_';
    out += word;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reserved words. Each list says why its words are there; docs/backends/writing-a-backend.md
// repeats them and a test keeps the two in step.

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

const ReservedTable& table(Target target) {
  static const ReservedTable kTables[] = {
      {sorted({kTypeScriptValue}), sorted({kTypeScriptValue, kTypeScriptType})},
      {sorted({kPythonValue}), sorted({kPythonValue, kPythonType})},
      {sorted({kCppValue}), sorted({kCppValue, kCppType})},
  };
  return kTables[static_cast<int>(target)];
}

bool contains(std::span<const std::string_view> words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// Whether the target reserves names of this shape (rule 1 of naming.h).
bool reserved_shape(std::string_view name, Target target) {
  switch (target) {
    case Target::TypeScript:
      return name.starts_with("__");
    case Target::Python:
      return name.starts_with("_");
    case Target::Cpp:
      return name.starts_with("_") || name.find("__") != std::string_view::npos;
  }
  return false;
}

std::string mangle_with(std::string_view name, Target target, NameKind kind,
                        std::span<const std::string_view> extra) {
  std::string s;
  s.reserve(name.size() + 2);
  for (char c : name) s += is_alnum(c) ? c : '_';

  bool mark = false;
  if (reserved_shape(s, target)) {
    const std::size_t first = s.find_first_not_of('_');
    s = first == std::string::npos ? std::string() : s.substr(first, s.find_last_not_of('_') - first + 1);
    if (target == Target::Cpp) {
      s.erase(std::unique(s.begin(), s.end(), [](char a, char b) { return a == '_' && b == '_'; }), s.end());
    }
    mark = true;
  }
  if (s.empty()) {
    s = "unnamed";
    mark = true;
  }
  if (is_digit(s[0])) {
    const auto letter = std::find_if(s.begin(), s.end(), [](char c) { return is_upper(c) || is_lower(c); });
    s.insert(s.begin(), letter != s.end() && is_upper(*letter) ? 'N' : 'n');
  }
  if (mark) s += '_';
  while (is_reserved(s, target, kind) || contains(extra, s)) {
    // In C++ a second `_` would make `__`, reserved itself.
    s += target == Target::Cpp && s.back() == '_' ? "x_" : "_";
  }
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Casing.

std::vector<std::string> split_words(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!is_alnum(c)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
      continue;
    }
    if (is_upper(c) && !word.empty()) {
      const char previous = name[i - 1];
      const bool after_lower_or_digit = is_lower(previous) || is_digit(previous);
      const bool acronym_end = is_upper(previous) && i + 1 < name.size() && is_lower(name[i + 1]);
      if (after_lower_or_digit || acronym_end) {
        words.push_back(std::move(word));
        word.clear();
      }
    }
    word += lower(c);
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string to_pascal_case(std::string_view name) { return join_capitalised(split_words(name), true); }
std::string to_camel_case(std::string_view name) { return join_capitalised(split_words(name), false); }
std::string to_snake_case(std::string_view name) { return join(split_words(name), "_", false); }
std::string to_screaming_snake_case(std::string_view name) { return join(split_words(name), "_", true); }
std::string to_kebab_case(std::string_view name) { return join(split_words(name), "-", false); }

std::string to_case(std::string_view name, Case convention) {
  switch (convention) {
    case Case::AsIs:
      return std::string(name);
    case Case::Pascal:
      return to_pascal_case(name);
    case Case::Camel:
      return to_camel_case(name);
    case Case::Snake:
      return to_snake_case(name);
    case Case::ScreamingSnake:
      return to_screaming_snake_case(name);
    case Case::Kebab:
      return to_kebab_case(name);
  }
  return std::string(name);
}

// ---------------------------------------------------------------------------------------------
// Reserved words and mangling.

std::span<const std::string_view> reserved_words(Target target, NameKind kind) {
  const ReservedTable& t = table(target);
  return kind == NameKind::Value ? std::span<const std::string_view>(t.value)
                                 : std::span<const std::string_view>(t.type);
}

bool is_reserved(std::string_view identifier, Target target, NameKind kind) {
  const auto words = reserved_words(target, kind);
  return std::binary_search(words.begin(), words.end(), identifier);
}

std::string mangle(std::string_view name, Target target, NameKind kind) {
  return mangle_with(name, target, kind, {});
}

std::string identifier(std::string_view name, Target target, Case convention, NameKind kind) {
  return mangle(to_case(name, convention), target, kind);
}

// ---------------------------------------------------------------------------------------------
// The Namer.

void Namer::define(std::string_view scope, std::span<const std::string> names, Case convention,
                   NameKind kind, std::span<const std::string_view> reserved) {
  define_names(scope, std::vector<std::string_view>(names.begin(), names.end()), convention, kind, reserved);
}

void Namer::define(std::string_view scope, std::initializer_list<std::string_view> names, Case convention,
                   NameKind kind, std::initializer_list<std::string_view> reserved) {
  define_names(scope, std::vector<std::string_view>(names), convention, kind,
               std::span<const std::string_view>(reserved.begin(), reserved.size()));
}

void Namer::define_names(std::string_view scope, std::vector<std::string_view> names, Case convention,
                         NameKind kind, std::span<const std::string_view> reserved) {
  if (has_scope(scope)) throw NamingError("namer: scope `" + std::string(scope) + "` defined twice");
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());

  // Candidates, grouped; within a group the names stay in bytewise order.
  std::map<std::string, std::vector<std::string_view>> groups;
  for (std::string_view name : names) {
    groups[mangle_with(to_case(name, convention), target_, kind, reserved)].push_back(name);
  }

  std::map<std::string, std::string, std::less<>> result;
  std::set<std::string, std::less<>> taken;
  std::vector<std::pair<std::string_view, const std::string*>> losers;
  for (const auto& [candidate, group] : groups) {
    const auto exact = std::find(group.begin(), group.end(), candidate);
    const std::string_view winner = exact != group.end() ? *exact : group.front();
    result.emplace(std::string(winner), candidate);
    taken.insert(candidate);
    for (std::string_view name : group) {
      if (name != winner) losers.emplace_back(name, &candidate);
    }
  }
  std::sort(losers.begin(), losers.end());
  for (const auto& [name, candidate] : losers) {
    const std::string base = candidate->back() == '_' ? *candidate : *candidate + "_";
    for (int n = 2;; ++n) {
      std::string id = base + std::to_string(n);
      if (taken.count(id) != 0 || is_reserved(id, target_, kind) || contains(reserved, id)) continue;
      taken.insert(id);
      result.emplace(std::string(name), std::move(id));
      break;
    }
  }
  scopes_.emplace(std::string(scope), std::move(result));
}

const std::map<std::string, std::string, std::less<>>& Namer::scope(std::string_view scope) const {
  const auto found = scopes_.find(scope);
  if (found == scopes_.end()) throw NamingError("namer: undefined scope `" + std::string(scope) + "`");
  return found->second;
}

const std::string& Namer::get(std::string_view scope_name, std::string_view name) const {
  const auto& names = scope(scope_name);
  const auto found = names.find(name);
  if (found == names.end()) {
    throw NamingError("namer: `" + std::string(name) + "` is not defined in scope `" + std::string(scope_name) +
                      "`");
  }
  return found->second;
}

}  // namespace bpc::backends
