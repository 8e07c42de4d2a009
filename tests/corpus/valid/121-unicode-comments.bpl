// تعليق بالعربية
/* 中文注释 — 日本語のコメント 😀 */
/// 🎉 doc comment with emoji
entity E { // 한국어 주석
  a: int /* Ελληνικά */
}
