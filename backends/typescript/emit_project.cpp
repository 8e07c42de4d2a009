// The project around the model and the routes: package.json, tsconfig.json, README.md, the app
// factory and server, the OpenAPI documents it serves, and the embedded runtime.

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "backends/support/naming.h"
#include "backends/support/printer.h"
#include "backends/typescript/emitters.h"
#include "backends/typescript/fixed_project_files.h"
#include "base/casing.h"

namespace bpc::backends::typescript {

namespace {

using Json = nlohmann::ordered_json;

// The versions every generated project pins (tested together by bpc's own suite).
constexpr std::pair<std::string_view, std::string_view> kDependencies[] = {
    {"better-sqlite3", "12.4.1"}, {"express", "5.2.1"}, {"zod", "4.1.12"}};
constexpr std::pair<std::string_view, std::string_view> kDevDependencies[] = {
    {"@types/better-sqlite3", "7.6.13"}, {"@types/express", "5.0.3"}, {"@types/node", "20.19.25"}, {"typescript", "5.9.3"}};

std::string package_name(const ir::Module& module, const Options& options) {
  const std::string& option = options.string("package");
  if (!option.empty()) return option;
  const std::string name = to_kebab_case(module.header.name);
  return name.empty() ? "bpc-service" : name;
}

std::string package_json(const ir::Module& module, const Options& options) {
  Json package = Json::object();
  package["name"] = package_name(module, options);
  package["version"] = module.header.version.empty() ? "0.1.0" : module.header.version;
  if (!module.header.description.empty()) package["description"] = module.header.description;
  package["private"] = true;
  package["type"] = "module";
  package["engines"] = Json{{"node", ">=20"}};
  package["scripts"] = Json{{"build", "tsc -p tsconfig.json"},
                            {"test", "tsc -p tsconfig.json && node --test dist/test/*.test.js"},
                            {"start", "node dist/src/server.js"}};
  Json dependencies = Json::object();
  for (const auto& [name, version] : kDependencies) dependencies[std::string(name)] = version;
  Json dev = Json::object();
  for (const auto& [name, version] : kDevDependencies) dev[std::string(name)] = version;
  package["dependencies"] = std::move(dependencies);
  package["devDependencies"] = std::move(dev);
  return package.dump(2) + "\n";
}

constexpr std::string_view kTsconfig = R"({
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["ES2023"],
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "types": ["node"],
    "strict": true,
    "noUncheckedIndexedAccess": true,
    "noImplicitOverride": true,
    "noImplicitReturns": true,
    "noFallthroughCasesInSwitch": true,
    "noUnusedLocals": true,
    "noUnusedParameters": true,
    "exactOptionalPropertyTypes": true,
    "noPropertyAccessFromIndexSignature": true,
    "forceConsistentCasingInFileNames": true,
    "esModuleInterop": true,
    "skipLibCheck": true,
    "sourceMap": true,
    "rootDir": ".",
    "outDir": "dist"
  },
  "include": ["src", "test"]
}
)";

constexpr std::string_view kGitignore = "node_modules/\ndist/\n*.db\n*.orphaned-user-code\n";

std::string context_ts() {
  Printer p;
  print_generated_header(p);
  p.print(R"(
    // What routes and hand-written handlers work with.
    import type { EventMap } from './model.js';
    import type { Conditions, Principal } from './runtime/access.js';
    import type { EventBus, PendingEvents } from './runtime/events.js';
    import type { Store } from './runtime/store.js';

    export interface Services {
      readonly store: Store;
      readonly bus: EventBus<EventMap>;
      readonly conditions: Conditions;
    }

    // What a custom operation's handler gets besides its arguments.
    export interface OperationContext {
      // The caller (undefined when the blueprint declares no roles).
      readonly principal: Principal | undefined;
      readonly store: Store;
      // Events raised here are published after the handler returns successfully.
      readonly events: PendingEvents<EventMap>;
    }
  )");
  return p.take_output();
}

std::string app_ts(const TsContext& ctx) {
  const ir::Module& m = ctx.module();
  Printer p;
  print_generated_header(p);
  p.print(R"(
    // The Express application: JSON bodies, authentication, the routes of every API, /health,
    // /openapi.json and errors as problem details.
    import express, { type NextFunction, type Request, type Response } from 'express';

    $imports$
    import type { Services } from './context.js';
    import { conditions } from './handlers/conditions.js';
    import type { EventMap } from './model.js';
    import { openApiDocuments } from './openapi.js';
    import type { TokenVerifier } from './runtime/access.js';
    import { EventBus } from './runtime/events.js';
    import { authenticate, sendProblem } from './runtime/http.js';
    import { HttpProblem } from './runtime/problem.js';
    import type { Store } from './runtime/store.js';

    export interface AppOptions {
      readonly store: Store;
      // Maps bearer tokens to principals (see runtime/access.ts: staticTokenVerifier for development).
      readonly verifier: TokenVerifier;
    }

    export function createApp(options: AppOptions): { app: express.Express; services: Services } {
      const services: Services = { store: options.store, bus: new EventBus<EventMap>(options.store.outbox), conditions };
      const app = express();
      app.disable('x-powered-by');
      app.use(express.json({ limit: '1mb' }));
      // A body must be JSON (415 otherwise); a request without a body passes.
      app.use((req: Request, _res: Response, next: NextFunction) => {
        if (['POST', 'PUT', 'PATCH'].includes(req.method) && req.is('application/json') === false) {
          throw new HttpProblem(415, 'Unsupported media type', 'the request body must be application/json');
        }
        next();
      });
      app.use(authenticate(options.verifier));
      app.get('/health', (_req, res) => {
        res.json({ status: 'ok' });
      });
      app.get('/openapi.json', (_req, res) => {
        const names = Object.keys(openApiDocuments);
        if (names.length === 1) res.json(openApiDocuments[names[0]!]);
        else res.json({ documents: Object.fromEntries(names.map((name) => [name, `/openapi/$${encodeURIComponent(name)}.json`])) });
      });
      app.get('/openapi/:name.json', (req, res) => {
        const document = Object.hasOwn(openApiDocuments, req.params.name) ? openApiDocuments[req.params.name] : undefined;
        if (document === undefined) throw new HttpProblem(404, 'Not found', 'no such API');
        res.json(document);
      });
      $mounts$
      app.use((_req: Request, _res: Response) => {
        throw new HttpProblem(404, 'Not found', 'no route matches this request');
      });
      app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
        if (error instanceof HttpProblem) return sendProblem(res, error);
        const status = (error as { status?: unknown }).status;
        if (typeof status === 'number' && status >= 400 && status < 500) {
          return sendProblem(res, new HttpProblem(status, 'Bad request', error instanceof Error ? error.message : undefined));
        }
        console.error(error);
        return sendProblem(res, new HttpProblem(500, 'Internal error'));
      });
      return { app, services };
    }
  )", {{"imports", [&] {
          for (std::uint32_t i = 0; i < m.apis.size(); ++i) {
            const ApiNames& names = ctx.api_names(ir::ApiId{i});
            p.print("import { $router$ } from './api/$folder$/router.js';\n", {{"router", names.router}, {"folder", names.folder}});
          }
        }},
       {"mounts", [&] {
          for (std::uint32_t i = 0; i < m.apis.size(); ++i) {
            const std::string& base = m.apis[i].base_path;
            p.print("app.use($base$, $router$(services));\n",
                    {{"base", TsContext::string(base.empty() ? "/" : base)}, {"router", ctx.api_names(ir::ApiId{i}).router}});
          }
        }}});
  return p.take_output();
}

std::string server_ts(const Options& options) {
  Printer p;
  print_generated_header(p);
  p.print(R"(
    // `npm start`: serves the API. DATABASE=path.db keeps data in SQLite (else in memory), PORT
    // sets the port, BPC_DEV_TOKENS=token=Role+Role,... sets development bearer tokens.
    import { createApp } from './app.js';
    import { staticTokenVerifier } from './runtime/access.js';
    import { MemoryStore } from './runtime/memory-store.js';
    import { SqliteStore } from './runtime/sqlite-store.js';

    const database = process.env['DATABASE'];
    const store = database === undefined || database === '' ? new MemoryStore() : new SqliteStore(database);
    const { app } = createApp({ store, verifier: staticTokenVerifier(process.env['BPC_DEV_TOKENS']) });
    const port = Number(process.env['PORT'] ?? $port$);
    app.listen(port, () => {
      console.log(`listening on http://localhost:$${port}`);
    });
  )", {{"port", options.integer("port")}});
  return p.take_output();
}

// The documents are string literals of their JSON, parsed when the module loads: written as
// object literals, a key `__proto__` (a field of that name in a schema) would set a prototype.
std::string openapi_ts(const ir::Module& module, const std::vector<std::string>& documents) {
  Printer p;
  print_generated_header(p);
  p.print(R"(
    // The OpenAPI 3.1 document of each API (what `bpc build --target openapi` writes), by API name.
    export const openApiDocuments: Readonly<Record<string, unknown>> = {
      $entries$
    };
  )", {{"entries", [&] {
          for (std::size_t i = 0; i < documents.size(); ++i) {
            p.print("$name$: JSON.parse($document$) as unknown,\n",
                    {{"name", TsContext::key(module.apis[i].name)}, {"document", documents[i]}});
          }
        }}});
  return p.take_output();
}

// Blueprint text as literal Markdown text: characters that open emphasis, code, links, tags or
// tables are backslash-escaped, and so is a start that would make a heading or a list item, so a
// title cannot change the document's structure. Line breaks become spaces.
std::string markdown_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\`*_[]<>#|~&").find(c) != std::string_view::npos) out += '\\';
    out += c == '\n' || c == '\r' ? ' ' : c;
  }
  const std::size_t digits = out.find_first_not_of("0123456789");
  if (!out.empty() && (out[0] == '-' || out[0] == '+')) {
    out.insert(0, 1, '\\');
  } else if (digits != std::string::npos && digits > 0 && (out[digits] == '.' || out[digits] == ')')) {
    out.insert(digits, 1, '\\');
  }
  return out;
}


// How to give development tokens, with the blueprint's own roles: `alice` holds the first role,
// `bob` the second and the first. Role names are identifiers, safe in Markdown code spans.
std::string development_tokens_line(const ir::Module& m) {
  if (m.roles.empty()) return "the blueprint declares no role, so every route is open and needs no token.";
  std::string example = "alice=" + m.roles[0].name;
  if (m.roles.size() > 1) example += ",bob=" + m.roles[1].name + "+" + m.roles[0].name;
  return fmt::format("`BPC_DEV_TOKENS={}` maps development bearer tokens to roles\n(replace "
                     "`staticTokenVerifier` in `src/server.ts` with a real verifier in production).",
                     example);
}

// The README's account of the generated tests, with each group that could not be generated.
std::string tests_section(const std::vector<service::SkippedTests>& skipped) {
  if (skipped.empty()) return "Every generated test group could be written: none is skipped.\n";
  std::string out = fmt::format("{} group{} of tests could not be generated and {} reported as skipped by `npm test`:\n\n",
                                skipped.size(), skipped.size() == 1 ? "" : "s", skipped.size() == 1 ? "is" : "are");
  for (const service::SkippedTests& skip : skipped) {
    out += fmt::format("- {}: {}\n", markdown_text(skip.tests), markdown_text(skip.reason));
  }
  return out;
}

std::string readme(const TsContext& ctx, const Options& options, const std::vector<service::SkippedTests>& skipped) {
  const ir::Module& m = ctx.module();
  std::string apis;
  for (const ir::Api& api : m.apis) {
    apis += fmt::format("- {} at {}: {} operations\n", markdown_text(api.name),
                        markdown_text(api.base_path.empty() ? "/" : api.base_path), api.operations.size());
  }
  std::string intents;
  for (const ir::Intent& intent : m.intents) {
    intents += fmt::format("- {} \"{}\"{}\n", intent.kind, markdown_text(intent.title),
                           intent.priority.empty() ? "" : fmt::format(" ({})", intent.priority));
  }
  std::string roles;
  for (const ir::Role& role : m.roles) roles += fmt::format("{}{}", roles.empty() ? "" : ", ", markdown_text(role.name));
  Printer p;
  p.print(R"(
    # $name$

    $description$

    Generated by bpc from the $blueprint$ blueprint: an Express 5 + Zod
    service for Node 20. Regenerate with `bpc build`; code inside `bpc:begin-user-code` /
    `bpc:end-user-code` markers is kept, every other edit to a generated file is reported as a
    conflict.

    ## Commands

    ```sh
    npm install
    npm test        # strict tsc, then the generated tests (node:test)
    npm start       # serves on PORT (default $port$)
    ```

    Environment: `PORT`; `DATABASE=data.db` stores records in SQLite (default: in memory);
    $tokens$

    ## APIs

    $apis$
    Each serves `GET /openapi.json` (the OpenAPI 3.1 document) and `GET /health`.

    ## Roles

    $roles$

    ## Generated tests

    $tests$
    ## Where to write code

    - `src/api/<api>/handlers.ts`: custom operations (they answer 501 until written).
    - `src/handlers/guards.ts`: workflow guards (they allow every transition until written).
    - `src/handlers/conditions.ts`: policy conditions (they fail closed until written).

    ## Intents

    $intents$
  )", {{"name", markdown_text(m.header.name.empty() ? package_name(m, options) : m.header.name)},
       {"description", markdown_text(m.header.description)}, {"blueprint", markdown_text(m.header.name)},
       {"port", options.integer("port")}, {"tokens", development_tokens_line(m)},
       {"apis", apis.empty() ? "(none)\n" : apis}, {"roles", roles.empty() ? "None: every operation is open." : roles},
       {"intents", intents.empty() ? "(none)\n" : intents}, {"tests", tests_section(skipped)}});
  return p.take_output();
}

}  // namespace

void emit_project(const TsContext& ctx, const Options& options, const std::vector<std::string>& openapi_documents,
                  const std::vector<service::SkippedTests>& skipped, OutputDirectory& out) {
  out.add("package.json", package_json(ctx.module(), options));
  out.add("tsconfig.json", std::string(kTsconfig));
  out.add(".gitignore", std::string(kGitignore));
  out.add("README.md", readme(ctx, options, skipped));
  out.add("src/context.ts", context_ts());
  out.add("src/app.ts", app_ts(ctx));
  out.add("src/server.ts", server_ts(options));
  out.add("src/openapi.ts", openapi_ts(ctx.module(), openapi_documents));
  for (const EmbeddedFile& file : fixed_project_files()) out.add(std::string(file.path), std::string(file.contents));
}

}  // namespace bpc::backends::typescript
