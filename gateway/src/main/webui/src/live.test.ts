import { describe, expect, it } from 'vitest';
import { LiveConnection, type SocketLike } from './live';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
  send(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }
  drop() {
    this.onclose?.({} as CloseEvent);
  }
}

function harness() {
  const sockets: FakeSocket[] = [];
  const timers: (() => void)[] = [];
  const connection = new LiveConnection(
    (last) => `ws://gw/api/live${last ? `?lastEventId=${last}` : ''}`,
    (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    (run) => {
      timers.push(run);
      return 0 as unknown as ReturnType<typeof setTimeout>;
    },
  );
  return { connection, sockets, timers };
}

describe('LiveConnection', () => {
  it('resumes from the last event id it saw after a drop', () => {
    const { connection, sockets, timers } = harness();
    const seen: string[] = [];
    connection.subscribe((f) => seen.push(f.type));
    connection.start();
    sockets[0].send({ type: 'ready' });
    sockets[0].send({ id: 'e1', type: 'conversation.opened', payload: {} });
    sockets[0].send({ id: 'e2', type: 'conversation.message-added', payload: {} });
    expect(connection.online).toBe(true);
    sockets[0].drop();
    expect(connection.online).toBe(false);
    timers.shift()!();
    expect(sockets[1].url).toBe('ws://gw/api/live?lastEventId=e2');
    expect(seen).toEqual(['ready', 'conversation.opened', 'conversation.message-added']);
  });

  it('starts over from now when told to refresh', () => {
    const { connection, sockets, timers } = harness();
    connection.start();
    sockets[0].send({ id: 'e1', type: 'conversation.opened' });
    sockets[0].send({ type: 'refresh' });
    sockets[0].drop();
    timers.shift()!();
    expect(sockets[1].url).toBe('ws://gw/api/live');
  });

  it('backs off up to 15 seconds and does not reconnect once stopped', () => {
    expect(LiveConnection.backoff(0)).toBe(500);
    expect(LiveConnection.backoff(3)).toBe(4000);
    expect(LiveConnection.backoff(10)).toBe(15_000);
    const { connection, sockets, timers } = harness();
    connection.start();
    connection.stop();
    expect(sockets[0].closed).toBe(true);
    sockets[0].drop();
    expect(timers).toHaveLength(0);
  });
});
