// One MQTT session with Paho JavaScript (paho-mqtt), the browser client, over WebSocket: connect to the URL given,
// subscribe, publish, receive its own message, disconnect. Paho asks for the subprotocol "mqtt" with MQTT 3.1.1
// (mqttVersion 4) and "mqttv3.1" with MQTT 3.1 (mqttVersion 3).
//
//   node paho.js ws://HOST:PORT/PATH 3|4
//
// Prints "ok" and exits 0, or prints why and exits 1.
globalThis.WebSocket = require('ws'); // what a browser provides
const Paho = require('paho-mqtt');

const [url, version] = process.argv.slice(2);
const topic = 'mqscope/paho/' + process.pid;
const client = new Paho.Client(url, 'paho-' + process.pid);
const fail = (why) => { console.log('failed: ' + why); process.exit(1); };
const timer = setTimeout(() => fail('no message within 15 s'), 15000);

client.onConnectionLost = (res) => {
  if (res.errorCode !== 0) { fail('connection lost: ' + res.errorMessage); }
};
client.onMessageArrived = (message) => {
  if (message.payloadString !== 'through the tap') { fail('wrong payload ' + message.payloadString); }
  clearTimeout(timer);
  client.disconnect();
  console.log('ok');
  // let the DISCONNECT and the close frame go out before leaving
  setTimeout(() => process.exit(0), 300);
};
client.connect({
  mqttVersion: Number(version), timeout: 10, useSSL: url.startsWith('wss:'),
  onFailure: (res) => fail('connect: ' + res.errorMessage),
  onSuccess: () => client.subscribe(topic, {
    qos: 1,
    onFailure: (res) => fail('subscribe: ' + res.errorMessage),
    onSuccess: () => {
      const message = new Paho.Message('through the tap');
      message.destinationName = topic;
      message.qos = 1;
      client.send(message);
    },
  }),
});
