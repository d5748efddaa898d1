import type { z } from 'zod';
import type { Services } from '../services.js';
import type { Identity } from './identity.js';

/** What the route hands a settings action: who is calling (already allowed to), and the body parsed with the contract's schema. */
export interface SettingsCall<Body = unknown> {
  services: Services;
  identity: Identity;
  body: Body;
  ip: string | null;
}

type BodyOf<A> = A extends { body: infer S extends z.ZodType } ? z.output<S> : undefined;
type AnswerOf<A> = A extends { answer: { schema: infer S extends z.ZodType } } ? Promise<z.input<S>> : Promise<void>;

/** What one action of the contract's settings table does; one that declares no answer returns nothing, and the route answers the factors. */
export type SettingsRun<A> = (call: SettingsCall<BodyOf<A>>) => AnswerOf<A>;

/** The runs of a factor's settings actions, one for each action of its contract table. */
export type SettingsRuns<T> = { [K in keyof T]: SettingsRun<T[K]> };
