import { asc, eq } from 'drizzle-orm';
import { typeCodeProblem } from '../../lib/codes.js';
import type { HubDatabase } from '../../lib/db.js';
import { badInput } from '../../lib/errors.js';
import { requireText } from '../../lib/validate.js';
import { certificateTypes, itemDefinitions, type CertificateTypeRow } from './db/schema.js';
import type { DefineCertificateTypeInput } from './generated/resolvers.js';

const ITEM_CODE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Defines a certificate type with its items, or redefines one kept at this node, in one
 * transaction. A type's holder kind never changes: certificates already issued depend on it.
 */
export async function defineCertificateType(db: HubDatabase, input: DefineCertificateTypeInput): Promise<CertificateTypeRow> {
  const problem = typeCodeProblem(input.code);
  if (problem) throw badInput('input.code', problem);
  const name = requireText('input.name', input.name, 100);
  const definingAuthority = requireText('input.definingAuthority', input.definingAuthority, 100);
  if (input.validityYears != null && (!Number.isInteger(input.validityYears) || input.validityYears < 1 || input.validityYears > 100)) {
    throw badInput('input.validityYears', 'a validity is 1 to 100 years, or null for no fixed term');
  }
  if (input.items.length === 0) throw badInput('input.items', 'a certificate type defines at least one item');
  if (input.items.length > 200) throw badInput('input.items', 'a certificate type defines at most 200 items');
  const seen = new Set<string>();
  const items = input.items.map((item, position) => {
    const field = `input.items[${position}]`;
    if (!ITEM_CODE.test(item.code)) throw badInput(`${field}.code`, 'an item code is a letter followed by up to 63 letters, digits or _');
    if (seen.has(item.code)) throw badInput(`${field}.code`, `item ${item.code} is defined twice`);
    seen.add(item.code);
    return {
      typeCode: input.code,
      position,
      code: item.code,
      name: requireText(`${field}.name`, item.name, 100),
      required: item.required ?? false,
      sensitive: item.sensitive ?? false,
    };
  });

  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(certificateTypes).where(eq(certificateTypes.code, input.code)).for('update');
    if (existing && existing.holderKind !== input.holderKind) {
      throw badInput('input.holderKind', `type ${input.code} is for ${existing.holderKind} holders and cannot change`);
    }
    const values = {
      code: input.code,
      name,
      definingAuthority,
      holderKind: input.holderKind,
      sharing: input.sharing,
      validityYears: input.validityYears ?? null,
      updatedAt: new Date(),
    };
    const [row] = await tx
      .insert(certificateTypes)
      .values(values)
      .onConflictDoUpdate({ target: certificateTypes.code, set: values })
      .returning();
    await tx.delete(itemDefinitions).where(eq(itemDefinitions.typeCode, input.code));
    await tx.insert(itemDefinitions).values(items);
    return row!;
  });
}

/** Every type kept at this node, ordered by code as the gateway merges them. */
export const listCertificateTypes = (db: HubDatabase) => db.select().from(certificateTypes).orderBy(asc(certificateTypes.code));
