import type { JWK } from 'jose';
import { nodeForRegion, PROVINCE_NODE } from '../lib/regions.js';

/**
 * One entry of the node registry file: `[{"code":"350200","name":"厦门市","url":"https://…",
 * "key":{…}}]`. `key` is the public JWK the node signs its calls to other nodes with; the other
 * nodes trust it (without it, a development hub uses the keys in HUB_DATA_DIR).
 */
export interface NodeEntry {
  code: string;
  name: string;
  url: string;
  key?: JWK;
}

/** The nodes the gateway routes to, and which of them owns a region. */
export class Topology {
  readonly nodes: readonly NodeEntry[];
  readonly codes: ReadonlySet<string>;
  readonly province: string;
  private readonly byCode: Map<string, NodeEntry>;

  constructor(nodes: readonly NodeEntry[]) {
    if (nodes.length === 0) throw new Error('the node registry lists no nodes');
    for (const node of nodes) {
      if (!/^\d{6}$/.test(node.code)) throw new Error(`node code ${JSON.stringify(node.code)} is not a 6-digit region code`);
      const url = new URL(node.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`node ${node.code}: url must be http(s)`);
      if (node.key !== undefined && (typeof node.key !== 'object' || node.key === null || 'd' in node.key)) {
        throw new Error(`node ${node.code}: key must be the node's public JWK (without "d")`);
      }
    }
    this.nodes = nodes.map((node) => ({ ...node, url: node.url.replace(/\/+$/, '') }));
    this.byCode = new Map(this.nodes.map((node) => [node.code, node]));
    if (this.byCode.size !== nodes.length) throw new Error('the node registry lists a node twice');
    this.codes = new Set(this.byCode.keys());
    // Data of regions without a node of their own lands at the province node, or, in a
    // registry without one, at the first node listed.
    this.province = this.codes.has(PROVINCE_NODE) ? PROVINCE_NODE : this.nodes[0]!.code;
  }

  node(code: string): NodeEntry {
    const node = this.byCode.get(code);
    if (!node) throw new Error(`unknown node ${code}`);
    return node;
  }

  ownerOfRegion(region: string): string {
    return nodeForRegion(region, this.codes, this.province);
  }

  /** The nodes a `nodes` filter names, in registry order (all when absent), or why it names none. */
  scope(codes: unknown): { nodes: string[] } | { problem: string } {
    if (codes === undefined || codes === null) return { nodes: this.nodes.map((node) => node.code) };
    if (!Array.isArray(codes)) return { problem: 'must be a list of node codes' };
    for (const code of codes) {
      if (typeof code !== 'string' || !this.codes.has(code)) {
        return { problem: `unknown node ${JSON.stringify(code)}; the nodes are ${[...this.codes].join(', ')}` };
      }
    }
    return { nodes: this.nodes.map((node) => node.code).filter((code) => codes.includes(code)) };
  }
}
