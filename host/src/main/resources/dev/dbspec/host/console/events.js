// Live task and upload progress over the WebSocket /api/ws. The token goes in the first message, never in the URL
// (URLs end up in logs); after a drop the channel reconnects and asks for the events after the last one it saw.
// Pages still poll GET /api/tasks/{id} when the channel is down, so nothing depends on it.

import { token } from './api.js';

const listeners = new Set();
let socket = null;
let lastSeq = -1;
let wanted = false;
let retry = 500;
let live = false;
const log = [];

/** The events received in this tab, oldest first (the Tasks page shows them). */
export function received() { return log.slice(); }
export function isLive() { return live; }

/** Calls fn(event) for every event until the returned function is called. */
export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function emit(event) {
  for (const fn of [...listeners]) {
    try { fn(event); } catch (e) { console.error(e); }
  }
}

export function connect() {
  wanted = true;
  if (socket) return;
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/ws';
  const current = new WebSocket(url);
  socket = current;
  current.onopen = () => current.send(JSON.stringify({ token: token(), after: lastSeq }));
  current.onmessage = message => {
    const event = JSON.parse(message.data);
    if (event.type === 'ready') {
      live = true;
      retry = 500;
      if (lastSeq < 0) lastSeq = event.seq; // a first connection starts from now
      emit({ type: 'channel', live: true });
      return;
    }
    if (typeof event.seq === 'number') {
      if (event.seq <= lastSeq) return; // already seen before a reconnect
      lastSeq = event.seq;
    }
    log.push(event);
    if (log.length > 500) log.shift();
    emit(event);
  };
  current.onclose = close => {
    socket = null;
    live = false;
    emit({ type: 'channel', live: false, code: close.code });
    if (!wanted || close.code === 1008) return; // refused: a new token is needed, not a retry
    setTimeout(() => { if (wanted && !socket) connect(); }, retry);
    retry = Math.min(retry * 2, 10000);
  };
}

export function disconnect() {
  wanted = false;
  live = false;
  log.length = 0;
  lastSeq = -1;
  if (socket) socket.close(1000, 'signed out');
  socket = null;
}

/**
 * Follows a task until it ends: onUpdate(status) on every event of the channel and, when the channel is down, on
 * every poll of GET /api/tasks/{id}. Resolves with the final status.
 */
export function follow(taskId, poll, onUpdate) {
  return new Promise(resolve => {
    let done = false;
    let timer = null;
    let unsubscribe = () => {};
    const finish = status => {
      if (done) return;
      onUpdate(status);
      if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(status.state)) {
        done = true;
        unsubscribe();
        if (timer) clearInterval(timer);
        resolve(status);
      }
    };
    unsubscribe = subscribe(event => { if (event.type === 'task' && event.taskId === taskId) finish(event); });
    // events that arrived before the caller had the task id (the 202 and the first event race)
    for (const event of log) if (event.type === 'task' && event.taskId === taskId) finish(event);
    if (done) return;
    timer = setInterval(async () => {
      if (live || done) return;
      try { finish(await poll(taskId)); } catch (e) { /* the next poll tries again */ }
    }, 1500);
  });
}
