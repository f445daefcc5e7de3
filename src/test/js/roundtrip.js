// One MQTT session with mqtt.js, as a front end would run it: connect to the URL given (mqtt:// or ws://),
// subscribe, publish, receive its own message, disconnect. Prints "ok" and exits 0, or prints why and exits 1.
const mqtt = require('mqtt');

const url = process.argv[2];
const topic = 'mqscope/mqttjs/' + process.pid;
const client = mqtt.connect(url, { clientId: 'mqttjs-' + process.pid, protocolVersion: 4, reconnectPeriod: 0,
  connectTimeout: 10000 });
const fail = (why) => { console.log('failed: ' + why); process.exit(1); };
const timer = setTimeout(() => fail('no message within 15 s'), 15000);

client.on('error', (e) => fail(e.message));
client.on('connect', () => {
  client.subscribe(topic, { qos: 1 }, (err) => {
    if (err) { fail(err.message); }
    client.publish(topic, 'through the tap', { qos: 1 });
  });
});
client.on('message', (t, payload) => {
  if (payload.toString() !== 'through the tap') { fail('wrong payload ' + payload.toString()); }
  clearTimeout(timer);
  client.end(false, () => { console.log('ok'); process.exit(0); });
});
