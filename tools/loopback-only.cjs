// Preload for the test suite and for third-party tools run locally:
//   node -r ./tools/loopback-only.cjs ...   (or NODE_OPTIONS="--require <absolute path>")
// scripts/test.mjs puts it into NODE_OPTIONS, so jest, its workers and every bot
// process a test starts inherit it.
// It refuses every outbound TCP connection that is not to loopback, and every
// listen() without a host is bound to 127.0.0.1. Some third-party tools (for
// example telemetry inside local test clients) try to reach the internet or
// cloud metadata addresses; on this project's machines nothing but loopback may
// be contacted. Refused attempts are listed on stderr once each.
'use strict';
const net = require('node:net');
const isLoopback = (h) => !h || h === 'localhost' || /^127\./.test(h) || h === '::1' || h === '[::1]';
const seen = new Set();
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  let o = Array.isArray(args[0]) ? args[0][0] : args[0];
  let host;
  if (o && typeof o === 'object') {
    if (o.path) return connect.apply(this, args);
    host = o.host;
  } else if (typeof args[1] === 'string') host = args[1];
  if (!isLoopback(host)) {
    if (!seen.has(host)) { seen.add(host); process.stderr.write(`loopback-only: refused a connection to ${host}\n`); }
    const err = Object.assign(new Error(`loopback-only: refused ${host}`), { code: 'ECONNREFUSED' });
    process.nextTick(() => this.destroy(err));
    return this;
  }
  return connect.apply(this, args);
};
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...a) {
  if (typeof a[0] === 'number' && (a.length === 1 || typeof a[1] === 'function')) a.splice(1, 0, '127.0.0.1');
  else if (a[0] && typeof a[0] === 'object' && a[0].port !== undefined && !a[0].host && !a[0].path) a[0] = { ...a[0], host: '127.0.0.1' };
  return listen.apply(this, a);
};
