/**
 * The demo data's only source of chance: a seeded PRNG whose sequence is the same on every
 * machine, and the few ways the generator draws from it.
 */

/** mulberry32: a tiny seeded PRNG, the same sequence on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The ways the generator draws from a PRNG: a float, an integer, a pick, a chance, a shuffle. */
export class Random {
  constructor(private readonly next: () => number) {}

  float(): number {
    return this.next();
  }

  /** An integer in [min, max]; min when the range is empty. */
  int(min: number, max: number): number {
    const u = this.next();
    return max <= min ? min : min + Math.floor(u * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    const u = this.next();
    const value = list[Math.floor(u * list.length)];
    if (value === undefined) throw new RangeError('pick from an empty list');
    return value;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  }
}
