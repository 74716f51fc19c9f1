import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { WebSocket } from 'ws';
import type { ErrorCode, Frame, Payload } from './framing.js';
import { CALL, CALLERROR, CALLRESULT, CALLRESULTERROR, FrameError, SEND, parseFrame, serializeFrame } from './framing.js';
import { redactPayload } from './redact.js';
import { closeCodeOf, firstError, keepErrors } from './socket-errors.js';
import type { MessageSchemas, Violation } from './validation.js';
import type { OcppVersion } from './versions.js';

/** Thrown by a handler to answer with a specific CALLERROR; received as the rejection of `call()`. */
export class CallError extends Error {
  constructor(
    // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- ErrorCode lists OCPP's codes for readers; a peer may send any string
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
    /** what ended the wait: the connection's MessageTimeout, or the caller's overall deadline */
    readonly bound: 'message-timeout' | 'deadline' = 'message-timeout',
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

/** The answer to our CALL cannot be used: not JSON, a binary frame, another message id, a malformed CALLERROR. */
export class BadAnswerError extends Error {
  constructor(
    readonly action: string,
    readonly problem: string,
  ) {
    super(`the answer to ${action} cannot be used: ${problem}`);
    this.name = 'BadAnswerError';
  }
}

/** Why a connection ended: the close code, and what broke it when it did not close cleanly. */
export class ConnectionClosedError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    /** the peer broke RFC 6455 (bad frame, invalid UTF-8, oversized message); `code` is the one we closed with */
    readonly protocolError?: string,
    /** the TCP or TLS connection failed underneath (ECONNRESET, EPIPE, ...) */
    readonly transportError?: string,
  ) {
    super(
      protocolError
        ? `the peer sent a frame that breaks the WebSocket protocol (${protocolError}); closed with ${code}`
        : transportError
          ? `the connection broke (${transportError})`
          : `the connection closed (${code}${reason ? ` ${reason}` : ''})`,
    );
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
  /** the TCP or TLS socket under the WebSocket, whose errors explain an abnormal close */
  transport?: EventEmitter;
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
  private deadline: number | undefined;
  private protocolError: { code: number; message: string } | undefined;
  /** why the connection ended (or is ending), for CALLs made afterwards */
  private ended: ConnectionClosedError | undefined;

  constructor(
    readonly socket: WebSocket,
    private readonly opts: ConnectionOptions,
  ) {
    this.version = opts.version;
    this.callTimeoutMs = opts.callTimeoutMs;
    // Node throws an 'error' event nobody listens to, which would end the process for every other peer
    keepErrors(socket);
    if (opts.transport) keepErrors(opts.transport);
    socket.on('error', (err) => this.broken(err));
    socket.on('message', (data, isBinary) => {
      void this.receive(isBinary ? undefined : (data as Buffer).toString()).catch((err: unknown) => this.crashed(err));
    });
    this.closed = new Promise((resolve) => {
      const onClose = (code: number, reason: Buffer | string) => {
        this.isClosed = true;
        const transport = opts.transport && firstError(opts.transport);
        const err = new ConnectionClosedError(
          this.protocolError?.code ?? code,
          reason.toString(),
          this.protocolError?.message,
          transport ? ((transport as NodeJS.ErrnoException).code ?? transport.message) : undefined,
        );
        this.ended = err;
        this.rejectPending(err);
        resolve(err);
      };
      // dial hands the socket over paused; an error or a close may already have happened
      const early = firstError(socket);
      if (early) this.broken(early);
      if (socket.readyState === WebSocket.CLOSED) onClose(1006, '');
      else socket.once('close', onClose);
    });
    socket.resume();
  }

  handle(action: string, handler: Handler): this {
    this.handlers.set(action, handler);
    return this;
  }

  setCallTimeout(ms: number) {
    this.callTimeoutMs = ms;
  }

  /** No CALL waits past this time (epoch ms), whatever MessageTimeout says; undefined lifts the bound. */
  setDeadline(at: number | undefined) {
    this.deadline = at;
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
    if (this.ended) return Promise.reject(this.ended);
    if (this.isClosed) return Promise.reject(new ConnectionClosedError(1006, 'closed before the call'));
    // our own message breaking the schema is a bug or bad station data: say so before the peer does
    const violation = this.opts.schemas.check(action, 'Request', payload);
    if (violation)
      return Promise.reject(new CallError(violation.code, `our ${action} breaks the OCPP ${this.version} schema: ${violation.message}`));
    const id = randomUUID();
    const left = this.deadline === undefined ? Infinity : Math.max(1, this.deadline - Date.now());
    const waitMs = Math.min(this.callTimeoutMs, left);
    return new Promise<Payload>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        reject(new CallTimeoutError(action, waitMs, waitMs < this.callTimeoutMs ? 'deadline' : 'message-timeout'));
      }, waitMs);
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
    if ('details' in safe) safe.details = redactPayload(safe.details) as Payload;
    this.opts.onMessage({ direction, frame: safe, ...(action ? { action } : {}), ...(problem ? { problem } : {}) });
  }

  /** The WebSocket failed: ws has sent the close frame with the fitting code (1002, 1007, 1009). */
  private broken(err: Error) {
    if (this.protocolError || this.isClosed) return;
    this.protocolError = { code: closeCodeOf(err), message: err.message };
    this.ended = new ConnectionClosedError(this.protocolError.code, '', err.message);
    this.rejectPending(this.ended);
  }

  /** A bug of ours while handling one message: that connection ends, every other one goes on. */
  private crashed(err: unknown) {
    this.log(
      'in',
      { type: CALLERROR, id: '-1', code: 'InternalError', description: 'could not handle a message', details: {} },
      undefined,
      String(err),
    );
    this.close(1011, 'internal error');
  }

  private rejectPending(err: Error) {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = undefined;
    p.reject(err);
  }

  /** `text` is undefined for a binary frame, which OCPP-J never uses. */
  private async receive(text: string | undefined) {
    let frame: Frame;
    try {
      if (text === undefined) throw new FrameError('RpcFrameworkError', '-1', 'a binary frame (OCPP-J sends text frames only)');
      frame = parseFrame(text, this.version);
    } catch (err) {
      if (!(err instanceof FrameError)) throw err;
      this.log(
        'in',
        { type: CALLERROR, id: err.id, code: err.code, description: 'unreadable message', details: {} },
        this.pending?.action,
        err.message,
      );
      const answerLike = text !== undefined && isAnswer(text);
      // While our CALL waits, anything unreadable is taken as its broken answer: waiting on would only end in a timeout.
      if (this.pending && (answerLike || err.id === '-1' || err.id === this.pending.id)) {
        const action = this.pending.action;
        this.rejectPending(new BadAnswerError(action, err.message));
      }
      // a broken answer is never answered; anything else gets the CALLERROR the framing error names
      if (!answerLike) this.transmit({ type: CALLERROR, id: err.id, code: err.code, description: err.message, details: {} });
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
      // only one CALL is outstanding (OCPP-J part 4 §4.1.1): an answer with another id is a broken answer to it
      if (p) this.rejectPending(new BadAnswerError(p.action, `it carries message id ${JSON.stringify(frame.id)}, not ${p.id}`));
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
      if (this.version === '2.1')
        this.transmit({ type: CALLRESULTERROR, id: frame.id, code: violation.code, description: violation.message, details: {} }, p.action);
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
    if (!handler)
      return this.transmit(
        { type: CALLERROR, id, code: 'NotImplemented', description: `${action} is not implemented here`, details: {} },
        action,
      );
    let response: Payload;
    try {
      response = await handler(payload, { action, id });
    } catch (err) {
      if (err instanceof CallError)
        return this.transmit({ type: CALLERROR, id, code: err.code, description: err.description, details: err.details }, action);
      return this.transmit(
        { type: CALLERROR, id, code: 'InternalError', description: 'the handler failed', details: {} },
        action,
        String(err),
      );
    }
    const bad = this.opts.schemas.check(action, 'Response', response);
    if (bad)
      return this.transmit(
        { type: CALLERROR, id, code: 'InternalError', description: 'could not build a valid response', details: {} },
        action,
        bad.message,
      );
    this.transmit({ type: CALLRESULT, id, payload: response }, action);
  }
}

function isAnswer(text: string): boolean {
  return /^\s*\[\s*[345]\s*,/.test(text);
}
