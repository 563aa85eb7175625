/**
 * A private copy of `spec/` for each cross-check, so that TLC writes its
 * dumps, traces and metadata there and never into the repository, and
 * Java's temporary files too (see {@link SpecWorkdir.javaTmpDir}), so that
 * removing the folder leaves nothing behind.
 *
 * @module
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { specDir } from "../project-root.js";

/** A temporary folder holding a copy of every `.tla` and `.cfg` file of `spec/`. */
export class SpecWorkdir {
  readonly path: string;
  private runs = 0;

  /** A copy of spec/, and of `userSpecDir` (a user's protocol's specs) when given. */
  constructor(userSpecDir?: string | URL) {
    this.path = mkdtempSync(join(tmpdir(), "tla-twin-tlc-"));
    const user = userSpecDir === undefined ? [] : [userSpecDir instanceof URL || userSpecDir.startsWith("file:") ? fileURLToPath(userSpecDir) : resolve(userSpecDir)];
    for (const dir of [specDir(), ...user]) {
      for (const name of readdirSync(dir)) {
        if (name.endsWith(".tla") || name.endsWith(".cfg")) copyFileSync(join(dir, name), join(this.path, name));
      }
    }
  }

  /**
   * Whether `file` (a path TLC printed) lies in the folder itself: a copy of
   * spec/ or a file written there, not a standard module TLC unpacked into
   * {@link javaTmpDir}.
   */
  holds(file: string): boolean {
    return dirname(file) === this.path;
  }

  /** Writes a file into the folder and returns its name. */
  write(name: string, text: string): string {
    writeFileSync(join(this.path, name), text);
    return name;
  }

  /** A fresh empty subfolder (for one run's `-metadir`, or its simulation traces). */
  freshDir(prefix: string): string {
    const dir = join(this.path, `${prefix}-${++this.runs}`);
    mkdirSync(dir);
    return dir;
  }

  /**
   * The folder for Java's `java.io.tmpdir`, inside this one: TLC and SANY
   * unpack the standard modules into a new folder there on every run and
   * never remove it, which in the system's temporary folder would pile up.
   */
  javaTmpDir(): string {
    const dir = join(this.path, "java-tmp");
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Deletes the folder and everything TLC wrote in it. */
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
