import "server-only";
import fs from "node:fs";

const TABLES = ["/proc/net/udp", "/proc/net/udp6"];

/** What Linux tells about one of this process's UDP sockets. */
export interface UdpSocketInfo {
  /** Datagrams dropped because the receive buffer was full, since the socket was opened. */
  drops: number;
  /** Bytes received by the kernel and not yet read by us. */
  queuedBytes: number;
}

/**
 * The kernel's view of this process's UDP socket bound to `port`, from the `drops` and
 * `rx_queue` columns of Linux's /proc/net/udp and udp6; null where the OS does not tell (not
 * Linux, or the socket was not found). The row is matched by port and by an inode among this
 * process's own file descriptors, so another process's socket never counts.
 */
export function udpSocketInfo(port: number): UdpSocketInfo | null {
  let rows: string[][];
  try {
    rows = TABLES.flatMap((table) => (fs.existsSync(table) ? fs.readFileSync(table, "utf8").split("\n").slice(1) : [])).map((line) => line.trim().split(/\s+/));
  } catch {
    return null;
  }
  const portHex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  const candidates = rows.filter((cols) => cols.length >= 13 && cols[1].endsWith(portHex));
  if (candidates.length === 0) return null;
  const own = ownSocketInodes();
  const mine = candidates.filter((cols) => own.has(cols[9]));
  if (mine.length === 0) return null;
  return {
    drops: mine.reduce((sum, cols) => sum + Number(cols[12]), 0),
    // "tx_queue:rx_queue", both hexadecimal.
    queuedBytes: mine.reduce((sum, cols) => sum + parseInt(cols[4].split(":")[1] ?? "0", 16), 0),
  };
}

function ownSocketInodes(): Set<string> {
  const inodes = new Set<string>();
  try {
    for (const fd of fs.readdirSync("/proc/self/fd")) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/self/fd/${fd}`));
        if (match) inodes.add(match[1]);
      } catch {
        // the descriptor closed while we looked
      }
    }
  } catch {
    // no /proc: the caller reports null
  }
  return inodes;
}
