import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { ErrorCode, Frame, Payload } from './framing.js';
import { CALL, CALLERROR, CALLRESULT, CALLRESULTERROR, FrameError, SEND, parseFrame, serializeFrame } from './framing.js';
import { redactPayload } from './redact.js';
import type { MessageSchemas, Violation } from './validation.js';
import type { OcppVersion } from './versions.js';

/** Thrown by a handler to answer with a specific CALLERROR; received as the rejection of `call()`. */
export class CallError extends Error {
  constructor(
    readonly code: ErrorCode | string,
    readonly description: string,
    readonly details: Payload = {},
  ) {
    super(`${code}: ${description}`);
    this.name = 'CallError';
  }
}

export class CallTimeoutError extends Error {
  constructor(
    readonly action: string,
    readonly timeoutMs: number,
  ) {
    super(`no answer to ${action} within ${timeoutMs / 1000} s`);
    this.name = 'CallTimeoutError';
  }
}

/** The peer sent a message that breaks the schema of the negotiated version. */
export class PeerViolationError extends Error {
  constructor(
    readonly action: string,
    readonly violation: Violation,
  ) {
    super(`the ${action} response breaks the OCPP schema: ${violation.message}`);
    this.name = 'PeerViolationError';
  }
}

export class ConnectionClosedError extends Error {
  constructor(readonly code: number, readonly reason: string) {
    super(`the connection closed (${code}${reason ? ` ${reason}` : ''})`);
    this.name = 'ConnectionClosedError';
  }
}

export interface LoggedMessage {
  direction: 'in' | 'out';
  /** the frame with secrets redacted */
  frame: Frame;
  /** action of the CALL a CALLRESULT/CALLERROR answers, when known */
  action?: string;
  /** set when the message broke the schema or the framing */
  problem?: string;
}

export type Handler = (payload: Payload, info: { action: string; id: string }) => Payload | Promise<Payload>;

export interface ConnectionOptions {
  version: OcppVersion;
  schemas: MessageSchemas;
  /** MessageTimeout: how long one CALL waits for its answer */
  callTimeoutMs: number;
  onMessage?: (message: LoggedMessage) => void;
}

interface Pending {
  id: string;
  action: string;
  resolve: (p: Payload) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One OCPP-J peer over an open WebSocket, either side. Every message sent and received is checked against the
 * negotiated version's schemas; only one CALL is outstanding at a time (OCPP-J part 4 §4.1.1), later calls wait.
 */
export class OcppConnection {
  readonly version: OcppVersion;
  readonly closed: Promise<ConnectionClosedError>;
  private readonly handlers = new Map<string, Handler>();
  private queue: Promise<unknown> = Promise.resolve();
  private pending: Pending | undefined;
  private isClosed = false;
  private callTimeoutMs: number;

  constructor(
    readonly socket: WebSocket,
    private readonly opts: ConnectionOptions,
  ) {
    this.version = opts.version;
    this.callTimeoutMs = opts.callTimeoutMs;
    socket.on('message', (data, isBinary) => void this.receive(isBinary ? '' : data.toString()));
    this.closed = new Promise((resolve) => {
      socket.once('close', (code, reason) => {
        this.isClosed = true;
        const err = new ConnectionClosedError(code, reason.toString());
        if (this.pending) {
          clearTimeout(this.pending.timer);
          this.pending.reject(err);
          this.pending = undefined;
        }
        resolve(err);
      });
    });
  }

  handle(action: string, handler: Handler): this {
    this.handlers.set(action, handler);
    return this;
  }

  setCallTimeout(ms: number) {
    this.callTimeoutMs = ms;
  }

  /** Sends a CALL once every earlier CALL is answered; resolves with the validated response payload. */
  call(action: string, payload: Payload): Promise<Payload> {
    const run = () => this.callNow(action, payload);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  close(code = 1000, reason = '') {
    if (!this.isClosed) this.socket.close(code, reason);
  }

  private callNow(action: string, payload: Payload): Promise<Payload> {
    if (this.isClosed) return Promise.reject(new ConnectionClosedError(1006, 'closed before the call'));
    // our own message breaking the schema is a bug or bad station data: say so before the peer does
    const violation = this.opts.schemas.check(action, 'Request', payload);
    if (violation) return Promise.reject(new CallError(violation.code, `our ${action} breaks the OCPP ${this.version} schema: ${violation.message}`));
    const id = randomUUID();
    return new Promise<Payload>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        reject(new CallTimeoutError(action, this.callTimeoutMs));
      }, this.callTimeoutMs);
      this.pending = { id, action, resolve, reject, timer };
      this.transmit({ type: CALL, id, action, payload });
    });
  }

  private transmit(frame: Frame, action?: string, problem?: string) {
    this.log('out', frame, action, problem);
    if (!this.isClosed) this.socket.send(serializeFrame(frame));
  }

  private log(direction: 'in' | 'out', frame: Frame, action?: string, problem?: string) {
    if (!this.opts.onMessage) return;
    const safe = { ...frame } as Frame & { payload?: Payload; details?: Payload };
    if ('payload' in safe) safe.payload = redactPayload(safe.payload) as Payload;
    this.opts.onMessage({ direction, frame: safe, ...(action ? { action } : {}), ...(problem ? { problem } : {}) });
  }

  private async receive(text: string) {
    let frame: Frame;
    try {
      frame = parseFrame(text, this.version);
    } catch (err) {
      if (!(err instanceof FrameError)) throw err;
      this.opts.onMessage?.({ direction: 'in', frame: { type: CALLERROR, id: err.id, code: err.code, description: 'unreadable message', details: {} }, problem: err.message });
      // a broken answer is never answered; anything else gets the CALLERROR the framing error names
      if (!isAnswer(text)) this.transmit({ type: CALLERROR, id: err.id, code: err.code, description: err.message, details: {} });
      return;
    }
    switch (frame.type) {
      case CALL:
      case SEND:
        return this.answer(frame);
      case CALLRESULT:
      case CALLERROR:
      case CALLRESULTERROR:
        return this.settle(frame);
    }
  }

  private settle(frame: Extract<Frame, { type: 3 | 4 | 5 }>) {
    const p = this.pending;
    if (!p || p.id !== frame.id) {
      this.log('in', frame, undefined, 'answers no outstanding CALL (late or unknown id)');
      return;
    }
    clearTimeout(p.timer);
    this.pending = undefined;
    if (frame.type === CALLRESULT) {
      const violation = this.opts.schemas.check(p.action, 'Response', frame.payload);
      this.log('in', frame, p.action, violation?.message);
      if (!violation) return p.resolve(frame.payload);
      p.reject(new PeerViolationError(p.action, violation));
      // OCPP 2.1 lets the receiver of an unusable CALLRESULT say so; 2.0.1 has no such message
      if (this.version === '2.1') this.transmit({ type: CALLRESULTERROR, id: frame.id, code: violation.code, description: violation.message, details: {} }, p.action);
    } else {
      this.log('in', frame, p.action);
      p.reject(new CallError(frame.code, frame.description, frame.details));
    }
  }

  private async answer(frame: Extract<Frame, { type: 2 | 6 }>) {
    const { id, action, payload } = frame;
    const violation = this.opts.schemas.check(action, 'Request', payload);
    this.log('in', frame, undefined, violation?.message);
    // SEND (2.1) is never answered, not even with an error
    if (frame.type === SEND) return;
    if (violation) return this.transmit({ type: CALLERROR, id, code: violation.code, description: violation.message, details: {} }, action);
    const handler = this.handlers.get(action);
    if (!handler) return this.transmit({ type: CALLERROR, id, code: 'NotImplemented', description: `${action} is not implemented here`, details: {} }, action);
    let response: Payload;
    try {
      response = await handler(payload, { action, id });
    } catch (err) {
      if (err instanceof CallError) return this.transmit({ type: CALLERROR, id, code: err.code, description: err.description, details: err.details }, action);
      return this.transmit({ type: CALLERROR, id, code: 'InternalError', description: 'the handler failed', details: {} }, action, String(err));
    }
    const bad = this.opts.schemas.check(action, 'Response', response);
    if (bad) return this.transmit({ type: CALLERROR, id, code: 'InternalError', description: 'could not build a valid response', details: {} }, action, bad.message);
    this.transmit({ type: CALLRESULT, id, payload: response }, action);
  }
}

function isAnswer(text: string): boolean {
  return /^\s*\[\s*[345]\s*,/.test(text);
}
