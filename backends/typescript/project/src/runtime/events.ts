// The typed in-process event bus and its outbox.
//
// Handlers raise events while they work; an event is *published* only after the write that raised
// it has committed: it is appended to the outbox (the durable record other processes can relay)
// and then delivered to the in-process subscribers. `EventMap` maps each event name to its payload
// type, so `publish` and `subscribe` are checked by the compiler.
import { randomUUID } from 'node:crypto';

import { currentCorrelationId } from './logs.js';

export interface DomainEvent<Name extends string = string, Payload = unknown> {
  readonly id: string;
  readonly name: Name;
  readonly occurredAt: string;
  // The correlation id of the request that raised it (logs.ts), if a request did.
  readonly correlationId?: string;
  readonly payload: Payload;
}

// Where published events are recorded before subscribers see them.
export interface Outbox {
  append(event: DomainEvent): void;
}

export class MemoryOutbox implements Outbox {
  readonly events: DomainEvent[] = [];
  append(event: DomainEvent): void {
    this.events.push(event);
  }
}

type Handler<Payload> = (event: DomainEvent<string, Payload>) => void;

export class EventBus<EventMap extends object> {
  private readonly handlers = new Map<string, Handler<unknown>[]>();
  private readonly everyHandlers: Handler<unknown>[] = [];

  constructor(private readonly outbox: Outbox) {}

  // Calls `handler` for every event named `name`; returns a function that unsubscribes.
  subscribe<Name extends keyof EventMap & string>(name: Name, handler: Handler<EventMap[Name]>): () => void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as Handler<unknown>);
    this.handlers.set(name, list);
    return () => {
      const at = list.indexOf(handler as Handler<unknown>);
      if (at >= 0) list.splice(at, 1);
    };
  }

  // Calls `handler` for every event (to relay them elsewhere, or to record them in tests).
  subscribeAll(handler: Handler<unknown>): () => void {
    this.everyHandlers.push(handler);
    return () => {
      const at = this.everyHandlers.indexOf(handler);
      if (at >= 0) this.everyHandlers.splice(at, 1);
    };
  }

  publish<Name extends keyof EventMap & string>(name: Name, payload: EventMap[Name]): DomainEvent<Name, EventMap[Name]> {
    const correlationId = currentCorrelationId();
    const event = { id: randomUUID(), name, occurredAt: new Date().toISOString(), ...(correlationId === undefined ? {} : { correlationId }), payload };
    this.outbox.append(event);
    for (const handler of [...(this.handlers.get(name) ?? []), ...this.everyHandlers]) handler(event);
    return event;
  }
}

// The events one request raises, published together once its write has committed.
export class PendingEvents<EventMap extends object> {
  private readonly pending: Array<() => void> = [];

  constructor(private readonly bus: EventBus<EventMap>) {}

  raise<Name extends keyof EventMap & string>(name: Name, payload: EventMap[Name]): void {
    this.pending.push(() => {
      this.bus.publish(name, payload);
    });
  }

  // A record event whose entity is known only at run time (`Patient.deleted` for each record a
  // cascade removed): its name and payload are the model's, which the caller guarantees.
  raiseRecordEvent(name: string, payload: object): void {
    this.raise(name as keyof EventMap & string, payload as EventMap[keyof EventMap & string]);
  }

  publishAll(): void {
    for (const publish of this.pending.splice(0)) publish();
  }
}
