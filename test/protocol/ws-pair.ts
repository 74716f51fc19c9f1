import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** A real WebSocket pair on loopback: `server` is the accepted socket, `client` the dialled one. */
export async function wsPair(protocol = 'ocpp2.0.1') {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => protocol });
  await new Promise((r) => wss.once('listening', r));
  const port = (wss.address() as AddressInfo).port;
  const accepted = new Promise<WebSocket>((r) => wss.once('connection', r));
  const client = new WebSocket(`ws://127.0.0.1:${port}/cp1`, [protocol]);
  await new Promise((r, j) => (client.once('open', r), client.once('error', j)));
  const server = await accepted;
  return {
    client,
    server,
    close: () =>
      new Promise<void>((r) => {
        client.terminate();
        server.terminate();
        wss.close(() => r());
      }),
  };
}

/** The next text message on a raw socket, parsed. */
export const nextMessage = (ws: WebSocket) =>
  new Promise<unknown[]>((r) => ws.once('message', (d) => r(JSON.parse((d as Buffer).toString()))));
