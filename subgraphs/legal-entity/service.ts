import { eq, sql } from 'drizzle-orm';
import { regionCovers } from '../kit/catalog-lookup.js';
import { isoDate, residentIdProblem } from '../../lib/codes.js';
import type { HubDatabase } from '../kit/db.js';
import { badInput, forbidden } from '../../lib/errors.js';
import { optionalText, requireDate, requireText, requireUscc } from '../kit/validate.js';
import { appendEvents, type EventToAppend } from '../events/outbox.js';
import { registryCauses } from '../events/registry-changes.js';
import { legalEntities, type LegalEntityRow } from './db/schema.js';
import type { LegalEntityField, RegisterLegalEntityInput } from './generated/resolvers.js';

type RegistryValues = Partial<Omit<typeof legalEntities.$inferInsert, 'uscc' | 'registeredBy' | 'registeredAt' | 'updatedAt'>>;

/** The registry field (and input field) each clearable field of the API names. */
const CLEARABLE: Readonly<Record<LegalEntityField, 'legalRepresentativeIdNumber' | 'businessScope'>> = {
  LEGAL_REPRESENTATIVE_ID_NUMBER: 'legalRepresentativeIdNumber',
  BUSINESS_SCOPE: 'businessScope',
};

/** A field every registry record has, which a new registration must therefore give. */
function requiredForNew(given: RegistryValues, uscc: string, field: 'name' | 'legalRepresentative' | 'address' | 'establishedOn'): string {
  const value = given[field];
  if (value === undefined) throw badInput(`input.${field}`, `a new registration of ${uscc} needs ${field}`);
  return value;
}

/**
 * Why `registrar` may not register or change `uscc`, or null when it may: the entity's region
 * (characters 3–8 of its USCC) must lie within the registrar's own (characters 3–8 of the
 * registrar's USCC). A province registrar covers the province, a city's its districts, a
 * district's only itself.
 */
export function registrarProblem(registrar: string, uscc: string): string | null {
  const own = registrar.slice(2, 8);
  const entity = uscc.slice(2, 8);
  if (regionCovers(own, entity)) return null;
  return `registrar ${registrar} of region ${own} may not register or change ${uscc} of region ${entity}`;
}

/**
 * The registry fields the input gives, checked: absent or null means "not given", and so does
 * a blank optional field; a blank required one is refused.
 */
function givenValues(input: RegisterLegalEntityInput): RegistryValues {
  const given: RegistryValues = {};
  if (input.name != null) given.name = requireText('input.name', input.name, 200);
  if (input.legalRepresentative != null) given.legalRepresentative = requireText('input.legalRepresentative', input.legalRepresentative, 50);
  const idNumber = input.legalRepresentativeIdNumber?.trim();
  if (idNumber) {
    const problem = residentIdProblem(idNumber);
    if (problem) throw badInput('input.legalRepresentativeIdNumber', problem);
    given.legalRepresentativeIdNumber = idNumber;
  }
  if (input.address != null) given.address = requireText('input.address', input.address, 300);
  const businessScope = optionalText('input.businessScope', input.businessScope, 2000);
  if (businessScope !== null) given.businessScope = businessScope;
  if (input.establishedOn != null) {
    const establishedOn = requireDate('input.establishedOn', input.establishedOn);
    if (establishedOn > isoDate(new Date())) throw badInput('input.establishedOn', `${establishedOn} is in the future`);
    given.establishedOn = establishedOn;
  }
  if (input.status) given.status = input.status;
  return given;
}

/** The optional fields `clear` names, set to null; naming one that is also given is refused. */
function clearedValues(input: RegisterLegalEntityInput, given: RegistryValues): RegistryValues {
  const cleared: RegistryValues = {};
  (input.clear ?? []).forEach((field, i) => {
    const column = CLEARABLE[field];
    if (given[column] !== undefined) throw badInput(`input.clear[${i}]`, `${column} is both given and cleared`);
    cleared[column] = null;
  });
  return cleared;
}

/** What the entity's own inbox says of a registration, a change, or a change of status. */
const STATUS_WORDS: Readonly<Record<LegalEntityRow['status'], string>> = { ACTIVE: '存续', REVOKED: '吊销营业执照', CANCELLED: '注销' };

/** The event of a registration (`before` null) or a change of `row`, by `registrar`. */
function entityEvent(row: LegalEntityRow, registrar: string, before: LegalEntityRow | null): EventToAppend {
  const title =
    before === null ? `${row.name}已完成设立登记` : before.status !== row.status ? `${row.name}登记状态变更为${STATUS_WORDS[row.status]}` : `${row.name}的登记信息已变更`;
  return {
    type: 'LEGAL_ENTITY_CHANGED',
    at: row.updatedAt,
    holderCode: row.uscc,
    status: row.status,
    actor: registrar,
    // What the entity's certificates, at every node, must follow (follow-ups).
    causes: registryCauses(before, row),
    title,
    body: `统一社会信用代码 ${row.uscc}，登记机关 ${registrar}`,
  };
}

/**
 * Registers a legal entity (设立登记) on behalf of the registration authority `registrar`, or —
 * when the USCC is already in the registry — records a change (变更登记). A registrar registers
 * and changes only entities of its own region (registrarProblem: FORBIDDEN otherwise). A new
 * entity needs every required field; a change keeps whatever the input leaves out, and clears
 * an optional field only when `input.clear` names it, so that a change of address cannot erase
 * the representative's ID number. The first registration time is kept. One transaction: the
 * record is locked (select … for update) before it is changed, so two registrars recording the
 * same entity at once cannot leave half of each; the change's event (LEGAL_ENTITY_CHANGED, for
 * the entity's inbox and agencies' webhooks) is written with it.
 */
export async function registerLegalEntity(db: HubDatabase, registrar: string, input: RegisterLegalEntityInput): Promise<LegalEntityRow> {
  const uscc = requireUscc('input.uscc', input.uscc);
  const problem = registrarProblem(registrar, uscc);
  if (problem) throw forbidden(`not allowed: ${problem}`, 'OUT_OF_REGION');
  const given = givenValues(input);
  const cleared = clearedValues(input, given);

  return db.transaction(async (tx) => {
    // Twice at most: a registration that loses a race for a new USCC becomes a change of the winner's.
    for (let attempt = 0; attempt < 2; attempt++) {
      const [existing] = await tx.select().from(legalEntities).where(eq(legalEntities.uscc, uscc)).for('update');
      if (existing) {
        const [row] = await tx
          .update(legalEntities)
          .set({ ...given, ...cleared, registeredBy: registrar, updatedAt: sql`now()` })
          .where(eq(legalEntities.uscc, uscc))
          .returning();
        await appendEvents(tx, [entityEvent(row!, registrar, existing)]);
        return row!;
      }
      const [inserted] = await tx
        .insert(legalEntities)
        .values({
          uscc,
          name: requiredForNew(given, uscc, 'name'),
          legalRepresentative: requiredForNew(given, uscc, 'legalRepresentative'),
          legalRepresentativeIdNumber: given.legalRepresentativeIdNumber ?? null,
          address: requiredForNew(given, uscc, 'address'),
          businessScope: given.businessScope ?? null,
          establishedOn: requiredForNew(given, uscc, 'establishedOn'),
          registeredBy: registrar,
          ...(given.status ? { status: given.status } : {}),
        })
        .onConflictDoNothing({ target: legalEntities.uscc })
        .returning();
      if (inserted) {
        await appendEvents(tx, [entityEvent(inserted, registrar, null)]);
        return inserted;
      }
    }
    throw new Error(`legal entity ${uscc} could neither be inserted nor found`);
  });
}
