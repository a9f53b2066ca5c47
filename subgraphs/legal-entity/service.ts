import { sql } from 'drizzle-orm';
import { isoDate, residentIdProblem } from '../../lib/codes.js';
import type { HubDatabase } from '../../lib/db.js';
import { badInput } from '../../lib/errors.js';
import { optionalText, requireDate, requireText, requireUscc } from '../../lib/validate.js';
import { legalEntities, type LegalEntityRow } from './db/schema.js';
import type { RegisterLegalEntityInput } from './generated/resolvers.js';

/**
 * Registers a legal entity (设立登记) on behalf of the registration authority `registrar`, or —
 * when the USCC is already in the registry — records a change (变更登记): the input replaces
 * every registry field, including clearing the optional ones it leaves out, while the first
 * registration time is kept, and the status unless the input records a new one. One statement, so two registrars
 * recording the same entity at once cannot leave half of each.
 */
export async function registerLegalEntity(db: HubDatabase, registrar: string, input: RegisterLegalEntityInput): Promise<LegalEntityRow> {
  const uscc = requireUscc('input.uscc', input.uscc);
  const name = requireText('input.name', input.name, 200);
  const legalRepresentative = requireText('input.legalRepresentative', input.legalRepresentative, 50);
  const legalRepresentativeIdNumber = input.legalRepresentativeIdNumber?.trim() || null;
  if (legalRepresentativeIdNumber !== null) {
    const problem = residentIdProblem(legalRepresentativeIdNumber);
    if (problem) throw badInput('input.legalRepresentativeIdNumber', problem);
  }
  const address = requireText('input.address', input.address, 300);
  const businessScope = optionalText('input.businessScope', input.businessScope, 2000);
  const establishedOn = requireDate('input.establishedOn', input.establishedOn);
  if (establishedOn > isoDate(new Date())) throw badInput('input.establishedOn', `${establishedOn} is in the future`);

  const registry = {
    name,
    legalRepresentative,
    legalRepresentativeIdNumber,
    address,
    businessScope,
    establishedOn,
    registeredBy: registrar,
    ...(input.status ? { status: input.status } : {}),
  };
  const [row] = await db
    .insert(legalEntities)
    .values({ uscc, ...registry })
    .onConflictDoUpdate({ target: legalEntities.uscc, set: { ...registry, updatedAt: sql`now()` } })
    .returning();
  return row!;
}
