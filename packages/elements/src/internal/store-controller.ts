/**
 * Subscribes a Lit element to a nanostores store while it is connected (STYLE.md §12):
 * subscribe on connect, unsubscribe on disconnect, re-render on change. The store may be
 * swapped (`setStore`) when the element's attributes point it at another community or API.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

type Host = ReactiveControllerHost & HTMLElement;

export class StoreController<T> implements ReactiveController {
  #host: Host;
  #store: ReadableAtom<T> | undefined;
  #unsubscribe: (() => void) | undefined;
  #onChange: ((value: T) => void) | undefined;
  #value: T | undefined;

  /** `onChange` runs with each new value (and the current one on subscribing). */
  constructor(host: Host, store?: ReadableAtom<T>, onChange?: (value: T) => void) {
    this.#host = host;
    this.#store = store;
    this.#onChange = onChange;
    host.addController(this);
  }

  /** The store's value (read through while not subscribed). */
  get value(): T | undefined {
    return this.#unsubscribe ? this.#value : this.#store?.get();
  }

  get store(): ReadableAtom<T> | undefined {
    return this.#store;
  }

  setStore(store: ReadableAtom<T> | undefined): void {
    if (store === this.#store) return;
    const subscribed = this.#unsubscribe !== undefined;
    this.#stop();
    this.#store = store;
    if (subscribed || this.#host.isConnected) this.#start();
  }

  hostConnected(): void {
    this.#start();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #start(): void {
    if (this.#unsubscribe || !this.#store) return;
    this.#unsubscribe = this.#store.subscribe((value) => {
      this.#value = value;
      this.#onChange?.(value);
      this.#host.requestUpdate();
    });
  }

  #stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
