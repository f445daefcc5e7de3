// A WeChat mini program's MQTT stack, run in node: mqtt.js's browser bundle (the file a mini program copies into
// its project and requires) with a `wx` object (wx-shim.js) and the wx:// protocol, as a mini program built with
// webpack (uni-app, Taro) loads it. The stack connects as the captured mini program did (client id cn.lokei-1,
// empty username and password, keep-alive 60), then subscribes, publishes and receives its own message.
//
//   node miniprogram.js STACK ws://HOST:PORT/PATH
//
// STACK: mqtt437        mqtt.js 4.3.7, dist/mqtt.js as published (wx.js sends chunk.buffer)
//        mqtt437-fixed  the same bundle with the fix of MQTT.js PR #1506 applied to wx.js (send only the chunk's
//                       own bytes), as a developer applies it in the mini program
//        mqtt5          mqtt.js 5, dist/mqtt.js, with forceNativeWebSocket (its wx transport)
//
// Prints one JSON line {"result": "ok" | "closed" | "error" | "timeout", "connected": bool, "why": ...,
// "closeCode": N, "sent": [hex of every WebSocket message sent]} and exits 0; exits 1 only on a bad argument.
const fs = require('fs');
const path = require('path');
const shim = require('./wx-shim');

const [stack, url] = process.argv.slice(2);
if (!stack || !url || !/^wss?:\/\//.test(url)) {
  console.error('usage: node miniprogram.js mqtt437|mqtt437-fixed|mqtt5 ws://host:port/path');
  process.exit(1);
}

// What a mini program has as globals: wx, and no window or document. mqtt.js 4.3.x registers its wx transport
// only when bundled by webpack (lib/connect/index.js tests `typeof __webpack_require__`).
globalThis.wx = shim.wx;
globalThis.__webpack_require__ = function webpackRequire() { throw new Error('not used'); };

const BUGGY_SEND = 'data: chunk.buffer,';
// MQTT.js PR #1506 (lib/connect/wx.js): the chunk is a view into a larger buffer (mqtt-packet writes the
// Remaining Length into a 4-byte buffer and sends a 1-byte view of it): send the view's bytes, not the buffer.
const FIXED_SEND = 'data: (chunk.byteOffset == 0 && chunk.byteLength == chunk.buffer.byteLength) ? chunk.buffer'
  + ' : chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength),';

function load(file, patch, returns) {
  let text = fs.readFileSync(path.join(__dirname, 'node_modules', file), 'utf8');
  if (patch) {
    // wx.js's SocketTask.send (ali.js has the same line, sent through my.sendSocketMessage)
    const task = text.indexOf('socketTask.send({');
    const at = text.indexOf(BUGGY_SEND, task);
    if (task < 0 || at < 0 || at - task > 40 || text.indexOf('socketTask.send({', task + 1) >= 0) {
      throw new Error('wx.js SocketTask.send not found exactly once in ' + file);
    }
    text = text.slice(0, at) + FIXED_SEND + text.slice(at + BUGGY_SEND.length);
  }
  const module = { exports: {} };
  // eslint-disable-next-line no-new-func
  const result = new Function('module', 'exports', text + (returns ? '\nreturn ' + returns + ';' : ''))(module,
    module.exports);
  return returns ? result : module.exports;
}

const mqtt = {
  mqtt437: () => load('mqtt437/dist/mqtt.js', false),
  'mqtt437-fixed': () => load('mqtt437/dist/mqtt.js', true),
  mqtt5: () => {
    // mqtt.js 5's bundle reads navigator.language at load; a mini program has no navigator (MQTT.js #1796)
    globalThis.navigator = globalThis.navigator || { language: 'zh-CN', userAgent: 'miniprogram' };
    return load('mqtt/dist/mqtt.js', false, 'mqtt');
  },
}[stack];
if (!mqtt) {
  console.error('unknown stack ' + stack);
  process.exit(1);
}

const outcome = { result: 'timeout', connected: false, why: null, closeCode: null, sent: shim.sent };
let done = false;
function finish(result, why) {
  if (done) { return; }
  done = true;
  outcome.result = result;
  outcome.why = why || null;
  // let the last close event land before reporting
  setTimeout(() => {
    console.log(JSON.stringify(outcome));
    process.exit(0);
  }, 200);
}
// mqtt.js 4.3.x's wx.js overrides stream.destroy, so a socket closed before CONNACK never reaches the client's
// 'close' event (MQTT.js #1664): the mini program sees only the SocketTask's onClose, "close 1006".
shim.onClose = (code) => {
  outcome.closeCode = code;
  if (!outcome.connected) { setTimeout(() => finish('closed', 'socket closed before CONNACK'), 1000); }
};

const lib = mqtt();
const topic = 'mqscope/miniprogram/' + process.pid;
const client = lib.connect(url.replace(/^ws/, 'wx'), {
  clientId: 'cn.lokei-1', username: '', password: '', keepalive: 60, clean: true, protocolVersion: 4,
  reconnectPeriod: 0, connectTimeout: 10000, forceNativeWebSocket: true,
});
const timer = setTimeout(() => finish('timeout', 'nothing conclusive within 15 s'), 15000);
client.on('error', (e) => finish('error', e.message));
client.on('close', () => { clearTimeout(timer); finish('closed', outcome.connected ? 'closed after CONNACK' : null); });
client.on('connect', () => {
  outcome.connected = true;
  client.subscribe(topic, { qos: 1 }, (err) => {
    if (err) { finish('error', err.message); return; }
    client.publish(topic, 'from the mini program', { qos: 1 });
  });
});
client.on('message', (t, payload) => {
  clearTimeout(timer);
  if (payload.toString() !== 'from the mini program') { finish('error', 'wrong payload ' + payload); return; }
  // end()'s callback never runs on the wx transport of 4.3.x (MQTT.js #1664): report after a short wait instead
  client.end(false);
  finish('ok');
});
