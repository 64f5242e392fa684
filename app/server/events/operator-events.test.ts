import { describe, expect, it, vi } from 'vitest';
import { OperatorEvents, type OperatorEvent } from './operator-events.ts';

const started: OperatorEvent = { type: 'meeting.started', payload: { room: 'r', meeting_id: 'm', start_ts: 1 } };

describe('OperatorEvents', () => {
  it('hands every event to every listener until it stops listening', () => {
    const bus = new OperatorEvents();
    const a = vi.fn();
    const b = vi.fn();
    const stopA = bus.on(a);
    bus.on(b);
    bus.emit(started);
    stopA();
    bus.emit(started);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(2);
    expect(b).toHaveBeenCalledWith(started);
  });

  it('a listener that throws neither reaches the emitter nor stops the others', () => {
    const failed = vi.fn();
    const bus = new OperatorEvents(failed);
    const after = vi.fn();
    bus.on(() => {
      throw new Error('receiver broke');
    });
    bus.on(after);
    expect(() => bus.emit(started)).not.toThrow();
    expect(after).toHaveBeenCalledWith(started);
    expect(failed).toHaveBeenCalledWith(expect.any(Error), started);
  });
});
