// Conversations that go wrong, for the conversation doctor's tests, with mqtt.js as front ends run it.
// node doctor-scenarios.js <scenario> <url> [extra]; prints what happened, exits 0 after its time.
//   throwing-callback: a message callback that throws (a retained message arrives at every connect)
//   same-id: two clients with one client id, both reconnecting
//   blocked-loop: keepalive 2 s, then the event loop is blocked for 5 s
//   clean: connect, subscribe, publish at QoS 0/1/2, receive them, disconnect
//   no-ack: a QoS 1 subscriber whose message handling never completes (no PUBACK)
//   wrong-password: a device whose password is wrong, reconnecting as mqtt.js does; [extra] = username
//   subscribe: subscribes at QoS 2, then disconnects; [extra] = "version;filter,filter"
const mqtt = require('mqtt');

const [scenario, url, extra] = process.argv.slice(2);
const done = (ms, what) => setTimeout(() => { console.log(what || 'done'); process.exit(0); }, ms);
const options = (o) => Object.assign({ protocolVersion: 4, connectTimeout: 5000, reconnectPeriod: 300 }, o);

if (scenario === 'throwing-callback') {
  const topic = 'doctor/cmd/' + process.pid;
  const seed = mqtt.connect(url, options({ clientId: 'seed-' + process.pid, reconnectPeriod: 0 }));
  seed.on('connect', () => seed.publish(topic, '{"led":', { qos: 1, retain: true }, () => {
    seed.end();
    // the front end: parses every message, and JSON.parse throws on the cut-off payload
    const client = mqtt.connect(url, options({ clientId: 'mini-' + process.pid }));
    let connects = 0;
    client.on('connect', () => { connects++; client.subscribe(topic, { qos: 0 }); });
    client.on('message', (t, payload) => { JSON.parse(payload.toString()); });
    client.on('error', () => {});
    // what a front end's global error handler often does: the app is in a bad state, so the connection is
    // dropped (mqtt.js then reconnects, gets the retained message again, and throws again)
    process.on('uncaughtException', (e) => { console.log('callback threw: ' + e.message); client.stream.destroy(); });
    setTimeout(() => { console.log('connects ' + connects); process.exit(0); }, Number(extra || 6000));
  }));
} else if (scenario === 'same-id') {
  const id = 'triplet-' + process.pid;
  const a = mqtt.connect(url, options({ clientId: id }));
  a.on('error', () => {});
  setTimeout(() => {
    const b = mqtt.connect(url, options({ clientId: id }));
    b.on('error', () => {});
  }, 300);
  done(Number(extra || 6000));
} else if (scenario === 'blocked-loop') {
  const client = mqtt.connect(url, options({ clientId: 'blocked-' + process.pid, keepalive: 2, reconnectPeriod: 0 }));
  client.on('error', () => {});
  client.on('connect', () => {
    setTimeout(() => {
      const until = Date.now() + Number(extra || 5000);
      while (Date.now() < until) { /* a long synchronous job on the client's only thread */ }
      setTimeout(() => { console.log('unblocked, connected ' + client.connected); process.exit(0); }, 500);
    }, 200);
  });
} else if (scenario === 'clean') {
  const topic = 'doctor/clean/' + process.pid;
  const version = Number(extra || 4);
  const client = mqtt.connect(url, options({ clientId: 'clean-' + process.pid, reconnectPeriod: 0,
    protocolVersion: version }));
  let got = 0;
  client.on('error', (e) => { if (got < 3) { console.log('failed: ' + e.message); process.exit(1); } });
  client.on('connect', () => client.subscribe(topic + '/#', { qos: 2 }, () => {
    client.publish(topic + '/0', 'zero', { qos: 0 });
    client.publish(topic + '/1', 'one', { qos: 1 });
    client.publish(topic + '/2', 'two', { qos: 2 });
  }));
  client.on('message', () => {
    // the last QoS 2 exchange ends with the client's PUBCOMP, which mqtt.js sends after this callback
    if (++got === 3) { setTimeout(() => client.end(false, () => { console.log('ok'); process.exit(0); }), 300); }
  });
  setTimeout(() => { console.log('failed: got ' + got); process.exit(1); }, 10000);
} else if (scenario === 'no-ack') {
  const topic = 'doctor/noack/' + process.pid;
  const client = mqtt.connect(url, options({ clientId: 'noack-' + process.pid, reconnectPeriod: 0 }));
  // the application takes the message and never says it is done: mqtt.js sends PUBACK only then
  client.handleMessage = (packet, callback) => { console.log('holding ' + packet.topic); };
  client.on('connect', () => client.subscribe(topic, { qos: 1 }, () => client.publish(topic, 'x', { qos: 1 })));
  done(Number(extra || 4000));
} else if (scenario === 'will') {
  // a device with a will whose process dies: the socket goes without DISCONNECT
  const client = mqtt.connect(url, options({ clientId: 'will-' + process.pid, reconnectPeriod: 0,
    will: { topic: extra, payload: 'offline', qos: 0 } }));
  client.on('error', () => {});
  client.on('connect', () => setTimeout(() => { client.stream.destroy(); done(500, 'dropped'); }, 300));
} else if (scenario === 'large') {
  const version = Number(extra || 4);
  const client = mqtt.connect(url, options({ clientId: 'large-' + process.pid, reconnectPeriod: 0,
    protocolVersion: version }));
  client.on('error', (e) => console.log('error ' + e.message));
  client.on('connect', () => client.publish('doctor/large', Buffer.alloc(5000, 0x61), { qos: 0 }));
  done(2000);
} else if (scenario === 'wrong-password') {
  const client = mqtt.connect(url, options({ clientId: 'pw-' + process.pid, username: extra || 'mqscope',
    password: 'not-the-password' }));
  let refusals = 0;
  client.on('error', () => { refusals++; });
  done(4000, 'refused');
} else if (scenario === 'subscribe') {
  const [version, filters] = (extra || '4,a/#').split(';');
  const client = mqtt.connect(url, options({ clientId: 'sub-' + process.pid, reconnectPeriod: 0,
    protocolVersion: Number(version) }));
  client.on('error', (e) => console.log('error ' + e.message));
  client.on('connect', () => client.subscribe(filters.split(','), { qos: 2 }, (err, granted) => {
    console.log('granted ' + JSON.stringify((granted || []).map((g) => g.qos)));
    client.end(false, () => process.exit(0));
  }));
  done(5000, 'no suback');
} else {
  console.log('unknown scenario ' + scenario);
  process.exit(2);
}
