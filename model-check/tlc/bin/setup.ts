/**
 * `npm run tlc:setup`: downloads the pinned TLC release into the per-user
 * cache and checks its SHA-256. Without network access it says how to
 * provide the jar instead and exits with code 1.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:https";
import { dirname } from "node:path";
import { cachedJarPath, findJava, pinnedTlcRelease } from "../tools.js";

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** GETs a URL, following redirects, into memory. */
function download(url: string, redirects = 5): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const request = get(url, { timeout: 30_000 }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location !== undefined) {
        response.resume();
        if (redirects === 0) return reject(new Error("too many redirects"));
        return resolve(download(new URL(response.headers.location, url).toString(), redirects - 1));
      }
      if (status !== 200) {
        response.resume();
        return reject(new Error(`HTTP ${status}`));
      }
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => resolve(Buffer.concat(chunks)));
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error("no answer within 30 s")));
    request.on("error", reject);
  });
}

async function main(): Promise<number> {
  const target = cachedJarPath();
  if (existsSync(target)) {
    const sum = sha256(readFileSync(target));
    if (sum === pinnedTlcRelease.sha256) {
      console.log(`TLC ${pinnedTlcRelease.version} is already at ${target} (SHA-256 verified).`);
    } else {
      console.log(`${target} exists but is not TLC ${pinnedTlcRelease.version} (SHA-256 ${sum}); it is used as it is. Delete it to download the pinned release.`);
    }
  } else {
    let data: Buffer;
    try {
      data = await download(pinnedTlcRelease.url);
    } catch (e) {
      console.error(`tlc:setup could not download ${pinnedTlcRelease.url} (${(e as Error).message}). Provide TLC yourself: set TLA2TOOLS_JAR to the path of a tla2tools.jar, or copy one to ${target}.`);
      return 1;
    }
    const sum = sha256(data);
    if (sum !== pinnedTlcRelease.sha256) {
      console.error(`tlc:setup: the download has SHA-256 ${sum}, not the pinned ${pinnedTlcRelease.sha256}; nothing was installed.`);
      return 1;
    }
    mkdirSync(dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    writeFileSync(partial, data);
    renameSync(partial, target);
    rmSync(partial, { force: true });
    console.log(`Installed TLC ${pinnedTlcRelease.version} at ${target} (SHA-256 verified).`);
  }
  if (findJava() === undefined) {
    console.error("Java was not found on the PATH: TLC needs a Java runtime (11 or later); install one and put java on the PATH.");
    return 1;
  }
  return 0;
}

process.exitCode = await main();
