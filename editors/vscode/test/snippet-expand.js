"use strict";
// Expands a VS Code snippet body the way accepting every default does: placeholders give their
// default text, choices their first option, bare tab stops the text of the placeholder with the
// same number (or nothing), $0 nothing. Follows the grammar in VS Code's snippet documentation
// (https://code.visualstudio.com/docs/editing/userdefinedsnippets#_grammar); variables are not
// expected in the extension's snippets and are rejected.

/** Parses snippet text into nodes: strings, { tabstop }, { placeholder, children }, { choice, options }. */
function parse(text) {
  let at = 0;
  const fail = (message) => {
    throw new Error(`${message} at offset ${at} of ${JSON.stringify(text)}`);
  };
  const int = () => {
    const match = /^\d+/.exec(text.slice(at));
    if (!match) {
      fail("expected a tab stop number");
    }
    at += match[0].length;
    return Number(match[0]);
  };
  // Text up to one of `stops`; `\` escapes `$`, `}`, `\` (and, in choices, `,` and `|`).
  const parseNodes = (stops, escapable) => {
    const nodes = [];
    let buffer = "";
    while (at < text.length && !stops.includes(text[at])) {
      const c = text[at];
      if (c === "\\" && at + 1 < text.length && escapable.includes(text[at + 1])) {
        buffer += text[at + 1];
        at += 2;
      } else if (c === "$" && /[0-9{A-Za-z_]/.test(text[at + 1] ?? "")) {
        if (buffer) {
          nodes.push(buffer);
          buffer = "";
        }
        nodes.push(parseDollar());
      } else {
        buffer += c;
        at++;
      }
    }
    if (buffer) {
      nodes.push(buffer);
    }
    return nodes;
  };
  const parseDollar = () => {
    at++; // $
    if (/[0-9]/.test(text[at])) {
      return { tabstop: int() };
    }
    if (text[at] !== "{") {
      fail("variables are not used in these snippets");
    }
    at++; // {
    if (!/[0-9]/.test(text[at])) {
      fail("variables are not used in these snippets");
    }
    const index = int();
    if (text[at] === "}") {
      at++;
      return { tabstop: index };
    }
    if (text[at] === ":") {
      at++;
      const children = parseNodes(["}"], ["$", "}", "\\"]);
      if (text[at] !== "}") {
        fail("unterminated placeholder");
      }
      at++;
      return { placeholder: index, children };
    }
    if (text[at] === "|") {
      at++;
      const options = [];
      let option = "";
      while (at < text.length && !(text[at] === "|" && text[at + 1] === "}")) {
        if (text[at] === "\\" && [",", "|", "\\", "$", "}"].includes(text[at + 1])) {
          option += text[at + 1];
          at += 2;
        } else if (text[at] === ",") {
          options.push(option);
          option = "";
          at++;
        } else {
          option += text[at++];
        }
      }
      if (at >= text.length) {
        fail("unterminated choice");
      }
      options.push(option);
      at += 2;
      return { choice: index, options };
    }
    return fail("unexpected character after ${n");
  };
  const nodes = parseNodes([], ["$", "}", "\\"]);
  return nodes;
}

/** The text of the body with every default accepted. */
function expand(body) {
  const text = Array.isArray(body) ? body.join("\n") : body;
  const nodes = parse(text);
  const defaults = new Map();
  const render = (list) =>
    list
      .map((node) => {
        if (typeof node === "string") {
          return node;
        }
        if ("placeholder" in node) {
          return render(node.children);
        }
        if ("choice" in node) {
          return node.options[0];
        }
        return defaults.get(node.tabstop) ?? "";
      })
      .join("");
  const collect = (list) => {
    for (const node of list) {
      if (typeof node === "object" && "placeholder" in node) {
        collect(node.children);
        if (!defaults.has(node.placeholder)) {
          defaults.set(node.placeholder, render(node.children));
        }
      } else if (typeof node === "object" && "choice" in node && !defaults.has(node.choice)) {
        defaults.set(node.choice, node.options[0]);
      }
    }
  };
  collect(nodes);
  return render(nodes).replace(/\t/g, "  ");
}

module.exports = { parse, expand };
