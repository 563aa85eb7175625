/**
 * Whether anything of a process group is still running, for tests that
 * check that a command ended every process it started.
 *
 * A killed process stays a zombie until its parent reaps it; a killed
 * child's orphans are reaped by whatever adopts them, sometimes a second or
 * more later. A zombie runs nothing, so on Linux the members are read from
 * /proc and zombies are not counted; elsewhere `kill(-pgid, 0)` is polled
 * for a few seconds, until ESRCH says the group is gone.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";

/** The ids of the members of process group `pgid` that are not zombies (Linux, from /proc). */
function runningMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so read after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid && fields[0] !== "Z") members.push(Number(entry));
  }
  return members;
}

/** Resolves to the running members of the group (empty when none is left), waiting up to `withinMs` for them to go. */
export async function runningInGroup(pgid: number, withinMs = 5_000): Promise<number[]> {
  const until = Date.now() + withinMs;
  for (;;) {
    let left: number[];
    if (existsSync("/proc/self/stat")) left = runningMembers(pgid);
    else {
      try {
        process.kill(-pgid, 0);
        left = [pgid];
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
        left = [];
      }
    }
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
