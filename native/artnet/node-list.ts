import type { ArtPollReplyPacket } from './codec.ts';

export interface ArtNetNodeEntry {
  ip: string;
  mac: string;
  bindIndex: number;
  shortName: string;
  longName: string;
  nodeReport: string;
  ports: { index: number; output: number | null; input: number | null }[];
  outputPortAddresses: number[];
  lastReply: number;
  firstSeen: number;
}

/**
 * The Art-Net nodes that answered our polls. Pure: every call takes `now`. A node that stops answering is
 * kept (as lost) for `forgetAfterMs`, so the operator sees it vanish instead of silently disappearing.
 */
export class ArtNetNodeList {
  private readonly nodes = new Map<string, ArtNetNodeEntry>();
  private readonly timeoutMs: number;
  private readonly forgetAfterMs: number;

  constructor(timeoutMs: number, forgetAfterMs = 10 * 60_000) {
    this.timeoutMs = timeoutMs;
    this.forgetAfterMs = forgetAfterMs;
  }

  /** Record a reply; returns true when the node is new or came back. */
  update(reply: ArtPollReplyPacket, now: number): boolean {
    const key = `${reply.ip}#${reply.bindIndex}`;
    const known = this.nodes.get(key);
    const fresh = !known || now - known.lastReply > this.timeoutMs;
    this.nodes.set(key, {
      ip: reply.ip,
      mac: reply.mac,
      bindIndex: reply.bindIndex,
      shortName: reply.shortName,
      longName: reply.longName,
      nodeReport: reply.nodeReport,
      ports: reply.ports.map((p) => ({ index: p.index, output: p.outputPortAddress, input: p.inputPortAddress })),
      outputPortAddresses: reply.outputPortAddresses,
      lastReply: now,
      firstSeen: known?.firstSeen ?? now,
    });
    return fresh;
  }

  isAlive(node: ArtNetNodeEntry, now: number): boolean {
    return now - node.lastReply <= this.timeoutMs;
  }

  /** Live nodes that output this Port-Address: where its ArtDmx goes by unicast. */
  subscribers(portAddress: number, now: number): ArtNetNodeEntry[] {
    const out: ArtNetNodeEntry[] = [];
    for (const n of this.nodes.values()) if (this.isAlive(n, now) && n.outputPortAddresses.includes(portAddress)) out.push(n);
    return out;
  }

  /** Did any node (alive or lost) ever claim this Port-Address? (then silence means "lost", not "none yet") */
  everServed(portAddress: number): boolean {
    for (const n of this.nodes.values()) if (n.outputPortAddresses.includes(portAddress)) return true;
    return false;
  }

  /** Every node, forgetting those lost for long. */
  list(now: number): ArtNetNodeEntry[] {
    for (const [key, n] of this.nodes) if (now - n.lastReply > this.forgetAfterMs) this.nodes.delete(key);
    return [...this.nodes.values()].sort((a, b) => a.ip.localeCompare(b.ip, undefined, { numeric: true }) || a.bindIndex - b.bindIndex);
  }
}
