// The derivation worker: one request in, one response out (src of the page's Blob URL worker:
// scripts/playground.mjs bundles this file into a string that main.ts starts from a Blob).

import { deriveProblem, evaluateProblem, failure } from './engine.js';
import type { Request, Response } from './protocol.js';

interface WorkerScope {
  onmessage: ((e: { data: { id: number; request: Request } }) => void) | null;
  postMessage(message: { id: number; response: Response }): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = ({ data: { id, request } }) => {
  let response: Response;
  try {
    response = request.kind === 'derive' ? deriveProblem(request.problem) : evaluateProblem(request.problem, request.seed);
  } catch (err) {
    response = failure(err);
  }
  scope.postMessage({ id, response });
};
