// The part of a WeChat mini program's `wx` object that mqtt.js's wx transport uses: wx.connectSocket and its
// SocketTask (onOpen, onMessage, onClose, onError, send, close), on top of the `ws` package. Like the real
// SocketTask, send() takes a string or an ArrayBuffer and sends each call as one WebSocket message, an empty
// ArrayBuffer as an empty message; onMessage hands an ArrayBuffer; onClose gives {code, reason}.
// Every message sent is kept in `sent` (as hex) so a test can compare it with what the tap saw.
const WebSocket = require('ws');

const sent = [];

function connectSocket({ url, protocols, header }) {
  const socket = new WebSocket(url, protocols || [], { headers: header || {}, rejectUnauthorized: false });
  socket.binaryType = 'arraybuffer';
  const handlers = { open: [], message: [], close: [], error: [] };
  const fire = (kind, arg) => handlers[kind].forEach((h) => h(arg));
  let closed = false;
  socket.on('open', () => fire('open', { header: {} }));
  socket.on('message', (data, isBinary) => fire('message',
    { data: isBinary ? data : Buffer.from(data).toString('utf8') }));
  socket.on('error', (e) => fire('error', { errMsg: 'connectSocket:fail ' + e.message }));
  socket.on('close', (code, reason) => {
    closed = true;
    if (module.exports.onClose) { module.exports.onClose(code); }
    fire('close', { code, reason: reason.toString() });
  });
  return {
    onOpen: (h) => handlers.open.push(h),
    onMessage: (h) => handlers.message.push(h),
    onClose: (h) => handlers.close.push(h),
    onError: (h) => handlers.error.push(h),
    send({ data, success, fail, complete }) {
      if (socket.readyState !== WebSocket.OPEN) {
        const res = { errMsg: 'sendSocketMessage:fail WebSocket is not connected' };
        if (fail) { fail(res); }
        if (complete) { complete(res); }
        return;
      }
      if (!(typeof data === 'string' || data instanceof ArrayBuffer)) {
        // the real SocketTask.send refuses anything else (a Uint8Array included)
        const res = { errMsg: 'sendSocketMessage:fail parameter error: data should be String or ArrayBuffer' };
        if (fail) { fail(res); }
        if (complete) { complete(res); }
        return;
      }
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
      sent.push(bytes.toString('hex'));
      socket.send(typeof data === 'string' ? data : bytes, { binary: typeof data !== 'string' }, (err) => {
        const res = { errMsg: err ? 'sendSocketMessage:fail ' + err.message : 'sendSocketMessage:ok' };
        if (err && fail) { fail(res); }
        if (!err && success) { success(res); }
        if (complete) { complete(res); }
      });
    },
    close({ code, reason, success, complete } = {}) {
      if (!closed) {
        socket.close(code || 1000, reason || '');
      }
      const res = { errMsg: 'closeSocket:ok' };
      if (success) { success(res); }
      if (complete) { complete(res); }
    },
  };
}

module.exports = { wx: { connectSocket }, sent };
