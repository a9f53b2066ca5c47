/**
 * What one run of the generator shares between its steps: the seeded draws, the calendar of the
 * day the data is built for, the people and codes already given out, the certificate numbers, and
 * the certificates drafted so far with what the generator still needs to know about them.
 */
import { addDays, addYears, termEnd, YEAR_DAYS } from './calendar.js';
import { CertificateNumbers, EntityUsccs, ResidentIds, type EntityCategory } from './identifiers.js';
import type { Industry, IndustrySpec } from './industries.js';
import type { DemoCertificate, DemoLegalEntity } from './model.js';
import { FEMALE_GIVEN, MALE_GIVEN, SURNAMES } from './people.js';
import { ALL_ID_REGIONS, ID_REGIONS, type District } from './places.js';
import { mulberry32, Random } from './random.js';
import type { ReasonFamily } from './reasons.js';

/** The seed of every run: the data depends on nothing else but `today`. */
const SEED = 0x35_0000;

/** A person as the generator drew them, before they hold anything. */
export interface Someone {
  name: string;
  gender: '男' | '女';
  birthDate: string;
  idNumber: string;
}

/** A registered entity with what its certificates are drawn from. */
export interface EntityRecord {
  entity: DemoLegalEntity;
  district: District;
  industry: IndustrySpec;
  industryKey: Industry;
  showcase: boolean;
  estAgo: number;
  /** 吊销 or 注销 this many days before today. */
  eventAgo: number | null;
  entityType: string | null;
  capital: string | null;
}

/** A certificate being drafted, with what the later steps (outcomes, corrections) need to know. */
export interface Draft extends DemoCertificate {
  family: ReasonFamily;
  /** A fresh number for a certificate of this kind issued on a day, for a corrected reissue. */
  numberFor: (issuedOn: string) => string;
  /** The items of the certificate with this number (some print the number among them). */
  itemsFor: (number: string) => Array<{ code: string; value: string }>;
  /** Days before today it was issued, as the generator drew it (independent of `today`). */
  issuedAgo: number;
  /** Still the holder's certificate of its kind, unexpired, with an active holder: may meet an outcome. */
  open: boolean;
  /** A README holder's: kept in a plain, valid state. */
  showcase: boolean;
}

/** A draft as a step describes it: the number and the items follow from `numberFor` and `itemsFor` (or `items`). */
export type DraftInput = Omit<Draft, 'statusChanges' | 'number' | 'items' | 'itemsFor' | 'convertedOn'> & Partial<Pick<Draft, 'items' | 'itemsFor'>>;

/** One generation of a licence: renewals give a licence a new generation with a new term. */
export interface Generation {
  issuedAgo: number;
  validFrom: string;
  validUntil: string | null;
  current: boolean;
}

/** Paper certificates older than about five years were converted; later ones issued electronically. */
export const originFor = (issuedAgo: number, u: number): Draft['origin'] => (issuedAgo > 5 * YEAR_DAYS && u < 0.9 ? 'CONVERTED' : 'ISSUED');

/** One run of the generator for the day `today` (YYYY-MM-DD). */
export class DemoRun {
  readonly r = new Random(mulberry32(SEED));
  readonly numbers = new CertificateNumbers();
  readonly drafts: Draft[] = [];
  private readonly usccs = new EntityUsccs(this.r);
  private readonly residentIds = new ResidentIds(this.r);
  private readonly usedNames = new Set<string>();
  /** The names of the registry's entities so far: no two share one. */
  readonly entityNames = new Set<string>();

  constructor(readonly today: string) {}

  /** The day `ago` days before today. */
  dateAgo(ago: number): string {
    return addDays(this.today, -ago);
  }

  /**
   * Someone born in [fromYear, toYear], registered in `city` (first four digits) most of the time.
   * `uniqueName` keeps holders' names apart so the README can name them unambiguously.
   */
  someone(fromYear: number, toYear: number, city: string, uniqueName: boolean): Someone {
    const { r } = this;
    const gender = r.chance(0.62) ? '男' : '女';
    let name = '';
    for (let attempt = 0; attempt < 50; attempt++) {
      name = r.pick(SURNAMES) + r.pick(gender === '男' ? MALE_GIVEN : FEMALE_GIVEN);
      if (!uniqueName || !this.usedNames.has(name)) break;
    }
    if (uniqueName) this.usedNames.add(name);
    const year = r.int(fromYear, Math.max(fromYear, toYear));
    const month = r.int(1, 12);
    const day = r.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const local = ID_REGIONS[city.slice(0, 4)];
    const region = local && r.chance(0.7) ? r.pick(local) : r.pick(ALL_ID_REGIONS);
    return { name, gender, birthDate, idNumber: this.residentIds.draw(region, birthDate, gender) };
  }

  /** A fresh USCC for an entity of `category` in `region`, established `estAgo` days ago. */
  entityUscc(category: EntityCategory, region: string, estAgo: number): string {
    return this.usccs.draw(category, region, estAgo);
  }

  /** Drafts a certificate: numbers it, fills in its items and keeps it. */
  draft(d: DraftInput): Draft {
    const number = d.numberFor(d.issuedOn);
    const itemsFor = d.itemsFor ?? (() => d.items ?? []);
    // A conversion's day is drawn once every certificate is drafted (scheduleConversions).
    const full: Draft = { ...d, number, itemsFor, items: itemsFor(number), convertedOn: null, statusChanges: [] };
    this.drafts.push(full);
    return full;
  }

  /**
   * The generations of a licence with a term of `years`: the current one (unexpired today), and
   * up to two before it that ran out on the day the next began; or, when `lapsed`, one that ran
   * out `lapsedAgo` days ago and was never renewed. Only the day offsets are drawn, so the number
   * of draws is fixed; the decisions use YEAR_DAYS so they do not depend on `today` either.
   */
  generations(years: number, bounds: { earliestAgo: number; latestAgo: number }, lapse: { lapsed: boolean; lapsedAgo: number }): Generation[] {
    const { r } = this;
    const term = years * YEAR_DAYS;
    const uCurrent = r.float();
    const uPrevious = [r.float(), r.float()];
    const lo = Math.max(10, bounds.latestAgo);
    const hi = Math.min(Math.floor(term) - 20, bounds.earliestAgo);
    if (lapse.lapsed) {
      const fromAgo = lapse.lapsedAgo + Math.round(term) - 1;
      if (fromAgo <= bounds.earliestAgo) {
        const validFrom = this.dateAgo(fromAgo);
        return [{ issuedAgo: fromAgo, validFrom, validUntil: termEnd(validFrom, years), current: false }];
      }
    }
    const currentAgo = hi <= lo ? lo : lo + Math.floor(uCurrent * (hi - lo + 1));
    const currentFrom = this.dateAgo(currentAgo);
    const chain: Generation[] = [{ issuedAgo: currentAgo, validFrom: currentFrom, validUntil: termEnd(currentFrom, years), current: true }];
    for (let k = 1; k <= 2; k++) {
      const fromAgo = currentAgo + Math.round(k * term);
      if (fromAgo > bounds.earliestAgo || uPrevious[k - 1]! >= 0.8) break;
      const validFrom = addYears(currentFrom, -k * years);
      chain.unshift({ issuedAgo: fromAgo, validFrom, validUntil: termEnd(validFrom, years), current: false });
    }
    return chain;
  }
}
