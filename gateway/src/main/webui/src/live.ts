// The gateway's live socket (/api/live): every conversation and message event the signed-in person
// may see, and agent presence. Reconnects by itself and resumes from the last event id it saw; when
// the gateway says the gap is too long ("refresh"), listeners reload what they show.

export interface LiveFrame {
  id?: string;
  type: string;
  occurredAt?: string;
  payload?: Record<string, unknown>;
}

export type LiveListener = (frame: LiveFrame) => void;

export interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  close(): void;
}

export class LiveConnection {
  private socket: SocketLike | null = null;
  private readonly listeners = new Set<LiveListener>();
  private lastEventId: string | undefined;
  private attempts = 0;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  online = false;
  onStateChange: (online: boolean) => void = () => {};

  constructor(
    private readonly url: (lastEventId?: string) => string = defaultUrl,
    private readonly open: (url: string) => SocketLike = (url) => new WebSocket(url),
    private readonly schedule: (run: () => void, ms: number) => ReturnType<typeof setTimeout> = setTimeout,
  ) {}

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
  }

  /** The delay before the next reconnect: 0.5 s doubling to 15 s. */
  static backoff(attempt: number): number {
    return Math.min(15_000, 500 * 2 ** attempt);
  }

  private connect() {
    const socket = this.open(this.url(this.lastEventId));
    this.socket = socket;
    socket.onmessage = (event) => this.receive(String(event.data));
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.setOnline(false);
      if (this.stopped) return;
      const delay = LiveConnection.backoff(this.attempts++);
      this.timer = this.schedule(() => this.connect(), delay);
    };
  }

  /** Takes one frame from the gateway. */
  receive(data: string) {
    let frame: LiveFrame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (frame.type === 'ready') {
      this.attempts = 0;
      this.setOnline(true);
    }
    if (frame.type === 'refresh') {
      // Beyond the replay buffer: start over from now.
      this.lastEventId = undefined;
    } else if (frame.id) {
      this.lastEventId = frame.id;
    }
    for (const listener of this.listeners) listener(frame);
  }

  private setOnline(online: boolean) {
    if (this.online !== online) {
      this.online = online;
      this.onStateChange(online);
    }
  }
}

function defaultUrl(lastEventId?: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const resume = lastEventId ? `?lastEventId=${encodeURIComponent(lastEventId)}` : '';
  return `${scheme}://${window.location.host}/api/live${resume}`;
}

export const live = new LiveConnection();
