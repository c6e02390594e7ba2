/** msw request handlers: every request under the mock's base URL goes to the backend's app. */
import { http, type HttpHandler } from 'msw';
import { createMockBackend, type MockBackend, type MockOptions } from './backend.js';

export type HandlerOptions = MockOptions;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One msw handler answering everything under `backend.baseUrl`. */
export function handlersFor(backend: MockBackend): HttpHandler[] {
  return [
    http.all(new RegExp(`^${escape(backend.baseUrl)}/`), ({ request }) => backend.fetch(request)),
  ];
}

/** The handlers over a new backend (see `createMockBackend`). */
export function createHandlers(options: HandlerOptions): HttpHandler[] {
  return handlersFor(createMockBackend(options));
}
