import { parentPort } from 'node:worker_threads';
import { errorInfo } from '../../errors.js';
import { prepareDocument, type PrepareTask } from './prepare.js';

// Compile PDFium's WebAssembly while the main thread is still reading and hashing files.
void import('./extractors/pdf-pdfium.js').then((m) => m.warmUp());

/** This thread's heap and the buffers it holds (PDFium's WebAssembly memory among them). */
function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/** Worker-thread entry: prepares one document per message, replying with the result or the error. */
parentPort?.on('message', async (msg: { id: number; task: PrepareTask }) => {
  try {
    const doc = await prepareDocument(msg.task);
    parentPort!.postMessage({ id: msg.id, ok: true, doc, memory: memory() });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, ok: false, error: errorInfo(err), memory: memory() });
  }
});
