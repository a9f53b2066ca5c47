import { describe, expect, it } from 'vitest';
import { Foreground } from './foreground.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('background work gives way to requests', () => {
  it('goes at once when no request is being served', async () => {
    const foreground = new Foreground();
    let went = false;
    void foreground.idle(10_000).then(() => (went = true));
    await tick();
    expect(went).toBe(true);
  });

  it('waits while a request is served and goes when the last one ends', async () => {
    const foreground = new Foreground();
    let finish!: () => void;
    const served = foreground.serve(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(foreground.busy).toBe(true);
    let went = false;
    void foreground.idle(10_000).then(() => (went = true));
    await tick();
    expect(went).toBe(false);
    finish();
    await served;
    await tick();
    expect(went).toBe(true);
    expect(foreground.busy).toBe(false);
  });

  it('goes after its longest wait when requests never stop, and a failed request still ends', async () => {
    const foreground = new Foreground();
    void foreground.serve(() => new Promise(() => undefined));
    const started = Date.now();
    await foreground.idle(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const other = new Foreground();
    await expect(other.serve(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(other.busy).toBe(false);
  });
});
