// The Blueprint (bpc) extension: starts `bpc lsp` (the language server built into bpc) over stdio
// for .bpl files and restarts it when its settings change. Syntax highlighting, snippets and the
// language configuration are declarative (package.json); everything else comes from the server.
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  type Executable,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
} from "vscode-languageclient/node";

/** The settings under `bpc.*` that the server is started from. */
interface Settings {
  /** The bpc executable as configured (`bpc.path`). */
  readonly path: string;
  /** Import search paths, absolute (`bpc.importPaths`). */
  readonly importPaths: readonly string[];
}

const languageId = "blueprint";
let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let traceOutput: vscode.LogOutputChannel | undefined;
/** Serializes starts, stops and restarts, which settings changes may fire in quick succession. */
let queue: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): void {
  output = vscode.window.createOutputChannel("Blueprint (bpc)", { log: true });
  traceOutput = vscode.window.createOutputChannel("Blueprint (bpc) trace", { log: true });
  context.subscriptions.push(
    output,
    traceOutput,
    vscode.commands.registerCommand("bpc.restartServer", () => enqueue(restart)),
    vscode.commands.registerCommand("bpc.showOutput", () => output?.show(true)),
    // The command of the server's code lenses ("3 references"): the references view at the name.
    vscode.commands.registerCommand("bpc.showReferences", (uri: string, position: { line: number; character: number }) =>
      vscode.commands.executeCommand(
        "editor.action.findReferences",
        vscode.Uri.parse(uri),
        new vscode.Position(position.line, position.character),
      ),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("bpc.path") || event.affectsConfiguration("bpc.importPaths")) {
        output?.info("bpc settings changed: restarting the language server");
        void enqueue(restart);
      }
      // `bpc.trace.server` is read by the language client itself, no restart needed.
    }),
  );
  void enqueue(start);
}

export function deactivate(): Thenable<void> {
  return enqueue(stop);
}

function enqueue(step: () => Promise<void>): Promise<void> {
  queue = queue.then(step, step).catch((error: unknown) => {
    output?.error(`bpc language server: ${describe(error)}`);
  });
  return queue;
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined && running.state !== State.Stopped) {
    await running.stop();
  }
  await running?.dispose();
}

async function start(): Promise<void> {
  const settings = readSettings();
  const command = resolveExecutable(settings.path);
  if (command === undefined) {
    const message =
      `Blueprint: cannot find the bpc executable "${settings.path}". ` +
      "Install bpc or set bpc.path; highlighting and snippets still work.";
    output?.error(message);
    // Not awaited: a restart queued behind this start must not wait for the user to answer.
    void vscode.window.showErrorMessage(message, "Open Settings").then((choice) => {
      if (choice === "Open Settings") {
        void vscode.commands.executeCommand("workbench.action.openSettings", "bpc.path");
      }
    });
    return;
  }
  const root = workspaceRoot();
  // No `transport`: the client then speaks over the process's stdin and stdout without adding
  // `--stdio` to the arguments, so the command line is exactly `bpc lsp`.
  const executable: Executable = {
    command,
    args: ["lsp"],
    options: root === undefined ? {} : { cwd: root },
  };
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  const clientOptions: LanguageClientOptions = {
    // bpc.json too: the server checks the project file as it is edited and offers its fixes.
    documentSelector: [
      { scheme: "file", language: languageId },
      { scheme: "untitled", language: languageId },
      { scheme: "file", pattern: "**/bpc.json" },
    ],
    // Blueprints and project files changed outside the editor (a checkout, a generator).
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.bpl,bpc.json}") },
    initializationOptions: { importPaths: settings.importPaths },
    ...(output === undefined ? {} : { outputChannel: output }),
    ...(traceOutput === undefined ? {} : { traceOutputChannel: traceOutput }),
  };
  // The id "bpc" makes the client read the `bpc.trace.server` setting.
  const next = new LanguageClient("bpc", "Blueprint (bpc)", serverOptions, clientOptions);
  client = next;
  output?.info(`starting ${command} lsp`);
  await next.start();
}

function readSettings(): Settings {
  const configuration = vscode.workspace.getConfiguration("bpc");
  const root = workspaceRoot();
  const importPaths = configuration
    .get<unknown[]>("importPaths", [])
    .filter((entry): entry is string => typeof entry === "string" && entry.length > 0)
    .map((entry) => (root === undefined ? entry : path.resolve(root, expandHome(entry))));
  return { path: configuration.get<string>("path", "bpc").trim() || "bpc", importPaths };
}

function workspaceRoot(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.scheme === "file");
  return folder?.uri.fsPath;
}

function expandHome(entry: string): string {
  const home = process.env["HOME"] ?? process.env["USERPROFILE"];
  return home !== undefined && (entry === "~" || entry.startsWith("~/")) ? home + entry.slice(1) : entry;
}

/**
 * The executable `bpc.path` names: a path (relative ones from the workspace folder) or a command
 * looked up on PATH. Undefined when there is no such executable file.
 */
function resolveExecutable(configured: string): string | undefined {
  const expanded = expandHome(configured);
  if (expanded.includes("/") || expanded.includes("\\")) {
    const root = workspaceRoot();
    const candidate = root === undefined ? path.resolve(expanded) : path.resolve(root, expanded);
    return executableCandidates(candidate).find(isExecutableFile);
  }
  for (const directory of (process.env["PATH"] ?? "").split(path.delimiter)) {
    if (directory.length === 0) {
      continue;
    }
    const found = executableCandidates(path.join(directory, expanded)).find(isExecutableFile);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

function executableCandidates(file: string): string[] {
  if (process.platform !== "win32" || path.extname(file) !== "") {
    return [file];
  }
  const extensions = (process.env["PATHEXT"] ?? ".EXE;.CMD;.BAT;.COM").split(";").filter((ext) => ext !== "");
  return [file, ...extensions.map((ext) => file + ext.toLowerCase())];
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, process.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
