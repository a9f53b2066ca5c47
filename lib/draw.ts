/**
 * Random inspection draws (双随机：随机抽取检查对象、随机选派执法检查人员), by a published algorithm
 * that anybody can run again from the seed, the population's ids and the inspectors' ids
 * (README › Random inspection draws). Nothing here reads the hub: `npm run draw` fetches the
 * population, and the certificate subgraph checks the record of a draw with the same rules.
 *
 * The algorithm, `ecert-hub-draw/1`:
 * 1. Words. A stream named `objects` or `inspectors` is the sequence of big-endian unsigned
 *    32-bit words of the blocks SHA-256(UTF-8(seed) ‖ 0x00 ‖ ASCII(name) ‖ 0x00 ‖ uint64be(i))
 *    for i = 0, 1, 2, …: eight words a block, in order. The seed holds no control character, so
 *    the input names one (seed, stream, counter) only.
 * 2. Integers. below(n), for 1 ≤ n ≤ 2³², takes the next word w until w < 2³² − (2³² mod n),
 *    and answers w mod n: uniform, since every remainder is then equally often possible (a
 *    rejected word is simply skipped). below(1) takes a word too.
 * 3. Draw of k out of a list of n sorted by code point (UTF-8 byte order): a partial
 *    Fisher–Yates shuffle — for i = 0 … k − 1, j = i + below(n − i), swap positions i and j; the
 *    draw is positions 0 … k − 1 in that order. The first k of a larger draw are the draw of k.
 * 4. Objects: min(size, n) of the population, from the stream `objects`. Inspectors: for each
 *    object in draw order, 2 of the inspectors (a fresh list in id order each time, so a pair is
 *    always two people), from the stream `inspectors`. Two streams keep the objects independent
 *    of the inspectors' list.
 * 5. Digests: SHA-256 (hex) of a list of ids, each followed by a line feed (0x0A), in UTF-8 —
 *    the population and the inspectors sorted, the drawn objects in draw order.
 */
import { createHash } from 'node:crypto';
import { unsafeCharacterProblem } from './purpose.js';

/** The name of the algorithm above, kept with every recorded draw. */
export const DRAW_ALGORITHM = 'ecert-hub-draw/1';
/** The algorithms a recorded draw may name: the one above (a later one would be added, never replace it). */
export const DRAW_ALGORITHMS: readonly string[] = [DRAW_ALGORITHM];
/** Longest seed, in characters (code points). */
export const MAX_SEED_LENGTH = 200;
/** Most objects one draw may ask for. */
export const MAX_DRAW_SIZE = 100_000;
/** Inspectors sent to each object: law enforcement officers (执法人员) work in pairs. */
export const INSPECTORS_PER_OBJECT = 2;
/** What a digest looks like: SHA-256 in lowercase hex. */
export const DIGEST_PATTERN = /^[0-9a-f]{64}$/;

/** The streams of words a draw reads (step 1). */
export type DrawStreamName = 'objects' | 'inspectors';

/**
 * Why `seed` cannot be a draw's seed, or null: empty, longer than MAX_SEED_LENGTH characters,
 * white space at either end, a control, bidirectional formatting or line-separator character
 * (each would let two seeds print alike), or not in Unicode normal form C (the same text typed
 * on two machines must be the same bytes). Used exactly as given, never trimmed.
 */
export function seedProblem(seed: string): string | null {
  if (seed === '') return 'must not be empty';
  if (seed.trim() !== seed) return 'must not start or end with white space';
  const unsafe = unsafeCharacterProblem(seed);
  if (unsafe) return unsafe;
  if ([...seed].length > MAX_SEED_LENGTH) return `must be at most ${MAX_SEED_LENGTH} characters`;
  if (seed.normalize('NFC') !== seed) return 'must be in Unicode normal form C (NFC)';
  return null;
}

const TWO_32 = 2 ** 32;

/** The words of one stream of a seed (step 1), and unbiased integers from them (step 2). */
export class DrawStream {
  readonly #prefix: Buffer;
  #counter = 0;
  #block: Buffer = Buffer.alloc(0);
  #at = 0;

  constructor(seed: string, name: DrawStreamName) {
    const problem = seedProblem(seed);
    if (problem) throw new Error(`seed: ${problem}`);
    this.#prefix = Buffer.concat([Buffer.from(seed, 'utf8'), Buffer.from([0]), Buffer.from(name, 'ascii'), Buffer.from([0])]);
  }

  /** The next unsigned 32-bit word. */
  nextWord(): number {
    if (this.#at === this.#block.length) {
      const counter = Buffer.alloc(8);
      counter.writeUInt32BE(Math.floor(this.#counter / TWO_32), 0);
      counter.writeUInt32BE(this.#counter % TWO_32, 4);
      this.#block = createHash('sha256').update(this.#prefix).update(counter).digest();
      this.#counter++;
      this.#at = 0;
    }
    const word = this.#block.readUInt32BE(this.#at);
    this.#at += 4;
    return word;
  }

  /** A uniform integer in [0, n), 1 ≤ n ≤ 2³², by rejection: words at or above the last whole multiple of n are skipped. */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_32) throw new RangeError(`below: n must be a whole number from 1 to 2^32, not ${n}`);
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const word = this.nextWord();
      if (word < limit) return word % n;
    }
  }
}

/**
 * The positions drawn by a partial Fisher–Yates shuffle of a list of `n` (step 3): k = min(k, n)
 * of them, in draw order. The swaps are kept in a map rather than made on a copy, so a draw of
 * a few out of a million costs a few entries, not the million.
 */
export function drawPositions(n: number, k: number, stream: DrawStream): number[] {
  const moved = new Map<number, number>();
  const at = (position: number) => moved.get(position) ?? position;
  const drawn: number[] = [];
  for (let i = 0; i < Math.min(k, n); i++) {
    const j = i + stream.below(n - i);
    const chosen = at(j);
    moved.set(j, at(i));
    moved.delete(i);
    drawn.push(chosen);
  }
  return drawn;
}

/** Orders strings by code point, as their UTF-8 bytes compare (UTF-16 code units differ only around surrogates). */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800–U+DFFF) stand for code points above U+FFFF: move them past U+E000–U+FFFF.
    if (x >= 0xd800) x += x >= 0xe000 ? -0x800 : 0x2000;
    if (y >= 0xd800) y += y >= 0xe000 ? -0x800 : 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

/** A list of ids in code point order (step 3); throws on an empty id, one with a line break, or one listed twice. */
export function sortedIds(ids: Iterable<string>): string[] {
  const sorted = [...ids].sort(compareCodePoints);
  sorted.forEach((id, i) => {
    if (id === '' || /[\r\n]/.test(id)) throw new Error(`not an id to draw: ${JSON.stringify(id)}`);
    if (i > 0 && sorted[i - 1] === id) throw new Error(`${id} is listed twice`);
  });
  return sorted;
}

/** SHA-256 (hex) of ids, each followed by a line feed, in the order given (step 5): `sha256sum` of the file that lists them so. */
export function listDigest(ids: readonly string[]): string {
  const hash = createHash('sha256');
  for (const id of ids) hash.update(`${id}\n`, 'utf8');
  return hash.digest('hex');
}

/** A draw, with what it was made from: enough to record it and to check it. */
export interface InspectionDraw {
  /** The population's ids in code point order. */
  population: string[];
  populationDigest: string;
  /** The drawn ids, in draw order. */
  drawn: string[];
  drawnDigest: string;
  /** The inspectors' ids in code point order, when inspectors were drawn. */
  inspectors: string[] | null;
  inspectorsDigest: string | null;
  /** For each drawn object, its inspectors' ids, in draw order; null without inspectors. */
  assignments: string[][] | null;
}

/**
 * Draws `size` of the population's ids (all of them, in a random order, when there are fewer)
 * and, given inspectors, INSPECTORS_PER_OBJECT of them for each object (steps 1–5). The input
 * lists may come in any order: they are sorted first. Throws on a bad seed or size, an id listed
 * twice, or fewer inspectors than a pair.
 */
export function drawInspection(options: { seed: string; population: Iterable<string>; size: number; inspectors?: Iterable<string> | null }): InspectionDraw {
  const { seed, size } = options;
  if (!Number.isInteger(size) || size < 1 || size > MAX_DRAW_SIZE) throw new RangeError(`size: a whole number from 1 to ${MAX_DRAW_SIZE}, not ${size}`);
  const population = sortedIds(options.population);
  const drawn = drawPositions(population.length, size, new DrawStream(seed, 'objects')).map((position) => population[position]!);
  let inspectors: string[] | null = null;
  let assignments: string[][] | null = null;
  if (options.inspectors != null) {
    const list = sortedIds(options.inspectors);
    if (list.length < INSPECTORS_PER_OBJECT) throw new RangeError(`inspectors: at least ${INSPECTORS_PER_OBJECT} are needed, ${list.length} given`);
    const stream = new DrawStream(seed, 'inspectors');
    inspectors = list;
    assignments = drawn.map(() => drawPositions(list.length, INSPECTORS_PER_OBJECT, stream).map((position) => list[position]!));
  }
  return {
    population,
    populationDigest: listDigest(population),
    drawn,
    drawnDigest: listDigest(drawn),
    inspectors,
    inspectorsDigest: inspectors && listDigest(inspectors),
    assignments,
  };
}
