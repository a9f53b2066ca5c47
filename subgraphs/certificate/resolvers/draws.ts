/**
 * Mutation.recordInspectionDraw: a supervisor's random inspection draw (双随机, `npm run draw`),
 * kept in the access log of this node — the node of the supervisor's region — so that every
 * draw made, not only the one published, is on record with its seed and digests.
 */
import { INSPECTION_DRAW } from '../../audit/changes.js';
import { badInput } from '../../../lib/errors.js';
import { DIGEST_PATTERN, DRAW_ALGORITHMS, MAX_DRAW_SIZE, seedProblem } from '../../../lib/draw.js';
import type { MutationResolvers, RecordInspectionDrawInput } from '../generated/resolvers.js';

/** More nodes than a province has: a longer list is not an answer from this hub. */
const MAX_UNAVAILABLE_NODES = 100;

const count = (field: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(`input.${field}`, `a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, not ${value}`);
  return value;
};

const digest = (field: string, value: string) => {
  if (!DIGEST_PATTERN.test(value)) throw badInput(`input.${field}`, 'a SHA-256 digest: 64 lowercase hexadecimal digits');
  return value;
};

/** The draw as its access record's `detail` keeps it; every field checked, BAD_USER_INPUT naming the first at fault. */
export function checkedDraw(input: RecordInspectionDrawInput) {
  if (!DRAW_ALGORITHMS.includes(input.algorithm)) throw badInput('input.algorithm', `one of ${DRAW_ALGORITHMS.join(', ')}`);
  const seed = seedProblem(input.seed);
  if (seed) throw badInput('input.seed', seed);
  if (input.region != null && !/^\d{6}$/.test(input.region)) throw badInput('input.region', 'a 6-digit region code such as 350200');
  const size = count('size', input.size, 1, MAX_DRAW_SIZE);
  const population = count('population', input.population, 0);
  digest('populationDigest', input.populationDigest);
  if (input.drawn !== Math.min(size, population)) throw badInput('input.drawn', `the smaller of size and population, ${Math.min(size, population)}, not ${input.drawn}`);
  digest('drawnDigest', input.drawnDigest);
  if ((input.inspectors == null) !== (input.inspectorsDigest == null)) {
    throw badInput(input.inspectors == null ? 'input.inspectors' : 'input.inspectorsDigest', 'inspectors and inspectorsDigest come together, or neither');
  }
  if (input.inspectors != null) count('inspectors', input.inspectors, 2);
  if (input.inspectorsDigest != null) digest('inspectorsDigest', input.inspectorsDigest);
  const unavailable = input.unavailableNodes ?? [];
  if (unavailable.length > MAX_UNAVAILABLE_NODES) throw badInput('input.unavailableNodes', `at most ${MAX_UNAVAILABLE_NODES}`);
  unavailable.forEach((node, i) => {
    if (!/^\d{6}$/.test(node)) throw badInput('input.unavailableNodes', `a 6-digit node code such as 350200, not ${JSON.stringify(node)}`);
    if (unavailable.indexOf(node) !== i) throw badInput('input.unavailableNodes', `${node} is listed twice`);
  });
  return {
    algorithm: input.algorithm,
    seed: input.seed,
    kind: input.kind ?? 'ALL',
    region: input.region ?? null,
    size,
    population,
    populationDigest: input.populationDigest,
    drawn: input.drawn,
    drawnDigest: input.drawnDigest,
    inspectors: input.inspectors ?? null,
    inspectorsDigest: input.inspectorsDigest ?? null,
    complete: unavailable.length === 0,
    unavailableNodes: [...unavailable].sort(),
  };
}

export const drawMutations: Pick<MutationResolvers, 'recordInspectionDraw'> = {
  recordInspectionDraw: async (_parent, { input }, ctx) => {
    const detail = checkedDraw(input);
    await ctx.db.transaction((tx) => ctx.audit.writeChange(tx, INSPECTION_DRAW, {}, detail));
    return true;
  },
};
