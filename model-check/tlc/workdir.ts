/**
 * A private copy of `spec/` for each cross-check, so that TLC writes its
 * dumps, traces and metadata there and never into the repository.
 *
 * @module
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { specDir } from "../project-root.js";

/** A temporary folder holding a copy of every `.tla` and `.cfg` file of `spec/`. */
export class SpecWorkdir {
  readonly path: string;
  private runs = 0;

  constructor() {
    this.path = mkdtempSync(join(tmpdir(), "tla-twin-tlc-"));
    for (const name of readdirSync(specDir())) {
      if (name.endsWith(".tla") || name.endsWith(".cfg")) copyFileSync(join(specDir(), name), join(this.path, name));
    }
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

  /** Deletes the folder and everything TLC wrote in it. */
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
