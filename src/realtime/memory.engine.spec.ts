import { MemoryEngine } from './memory.engine';
import type { EngineState } from './realtime-engine';

describe('MemoryEngine', () => {
  it('counts one subscription per topic whatever the number of listeners, and delivers JSON copies', async () => {
    const engine = new MemoryEngine();
    const received: unknown[][] = [[], [], []];
    const offs = await Promise.all(
      received.map((box) => engine.subscribe('t', (message) => box.push(message))),
    );
    expect(engine.stats()).toMatchObject({ topics: 1, listeners: 3, subscribeCommands: 1 });

    const sent = { at: new Date(0), list: [1] };
    await engine.publish('t', sent);
    expect(received.map((box) => box.length)).toEqual([1, 1, 1]);
    expect(received[0]![0]).toEqual({ at: '1970-01-01T00:00:00.000Z', list: [1] });
    expect(received[0]![0]).not.toBe(received[1]![0]);

    offs[0]!();
    offs[0]!();
    expect(engine.stats()).toMatchObject({ topics: 1, listeners: 2, unsubscribeCommands: 0 });
    offs[1]!();
    offs[2]!();
    expect(engine.stats()).toMatchObject({ topics: 0, listeners: 0, unsubscribeCommands: 1 });
    await engine.close();
  });

  it('keeps delivering to the others when a listener throws, and never rejects a publish', async () => {
    const engine = new MemoryEngine();
    const received: unknown[] = [];
    await engine.subscribe('t', () => {
      throw new Error('listener broke');
    });
    await engine.subscribe('t', (message) => received.push(message));
    await expect(engine.publish('t', { n: 1 })).resolves.toBeUndefined();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(engine.publish('t', circular)).resolves.toBeUndefined();
    expect(received).toEqual([{ n: 1 }]);
    expect(engine.stats().publishFailures).toBe(1);
    await engine.close();
  });

  it('drops publishes while down and announces state changes once', async () => {
    const engine = new MemoryEngine();
    const states: EngineState[] = [];
    const off = engine.onStateChange((state) => states.push(state));
    const received: unknown[] = [];
    await engine.subscribe('t', (message) => received.push(message));
    engine.setState('down');
    engine.setState('down');
    await engine.publish('t', 1);
    engine.setState('up');
    await engine.publish('t', 2);
    expect(states).toEqual(['down', 'up']);
    expect(received).toEqual([2]);
    off();
    expect(engine.stats().stateListeners).toBe(0);
    await engine.close();
  });
});
