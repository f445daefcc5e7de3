// mqtt.js subscriber for the ingest benchmark: node sub-mqttjs.js URL COUNT TOPIC_FILTER
// Writes each payload and a newline to stdout in batches (flushed every 100 ms and at the end), like mqscope sub.
const mqtt = require('mqtt');
const [url, countArg, filter] = process.argv.slice(2);
const count = Number(countArg);
let received = 0;
let chunks = [];
function flush() {
  if (chunks.length) {
    process.stdout.write(Buffer.concat(chunks));
    chunks = [];
  }
}
const timer = setInterval(flush, 100);
const newline = Buffer.from('\n');
const client = mqtt.connect(url, { protocolVersion: 4, reconnectPeriod: 0 });
client.on('connect', () => client.subscribe(filter, { qos: 0 }));
client.on('message', (topic, payload) => {
  received++;
  if (received > count) return;
  chunks.push(payload, newline);
  if (received === count) {
    flush();
    clearInterval(timer);
    client.end(true, () => process.exit(0));
  }
});
client.on('error', (e) => { console.error('mqtt.js: ' + e.message); process.exit(1); });
