// Runs a snippet MQScope generated for a browser page or a WeChat mini program, in node, as it would run there:
//
//   node snippet-runner.js browser FILE.html        the page's inline script, with mqtt.js 5's browser bundle as
//                                                   the page's <script src> and `ws` as the browser's WebSocket
//   node snippet-runner.js wechat-mqttjs FILE.js    with a `wx` object (wx-shim.js) and no window or document;
//                                                   './mqtt.esm.js' is mqtt.js 5's bundle (the IIFE build of the
//                                                   same code), './crypto-js.js' the crypto-js package
//   node snippet-runner.js wechat-paho FILE.js      the same `wx`; './paho-mqtt.js' is the paho-mqtt package
//
// The snippet's console output is passed through; exits 0 once the snippet logged "received", 1 after 20 s.
const fs = require('fs');
const path = require('path');

const [kind, file] = process.argv.slice(2);
let code = fs.readFileSync(file, 'utf8');

function loadMqttBundle() {
  // mqtt.js 5's bundle reads navigator while loading (MQTT.js #1796)
  globalThis.navigator = globalThis.navigator || { language: 'zh-CN', userAgent: 'miniprogram' };
  const text = fs.readFileSync(path.join(__dirname, 'node_modules', 'mqtt', 'dist', 'mqtt.js'), 'utf8');
  // eslint-disable-next-line no-new-func
  return new Function(text + '\nreturn mqtt;')();
}

if (kind === 'browser') {
  const page = code;
  const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  if (!/<script src="https:\/\/unpkg\.com\/mqtt@[0-9.]+\/dist\/mqtt\.min\.js"><\/script>/.test(page)) {
    throw new Error('the page does not load mqtt.min.js');
  }
  const log = { textContent: '' };
  globalThis.window = globalThis;
  globalThis.document = { getElementById: (id) => (id === 'log' ? log : null) };
  globalThis.WebSocket = require('ws');
  // node has no Worker, which mqtt.js 5 uses in a page for its keepalive timer (worker-timers, so a background tab
  // keeps pinging); navigator.product 'ReactNative' makes the bundle take its native timers instead. Everything
  // else stays the browser path (the browser WebSocket stream builder).
  globalThis.navigator = { language: 'en', userAgent: 'snippet-runner', product: 'ReactNative' };
  globalThis.mqtt = loadMqttBundle();
  code = scripts.join('\n');
} else if (kind === 'wechat-mqttjs' || kind === 'wechat-paho') {
  globalThis.wx = require('./wx-shim').wx;
  const mqtt = kind === 'wechat-mqttjs' ? loadMqttBundle() : null;
  const modules = {
    './mqtt.esm.js': () => mqtt,
    './crypto-js.js': () => require('crypto-js'),
    './paho-mqtt.js': () => require('paho-mqtt'),
  };
  globalThis.__snippetRequire = (name) => {
    if (!modules[name]) { throw new Error('the snippet requires ' + name); }
    return modules[name]();
  };
  code = code.replace(/^import (\w+) from '([^']+)'.*$/mg, "const $1 = __snippetRequire('$2')")
    .replace(/require\('(\.\/[^']+)'\)/g, "__snippetRequire('$1')");
} else {
  console.error('usage: node snippet-runner.js browser|wechat-mqttjs|wechat-paho FILE');
  process.exit(2);
}

const print = console.log;
console.log = (...args) => {
  print(...args);
  if (String(args[0]).startsWith('received ')) {
    setTimeout(() => process.exit(0), 300);
  }
};
setTimeout(() => { print('timeout: nothing received within 20 s'); process.exit(1); }, 20000);
// eslint-disable-next-line no-new-func
new Function(code)();
