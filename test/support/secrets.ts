import { randomBytes } from 'node:crypto';
import type { SecretKeyRing } from '../../subgraphs/kit/secret-keys.js';
import { secretKeyOf } from '../../subgraphs/kit/secret-keys.js';
import type { NodeInfo } from '../../subgraphs/kit/subgraph.js';

/** A key ring of one fresh random key: what a node reads from its key file. */
export function freshKeyRing(): SecretKeyRing {
  const key = secretKeyOf(randomBytes(32));
  return { current: key, all: [key] };
}

/** The key-encryption key of the seal keys of in-process test subgraphs. */
export const TEST_KEK = freshKeyRing();
/** The audit keys of in-process test subgraphs. */
export const TEST_AUDIT_KEYS = freshKeyRing();

/** A node as in-process subgraph tests build it: its code, its name and its audit keys. */
export const testNode = (code: string, name: string): NodeInfo => ({ code, name, auditKeys: TEST_AUDIT_KEYS });
