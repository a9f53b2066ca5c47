/**
 * Where webhooks may point (README › Webhooks › Allow list): the operator lists host names and
 * networks (--webhook-allow), loopback only by default, so that a hub inside a government
 * network cannot be made to call its neighbours. Checked twice: when a webhook is created
 * (createWebhook refuses a URL outside the list) and at every connection, through the `lookup`
 * the sender's sockets resolve names with, so that a name whose DNS answer changes after the
 * check (DNS rebinding) still reaches nothing outside the list.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** The callback of a `lookup` as net.connect calls it, for one address or (with `all`) every one. */
type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for sockets: dns.lookup's signature. */
export type SocketLookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/** Resolves a name to every address it has (dns.lookup with `all`), for tests to replace. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** How long createWebhook waits for a name to resolve. */
const RESOLVE_TIMEOUT_MS = 3_000;

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*$/;

/** A URL's host as the list compares it: lower case, IPv6 without brackets, no trailing dot. */
export function normalHost(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare.toLowerCase().replace(/\.$/, '');
}

const ipFamily = (address: string): 'ipv4' | 'ipv6' | null => {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : null;
};

/**
 * Host names and IP networks (CIDR; a bare address is a network of one). A listed name is
 * trusted with whatever it resolves to: the operator vouched for the name. Any other name is
 * reached only at addresses inside a listed network.
 */
export class AllowList {
  readonly #names = new Set<string>();
  readonly #networks = new BlockList();

  /**
   * The list of `entries`; throws an Error naming the first entry that is neither a host name
   * nor an IPv4/IPv6 address or network.
   */
  constructor(
    readonly entries: readonly string[],
    private readonly resolve: Resolver = systemResolver,
  ) {
    for (const entry of entries) this.#add(entry);
  }

  #add(entry: string): void {
    const text = normalHost(entry.trim());
    const slash = text.indexOf('/');
    if (slash >= 0) {
      const address = normalHost(text.slice(0, slash));
      const family = ipFamily(address);
      const prefix = Number(text.slice(slash + 1));
      const longest = family === 'ipv4' ? 32 : 128;
      if (!family || !/^\d{1,3}$/.test(text.slice(slash + 1)) || prefix > longest) {
        throw new Error(`"${entry}" is not a network: write an address and a prefix length, e.g. 10.20.0.0/16 or fd00::/8`);
      }
      this.#networks.addSubnet(address, prefix, family);
      return;
    }
    const family = ipFamily(text);
    if (family) this.#networks.addAddress(text, family);
    else if (HOST_NAME.test(text)) this.#names.add(text);
    else throw new Error(`"${entry}" is neither a host name nor an IP address or network`);
  }

  /** Whether `address` (an IP address, IPv4-mapped IPv6 included) lies in a listed network. */
  allowsAddress(address: string): boolean {
    const bare = normalHost(address);
    const family = ipFamily(bare);
    return family !== null && this.#networks.check(bare, family);
  }

  /** Whether `host` is a listed name. */
  listsName(host: string): boolean {
    return this.#names.has(normalHost(host));
  }

  /**
   * Why a URL's `host` may not be reached, or null when it may: an IP address inside a listed
   * network, a listed name, or another name every address of which (resolved now) lies inside
   * one. The sender checks again at every connection.
   */
  async hostProblem(host: string): Promise<string | null> {
    const name = normalHost(host);
    if (ipFamily(name)) return this.allowsAddress(name) ? null : `the address ${name} is not on the webhook allow list (--webhook-allow)`;
    if (this.#names.has(name)) return null;
    let addresses: LookupAddress[];
    try {
      addresses = await withTimeout(this.resolve(name), RESOLVE_TIMEOUT_MS);
    } catch {
      return `the host ${name} is not on the webhook allow list (--webhook-allow) and does not resolve`;
    }
    const outside = addresses.map((entry) => entry.address).filter((address) => !this.allowsAddress(address));
    if (addresses.length === 0 || outside.length > 0) {
      return `the host ${name} is not on the webhook allow list (--webhook-allow): it resolves to ${outside.join(', ') || 'nothing'}, outside the allowed networks`;
    }
    return null;
  }

  /**
   * Whether a connection to the IP literal `host` may be made: sockets do not look IP
   * addresses up, so the sender asks this before connecting to one. Names are checked by `lookup`.
   */
  literalProblem(host: string): string | null {
    const name = normalHost(host);
    if (!ipFamily(name) || this.allowsAddress(name)) return null;
    return `the address ${name} is not on the webhook allow list (--webhook-allow)`;
  }

  /**
   * dns.lookup for the sender's sockets: the addresses of a listed name, or of any other name
   * only those inside a listed network; a name with none of those fails with ENOTALLOWED.
   */
  readonly lookup: SocketLookup = (hostname, options, callback) => {
    const name = normalHost(hostname);
    this.resolve(name).then(
      (addresses) => {
        const usable = this.#names.has(name) ? addresses : addresses.filter((entry) => this.allowsAddress(entry.address));
        const wanted = options.family === 4 || options.family === 6 ? usable.filter((entry) => entry.family === options.family) : usable;
        if (wanted.length === 0) {
          const refused: NodeJS.ErrnoException = new Error(
            `${name} resolves to ${addresses.map((entry) => entry.address).join(', ') || 'nothing'}, outside the webhook allow list`,
          );
          refused.code = 'ENOTALLOWED';
          callback(refused, options.all ? [] : '', undefined);
          return;
        }
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, options.all ? [] : '', undefined),
    );
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
