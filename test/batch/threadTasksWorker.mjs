// A tiny worker for test/batch/threadTasks.test.ts, following the protocol of src/batch/threadTasks.ts:
// `{ ready: true }` once loaded, then one answer per task message carrying its `task`. What it does
// with a task is the message's `do`:
//   square  answers value²;
//   hold    keeps the task until `of` tasks are held, then answers them all, last received first;
//   spin    computes forever (only terminate() stops it);
//   throw   throws `task <n> failed` (an uncaught error: the thread's 'error' event);
//   exit    ends the thread with exit code `code`.
import { parentPort } from 'node:worker_threads';

const held = [];
parentPort.on('message', (m) => {
  if (m.do === 'square') parentPort.postMessage({ task: m.task, value: m.value * m.value });
  else if (m.do === 'hold') {
    held.push(m);
    if (held.length === m.of) for (const h of held.reverse()) parentPort.postMessage({ task: h.task, value: h.value * h.value });
  } else if (m.do === 'spin') for (;;);
  else if (m.do === 'throw') throw new Error(`task ${m.task} failed`);
  else if (m.do === 'exit') process.exit(m.code);
});
parentPort.postMessage({ ready: true });
